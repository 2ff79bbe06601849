import NetctlAPI

/// EC2's DescribeVpcPeeringConnections filters, by their AWS names, over a peering as the caller's
/// side sees it (tags are the requester's only).
public enum PeeringFilter {
    public static let table = FilterTable<Peering>(
        [
            "vpc-peering-connection-id": { [$0.peeringId] },
            "status-code": { [$0.status.code] },
            "status-message": { [$0.status.message] },
            "expiration-time": { $0.expirationTime.map { [Timestamp.format($0)] } ?? [] },
            "requester-vpc-info.vpc-id": { [$0.requester.vpcId] },
            "requester-vpc-info.owner-id": { [$0.requester.accountId] },
            "requester-vpc-info.cidr-block": { $0.requester.cidrBlocks },
            "accepter-vpc-info.vpc-id": { [$0.accepter.vpcId] },
            "accepter-vpc-info.owner-id": { [$0.accepter.accountId] },
            // What is not shown cannot be matched either.
            "accepter-vpc-info.cidr-block": { PeeringRules.showsAccepterCidrs($0) ? $0.accepter.cidrBlocks : [] },
        ],
        tags: { $0.tags })

    /// The peering IDs a filter can only ever match, when all its values are plain IDs (no
    /// wildcard): listing then reads those peerings alone instead of walking the scope.
    static func exactIds(_ filters: [Filter]) -> Set<String>? {
        var ids: Set<String>?
        for filter in filters where filter.name == "vpc-peering-connection-id" {
            guard filter.values.allSatisfy({ !$0.contains(where: { "*?\\".contains($0) }) }) else { continue }
            let values = Set(filter.values)
            ids = ids.map { $0.intersection(values) } ?? values
        }
        return ids
    }
}
