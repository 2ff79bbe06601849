public struct NetworkAclCreate: RPCMethod {
    public typealias Response = NetworkAcl
    public static let method = "networkAcl.create"
    public static let summary = "Create a custom network ACL in a VPC; it denies everything until entries are added."
    public var vpc: String
    public var name: String?
    public var tags: Tags?
    public init(vpc: String, name: String? = nil, tags: Tags? = nil) {
        self.vpc = vpc
        self.name = name
        self.tags = tags
    }
}

public struct NetworkAclGet: RPCMethod {
    public typealias Response = NetworkAcl
    public static let method = "networkAcl.get"
    public static let summary = "One network ACL by ID or name."
    public var networkAcl: String
    public init(networkAcl: String) { self.networkAcl = networkAcl }
}

public struct NetworkAclList: RPCMethod {
    public typealias Response = NetworkAclListResponse
    public static let method = "networkAcl.list"
    public static let summary =
        "The caller's network ACLs, optionally of one VPC; filters as DescribeNetworkAcls: network-acl-id, vpc-id, "
        + "default, association.subnet-id, association.association-id, entry.rule-number, entry.protocol, "
        + "tag:KEY, tag-key, …"
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

public struct NetworkAclListResponse: Codable, Sendable, Hashable {
    public var networkAcls: [NetworkAcl]
    public var nextToken: String?
    public init(networkAcls: [NetworkAcl], nextToken: String?) {
        self.networkAcls = networkAcls
        self.nextToken = nextToken
    }
}

public struct NetworkAclDelete: RPCMethod {
    public typealias Response = NetworkAcl
    public static let method = "networkAcl.delete"
    public static let summary =
        "Delete a custom network ACL no subnet uses; the default ACL goes with its VPC."
    public var networkAcl: String
    public init(networkAcl: String) { self.networkAcl = networkAcl }
}

/// The members `networkAcl.createEntry` and `networkAcl.replaceEntry` share.
public protocol NetworkAclEntryRequest: Sendable {
    var networkAcl: String { get }
    var ruleNumber: Int { get }
    var egress: Bool { get }
    var `protocol`: String { get }
    var ruleAction: String { get }
    var cidrBlock: String { get }
    var fromPort: Int? { get }
    var toPort: Int? { get }
    var icmpType: Int? { get }
    var icmpCode: Int? { get }
}

public struct NetworkAclCreateEntry: RPCMethod, NetworkAclEntryRequest {
    public typealias Response = NetworkAcl
    public static let method = "networkAcl.createEntry"
    public static let summary =
        "Add a numbered entry (1-32766) to one direction of a network ACL: protocol (-1, a number, tcp, udp, icmp), "
        + "allow or deny, an IPv4 CIDR, and a port range for tcp/udp or an ICMP type and code for icmp."
    public var networkAcl: String
    public var ruleNumber: Int
    /// True for an outbound entry, false for an inbound one.
    public var egress: Bool
    public var `protocol`: String
    /// `allow` or `deny`.
    public var ruleAction: String
    public var cidrBlock: String
    /// Required for tcp and udp: the inclusive port range.
    public var fromPort: Int?
    public var toPort: Int?
    /// Required for icmp (AWS's `IcmpTypeCode`): -1 means every type or code. For icmp, `fromPort` and
    /// `toPort` are also read as type and code, as security group rules write them.
    public var icmpType: Int?
    public var icmpCode: Int?
    public init(
        networkAcl: String, ruleNumber: Int, egress: Bool, protocol: String, ruleAction: String, cidrBlock: String,
        fromPort: Int? = nil, toPort: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil
    ) {
        self.networkAcl = networkAcl
        self.ruleNumber = ruleNumber
        self.egress = egress
        self.protocol = `protocol`
        self.ruleAction = ruleAction
        self.cidrBlock = cidrBlock
        self.fromPort = fromPort
        self.toPort = toPort
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }

    /// The same entry as another request describes it (a replacement's members, say).
    public init(_ entry: some NetworkAclEntryRequest) {
        self.init(
            networkAcl: entry.networkAcl, ruleNumber: entry.ruleNumber, egress: entry.egress,
            protocol: entry.protocol, ruleAction: entry.ruleAction, cidrBlock: entry.cidrBlock,
            fromPort: entry.fromPort, toPort: entry.toPort, icmpType: entry.icmpType, icmpCode: entry.icmpCode)
    }
}

public struct NetworkAclReplaceEntry: RPCMethod, NetworkAclEntryRequest {
    public typealias Response = NetworkAcl
    public static let method = "networkAcl.replaceEntry"
    public static let summary =
        "Replace the entry with this rule number and direction; members as networkAcl.createEntry."
    public var networkAcl: String
    public var ruleNumber: Int
    public var egress: Bool
    public var `protocol`: String
    public var ruleAction: String
    public var cidrBlock: String
    public var fromPort: Int?
    public var toPort: Int?
    public var icmpType: Int?
    public var icmpCode: Int?
    public init(
        networkAcl: String, ruleNumber: Int, egress: Bool, protocol: String, ruleAction: String, cidrBlock: String,
        fromPort: Int? = nil, toPort: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil
    ) {
        self.networkAcl = networkAcl
        self.ruleNumber = ruleNumber
        self.egress = egress
        self.protocol = `protocol`
        self.ruleAction = ruleAction
        self.cidrBlock = cidrBlock
        self.fromPort = fromPort
        self.toPort = toPort
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }
}

public struct NetworkAclDeleteEntry: RPCMethod {
    public typealias Response = NetworkAcl
    public static let method = "networkAcl.deleteEntry"
    public static let summary = "Delete the entry with this rule number and direction from a network ACL."
    public var networkAcl: String
    public var ruleNumber: Int
    public var egress: Bool
    public init(networkAcl: String, ruleNumber: Int, egress: Bool) {
        self.networkAcl = networkAcl
        self.ruleNumber = ruleNumber
        self.egress = egress
    }
}

public struct NetworkAclAssociate: RPCMethod {
    public typealias Response = NetworkAclAssociateResponse
    public static let method = "networkAcl.associate"
    public static let summary =
        "Move a subnet to a network ACL of its VPC (replacing its current association, under a new aclassoc- ID); "
        + "name the subnet, or its current association as ReplaceNetworkAclAssociation does."
    public var networkAcl: String
    public var subnet: String?
    /// The subnet's current association (`aclassoc-…`), instead of `subnet`.
    public var associationId: String?
    public init(networkAcl: String, subnet: String? = nil, associationId: String? = nil) {
        self.networkAcl = networkAcl
        self.subnet = subnet
        self.associationId = associationId
    }
}

public struct NetworkAclAssociateResponse: Codable, Sendable, Hashable {
    /// The subnet's new association ID; the old one no longer exists.
    public var newAssociationId: String
    /// The ACL that now holds the association.
    public var networkAcl: NetworkAcl
    public init(newAssociationId: String, networkAcl: NetworkAcl) {
        self.newAssociationId = newAssociationId
        self.networkAcl = networkAcl
    }
}
