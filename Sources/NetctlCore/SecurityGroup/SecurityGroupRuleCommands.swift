import Foundation
import NetctlAPI

extension State {
    /// `authorizeIngress`/`authorizeEgress`: every rule is checked and none may repeat an existing one
    /// (or another of the same call), or nothing is added.
    public mutating func authorizeSecurityGroupRules<R: SecurityGroupRuleChange>(
        _ request: R, _ direction: SecurityGroupDirection, _ context: inout CommandContext
    ) throws(NetctlError) -> SecurityGroup {
        var group = try securityGroup(request.group, in: context.scope)
        if request.ruleIds != nil {
            throw NetctlError(
                .invalidParameterCombination,
                "ruleIds name rules to revoke; authorizing takes rules. Pass `rules` only.")
        }
        guard let permissions = request.rules, !permissions.isEmpty else {
            throw NetctlError(.missingParameter, "No rules given. Pass at least one rule in `rules`.")
        }
        var rules = group.rules(direction)
        for permission in permissions {
            let rule = try makeRule(permission, for: group, &context)
            if rules.contains(where: { SecurityGroupRules.sameRule($0, rule) }) {
                throw NetctlError(
                    .permissionDuplicate,
                    "the specified rule \"\(SecurityGroupRules.describe(rule))\" already exists in \(group.groupId) "
                        + "(\(direction.rawValue)).")
            }
            rules.append(rule)
        }
        guard rules.count <= context.quotas[.rulesPerSecurityGroup] else {
            throw context.quotas.exceeded(
                .rulesPerSecurityGroup, code: .rulesPerSecurityGroupLimitExceeded,
                "The maximum number of rules per security group has been reached: \(group.groupId) would have "
                    + "\(rules.count) \(direction.rawValue) rules")
        }
        group.setRules(rules, direction)
        record(direction == .ingress ? .authorizeIngress : .authorizeEgress, group, at: context.now)
        return group
    }

    /// `revokeIngress`/`revokeEgress`: by rule ID, or by an exact match of every field but the
    /// description. Any rule that does not match fails the call and nothing is revoked.
    public mutating func revokeSecurityGroupRules<R: SecurityGroupRuleChange>(
        _ request: R, _ direction: SecurityGroupDirection, _ context: inout CommandContext
    ) throws(NetctlError) -> SecurityGroup {
        var group = try securityGroup(request.group, in: context.scope)
        let ruleIds = request.ruleIds ?? []
        let permissions = request.rules ?? []
        guard !ruleIds.isEmpty || !permissions.isEmpty else {
            throw NetctlError(.missingParameter, "Nothing to revoke. Pass `rules` or `ruleIds`.")
        }
        var rules = group.rules(direction)
        for ruleId in ruleIds {
            guard let index = rules.firstIndex(where: { $0.ruleId == ruleId }) else {
                throw NetctlError(
                    .securityGroupRuleIdNotFound,
                    "The security group rule ID '\(ruleId)' does not exist among the \(direction.rawValue) rules of "
                        + "\(group.groupId). List them with `netctl sg get \(group.groupId)`.")
            }
            rules.remove(at: index)
        }
        for permission in permissions {
            // A revoke names a rule that exists: no group, prefix list or peering check is needed, and a
            // rule referencing a group that is gone can still be revoked.
            let wanted = try permissionRule(permission)
            guard let index = rules.firstIndex(where: { SecurityGroupRules.sameRule($0, wanted) }) else {
                throw NetctlError(
                    .permissionNotFound,
                    "The specified rule does not exist in this security group: \(group.groupId) has no "
                        + "\(direction.rawValue) rule \"\(SecurityGroupRules.describe(wanted))\". Nothing was revoked.")
            }
            rules.remove(at: index)
        }
        group.setRules(rules, direction)
        record(direction == .ingress ? .revokeIngress : .revokeEgress, group, at: context.now)
        return group
    }

    /// The canonical form of a rule as written, without checking its peer exists.
    func permissionRule(_ permission: SecurityGroupPermission, ruleId: String = "") throws(NetctlError)
        -> SecurityGroupRule
    {
        let proto = try SecurityGroupRules.canonicalProtocol(permission.protocol)
        let (from, to) = try SecurityGroupRules.ports(proto, from: permission.fromPort, to: permission.toPort)
        let peers = [permission.cidrIpv4, permission.prefixListId, permission.referencedGroupId].compactMap { $0 }
        guard peers.count == 1 else {
            throw NetctlError(
                peers.isEmpty ? .missingParameter : .invalidParameterCombination,
                "A rule takes exactly one peer: cidrIpv4, prefixListId or referencedGroupId; got \(peers.count). "
                    + "Write one rule per peer.")
        }
        var rule = SecurityGroupRule(ruleId: ruleId, protocol: proto, fromPort: from, toPort: to)
        if let text = permission.cidrIpv4 {
            guard let cidr = IPv4CIDR(text) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Value (\(text)) for parameter cidrIp is invalid. This is not a valid CIDR block: write a.b.c.d/n.")
            }
            rule.cidrIpv4 = cidr.description
        }
        rule.prefixListId = permission.prefixListId?.trimmingCharacters(in: .whitespaces)
        rule.referencedGroupId = permission.referencedGroupId?.trimmingCharacters(in: .whitespaces)
        if let description = permission.description {
            rule.description = try SecurityGroupRules.description(description, what: "rule description")
        }
        return rule
    }

    /// A rule to add to `group`: canonical, with a new ID, its prefix list a real one of the region and its
    /// referenced group one of the same VPC or of a VPC actively peered in the same region.
    mutating func makeRule(_ permission: SecurityGroupPermission, for group: SecurityGroup, _ context: inout CommandContext)
        throws(NetctlError) -> SecurityGroupRule
    {
        var rule = try permissionRule(permission, ruleId: context.ids.make(IDPrefix.securityGroupRule))
        if let reference = rule.prefixListId {
            rule.prefixListId = try prefixList(reference, region: group.region).prefixListId
        }
        if let reference = rule.referencedGroupId {
            rule.referencedGroupId = try referenceableGroup(reference, from: group).groupId
        }
        return rule
    }

    /// The group a rule of `group` may name: by ID, or by name within `group`'s VPC.
    func referenceableGroup(_ reference: String, from group: SecurityGroup) throws(NetctlError) -> SecurityGroup {
        guard reference.hasPrefix(IDPrefix.securityGroup + "-") else {
            return try securityGroup(inVpc: group.vpcId, reference, in: group.scope)
        }
        guard IDPrefix.matches(reference, prefix: IDPrefix.securityGroup) else {
            throw NetctlError(
                .securityGroupIdMalformed, "Invalid id: '\(reference)' (expecting 'sg-' and 8 or 17 hexadecimal digits).")
        }
        guard let referenced = securityGroups[reference] else {
            throw NetctlError(.securityGroupNotFound, "The security group '\(reference)' does not exist.")
        }
        if referenced.vpcId == group.vpcId { return referenced }
        guard referenced.region == group.region else {
            throw NetctlError(
                .securityGroupNotFound,
                "The security group '\(reference)' is in \(referenced.region): rules may reference groups of a peered "
                    + "VPC in the same region only (\(group.region)). Use the peer's CIDR instead.")
        }
        guard hasActivePeering(between: group.vpcId, and: referenced.vpcId) else {
            throw NetctlError(
                .securityGroupNotFound,
                "You have specified two resources that belong to different networks: \(reference) is in "
                    + "\(referenced.vpcId), which has no active peering with \(group.vpcId). Peer the VPCs first, or "
                    + "use a CIDR.")
        }
        return referenced
    }

    func hasActivePeering(between first: String, and second: String) -> Bool {
        peerings.childIds(of: first).contains { id in
            guard let peering = peerings[id], peering.status.code == PeeringStatus.active else { return false }
            return (peering.requester.vpcId == first && peering.accepter.vpcId == second)
                || (peering.requester.vpcId == second && peering.accepter.vpcId == first)
        }
    }

    /// A rule naming a group that is gone, or a group in another VPC with no active peering to it: kept,
    /// matching nothing, until revoked or the peering is back.
    public func isStale(_ rule: SecurityGroupRule, of group: SecurityGroup) -> Bool {
        guard let referencedId = rule.referencedGroupId else { return false }
        guard let referenced = securityGroups[referencedId] else { return true }
        return referenced.vpcId != group.vpcId && !hasActivePeering(between: group.vpcId, and: referenced.vpcId)
    }

    /// The groups `group`'s rules reference that match nothing now: what the matcher skips.
    public func staleReferences(of group: SecurityGroup) -> Set<String> {
        Set((group.ingressRules + group.egressRules).filter { isStale($0, of: group) }.compactMap(\.referencedGroupId))
    }

    public func staleSecurityGroups(_ request: SecurityGroupStale, _ context: QueryContext) throws(NetctlError)
        -> SecurityGroupStaleResponse
    {
        let vpc = try self.vpc(request.vpc, in: context.scope)
        var result: [StaleSecurityGroup] = []
        for group in securityGroups.children(of: vpc.vpcId) {
            let ingress = group.ingressRules.filter { isStale($0, of: group) }
            let egress = group.egressRules.filter { isStale($0, of: group) }
            guard !ingress.isEmpty || !egress.isEmpty else { continue }
            result.append(
                StaleSecurityGroup(
                    groupId: group.groupId, groupName: group.groupName, vpcId: group.vpcId, staleIngressRules: ingress,
                    staleEgressRules: egress))
        }
        return SecurityGroupStaleResponse(staleSecurityGroups: result)
    }
}
