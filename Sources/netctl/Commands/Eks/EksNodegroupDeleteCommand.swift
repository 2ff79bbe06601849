import ArgumentParser
import NetctlAPI

extension EksNodegroupCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a node group: its nodes terminate and give their addresses back.")
        @Argument(help: "Node group name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksNodegroupDelete(cluster: cluster.cluster, name: name), table: EksView.nodegroup)
        }
    }
}
