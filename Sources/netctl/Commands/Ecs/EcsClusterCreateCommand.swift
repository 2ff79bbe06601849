import ArgumentParser
import NetctlAPI

extension EcsClusterCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a cluster.")
        @Argument(help: "Cluster name (default: default).")
        var name: String?
        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
        var tags: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterCreate(name: name, tags: try parseTags(tags))) {
                table([$0])
            }
        }
    }
}
