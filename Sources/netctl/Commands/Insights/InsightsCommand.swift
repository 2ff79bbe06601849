import ArgumentParser
import NetctlAPI

struct InsightsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "Reachability Analyzer: paths between instances and interfaces, analysed with reach's engine.",
        subcommands: [InsightsPathCommand.self, InsightsAnalyzeCommand.self])
}

struct InsightsPathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Create, list and delete Network Insights paths.",
        subcommands: [InsightsPathCreateCommand.self, InsightsPathListCommand.self, InsightsPathDeleteCommand.self])
}

enum InsightsView {
    static func table(_ paths: [NetworkInsightsPath]) -> String {
        Output.table(
            ["PATH ID", "NAME", "SOURCE", "DESTINATION", "PROTOCOL", "PORT"],
            paths.map {
                [
                    $0.networkInsightsPathId, $0.name ?? "-", $0.source, $0.destination ?? $0.destinationIp ?? "-",
                    $0.protocol, String($0.destinationPort),
                ]
            })
    }

    static func details(_ path: NetworkInsightsPath) -> String {
        Output.details([
            ("Path ID", path.networkInsightsPathId), ("Name", path.name ?? "-"), ("Source", path.source),
            ("Destination", path.destination ?? "-"), ("Destination IP", path.destinationIp ?? "-"),
            ("Protocol", path.protocol), ("Port", String(path.destinationPort)), ("Tags", Output.tags(path.tags)),
            ("Created", Output.time(path.createdDate)),
        ])
    }

    static func analysis(_ analysis: NetworkInsightsAnalysis) -> String {
        var lines = [
            "\(analysis.networkInsightsAnalysisId): \(analysis.status)"
                + (analysis.networkPathFound.map { $0 ? ", path found" : ", path not found" } ?? "")
        ]
        if let message = analysis.statusMessage { lines.append("  \(message)") }
        for component in analysis.forwardPathComponents {
            lines.append("  \(component.sequenceNumber). \(component.componentType) \(component.componentId): \(component.detail)")
        }
        for explanation in analysis.explanations {
            lines.append("  \(explanation.explanationCode) (\(explanation.code)): \(explanation.message)")
        }
        return lines.joined(separator: "\n")
    }
}
