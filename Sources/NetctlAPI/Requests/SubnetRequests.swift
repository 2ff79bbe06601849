public struct SubnetCreate: RPCMethod {
    public typealias Response = Subnet
    public static let method = "subnet.create"
    public static let summary = "Create a subnet inside one of the VPC's CIDRs, in one availability zone."
    public var vpc: String
    public var cidrBlock: String
    public var availabilityZone: String?
    public var name: String?
    public var tags: Tags?
    public init(vpc: String, cidrBlock: String, availabilityZone: String? = nil, name: String? = nil, tags: Tags? = nil) {
        self.vpc = vpc
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
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
    public static let summary = "The caller's subnets, optionally of one VPC."
    public var vpc: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(vpc: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.vpc = vpc
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
