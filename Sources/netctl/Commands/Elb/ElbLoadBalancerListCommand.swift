import ArgumentParser
import NetctlAPI

struct ElbLoadBalancerListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List load balancers.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbLoadBalancerList(maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            ElbView.loadBalancers($0.loadBalancers) + Output.nextPage($0.nextToken)
        }
    }
}
