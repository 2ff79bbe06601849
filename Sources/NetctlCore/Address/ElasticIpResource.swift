import NetctlAPI

extension ElasticIp: StoredResource {
    public static let kind = ResourceKind.elasticIp
    public static var table: WritableKeyPath<State, Table<ElasticIp>> { \.elasticIps }
    public var id: String { allocationId }
    /// The NAT gateway holding the address: `children(of: natGatewayId)` finds it.
    public var parentId: String? { natGatewayId }
    /// Addresses have no state of their own in AWS.
    public var currentStatus: String? { nil }
    public var referenceName: String? { tags["Name"] }
    /// The holder, and the public IP: the pool finds a free address and a lookup by IP its allocation
    /// without a scan.
    public var indexKeys: [String] { (natGatewayId.map { [$0] } ?? []) + [Self.publicIpKey(publicIp)] }

    public static func publicIpKey(_ publicIp: String) -> String { "publicIp:\(publicIp)" }
}

/// EC2's DescribeAddresses filters, by their AWS names.
public enum ElasticIpFilter {
    public static let table = FilterTable<ElasticIp>(
        [
            "allocation-id": { [$0.allocationId] },
            "association-id": { $0.associationId.map { [$0] } ?? [] },
            "domain": { [$0.domain] },
            // Instances are not modelled: no address is ever associated with one.
            "instance-id": { _ in [] },
            "network-border-group": { [$0.networkBorderGroup] },
            "network-interface-id": { $0.networkInterfaceId.map { [$0] } ?? [] },
            "network-interface-owner-id": { address in address.networkInterfaceId == nil ? [] : [address.accountId] },
            "private-ip-address": { $0.privateIpAddress.map { [$0] } ?? [] },
            "public-ip": { [$0.publicIp] },
        ],
        tags: { $0.tags })
}
