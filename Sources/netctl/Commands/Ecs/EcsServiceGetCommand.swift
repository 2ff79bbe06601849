import ArgumentParser
import NetctlAPI

extension EcsServiceCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show a service: counts, deployments and the latest events.")
        @Argument(help: "Service name or ARN.")
        var service: String
        @OptionGroup var cluster: ClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceGet(cluster: cluster.cluster, service: service), table: EcsView.service)
        }
    }
}
