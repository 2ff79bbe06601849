import ArgumentParser
import NetctlAPI

struct ElbLoadBalancerDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a load balancer with its listeners and rules; target groups stay.")

    @Argument(help: "Load balancer ARN or name.")
    var loadBalancer: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            ElbLoadBalancerDelete(loadBalancer: loadBalancer), clientToken: mutation.clientToken, table: ElbView.loadBalancer)
    }
}
