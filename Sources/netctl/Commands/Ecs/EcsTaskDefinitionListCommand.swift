import ArgumentParser
import NetctlAPI

extension EcsTaskDefinitionCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List task definitions.")
        @Option(
            name: .customLong("family-prefix"),
            help: ArgumentHelp("Only families starting with this.", valueName: "prefix"))
        var familyPrefix: String?
        @Option(help: ArgumentHelp("ACTIVE (default) or INACTIVE.", valueName: "status"))
        var status: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsTaskDefinitionList(
                    familyPrefix: familyPrefix, status: status, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { table($0.taskDefinitions) + Output.nextPage($0.nextToken) }
        }
    }
}
