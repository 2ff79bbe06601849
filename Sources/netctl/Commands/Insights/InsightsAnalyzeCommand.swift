import ArgumentParser
import NetctlAPI

struct InsightsAnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Start an analysis of a path and show its answer, with AWS's explanation codes.")

    @Argument(help: "Path ID (nip-…) or name.")
    var path: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkInsightsAnalysisStart(networkInsightsPath: path), clientToken: mutation.clientToken,
            table: InsightsView.analysis)
    }
}
