import ArgumentParser
import NetctlAPI

extension SdServiceCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List Cloud Map services.")
        @Option(help: ArgumentHelp("Only this namespace's (name or ID).", valueName: "namespace"))
        var namespace: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                SdServiceList(namespace: namespace, maxResults: page.maxResults, nextToken: page.nextToken)
            ) {
                SdServiceCommand.table($0.services) + Output.nextPage($0.nextToken)
            }
        }
    }
}
