import ArgumentParser
import NetctlAPI

struct ElbLoadBalancerGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one load balancer and its nodes.")

    @Argument(help: "Load balancer ARN or name.")
    var loadBalancer: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(ElbLoadBalancerGet(loadBalancer: loadBalancer), table: ElbView.loadBalancer)
    }
}
