import ArgumentParser
import NetctlAPI

extension EcsClusterCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a cluster and its counts.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterGet(name: name)) { table([$0]) }
        }
    }
}
