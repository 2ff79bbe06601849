import ArgumentParser
import NetctlAPI

struct ElbListenerListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a load balancer's listeners.")

    @Argument(help: "Load balancer ARN or name.")
    var loadBalancer: String

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbListenerList(loadBalancer: loadBalancer, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { ElbView.listeners($0.listeners) + Output.nextPage($0.nextToken) }
    }
}
