import ArgumentParser
import NetctlAPI

extension EcsClusterCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a cluster with no services, tasks or instances left.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterDelete(name: name)) { table([$0]) }
        }
    }
}
