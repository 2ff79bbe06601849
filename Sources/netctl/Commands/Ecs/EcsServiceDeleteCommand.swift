import ArgumentParser
import NetctlAPI

extension EcsServiceCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a service: its tasks stop, then it is gone (--force if scaled above 0).")
        @Argument(help: "Service name or ARN.")
        var service: String
        @OptionGroup var cluster: ClusterOption
        @Flag(help: "Delete even while desiredCount is above 0.")
        var force = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceDelete(cluster: cluster.cluster, service: service, force: force ? true : nil),
                table: EcsView.service)
        }
    }
}
