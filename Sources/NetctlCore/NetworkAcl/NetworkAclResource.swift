import NetctlAPI

extension NetworkAcl: StoredResource {
    public static let kind = ResourceKind.networkAcl
    public static var table: WritableKeyPath<State, Table<NetworkAcl>> { \.networkAcls }
    public var id: String { networkAclId }
    public var parentId: String? { vpcId }
    /// ACLs have no state of their own in AWS.
    public var currentStatus: String? { nil }
    public var referenceName: String? { name }
    /// The VPC, a marker on its default ACL, and every associated subnet and association ID: a
    /// subnet's ACL, an association's and a VPC's default one are found without a scan.
    public var indexKeys: [String] {
        [vpcId] + (isDefault ? [Self.defaultKey(ofVpc: vpcId)] : []) + associations.map(\.subnetId)
            + associations.map(\.associationId)
    }

    static func defaultKey(ofVpc vpcId: String) -> String { "defaultAcl:\(vpcId)" }
}

extension NetworkAcl: Taggable {
    public static let tagResourceType = "network-acl"
    public static let idPrefix = IDPrefix.networkAcl
    public static let notFoundCode = ErrorCode.networkAclNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}

/// EC2's DescribeNetworkAcls filters, by their AWS names. Entry filters match an ACL when any of
/// its entries has the value (the `*` denies included, as AWS lists them); IPv6 entries are not
/// modelled, so `entry.ipv6-cidr` matches nothing.
public enum NetworkAclFilter {
    public static let table = FilterTable<NetworkAcl>(
        [
            "network-acl-id": { [$0.networkAclId] },
            "vpc-id": { [$0.vpcId] },
            "owner-id": { [$0.accountId] },
            "default": { [$0.isDefault ? "true" : "false"] },
            "association.association-id": { $0.associations.map(\.associationId) },
            "association.network-acl-id": { acl in acl.associations.isEmpty ? [] : [acl.networkAclId] },
            "association.subnet-id": { $0.associations.map(\.subnetId) },
            "entry.cidr": { $0.entries.map(\.cidrBlock) },
            "entry.egress": { $0.entries.map { $0.egress ? "true" : "false" } },
            "entry.rule-number": { $0.entries.map { String($0.ruleNumber) } },
            "entry.rule-action": { $0.entries.map(\.ruleAction.rawValue) },
            // The number AWS echoes, and the name the filter's documentation allows for it.
            "entry.protocol": { acl in
                acl.entries.flatMap { [$0.protocol] + (NetworkAclRules.protocolName($0.protocol).map { [$0] } ?? []) }
            },
            "entry.port-range.from": { $0.entries.compactMap { $0.fromPort.map(String.init) } },
            "entry.port-range.to": { $0.entries.compactMap { $0.toPort.map(String.init) } },
            "entry.icmp.type": { $0.entries.compactMap { $0.icmpType.map(String.init) } },
            "entry.icmp.code": { $0.entries.compactMap { $0.icmpCode.map(String.init) } },
            "entry.ipv6-cidr": { _ in [] },
        ],
        tags: { $0.tags })
}
