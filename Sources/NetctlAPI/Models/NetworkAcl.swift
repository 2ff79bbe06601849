import Foundation

/// A network ACL: the stateless filter on every packet entering or leaving the subnets associated
/// with it. Each VPC has one default ACL (created and deleted with the VPC); every subnet is
/// associated with exactly one ACL, its VPC's default one unless moved.
public struct NetworkAcl: Codable, Sendable, Hashable {
    /// `acl-` and 17 hex digits.
    public var networkAclId: String
    public var vpcId: String
    /// The Name tag, by which `networkAcl` parameters may name the ACL.
    public var name: String?
    public var accountId: String
    public var region: String
    /// The VPC's default ACL: created with it, never deletable, where subnets go back to.
    public var isDefault: Bool
    /// Egress entries first, then ingress, each by rule number; each direction ends with the `*`
    /// deny, shown as rule 32767 as AWS shows it.
    public var entries: [NetworkAclEntry]
    /// The subnets using this ACL, each with its `aclassoc-` association.
    public var associations: [NetworkAclAssociation]
    public var tags: Tags
    public var createdAt: Date

    public init(
        networkAclId: String, vpcId: String, name: String? = nil, accountId: String, region: String,
        isDefault: Bool, entries: [NetworkAclEntry], associations: [NetworkAclAssociation] = [], tags: Tags,
        createdAt: Date
    ) {
        self.networkAclId = networkAclId
        self.vpcId = vpcId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.isDefault = isDefault
        self.entries = entries
        self.associations = associations
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// One numbered rule of a network ACL, in one direction.
public struct NetworkAclEntry: Codable, Sendable, Hashable {
    /// 1–32766 for the caller's entries; 32767 is the final `*` deny.
    public var ruleNumber: Int
    /// True for outbound traffic, false for inbound.
    public var egress: Bool
    /// A protocol number as a string (`"6"` tcp, `"17"` udp, `"1"` icmp) or `"-1"` for all, as AWS
    /// echoes it whatever alias was given.
    public var `protocol`: String
    public var ruleAction: NetworkAclRuleAction
    /// The remote IPv4 network the entry matches, canonicalised (`10.0.0.5/16` → `10.0.0.0/16`).
    public var cidrBlock: String
    /// The port range, inclusive: present for tcp (`"6"`) and udp (`"17"`) only.
    public var fromPort: Int?
    public var toPort: Int?
    /// The ICMP type and code (AWS's `IcmpTypeCode`): present for icmp (`"1"`) only; -1 means all.
    public var icmpType: Int?
    public var icmpCode: Int?

    public init(
        ruleNumber: Int, egress: Bool, protocol: String, ruleAction: NetworkAclRuleAction, cidrBlock: String,
        fromPort: Int? = nil, toPort: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil
    ) {
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

/// What a matching entry does with the packet.
public enum NetworkAclRuleAction: String, Codable, Sendable, Hashable, CaseIterable {
    case allow
    case deny
}

/// A subnet's association with a network ACL.
public struct NetworkAclAssociation: Codable, Sendable, Hashable {
    /// `aclassoc-` and 17 hex digits; a new one each time the subnet moves.
    public var associationId: String
    public var subnetId: String

    public init(associationId: String, subnetId: String) {
        self.associationId = associationId
        self.subnetId = subnetId
    }
}
