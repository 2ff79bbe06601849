public struct AddressAllocate: RPCMethod {
    public typealias Response = ElasticIp
    public static let method = "address.allocate"
    public static let summary = "Allocate an Elastic IP address (domain vpc) from netctld's public pool."
    /// Must be the region itself, the one border group netctld has per region.
    public var networkBorderGroup: String?
    public var tags: Tags?
    public init(networkBorderGroup: String? = nil, tags: Tags? = nil) {
        self.networkBorderGroup = networkBorderGroup
        self.tags = tags
    }
}

public struct AddressRelease: RPCMethod {
    public typealias Response = ElasticIp
    public static let method = "address.release"
    public static let summary = "Release an Elastic IP address; refused while a NAT gateway holds it."
    /// Its allocation ID (`eipalloc-…`), public IP or name.
    public var address: String
    /// When given, must be the address's border group, as AWS checks it.
    public var networkBorderGroup: String?
    public init(address: String, networkBorderGroup: String? = nil) {
        self.address = address
        self.networkBorderGroup = networkBorderGroup
    }
}

public struct AddressGet: RPCMethod {
    public typealias Response = ElasticIp
    public static let method = "address.get"
    public static let summary = "One Elastic IP address by allocation ID, public IP or name."
    public var address: String
    public init(address: String) { self.address = address }
}

public struct AddressList: RPCMethod {
    public typealias Response = AddressListResponse
    public static let method = "address.list"
    public static let summary =
        "The caller's Elastic IP addresses; filters: allocation-id, association-id, domain, instance-id, "
        + "network-border-group, network-interface-id, network-interface-owner-id, private-ip-address, public-ip, "
        + "tag:KEY, tag-key."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?
    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct AddressListResponse: Codable, Sendable, Hashable {
    public var addresses: [ElasticIp]
    public var nextToken: String?
    public init(addresses: [ElasticIp], nextToken: String?) {
        self.addresses = addresses
        self.nextToken = nextToken
    }
}
