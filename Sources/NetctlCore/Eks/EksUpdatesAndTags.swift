import Foundation
import NetctlAPI

/// The updates of a cluster or node group as AWS's DescribeUpdate and ListUpdates see them: each
/// one kept with its final status once its transition is over.
enum EksUpdateHistory {
    /// `history` with `update` in place of the entry with its ID, or added last.
    static func keeping(_ update: EksUpdate, in history: [EksUpdate]?) -> [EksUpdate] {
        var history = history ?? []
        if let index = history.firstIndex(where: { $0.id == update.id }) {
            history[index] = update
        } else {
            history.append(update)
        }
        return history
    }
}

extension State {
    public func getEksUpdate(_ request: EksUpdateGet, _ context: QueryContext) throws(NetctlError) -> EksUpdate {
        let (owner, history) = try updateHistory(request.cluster, request.nodegroup, context.scope)
        guard let update = history.first(where: { $0.id == request.updateId }) else {
            throw NetctlError(
                .resourceNotFoundException,
                "No update found for ID: \(request.updateId) of \(owner). List them with `netctl eks update list`.")
        }
        return update
    }

    public func listEksUpdates(_ request: EksUpdateList, _ context: QueryContext) throws(NetctlError)
        -> EksUpdateListResponse
    {
        let (_, history) = try updateHistory(request.cluster, request.nodegroup, context.scope)
        // Updates are only ever added, oldest first: the token is the ID of the last one returned.
        var remaining = history[...]
        if let nextToken = request.nextToken {
            guard let index = history.firstIndex(where: { $0.id == nextToken }) else {
                throw NetctlError(
                    .invalidNextToken, "The nextToken '\(nextToken)' is not valid. Start again without it.")
            }
            remaining = history[(index + 1)...]
        }
        let limit = request.maxResults ?? 100
        try Pagination.check(maxResults: limit, range: 1...100)
        let page = remaining.prefix(limit)
        return EksUpdateListResponse(
            updateIds: page.map(\.id), nextToken: remaining.count > limit ? page.last?.id : nil)
    }

    /// Whose updates a request names (for messages), and them.
    private func updateHistory(_ clusterReference: String, _ nodegroupReference: String?, _ scope: Scope)
        throws(NetctlError) -> (String, [EksUpdate])
    {
        let cluster = try eksCluster(clusterReference, in: scope)
        if let nodegroupReference {
            let nodegroup = try eksNodegroup(nodegroupReference, cluster: cluster)
            return ("node group \(nodegroup.nodegroupName) of cluster \(cluster.name)", nodegroup.updates ?? [])
        }
        return ("cluster \(cluster.name)", cluster.updates ?? [])
    }

    // MARK: Tags by ARN

    public mutating func addEksTags(_ request: EksTagsAdd, _ context: inout CommandContext) throws(NetctlError)
        -> EksTagsResponse
    {
        guard !request.tags.isEmpty else {
            throw NetctlError(.badRequestException, "tags must hold at least one tag to add.")
        }
        for (key, value) in request.tags {
            try Validation.tag(key: key, value: value, keyCode: .badRequestException)
        }
        return try retagEks(request.resourceArn, .tag, context) { $0.merging(request.tags) { _, new in new } }
    }

    public mutating func removeEksTags(_ request: EksTagsRemove, _ context: inout CommandContext) throws(NetctlError)
        -> EksTagsResponse
    {
        guard !request.tagKeys.isEmpty else {
            throw NetctlError(.badRequestException, "tagKeys must name at least one tag to remove.")
        }
        return try retagEks(request.resourceArn, .untag, context) { tags in
            tags.filter { !request.tagKeys.contains($0.key) }
        }
    }

    public func listEksTags(_ request: EksTagsList, _ context: QueryContext) throws(NetctlError) -> EksTagsResponse {
        switch try eksTagged(request.resourceArn, context.scope) {
        case .cluster(let cluster): EksTagsResponse(tags: cluster.tags)
        case .nodegroup(let nodegroup): EksTagsResponse(tags: nodegroup.tags)
        case .fargateProfile(let profile): EksTagsResponse(tags: profile.tags)
        }
    }

    private enum EksTagged {
        case cluster(EksCluster)
        case nodegroup(EksNodegroup)
        case fargateProfile(FargateProfile)
    }

    /// The cluster, node group or Fargate profile an ARN names, in the caller's account and region.
    private func eksTagged(_ arn: String, _ scope: Scope) throws(NetctlError) -> EksTagged {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "eks" else {
            throw NetctlError(
                .badRequestException,
                "'\(arn)' is not an EKS resource ARN (arn:aws:eks:REGION:ACCOUNT:cluster/NAME, …/nodegroup/…, "
                    + "…/fargateprofile/…).")
        }
        if let cluster = eksClusters[arn], cluster.scope == scope { return .cluster(cluster) }
        if let nodegroup = eksNodegroups[arn], nodegroup.scope == scope { return .nodegroup(nodegroup) }
        if let profile = fargateProfiles[arn], profile.scope == scope { return .fargateProfile(profile) }
        throw NetctlError(
            .notFoundException,
            "No EKS resource found for ARN: \(arn) in \(scope). Copy the ARN from `netctl eks cluster get`.")
    }

    private mutating func retagEks(
        _ arn: String, _ action: ChangeAction, _ context: CommandContext, _ change: (Tags) -> Tags
    ) throws(NetctlError) -> EksTagsResponse {
        switch try eksTagged(arn, context.scope) {
        case .cluster(var cluster):
            cluster.tags = change(cluster.tags)
            try Self.checkTagCount(cluster.tags)
            record(action, cluster, at: context.now)
            return EksTagsResponse(tags: cluster.tags)
        case .nodegroup(var nodegroup):
            nodegroup.tags = change(nodegroup.tags)
            try Self.checkTagCount(nodegroup.tags)
            record(action, nodegroup, at: context.now)
            return EksTagsResponse(tags: nodegroup.tags)
        case .fargateProfile(var profile):
            profile.tags = change(profile.tags)
            try Self.checkTagCount(profile.tags)
            record(action, profile, at: context.now)
            return EksTagsResponse(tags: profile.tags)
        }
    }

    /// EKS allows 50 tags on a resource.
    private static func checkTagCount(_ tags: Tags) throws(NetctlError) {
        guard tags.count <= 50 else {
            throw NetctlError(
                .badRequestException, "An EKS resource may have at most 50 tags; this change would leave \(tags.count)."
            )
        }
    }
}
