import ArgumentParser
import NetctlAPI

extension SdNamespaceCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List namespaces.")
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                SdNamespaceList(maxResults: page.maxResults, nextToken: page.nextToken)
            ) {
                table($0.namespaces) + Output.nextPage($0.nextToken)
            }
        }
    }
}
