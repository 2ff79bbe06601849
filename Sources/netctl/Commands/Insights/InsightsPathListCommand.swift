import ArgumentParser
import NetctlAPI

struct InsightsPathListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List Network Insights paths.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = NetworkInsightsPathList(maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            InsightsView.table($0.networkInsightsPaths) + Output.nextPage($0.nextToken)
        }
    }
}
