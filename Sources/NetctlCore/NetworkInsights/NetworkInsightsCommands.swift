import Foundation
import NetctlAPI

/// Reachability Analyzer's paths and analyses. An analysis is `reach.analyze` run on the path's
/// source and destination (`walkReach`, the one engine), kept with its answer in AWS's terms.
extension State {
    public func networkInsightsPath(_ reference: String, in scope: Scope) throws(NetctlError) -> NetworkInsightsPath {
        try resolve(
            reference, in: scope, prefix: IDPrefix.networkInsightsPath, code: .networkInsightsPathNotFound,
            noun: "network insights path", listHint: "the networkInsightsPath.list method")
    }

    public func networkInsightsAnalysis(_ reference: String, in scope: Scope) throws(NetctlError)
        -> NetworkInsightsAnalysis
    {
        try resolve(
            reference, in: scope, prefix: IDPrefix.networkInsightsAnalysis, code: .networkInsightsAnalysisNotFound,
            noun: "network insights analysis", listHint: "the networkInsightsAnalysis.list method")
    }

    public mutating func createNetworkInsightsPath(
        _ request: NetworkInsightsPathCreate, _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInsightsPath {
        let protocolName = request.protocol.lowercased()
        guard ["tcp", "udp"].contains(protocolName) else {
            throw NetctlError(
                .invalidParameterValue,
                "protocol '\(request.protocol)' is not one Reachability Analyzer takes: use tcp or udp.")
        }
        guard let port = request.destinationPort else {
            throw NetctlError(
                .missingParameter,
                "netctld analyses one destination port: pass destinationPort (DestinationPort), such as 443.")
        }
        guard (0...65535).contains(port) else {
            throw NetctlError(.invalidParameterValue, "destinationPort \(port) is out of range: use 0 to 65535.")
        }
        let source = try insightsEndpoint(request.source, role: "source", context.scope)
        let sourceIp = try insightsAddress(request.sourceIp, of: source, role: "source")
        var destinationId: String?
        var destinationIp = request.destinationIp.map(Self.trimmingWhitespace)
        if let reference = request.destination {
            let destination = try insightsEndpoint(reference, role: "destination", context.scope)
            destinationIp = try insightsAddress(destinationIp, of: destination, role: "destination")
            destinationId = destination.id
        } else {
            guard let text = destinationIp else {
                throw NetctlError(
                    .missingParameter,
                    "A path needs a destination: pass destination (an instance or network interface) or destinationIp.")
            }
            guard IPv4Address(text) != nil else {
                throw NetctlError(.invalidParameterValue, "destinationIp '\(text)' is not an IPv4 address.")
            }
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.networkInsightsPath)
        let tags = try Validation.tags(request.tags, name: name)
        let id = newID(for: NetworkInsightsPath.self, prefix: IDPrefix.networkInsightsPath, &context)
        let path = NetworkInsightsPath(
            networkInsightsPathId: id,
            networkInsightsPathArn: "arn:aws:ec2:\(context.region):\(context.accountId):network-insights-path/\(id)",
            name: name, accountId: context.accountId, region: context.region, source: source.id,
            destination: destinationId, sourceIp: sourceIp, destinationIp: destinationIp, protocol: protocolName,
            destinationPort: port, tags: tags, createdDate: context.now)
        record(.create, path, at: context.now)
        return path
    }

    public func listNetworkInsightsPaths(_ request: NetworkInsightsPathList, _ context: QueryContext)
        throws(NetctlError) -> NetworkInsightsPathListResponse
    {
        let filters = request.filters ?? []
        try NetworkInsightsPathFilter.table.validate(filters)
        let matching = networkInsightsPaths.inScope(context.scope)
            .filter { NetworkInsightsPathFilter.table.matches($0, filters) }
        let page = try Pagination.page(matching, maxResults: request.maxResults, nextToken: request.nextToken)
        return NetworkInsightsPathListResponse(networkInsightsPaths: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteNetworkInsightsPath(
        _ request: NetworkInsightsPathDelete, _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInsightsPath {
        let path = try networkInsightsPath(request.networkInsightsPath, in: context.scope)
        let analyses = networkInsightsAnalyses.children(of: path.networkInsightsPathId).map(\.networkInsightsAnalysisId)
        guard analyses.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "The network insights path '\(path.networkInsightsPathId)' has dependent analyses "
                    + "(\(analyses.joined(separator: ", "))). Delete them first (networkInsightsAnalysis.delete).")
        }
        recordDeletion(path, at: context.now)
        return path
    }

    public mutating func startNetworkInsightsAnalysis(
        _ request: NetworkInsightsAnalysisStart, _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInsightsAnalysis {
        let path = try networkInsightsPath(request.networkInsightsPath, in: context.scope)
        let name = try Validation.name(
            request.name ?? request.tags?["Name"], idPrefix: IDPrefix.networkInsightsAnalysis)
        let tags = try Validation.tags(request.tags, name: name)
        let id = newID(for: NetworkInsightsAnalysis.self, prefix: IDPrefix.networkInsightsAnalysis, &context)
        var analysis = NetworkInsightsAnalysis(
            networkInsightsAnalysisId: id,
            networkInsightsAnalysisArn:
                "arn:aws:ec2:\(context.region):\(context.accountId):network-insights-analysis/\(id)",
            networkInsightsPathId: path.networkInsightsPathId, name: name, accountId: context.accountId,
            region: context.region, status: NetworkInsightsAnalysis.succeeded, startDate: context.now,
            networkPathFound: nil, tags: tags)
        let question = ReachAnalyze(
            source: path.source, destination: path.destination ?? path.destinationIp ?? "",
            port: path.destinationPort, protocol: path.protocol)
        let query = QueryContext(scope: context.scope, now: context.now, quotas: context.quotas)
        do {
            // A source or destination gone since the path was made fails the analysis, not the call:
            // the analysis is kept, as AWS keeps a failed one.
            let (answer, facts) = try walkReach(question, query)
            let report = networkInsightsReport(answer, facts)
            analysis.networkPathFound = answer.reachable
            analysis.forwardPathComponents = report.forward
            analysis.returnPathComponents = report.returning
            analysis.explanations = report.explanations
        } catch {
            analysis.status = NetworkInsightsAnalysis.failed
            analysis.statusMessage = error.message
        }
        record(.create, analysis, at: context.now)
        return analysis
    }

    public func listNetworkInsightsAnalyses(_ request: NetworkInsightsAnalysisList, _ context: QueryContext)
        throws(NetctlError) -> NetworkInsightsAnalysisListResponse
    {
        let filters = request.filters ?? []
        try NetworkInsightsAnalysisFilter.table.validate(filters)
        let candidates =
            try request.networkInsightsPath.map { reference throws(NetctlError) in
                networkInsightsAnalyses.children(
                    of: try networkInsightsPath(reference, in: context.scope).networkInsightsPathId)
            } ?? networkInsightsAnalyses.inScope(context.scope)
        let matching = candidates.filter { NetworkInsightsAnalysisFilter.table.matches($0, filters) }
        let page = try Pagination.page(matching, maxResults: request.maxResults, nextToken: request.nextToken)
        return NetworkInsightsAnalysisListResponse(networkInsightsAnalyses: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteNetworkInsightsAnalysis(
        _ request: NetworkInsightsAnalysisDelete, _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInsightsAnalysis {
        let analysis = try networkInsightsAnalysis(request.networkInsightsAnalysis, in: context.scope)
        recordDeletion(analysis, at: context.now)
        return analysis
    }

    /// A path's source or destination: an instance (ID or name, not terminated) or a network
    /// interface of the caller's. Other kinds Reachability Analyzer takes are refused by name.
    private func insightsEndpoint(_ reference: String, role: String, _ scope: Scope) throws(NetctlError)
        -> (id: String, address: String)
    {
        let reference = Self.trimmingWhitespace(reference)
        if reference.hasPrefix(IDPrefix.networkInterface + "-") {
            let interface = try networkInterface(reference, in: scope)
            return (interface.networkInterfaceId, interface.privateIpAddress)
        }
        let unsupported = [
            ("igw", "internet gateways"), ("tgw-attach", "transit gateway attachments"), ("tgw", "transit gateways"),
            ("vpce-svc", "VPC endpoint services"), ("vpce", "VPC endpoints"), ("pcx", "VPC peering connections"),
            ("vgw", "VPN gateways"),
        ]
        if let (_, kind) = unsupported.first(where: { reference.hasPrefix($0.0 + "-") }) {
            throw NetctlError(
                .invalidParameterValue,
                "netctld analyses paths between instances and network interfaces; \(kind) ('\(reference)') are not "
                    + "supported as a \(role) yet. Name an instance or interface (or, as the destination, an address "
                    + "with destinationIp).")
        }
        let instance = try instance(reference, in: scope)
        guard instance.state != .terminated else {
            throw NetctlError(
                .incorrectInstanceState,
                "The instance '\(instance.instanceId)' is terminated: it cannot be the \(role) of a path.")
        }
        return (instance.instanceId, instance.privateIpAddress)
    }

    /// The address a path gives for an endpoint: its own private address, or nil when none is given.
    private func insightsAddress(_ given: String?, of endpoint: (id: String, address: String), role: String)
        throws(NetctlError) -> String?
    {
        guard let given = given.map(Self.trimmingWhitespace) else { return nil }
        guard IPv4Address(given) != nil else {
            throw NetctlError(.invalidParameterValue, "\(role)Ip '\(given)' is not an IPv4 address.")
        }
        guard given == endpoint.address else {
            throw NetctlError(
                .invalidParameterValue,
                "\(role)Ip \(given) is not an address of \(endpoint.id), whose address is \(endpoint.address). Leave "
                    + "\(role)Ip out or give that address.")
        }
        return given
    }
}
