public struct SubnetCreate: RPCMethod {
    public typealias Response = Subnet
    public static let method = "subnet.create"
    public static let summary =
        "Create a subnet inside one of the VPC's CIDRs, in one availability zone (by name, or by zone ID such as use1-az1)."
    public var vpc: String
    public var cidrBlock: String
    public var availabilityZone: String?
    /// The zone by its ID (`use1-az2`) instead of its name; at most one of the two.
    public var availabilityZoneId: String?
    public var name: String?
    public var tags: Tags?
    public init(
        vpc: String, cidrBlock: String, availabilityZone: String? = nil, availabilityZoneId: String? = nil,
        name: String? = nil, tags: Tags? = nil
    ) {
        self.vpc = vpc
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
        self.availabilityZoneId = availabilityZoneId
        self.name = name
        self.tags = tags
    }
}

public struct SubnetGet: RPCMethod {
    public typealias Response = Subnet
    public static let method = "subnet.get"
    public static let summary = "One subnet by ID or name."
    public var subnet: String
    public init(subnet: String) { self.subnet = subnet }
}

public struct SubnetList: RPCMethod {
    public typealias Response = SubnetListResponse
    public static let method = "subnet.list"
    public static let summary =
        "The caller's subnets, optionally of one VPC; filters as DescribeSubnets: subnet-id, vpc-id, cidr-block, "
        + "availability-zone, availability-zone-id, state, owner-id, map-public-ip-on-launch, tag:KEY, tag-key, …"
    public var vpc: String?
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?
    public init(vpc: String? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.vpc = vpc
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct SubnetListResponse: Codable, Sendable, Hashable {
    public var subnets: [Subnet]
    public var nextToken: String?
    public init(subnets: [Subnet], nextToken: String?) {
        self.subnets = subnets
        self.nextToken = nextToken
    }
}

public struct SubnetDelete: RPCMethod {
    public typealias Response = Subnet
    public static let method = "subnet.delete"
    public static let summary = "Delete a subnet; refused while network interfaces (NAT gateways, endpoints, tasks) use it."
    public var subnet: String
    public init(subnet: String) { self.subnet = subnet }
}

public struct SubnetModifyAttribute: RPCMethod {
    public typealias Response = Subnet
    public static let method = "subnet.modifyAttribute"
    public static let summary =
        "Turn mapPublicIpOnLaunch (a public IPv4 address for what launches in the subnet) on or off."
    public var subnet: String
    public var mapPublicIpOnLaunch: Bool?
    public init(subnet: String, mapPublicIpOnLaunch: Bool? = nil) {
        self.subnet = subnet
        self.mapPublicIpOnLaunch = mapPublicIpOnLaunch
    }
}
