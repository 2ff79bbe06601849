import ArgumentParser
import NetctlAPI

extension EcsClusterCommand {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Change a cluster's Container Insights setting.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @Option(help: ArgumentHelp(
            "Container Insights: enabled (ECS/ContainerInsights metrics each minute), enhanced or disabled.",
            valueName: "setting"))
        var containerInsights: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterUpdate(name: name, containerInsights: containerInsights)) {
                table([$0])
            }
        }
    }
}
