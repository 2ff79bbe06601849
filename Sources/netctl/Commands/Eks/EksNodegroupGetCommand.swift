import ArgumentParser
import NetctlAPI

extension EksNodegroupCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show a node group and its nodes: instance, address, subnet, AZ, ENI.")
        @Argument(help: "Node group name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksNodegroupGet(cluster: cluster.cluster, name: name), table: EksView.nodegroup)
        }
    }
}
