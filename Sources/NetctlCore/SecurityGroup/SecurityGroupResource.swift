import Foundation
import NetctlAPI

extension SecurityGroup: StoredResource {
    public static let kind = ResourceKind.securityGroup
    public static var table: WritableKeyPath<State, Table<SecurityGroup>> { \.securityGroups }
    public var id: String { groupId }
    public var parentId: String? { vpcId }
    /// Security groups have no state of their own in AWS.
    public var currentStatus: String? { nil }
    /// Callers name groups by their group name (`netctl sg get web`), as the EC2 console does.
    public var referenceName: String? { groupName }
    /// The VPC; the name folded to lower case within it, so uniqueness is one lookup; and every group a
    /// rule references, so deleting a group finds who references it without a scan.
    public var indexKeys: [String] {
        var keys = [vpcId, Self.nameKey(vpcId: vpcId, name: groupName)]
        var referenced = Set<String>()
        for rule in ingressRules + egressRules {
            if let group = rule.referencedGroupId, referenced.insert(group).inserted { keys.append(Self.referenceKey(group)) }
        }
        return keys
    }

    static func nameKey(vpcId: String, name: String) -> String { "sgName:\(vpcId):\(name.lowercased())" }
    static func referenceKey(_ groupId: String) -> String { "sgRef:\(groupId)" }

    public func rules(_ direction: SecurityGroupDirection) -> [SecurityGroupRule] {
        direction == .ingress ? ingressRules : egressRules
    }

    mutating func setRules(_ rules: [SecurityGroupRule], _ direction: SecurityGroupDirection) {
        if direction == .ingress { ingressRules = rules } else { egressRules = rules }
    }
}

/// Which of a group's rule lists: inbound (`ingress`) or outbound (`egress`).
public enum SecurityGroupDirection: String, Sendable, Hashable, CaseIterable {
    case ingress
    case egress
}

extension SecurityGroup: Taggable {
    public static let tagResourceType = "security-group"
    public static let idPrefix = IDPrefix.securityGroup
    public static let notFoundCode = ErrorCode.securityGroupNotFound
}

extension IDPrefix {
    public static let securityGroup = "sg"
    public static let securityGroupRule = "sgr"
}

/// EC2's DescribeSecurityGroups filters, by their AWS names.
public enum SecurityGroupFilter {
    public static let table = FilterTable<SecurityGroup>(
        [
            "group-id": { [$0.groupId] },
            "group-name": { [$0.groupName] },
            "vpc-id": { [$0.vpcId] },
            "description": { [$0.description] },
            "owner-id": { [$0.accountId] },
            "ip-permission.protocol": { $0.ingressRules.map(\.protocol) },
            "ip-permission.cidr": { $0.ingressRules.compactMap(\.cidrIpv4) },
            "ip-permission.group-id": { $0.ingressRules.compactMap(\.referencedGroupId) },
            "ip-permission.prefix-list-id": { $0.ingressRules.compactMap(\.prefixListId) },
            "egress.ip-permission.protocol": { $0.egressRules.map(\.protocol) },
            "egress.ip-permission.cidr": { $0.egressRules.compactMap(\.cidrIpv4) },
            "egress.ip-permission.group-id": { $0.egressRules.compactMap(\.referencedGroupId) },
            "egress.ip-permission.prefix-list-id": { $0.egressRules.compactMap(\.prefixListId) },
        ],
        tags: { $0.tags })
}
