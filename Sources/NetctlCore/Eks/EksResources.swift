import Foundation
import NetctlAPI

// EKS resources are identified by their ARNs, so the watcher's log stream of each is its ARN, as
// API.md asks. Node groups and Fargate profiles end in a UUID, as AWS's do: a name reused after a
// deletion is a new resource with a new stream.

extension EksCluster: StoredResource {
    public static let kind = ResourceKind.eksCluster
    public static var table: WritableKeyPath<State, Table<EksCluster>> { \.eksClusters }
    public var id: String { arn }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { status }
    /// Looked up by ARN, which the name and the caller's scope determine.
    public var referenceName: String? { nil }
    public var indexKeys: [String] { nextTransitionAt == nil ? [vpcId] : [vpcId, EksArn.timedKey] }
}

extension EksNodegroup: StoredResource {
    public static let kind = ResourceKind.eksNodegroup
    public static var table: WritableKeyPath<State, Table<EksNodegroup>> { \.eksNodegroups }
    public var id: String { nodegroupArn }
    public var parentId: String? { clusterArn }
    public var currentStatus: String? { status }
    public var referenceName: String? { nil }
    /// The cluster, the name within it, each node's instance ID (for `reach.analyze i-…`), and the
    /// timed marker while a transition is pending.
    public var indexKeys: [String] {
        var keys = [clusterArn, EksArn.nameKey(clusterArn, nodegroupName)]
        keys += nodes.map { EksArn.instanceKey($0.instanceId) }
        if nextTransitionAt != nil { keys.append(EksArn.timedKey) }
        return keys
    }
}

extension FargateProfile: StoredResource {
    public static let kind = ResourceKind.eksFargateProfile
    public static var table: WritableKeyPath<State, Table<FargateProfile>> { \.fargateProfiles }
    public var id: String { fargateProfileArn }
    public var parentId: String? { clusterArn }
    public var currentStatus: String? { status }
    public var referenceName: String? { nil }
    public var indexKeys: [String] {
        var keys = [clusterArn, EksArn.nameKey(clusterArn, fargateProfileName)]
        if nextTransitionAt != nil { keys.append(EksArn.timedKey) }
        return keys
    }
}

/// ARNs of SEMANTICS section 0 and the index keys built from them.
public enum EksArn {
    static func cluster(_ name: String, _ scope: Scope) -> String {
        "arn:aws:eks:\(scope.region):\(scope.accountId):cluster/\(name)"
    }
    static func nodegroup(_ cluster: String, _ name: String, _ uuid: String, _ scope: Scope) -> String {
        "arn:aws:eks:\(scope.region):\(scope.accountId):nodegroup/\(cluster)/\(name)/\(uuid)"
    }
    static func fargateProfile(_ cluster: String, _ name: String, _ uuid: String, _ scope: Scope) -> String {
        "arn:aws:eks:\(scope.region):\(scope.accountId):fargateprofile/\(cluster)/\(name)/\(uuid)"
    }

    /// `8-4-4-4-12` lowercase hex, as AWS suffixes node group and Fargate profile ARNs.
    static func uuid(_ ids: inout IDGenerator) -> String {
        let hex = Array(ids.make("", digits: 32))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }

    /// Index key of a cluster's child (node group or Fargate profile) by name.
    static func nameKey(_ clusterArn: String, _ name: String) -> String { "name:\(clusterArn)/\(name)" }
    /// Index key of the node group holding an instance.
    static func instanceKey(_ instanceId: String) -> String { "instance:\(instanceId)" }
    /// Index key of the clusters, node groups and profiles with a transition due on the clock.
    static let timedKey = "timed:eks"

    /// The cluster and node group names in a node group ARN (`…:nodegroup/CLUSTER/NAME/UUID`).
    public static func nodegroupNames(_ arn: String) -> (cluster: String, nodegroup: String)? {
        guard let resource = arn.split(separator: ":", maxSplits: 5).last else { return nil }
        let parts = resource.split(separator: "/")
        guard parts.count == 4, parts[0] == "nodegroup" else { return nil }
        return (String(parts[1]), String(parts[2]))
    }
}

extension State {
    /// A cluster by name or ARN, of the caller's account and region.
    public func eksCluster(_ reference: String, in scope: Scope) throws(NetctlError) -> EksCluster {
        let arn = reference.hasPrefix("arn:") ? reference : EksArn.cluster(reference, scope)
        guard let cluster = eksClusters[arn], cluster.scope == scope else {
            throw NetctlError(
                .resourceNotFoundException,
                "No cluster found for name: \(reference). List your clusters with `netctl eks cluster list`.")
        }
        return cluster
    }

    public func eksNodegroup(_ reference: String, cluster: EksCluster) throws(NetctlError) -> EksNodegroup {
        try clusterChild(eksNodegroups, reference, of: cluster, noun: "node group", command: "nodegroup")
    }

    public func fargateProfile(_ reference: String, cluster: EksCluster) throws(NetctlError) -> FargateProfile {
        try clusterChild(fargateProfiles, reference, of: cluster, noun: "Fargate profile", command: "fargate-profile")
    }

    /// A node group or Fargate profile of the cluster, by ARN or by name within the cluster.
    private func clusterChild<R: StoredResource>(
        _ table: Table<R>, _ reference: String, of cluster: EksCluster, noun: String, command: String
    ) throws(NetctlError) -> R {
        let found =
            reference.hasPrefix("arn:")
            ? table[reference] : table.children(of: EksArn.nameKey(cluster.arn, reference)).first
        guard let child = found, child.parentId == cluster.arn else {
            throw NetctlError(
                .resourceNotFoundException,
                "No \(noun) found for name: \(reference) in cluster \(cluster.name). List them with "
                    + "`netctl eks \(command) list --cluster \(cluster.name)`.")
        }
        return child
    }

    /// A subnet named in an EKS request: EKS reports one that does not exist as a bad parameter.
    func eksSubnet(_ reference: String, in scope: Scope) throws(NetctlError) -> Subnet {
        do {
            return try subnet(reference, in: scope)
        } catch {
            throw NetctlError(.invalidParameterException, error.message)
        }
    }

    /// The node of an EKS node group with this instance ID, in the caller's scope.
    public func eksNode(_ instanceId: String, in scope: Scope) -> (nodegroup: EksNodegroup, node: EksNode)? {
        guard let nodegroup = eksNodegroups.children(of: EksArn.instanceKey(instanceId)).first,
            nodegroup.scope == scope,
            let node = nodegroup.nodes.first(where: { $0.instanceId == instanceId })
        else { return nil }
        return (nodegroup, node)
    }

    /// The cluster with its child and node counts filled in.
    public func eksClusterView(_ cluster: EksCluster) -> EksCluster {
        var view = cluster
        let nodegroups = eksNodegroups.children(of: cluster.arn)
        view.nodegroupCount = nodegroups.count
        view.fargateProfileCount = fargateProfiles.childCount(of: cluster.arn)
        view.desiredNodeCount = nodegroups.reduce(0) { $0 + $1.scalingConfig.desiredSize }
        view.readyNodeCount = nodegroups.reduce(0) { $0 + $1.nodes.count }
        return view
    }
}
