import ArgumentParser
import NetctlAPI

extension EcsClusterCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List clusters.")
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterList(maxResults: page.maxResults, nextToken: page.nextToken))
            {
                table($0.clusters) + Output.nextPage($0.nextToken)
            }
        }
    }
}
