public struct NetworkInsightsPathCreate: RPCMethod {
    public typealias Response = NetworkInsightsPath
    public static let method = "networkInsightsPath.create"
    public static let summary =
        "A Reachability Analyzer path: from an instance or interface to an instance, interface or address, for tcp or "
        + "udp to one port."
    /// An instance (ID or name) or a network interface ID.
    public var source: String
    /// An instance (ID or name) or a network interface ID; may be left out when `destinationIp` is given.
    public var destination: String?
    public var sourceIp: String?
    public var destinationIp: String?
    /// `tcp` or `udp`.
    public var `protocol`: String
    public var destinationPort: Int?
    /// The `Name` tag.
    public var name: String?
    public var tags: Tags?

    public init(
        source: String, destination: String? = nil, sourceIp: String? = nil, destinationIp: String? = nil,
        protocol: String, destinationPort: Int? = nil, name: String? = nil, tags: Tags? = nil
    ) {
        self.source = source
        self.destination = destination
        self.sourceIp = sourceIp
        self.destinationIp = destinationIp
        self.protocol = `protocol`
        self.destinationPort = destinationPort
        self.name = name
        self.tags = tags
    }
}

public struct NetworkInsightsPathGet: RPCMethod {
    public typealias Response = NetworkInsightsPath
    public static let method = "networkInsightsPath.get"
    public static let summary = "One Reachability Analyzer path by ID or name."
    public var networkInsightsPath: String
    public init(networkInsightsPath: String) { self.networkInsightsPath = networkInsightsPath }
}

public struct NetworkInsightsPathList: RPCMethod {
    public typealias Response = NetworkInsightsPathListResponse
    public static let method = "networkInsightsPath.list"
    public static let summary =
        "The caller's Reachability Analyzer paths, optionally matching EC2 filters (network-insights-path-id, source, "
        + "destination, source-ip, destination-ip, protocol, destination-port, tag:KEY, tag-key)."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct NetworkInsightsPathListResponse: Codable, Sendable, Hashable {
    public var networkInsightsPaths: [NetworkInsightsPath]
    public var nextToken: String?
    public init(networkInsightsPaths: [NetworkInsightsPath], nextToken: String?) {
        self.networkInsightsPaths = networkInsightsPaths
        self.nextToken = nextToken
    }
}

public struct NetworkInsightsPathDelete: RPCMethod {
    public typealias Response = NetworkInsightsPath
    public static let method = "networkInsightsPath.delete"
    public static let summary = "Delete a path that has no analyses left (delete them first)."
    public var networkInsightsPath: String
    public init(networkInsightsPath: String) { self.networkInsightsPath = networkInsightsPath }
}

public struct NetworkInsightsAnalysisStart: RPCMethod {
    public typealias Response = NetworkInsightsAnalysis
    public static let method = "networkInsightsAnalysis.start"
    public static let summary =
        "Analyse a path now with reach.analyze's engine; the analysis keeps the answer, with AWS's explanation codes."
    public var networkInsightsPath: String
    /// The `Name` tag.
    public var name: String?
    public var tags: Tags?

    public init(networkInsightsPath: String, name: String? = nil, tags: Tags? = nil) {
        self.networkInsightsPath = networkInsightsPath
        self.name = name
        self.tags = tags
    }
}

public struct NetworkInsightsAnalysisGet: RPCMethod {
    public typealias Response = NetworkInsightsAnalysis
    public static let method = "networkInsightsAnalysis.get"
    public static let summary = "One analysis by ID or name."
    public var networkInsightsAnalysis: String
    public init(networkInsightsAnalysis: String) { self.networkInsightsAnalysis = networkInsightsAnalysis }
}

public struct NetworkInsightsAnalysisList: RPCMethod {
    public typealias Response = NetworkInsightsAnalysisListResponse
    public static let method = "networkInsightsAnalysis.list"
    public static let summary =
        "The caller's analyses, optionally of one path, or matching EC2 filters (network-insights-analysis-id, "
        + "network-insights-path-id, status, path-found, tag:KEY, tag-key)."
    /// A path's ID or name.
    public var networkInsightsPath: String?
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(
        networkInsightsPath: String? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil
    ) {
        self.networkInsightsPath = networkInsightsPath
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct NetworkInsightsAnalysisListResponse: Codable, Sendable, Hashable {
    public var networkInsightsAnalyses: [NetworkInsightsAnalysis]
    public var nextToken: String?
    public init(networkInsightsAnalyses: [NetworkInsightsAnalysis], nextToken: String?) {
        self.networkInsightsAnalyses = networkInsightsAnalyses
        self.nextToken = nextToken
    }
}

public struct NetworkInsightsAnalysisDelete: RPCMethod {
    public typealias Response = NetworkInsightsAnalysis
    public static let method = "networkInsightsAnalysis.delete"
    public static let summary = "Delete an analysis."
    public var networkInsightsAnalysis: String
    public init(networkInsightsAnalysis: String) { self.networkInsightsAnalysis = networkInsightsAnalysis }
}
