import ArgumentParser
import NetctlAPI

struct InsightsPathDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a path and, with --analyses, its analyses first.")

    @Argument(help: "Path ID (nip-…) or name.")
    var path: String

    @Flag(help: "Delete the path's analyses first (a path with analyses is otherwise refused).")
    var analyses = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        if analyses {
            let listed = try await runner.call(NetworkInsightsAnalysisList(networkInsightsPath: path))
                .decode(as: NetworkInsightsAnalysisListResponse.self)
            for analysis in listed.networkInsightsAnalyses {
                _ = try await runner.call(
                    NetworkInsightsAnalysisDelete(networkInsightsAnalysis: analysis.networkInsightsAnalysisId))
            }
        }
        try await runner.run(NetworkInsightsPathDelete(networkInsightsPath: path), clientToken: mutation.clientToken) {
            "deleted \($0.networkInsightsPathId)"
        }
    }
}
