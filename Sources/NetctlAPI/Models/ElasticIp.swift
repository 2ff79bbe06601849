import Foundation

/// An Elastic IP address: a public IPv4 address allocated to an account in a region until it is
/// released, and associated with at most one NAT gateway at a time.
public struct ElasticIp: Codable, Sendable, Hashable {
    /// `eipalloc-` and 17 hex digits.
    public var allocationId: String
    /// From netctld's pool of documentation addresses (RFC 5737), unique across accounts and regions.
    public var publicIp: String
    public var accountId: String
    public var region: String
    /// Always `vpc`: EC2-Classic addresses are gone.
    public var domain: String
    /// Where the address is advertised from: the region, as AWS has it for regional addresses.
    public var networkBorderGroup: String
    /// `amazon`: AWS's own pool, not a BYOIP one.
    public var publicIpv4Pool: String
    /// The association with a NAT gateway (`eipassoc-…`), while there is one.
    public var associationId: String?
    public var natGatewayId: String?
    /// The NAT gateway's network interface and private address, while associated.
    public var networkInterfaceId: String?
    public var privateIpAddress: String?
    public var tags: Tags
    public var createdAt: Date

    public init(
        allocationId: String, publicIp: String, accountId: String, region: String, domain: String = "vpc",
        networkBorderGroup: String, publicIpv4Pool: String = "amazon", associationId: String? = nil,
        natGatewayId: String? = nil, networkInterfaceId: String? = nil, privateIpAddress: String? = nil, tags: Tags,
        createdAt: Date
    ) {
        self.allocationId = allocationId
        self.publicIp = publicIp
        self.accountId = accountId
        self.region = region
        self.domain = domain
        self.networkBorderGroup = networkBorderGroup
        self.publicIpv4Pool = publicIpv4Pool
        self.associationId = associationId
        self.natGatewayId = natGatewayId
        self.networkInterfaceId = networkInterfaceId
        self.privateIpAddress = privateIpAddress
        self.tags = tags
        self.createdAt = createdAt
    }
}
