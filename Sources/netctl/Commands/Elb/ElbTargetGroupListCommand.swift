import ArgumentParser
import NetctlAPI

struct ElbTargetGroupListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List target groups, optionally those one load balancer uses.")

    @Option(name: .customLong("load-balancer"), help: ArgumentHelp("Only this load balancer's.", valueName: "lb"))
    var loadBalancer: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbTargetGroupList(loadBalancer: loadBalancer, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            ElbView.targetGroups($0.targetGroups) + Output.nextPage($0.nextToken)
        }
    }
}
