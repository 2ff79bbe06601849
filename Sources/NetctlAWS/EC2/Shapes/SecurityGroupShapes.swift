import NetctlAPI
import NetctlCore

/// Security groups on the wire: AWS groups a direction's rules by protocol and ports into
/// `IpPermission`s, each with its CIDRs, prefix lists and groups; `DescribeSecurityGroupRules` shows
/// them one by one.
extension EC2.SecurityGroup {
    init(_ group: SecurityGroup, peerVpc: (String) -> SecurityGroupPeerInfo?) {
        self.init(
            groupId: group.groupId,
            ipPermissionsEgress: SecurityGroupWire.permissions(group.egressRules, of: group, peerVpc: peerVpc),
            tags: Tagging.ec2Tags(name: nil, tags: group.tags), vpcId: group.vpcId,
            securityGroupArn: SecurityGroupWire.arn(group), ownerId: group.accountId, groupName: group.groupName,
            description: group.description,
            ipPermissions: SecurityGroupWire.permissions(group.ingressRules, of: group, peerVpc: peerVpc))
    }
}

/// Where a group a rule references lives: the wire names its owner and, for a group of a peered VPC,
/// that VPC with the peering's status.
struct SecurityGroupPeerInfo: Sendable {
    var userId: String
    var vpcId: String

    /// The VPC to show for a reference from `group`: only a group of another VPC has one.
    func foreignVpc(from group: SecurityGroup) -> String? { vpcId == group.vpcId ? nil : vpcId }
}

enum SecurityGroupWire {
    static func arn(_ group: SecurityGroup) -> String {
        "arn:aws:ec2:\(group.region):\(group.accountId):security-group/\(group.groupId)"
    }

    static func permissions(
        _ rules: [SecurityGroupRule], of group: SecurityGroup, peerVpc: (String) -> SecurityGroupPeerInfo?
    ) -> [EC2.IpPermission] {
        struct Key: Hashable {
            var proto: String
            var from: Int?
            var to: Int?
        }
        var order: [Key] = []
        var byKey: [Key: EC2.IpPermission] = [:]
        for rule in rules {
            let key = Key(proto: rule.protocol, from: rule.fromPort, to: rule.toPort)
            var permission = byKey[key] ?? EC2.IpPermission(
                ipProtocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, userIdGroupPairs: [],
                ipRanges: [], ipv6Ranges: [], prefixListIds: [])
            if byKey[key] == nil { order.append(key) }
            if let cidr = rule.cidrIpv4 {
                permission.ipRanges?.append(EC2.IpRange(description: rule.description, cidrIp: cidr))
            }
            if let list = rule.prefixListId {
                permission.prefixListIds?.append(EC2.PrefixListId(description: rule.description, prefixListId: list))
            }
            if let referenced = rule.referencedGroupId {
                let info = peerVpc(referenced)
                permission.userIdGroupPairs?.append(
                    EC2.UserIdGroupPair(
                        description: rule.description, userId: info?.userId ?? group.accountId, groupId: referenced,
                        vpcId: info?.foreignVpc(from: group),
                        peeringStatus: info?.foreignVpc(from: group) == nil ? nil : "active"))
            }
            byKey[key] = permission
        }
        return order.compactMap { byKey[$0] }
    }

    static func rule(
        _ rule: SecurityGroupRule, of group: SecurityGroup, egress: Bool, peerVpc: (String) -> SecurityGroupPeerInfo?
    ) -> EC2.SecurityGroupRule {
        let referenced = rule.referencedGroupId.map { id in
            let info = peerVpc(id)
            let foreign = info?.foreignVpc(from: group)
            return EC2.ReferencedSecurityGroup(
                groupId: id, peeringStatus: foreign == nil ? nil : "active", userId: info?.userId ?? group.accountId,
                vpcId: foreign)
        }
        return EC2.SecurityGroupRule(
            securityGroupRuleId: rule.ruleId, groupId: group.groupId, groupOwnerId: group.accountId, isEgress: egress,
            ipProtocol: rule.protocol, fromPort: rule.fromPort ?? -1, toPort: rule.toPort ?? -1,
            cidrIpv4: rule.cidrIpv4, prefixListId: rule.prefixListId, referencedGroupInfo: referenced,
            description: rule.description, tags: [],
            securityGroupRuleArn: "arn:aws:ec2:\(group.region):\(group.accountId):security-group-rule/\(rule.ruleId)")
    }

    static func revoked(_ rule: SecurityGroupRule, of group: SecurityGroup, egress: Bool) -> EC2.RevokedSecurityGroupRule {
        EC2.RevokedSecurityGroupRule(
            securityGroupRuleId: rule.ruleId, groupId: group.groupId, isEgress: egress, ipProtocol: rule.protocol,
            fromPort: rule.fromPort ?? -1, toPort: rule.toPort ?? -1, cidrIpv4: rule.cidrIpv4,
            prefixListId: rule.prefixListId, referencedGroupId: rule.referencedGroupId, description: rule.description)
    }

    /// netctl's rules from EC2's `IpPermissions`: one rule per CIDR, prefix list and group of each.
    static func rules(_ permissions: [EC2.IpPermission]) throws(AWSError) -> [SecurityGroupPermission] {
        var rules: [SecurityGroupPermission] = []
        for permission in permissions {
            guard let proto = permission.ipProtocol else {
                throw AWSError.missingParameter("The request must contain the parameter IpPermissions.N.IpProtocol")
            }
            if !(permission.ipv6Ranges ?? []).isEmpty {
                throw AWSError(
                    code: "InvalidParameterValue",
                    message: "netctld models IPv4 only: Ipv6Ranges are not supported. Use IpRanges.")
            }
            let before = rules.count
            for range in permission.ipRanges ?? [] {
                rules.append(
                    SecurityGroupPermission(
                        protocol: proto, fromPort: permission.fromPort, toPort: permission.toPort, cidrIpv4: range.cidrIp ?? "",
                        description: range.description))
            }
            for list in permission.prefixListIds ?? [] {
                rules.append(
                    SecurityGroupPermission(
                        protocol: proto, fromPort: permission.fromPort, toPort: permission.toPort,
                        prefixListId: list.prefixListId ?? "", description: list.description))
            }
            for pair in permission.userIdGroupPairs ?? [] {
                guard let group = pair.groupId ?? pair.groupName else {
                    throw AWSError.missingParameter(
                        "The request must contain the parameter IpPermissions.N.Groups.M.GroupId")
                }
                rules.append(
                    SecurityGroupPermission(
                        protocol: proto, fromPort: permission.fromPort, toPort: permission.toPort,
                        referencedGroupId: group, description: pair.description))
            }
            if rules.count == before {
                throw AWSError(
                    code: "InvalidPermission.Malformed",
                    message: "An IpPermission needs a peer: IpRanges, PrefixListIds or Groups (UserIdGroupPairs).")
            }
        }
        return rules
    }

    /// The ingress actions' legacy flat form: `IpProtocol`, `FromPort`, `ToPort` with `CidrIp`, or a
    /// `SourceSecurityGroupName` (all traffic from that group).
    static func flatRule(
        proto: String?, from: Int?, to: Int?, cidr: String?, sourceGroup: String?
    ) throws(AWSError) -> SecurityGroupPermission? {
        if let sourceGroup {
            guard cidr == nil, proto == nil else {
                throw AWSError(
                    code: "InvalidParameterCombination",
                    message: "SourceSecurityGroupName cannot be combined with IpProtocol or CidrIp; use IpPermissions.")
            }
            return SecurityGroupPermission(protocol: "-1", referencedGroupId: sourceGroup)
        }
        guard proto != nil || cidr != nil || from != nil || to != nil else { return nil }
        guard let proto else { throw AWSError.missingParameter("The request must contain the parameter IpProtocol") }
        guard let cidr else { throw AWSError.missingParameter("The request must contain the parameter CidrIp") }
        return SecurityGroupPermission(protocol: proto, fromPort: from, toPort: to, cidrIpv4: cidr)
    }
}
