import ArgumentParser
import NetctlAPI

extension EksUpdateCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show one update: its type, parameters and status.")
        @Argument(help: "The update's ID.")
        var updateId: String
        @OptionGroup var cluster: EksClusterOption
        @Option(help: ArgumentHelp("The node group the update belongs to.", valueName: "name"))
        var nodegroup: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksUpdateGet(cluster: cluster.cluster, nodegroup: nodegroup, updateId: updateId)
            ) { EksUpdateCommand.table([$0]) }
        }
    }
}
