import ArgumentParser
import NetctlAPI

extension EksClusterCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Show a cluster: status, version, endpoint, AZs, control-plane ENIs, node counts.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EksClusterGet(name: name), table: EksView.cluster)
        }
    }
}
