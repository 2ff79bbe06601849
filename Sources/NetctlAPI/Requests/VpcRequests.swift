public struct VpcCreate: RPCMethod {
    public typealias Response = Vpc
    public static let method = "vpc.create"
    public static let summary = "Create a VPC with a primary IPv4 CIDR (/16 to /28) and its main route table."
    public var cidrBlock: String
    public var name: String?
    public var tags: Tags?
    public init(cidrBlock: String, name: String? = nil, tags: Tags? = nil) {
        self.cidrBlock = cidrBlock
        self.name = name
        self.tags = tags
    }
}

public struct VpcGet: RPCMethod {
    public typealias Response = Vpc
    public static let method = "vpc.get"
    public static let summary = "One VPC by ID or name."
    public var vpc: String
    public init(vpc: String) { self.vpc = vpc }
}

public struct VpcList: RPCMethod {
    public typealias Response = VpcListResponse
    public static let method = "vpc.list"
    public static let summary =
        "The caller's VPCs in the region; filters: vpc-id, cidr, cidr-block-association.cidr-block, state, owner-id, tag:KEY, tag-key."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?
    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct VpcListResponse: Codable, Sendable, Hashable {
    public var vpcs: [Vpc]
    public var nextToken: String?
    public init(vpcs: [Vpc], nextToken: String?) {
        self.vpcs = vpcs
        self.nextToken = nextToken
    }
}

public struct VpcDelete: RPCMethod {
    public typealias Response = Vpc
    public static let method = "vpc.delete"
    public static let summary = "Delete a VPC and its main route table; refused while anything else depends on it."
    public var vpc: String
    public init(vpc: String) { self.vpc = vpc }
}

public struct VpcAssociateCidr: RPCMethod {
    public typealias Response = Vpc
    public static let method = "vpc.associateCidr"
    public static let summary = "Add a secondary IPv4 CIDR; a local route for it appears in every route table."
    public var vpc: String
    public var cidrBlock: String
    public init(vpc: String, cidrBlock: String) {
        self.vpc = vpc
        self.cidrBlock = cidrBlock
    }
}

public struct VpcDisassociateCidr: RPCMethod {
    public typealias Response = Vpc
    public static let method = "vpc.disassociateCidr"
    public static let summary =
        "Remove a secondary IPv4 CIDR and its local routes; never the primary, nor a block that subnets use."
    public var vpc: String
    public var cidrBlock: String
    public init(vpc: String, cidrBlock: String) {
        self.vpc = vpc
        self.cidrBlock = cidrBlock
    }
}
