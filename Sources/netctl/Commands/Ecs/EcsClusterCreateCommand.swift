import ArgumentParser
import NetctlAPI

extension EcsClusterCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a cluster.")
        @Argument(help: "Cluster name (default: default).")
        var name: String?
        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
        var tags: [String] = []
        @Option(help: ArgumentHelp(
            "Container Insights: enabled (ECS/ContainerInsights metrics each minute), enhanced or disabled.",
            valueName: "setting"))
        var containerInsights: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsClusterCreate(name: name, tags: try parseTags(tags), containerInsights: containerInsights)
            ) {
                table([$0])
            }
        }
    }
}
