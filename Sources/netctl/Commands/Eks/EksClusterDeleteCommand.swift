import ArgumentParser
import NetctlAPI

extension EksClusterCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a cluster with no node groups or Fargate profiles left.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EksClusterDelete(name: name), table: EksView.cluster)
        }
    }
}
