import Foundation
import NetctlAPI

extension NetworkInsightsPath: StoredResource {
    public static let kind = ResourceKind.networkInsightsPath
    public static var table: WritableKeyPath<State, Table<NetworkInsightsPath>> { \.networkInsightsPaths }
    public var id: String { networkInsightsPathId }
    public var parentId: String? { nil }
    public var currentStatus: String? { nil }
    public var referenceName: String? { name }
    public var createdAt: Date { createdDate }
}

extension NetworkInsightsAnalysis: StoredResource {
    public static let kind = ResourceKind.networkInsightsAnalysis
    public static var table: WritableKeyPath<State, Table<NetworkInsightsAnalysis>> { \.networkInsightsAnalyses }
    public var id: String { networkInsightsAnalysisId }
    /// The path: a path with analyses cannot be deleted, and `networkInsightsAnalysis.list` lists a path's.
    public var parentId: String? { networkInsightsPathId }
    public var currentStatus: String? { status }
    public var referenceName: String? { name }
    public var createdAt: Date { startDate }
}

extension IDPrefix {
    public static let networkInsightsPath = "nip"
    public static let networkInsightsAnalysis = "nia"
}

/// DescribeNetworkInsightsPaths' filters netctld keeps, by their AWS names.
public enum NetworkInsightsPathFilter {
    public static let table = FilterTable<NetworkInsightsPath>(
        [
            "network-insights-path-id": { [$0.networkInsightsPathId] },
            "source": { [$0.source] },
            "destination": { $0.destination.map { [$0] } ?? [] },
            "source-ip": { $0.sourceIp.map { [$0] } ?? [] },
            "destination-ip": { $0.destinationIp.map { [$0] } ?? [] },
            "protocol": { [$0.protocol] },
            "destination-port": { [String($0.destinationPort)] },
        ],
        tags: { $0.tags })
}

/// DescribeNetworkInsightsAnalyses' filters, by their AWS names.
public enum NetworkInsightsAnalysisFilter {
    public static let table = FilterTable<NetworkInsightsAnalysis>(
        [
            "network-insights-analysis-id": { [$0.networkInsightsAnalysisId] },
            "network-insights-path-id": { [$0.networkInsightsPathId] },
            "status": { [$0.status] },
            "path-found": { $0.networkPathFound.map { [String($0)] } ?? [] },
        ],
        tags: { $0.tags })
}
