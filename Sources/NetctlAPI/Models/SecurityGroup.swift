import Foundation

/// A security group: allow-only, stateful rules for the network interfaces that carry it, in one VPC.
/// Every VPC has one `default` group, created and deleted with it.
public struct SecurityGroup: Codable, Sendable, Hashable {
    /// `sg-` and 17 hex digits.
    public var groupId: String
    /// Unique in its VPC, case-insensitively; immutable.
    public var groupName: String
    public var vpcId: String
    /// Immutable, as on AWS.
    public var description: String
    public var ingressRules: [SecurityGroupRule]
    public var egressRules: [SecurityGroupRule]
    /// The VPC's `default` group, which cannot be deleted.
    public var isDefault: Bool
    public var accountId: String
    public var region: String
    public var tags: Tags
    public var createdAt: Date

    public init(
        groupId: String, groupName: String, vpcId: String, description: String, ingressRules: [SecurityGroupRule],
        egressRules: [SecurityGroupRule], isDefault: Bool, accountId: String, region: String, tags: Tags,
        createdAt: Date
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.vpcId = vpcId
        self.description = description
        self.ingressRules = ingressRules
        self.egressRules = egressRules
        self.isDefault = isDefault
        self.accountId = accountId
        self.region = region
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// One rule of a security group. Exactly one peer: `cidrIpv4`, `prefixListId` or `referencedGroupId`.
public struct SecurityGroupRule: Codable, Sendable, Hashable {
    /// `sgr-` and 17 hex digits.
    public var ruleId: String
    /// `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all) or another protocol number as a string.
    public var `protocol`: String
    /// The first port (TCP/UDP) or the ICMP type (-1: all); absent for protocols without ports.
    public var fromPort: Int?
    /// The last port (TCP/UDP) or the ICMP code (-1: all).
    public var toPort: Int?
    /// A canonical IPv4 CIDR (`10.0.0.0/16`).
    public var cidrIpv4: String?
    /// An AWS-managed prefix list (`pl-…`).
    public var prefixListId: String?
    /// A security group of the same VPC or of a VPC peered in the same region.
    public var referencedGroupId: String?
    public var description: String?

    public init(
        ruleId: String, protocol: String, fromPort: Int? = nil, toPort: Int? = nil, cidrIpv4: String? = nil,
        prefixListId: String? = nil, referencedGroupId: String? = nil, description: String? = nil
    ) {
        self.ruleId = ruleId
        self.protocol = `protocol`
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidrIpv4 = cidrIpv4
        self.prefixListId = prefixListId
        self.referencedGroupId = referencedGroupId
        self.description = description
    }
}

/// A rule as callers write it: a `SecurityGroupRule` without its ID. Protocols may be names or numbers
/// (`"6"` is `tcp`); the group echoes AWS's form.
public struct SecurityGroupPermission: Codable, Sendable, Hashable {
    public var `protocol`: String
    public var fromPort: Int?
    public var toPort: Int?
    public var cidrIpv4: String?
    public var prefixListId: String?
    public var referencedGroupId: String?
    public var description: String?

    public init(
        protocol: String, fromPort: Int? = nil, toPort: Int? = nil, cidrIpv4: String? = nil,
        prefixListId: String? = nil, referencedGroupId: String? = nil, description: String? = nil
    ) {
        self.protocol = `protocol`
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidrIpv4 = cidrIpv4
        self.prefixListId = prefixListId
        self.referencedGroupId = referencedGroupId
        self.description = description
    }
}

/// A group's rules that reference a group across a peering that is gone (or a group that is gone):
/// kept, matching nothing, until revoked or the peering is back.
public struct StaleSecurityGroup: Codable, Sendable, Hashable {
    public var groupId: String
    public var groupName: String
    public var vpcId: String
    public var staleIngressRules: [SecurityGroupRule]
    public var staleEgressRules: [SecurityGroupRule]

    public init(
        groupId: String, groupName: String, vpcId: String, staleIngressRules: [SecurityGroupRule],
        staleEgressRules: [SecurityGroupRule]
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.vpcId = vpcId
        self.staleIngressRules = staleIngressRules
        self.staleEgressRules = staleEgressRules
    }
}

extension ErrorCode {
    public static let securityGroupNotFound: Self = "InvalidGroup.NotFound"
    public static let securityGroupIdMalformed: Self = "InvalidGroupId.Malformed"
    public static let securityGroupDuplicate: Self = "InvalidGroup.Duplicate"
    public static let securityGroupReserved: Self = "InvalidGroup.Reserved"
    public static let cannotDelete: Self = "CannotDelete"
    public static let permissionDuplicate: Self = "InvalidPermission.Duplicate"
    public static let permissionNotFound: Self = "InvalidPermission.NotFound"
    public static let permissionMalformed: Self = "InvalidPermission.Malformed"
    public static let securityGroupRuleIdNotFound: Self = "InvalidSecurityGroupRuleId.NotFound"
    public static let securityGroupLimitExceeded: Self = "SecurityGroupLimitExceeded"
    public static let rulesPerSecurityGroupLimitExceeded: Self = "RulesPerSecurityGroupLimitExceeded"
    /// EC2's code for parameters that do not fit together in other ways (a group and a subnet of
    /// different VPCs).
    public static let invalidParameter: Self = "InvalidParameter"
}
