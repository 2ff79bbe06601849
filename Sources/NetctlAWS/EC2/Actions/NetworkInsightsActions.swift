import NetctlAPI
import NetctlCore

/// Reachability Analyzer: paths between instances and interfaces (or to an address), and analyses,
/// which netctld runs with `reach.analyze`'s engine as they start. Explanations carry AWS's codes.
extension EC2Actions {
    static let networkInsights: [EC2Action] = [
        .make(
            "CreateNetworkInsightsPath", mutating: true,
            supported: [
                "Source", "Destination", "SourceIp", "DestinationIp", "Protocol", "DestinationPort",
                "TagSpecification", "ClientToken",
            ],
            clientToken: { $0.clientToken }
        ) { (input: EC2.CreateNetworkInsightsPathRequest, context) throws(AWSError) in
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "network-insights-path")
            let path = try await context.run(
                NetworkInsightsPathCreate(
                    source: input.source, destination: input.destination, sourceIp: input.sourceIp,
                    destinationIp: input.destinationIp, protocol: input.protocol,
                    destinationPort: input.destinationPort, name: name, tags: tags))
            return EC2.CreateNetworkInsightsPathResult(networkInsightsPath: EC2.NetworkInsightsPath(path))
        },
        .make(
            "DescribeNetworkInsightsPaths", mutating: false,
            supported: ["NetworkInsightsPathId", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeNetworkInsightsPathsRequest, context) throws(AWSError) in
            try DescribeByIds.check(
                ids: input.networkInsightsPathIds, maxResults: input.maxResults, idParameter: "NetworkInsightsPathId")
            let known = try await context.each(input.networkInsightsPathIds ?? []) {
                NetworkInsightsPathGet(networkInsightsPath: $0)
            }.map(\.networkInsightsPathId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "network-insights-path-id")
            let page = try await context.run(
                NetworkInsightsPathList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeNetworkInsightsPathsResult(
                networkInsightsPaths: page.networkInsightsPaths.map(EC2.NetworkInsightsPath.init),
                nextToken: page.nextToken)
        },
        .make("DeleteNetworkInsightsPath", mutating: true, supported: ["NetworkInsightsPathId"]) {
            (input: EC2.DeleteNetworkInsightsPathRequest, context) throws(AWSError) in
            let path = try await context.run(NetworkInsightsPathDelete(networkInsightsPath: input.networkInsightsPathId))
            return EC2.DeleteNetworkInsightsPathResult(networkInsightsPathId: path.networkInsightsPathId)
        },
        .make(
            "StartNetworkInsightsAnalysis", mutating: true,
            supported: ["NetworkInsightsPathId", "TagSpecification", "ClientToken"],
            clientToken: { $0.clientToken }
        ) { (input: EC2.StartNetworkInsightsAnalysisRequest, context) throws(AWSError) in
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "network-insights-analysis")
            let analysis = try await context.run(
                NetworkInsightsAnalysisStart(networkInsightsPath: input.networkInsightsPathId, name: name, tags: tags))
            return EC2.StartNetworkInsightsAnalysisResult(
                networkInsightsAnalysis: EC2.NetworkInsightsAnalysis(analysis))
        },
        .make(
            "DescribeNetworkInsightsAnalyses", mutating: false,
            supported: ["NetworkInsightsAnalysisId", "NetworkInsightsPathId", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeNetworkInsightsAnalysesRequest, context) throws(AWSError) in
            try DescribeByIds.check(
                ids: input.networkInsightsAnalysisIds, maxResults: input.maxResults,
                idParameter: "NetworkInsightsAnalysisId")
            let known = try await context.each(input.networkInsightsAnalysisIds ?? []) {
                NetworkInsightsAnalysisGet(networkInsightsAnalysis: $0)
            }.map(\.networkInsightsAnalysisId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "network-insights-analysis-id")
            let page = try await context.run(
                NetworkInsightsAnalysisList(
                    networkInsightsPath: input.networkInsightsPathId, filters: filters, maxResults: input.maxResults,
                    nextToken: input.nextToken))
            return EC2.DescribeNetworkInsightsAnalysesResult(
                networkInsightsAnalyses: page.networkInsightsAnalyses.map(EC2.NetworkInsightsAnalysis.init),
                nextToken: page.nextToken)
        },
        .make("DeleteNetworkInsightsAnalysis", mutating: true, supported: ["NetworkInsightsAnalysisId"]) {
            (input: EC2.DeleteNetworkInsightsAnalysisRequest, context) throws(AWSError) in
            let analysis = try await context.run(
                NetworkInsightsAnalysisDelete(networkInsightsAnalysis: input.networkInsightsAnalysisId))
            return EC2.DeleteNetworkInsightsAnalysisResult(networkInsightsAnalysisId: analysis.networkInsightsAnalysisId)
        },
    ]
}
