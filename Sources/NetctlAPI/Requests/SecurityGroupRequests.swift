public struct SecurityGroupCreate: RPCMethod {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.create"
    public static let summary =
        "Create a security group in a VPC: no inbound rules and one outbound rule allowing everything to 0.0.0.0/0."
    public var vpc: String
    /// Unique in the VPC (case-insensitively), at most 255 characters, not `default` and not starting with `sg-`.
    public var name: String
    /// Defaults to the name. At most 255 characters; immutable.
    public var description: String?
    public var tags: Tags?

    public init(vpc: String, name: String, description: String? = nil, tags: Tags? = nil) {
        self.vpc = vpc
        self.name = name
        self.description = description
        self.tags = tags
    }
}

public struct SecurityGroupGet: RPCMethod {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.get"
    public static let summary = "One security group by ID (sg-…) or name."
    public var group: String
    public init(group: String) { self.group = group }
}

public struct SecurityGroupDelete: RPCMethod {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.delete"
    public static let summary =
        "Delete a security group; refused for a VPC's default group and while interfaces use it or groups reference it."
    public var group: String
    public init(group: String) { self.group = group }
}

public struct SecurityGroupList: RPCMethod {
    public typealias Response = SecurityGroupListResponse
    public static let method = "securityGroup.list"
    public static let summary =
        "The caller's security groups, optionally of one VPC, or matching EC2 filters (group-id, group-name, vpc-id, "
        + "description, owner-id, tag:KEY, tag-key)."
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

public struct SecurityGroupListResponse: Codable, Sendable, Hashable {
    public var securityGroups: [SecurityGroup]
    public var nextToken: String?
    public init(securityGroups: [SecurityGroup], nextToken: String?) {
        self.securityGroups = securityGroups
        self.nextToken = nextToken
    }
}

/// What the four rule methods take: rules to add or remove, or (to remove) the rules' IDs.
public protocol SecurityGroupRuleChange: RPCMethod where Response == SecurityGroup {
    var group: String { get }
    var rules: [SecurityGroupPermission]? { get }
    var ruleIds: [String]? { get }
}

public struct SecurityGroupAuthorizeIngress: SecurityGroupRuleChange {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.authorizeIngress"
    public static let summary = "Add inbound rules to a security group; an identical rule is InvalidPermission.Duplicate."
    public var group: String
    public var rules: [SecurityGroupPermission]?
    /// Not accepted here: only revoking takes rule IDs.
    public var ruleIds: [String]?
    public init(group: String, rules: [SecurityGroupPermission]) {
        self.group = group
        self.rules = rules
    }
}

public struct SecurityGroupAuthorizeEgress: SecurityGroupRuleChange {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.authorizeEgress"
    public static let summary = "Add outbound rules to a security group; an identical rule is InvalidPermission.Duplicate."
    public var group: String
    public var rules: [SecurityGroupPermission]?
    /// Not accepted here: only revoking takes rule IDs.
    public var ruleIds: [String]?
    public init(group: String, rules: [SecurityGroupPermission]) {
        self.group = group
        self.rules = rules
    }
}

public struct SecurityGroupRevokeIngress: SecurityGroupRuleChange {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.revokeIngress"
    public static let summary =
        "Remove inbound rules, matched exactly (descriptions aside) or by ID (sgr-…); any miss removes nothing."
    public var group: String
    public var rules: [SecurityGroupPermission]?
    public var ruleIds: [String]?
    public init(group: String, rules: [SecurityGroupPermission]? = nil, ruleIds: [String]? = nil) {
        self.group = group
        self.rules = rules
        self.ruleIds = ruleIds
    }
}

public struct SecurityGroupRevokeEgress: SecurityGroupRuleChange {
    public typealias Response = SecurityGroup
    public static let method = "securityGroup.revokeEgress"
    public static let summary =
        "Remove outbound rules, matched exactly (descriptions aside) or by ID (sgr-…); any miss removes nothing."
    public var group: String
    public var rules: [SecurityGroupPermission]?
    public var ruleIds: [String]?
    public init(group: String, rules: [SecurityGroupPermission]? = nil, ruleIds: [String]? = nil) {
        self.group = group
        self.rules = rules
        self.ruleIds = ruleIds
    }
}

public struct SecurityGroupStale: RPCMethod {
    public typealias Response = SecurityGroupStaleResponse
    public static let method = "securityGroup.stale"
    public static let summary =
        "A VPC's security groups with rules referencing a group across a peering that is no longer active."
    public var vpc: String
    public init(vpc: String) { self.vpc = vpc }
}

public struct SecurityGroupStaleResponse: Codable, Sendable, Hashable {
    public var staleSecurityGroups: [StaleSecurityGroup]
    public init(staleSecurityGroups: [StaleSecurityGroup]) { self.staleSecurityGroups = staleSecurityGroups }
}
