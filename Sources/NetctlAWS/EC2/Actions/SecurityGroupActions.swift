import NetctlAPI
import NetctlCore

/// Security groups and their rules (SEMANTICS-2 §1.1–1.2).
extension EC2Actions {
    static let securityGroups: [EC2Action] = [
        .make(
            "CreateSecurityGroup", mutating: true,
            supported: ["GroupName", "GroupDescription", "VpcId", "TagSpecification"]
        ) { (input: EC2.CreateSecurityGroupRequest, context) throws(AWSError) in
            guard let vpcId = input.vpcId else {
                // netctld has no default VPC for a group to land in.
                throw AWSError(code: "VPCIdNotSpecified", message: "No default VPC for this user: pass VpcId.")
            }
            let (name, other) = try Tagging.split(input.tagSpecifications, for: "security-group")
            var tags = other
            if let name { tags = (tags ?? [:]).merging(["Name": name]) { $1 } }
            let group = try await context.run(
                SecurityGroupCreate(vpc: vpcId, name: input.groupName, description: input.description, tags: tags))
            return EC2.CreateSecurityGroupResult(
                groupId: group.groupId, tags: group.tags.isEmpty ? nil : Tagging.ec2Tags(name: nil, tags: group.tags),
                securityGroupArn: SecurityGroupWire.arn(group))
        },
        .make("DeleteSecurityGroup", mutating: true, supported: ["GroupId", "GroupName"]) {
            (input: EC2.DeleteSecurityGroupRequest, context) throws(AWSError) in
            guard let reference = input.groupId ?? input.groupName else {
                throw AWSError.missingParameter("The request must contain the parameter GroupId or GroupName")
            }
            let group = try await context.run(SecurityGroupDelete(group: reference))
            return EC2.DeleteSecurityGroupResult(return: true, groupId: group.groupId)
        },
        .make(
            "DescribeSecurityGroups", mutating: false,
            supported: ["GroupId", "GroupName", "Filter", "NextToken", "MaxResults"]
        ) { (input: EC2.DescribeSecurityGroupsRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.groupIds, maxResults: input.maxResults, idParameter: "GroupId")
            let known = try await context.each(input.groupIds ?? []) { SecurityGroupGet(group: $0) }.map(\.groupId)
            var filters = DescribeByIds.filters(try Filters.netctl(input.filters), ids: known, idFilter: "group-id")
            if let names = input.groupNames, !names.isEmpty {
                filters.append(Filter(name: "group-name", values: names))
            }
            let page = try await context.run(
                SecurityGroupList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            if let names = input.groupNames,
                let missing = names.first(where: { name in !page.securityGroups.contains { $0.groupName == name } })
            {
                throw AWSError(
                    code: ErrorCode.securityGroupNotFound.rawValue,
                    message: "The security group '\(missing)' does not exist")
            }
            let peers = await SecurityGroupWire.peers(of: page.securityGroups, context)
            return EC2.DescribeSecurityGroupsResult(
                nextToken: page.nextToken, securityGroups: page.securityGroups.map { EC2.SecurityGroup($0, peerVpc: peers) })
        },
        .make(
            "DescribeSecurityGroupRules", mutating: false,
            supported: ["Filter", "SecurityGroupRuleId", "NextToken", "MaxResults"]
        ) { (input: EC2.DescribeSecurityGroupRulesRequest, context) throws(AWSError) in
            var groupFilters: [Filter] = []
            var ruleIds = Set(input.securityGroupRuleIds ?? [])
            let explicitIds = ruleIds
            for filter in try Filters.netctl(input.filters) {
                switch filter.name {
                case "group-id": groupFilters.append(filter)
                case "security-group-rule-id":
                    ruleIds = ruleIds.isEmpty ? Set(filter.values) : ruleIds.intersection(filter.values)
                default:
                    if !filter.name.hasPrefix("tag") {
                        throw AWSError.invalidParameterValue(
                            "The filter '\(filter.name)' is invalid. Known filters: group-id, security-group-rule-id, tag:KEY, tag-key.")
                    }
                }
            }
            let groups = try await context.run(SecurityGroupList(filters: groupFilters)).securityGroups
            let peers = await SecurityGroupWire.peers(of: groups, context)
            var rules: [EC2.SecurityGroupRule] = []
            for group in groups {
                for rule in group.ingressRules {
                    rules.append(SecurityGroupWire.rule(rule, of: group, egress: false, peerVpc: peers))
                }
                for rule in group.egressRules {
                    rules.append(SecurityGroupWire.rule(rule, of: group, egress: true, peerVpc: peers))
                }
            }
            if let missing = explicitIds.sorted().first(where: { id in !rules.contains { $0.securityGroupRuleId == id } }) {
                throw AWSError(
                    code: ErrorCode.securityGroupRuleIdNotFound.rawValue,
                    message: "The security group rule ID '\(missing)' does not exist")
            }
            // Rules have no tags in netctld: a tag filter matches none.
            if (input.filters ?? []).contains(where: { $0.name?.hasPrefix("tag") == true }) { rules = [] }
            if !ruleIds.isEmpty { rules = rules.filter { ruleIds.contains($0.securityGroupRuleId ?? "") } }
            let page = try SecurityGroupWire.page(rules, maxResults: input.maxResults, nextToken: input.nextToken)
            return EC2.DescribeSecurityGroupRulesResult(securityGroupRules: page.items, nextToken: page.nextToken)
        },
        .make(
            "AuthorizeSecurityGroupIngress", mutating: true,
            supported: [
                "GroupId", "GroupName", "IpPermissions", "IpProtocol", "FromPort", "ToPort", "CidrIp",
                "SourceSecurityGroupName",
            ]
        ) { (input: EC2.AuthorizeSecurityGroupIngressRequest, context) throws(AWSError) in
            let reference = try SecurityGroupWire.group(id: input.groupId, name: input.groupName)
            var permissions = try SecurityGroupWire.rules(input.ipPermissions ?? [])
            if let flat = try SecurityGroupWire.flatRule(
                proto: input.ipProtocol, from: input.fromPort, to: input.toPort, cidr: input.cidrIp,
                sourceGroup: input.sourceSecurityGroupName)
            {
                permissions.append(flat)
            }
            let group = try await context.run(SecurityGroupAuthorizeIngress(group: reference, rules: permissions))
            return EC2.AuthorizeSecurityGroupIngressResult(
                return: true,
                securityGroupRules: await SecurityGroupWire.added(permissions.count, to: group, .ingress, context))
        },
        .make("AuthorizeSecurityGroupEgress", mutating: true, supported: ["GroupId", "IpPermissions"]) {
            (input: EC2.AuthorizeSecurityGroupEgressRequest, context) throws(AWSError) in
            let permissions = try SecurityGroupWire.rules(input.ipPermissions ?? [])
            let group = try await context.run(SecurityGroupAuthorizeEgress(group: input.groupId, rules: permissions))
            return EC2.AuthorizeSecurityGroupEgressResult(
                return: true,
                securityGroupRules: await SecurityGroupWire.added(permissions.count, to: group, .egress, context))
        },
        .make(
            "RevokeSecurityGroupIngress", mutating: true,
            supported: [
                "GroupId", "GroupName", "IpPermissions", "IpProtocol", "FromPort", "ToPort", "CidrIp",
                "SourceSecurityGroupName", "SecurityGroupRuleId",
            ]
        ) { (input: EC2.RevokeSecurityGroupIngressRequest, context) throws(AWSError) in
            let reference = try SecurityGroupWire.group(id: input.groupId, name: input.groupName)
            var permissions = try SecurityGroupWire.rules(input.ipPermissions ?? [])
            if let flat = try SecurityGroupWire.flatRule(
                proto: input.ipProtocol, from: input.fromPort, to: input.toPort, cidr: input.cidrIp,
                sourceGroup: input.sourceSecurityGroupName)
            {
                permissions.append(flat)
            }
            let before = try await context.run(SecurityGroupGet(group: reference))
            let after = try await context.run(
                SecurityGroupRevokeIngress(
                    group: before.groupId, rules: permissions.isEmpty ? nil : permissions,
                    ruleIds: input.securityGroupRuleIds))
            return EC2.RevokeSecurityGroupIngressResult(
                return: true, revokedSecurityGroupRules: SecurityGroupWire.revoked(from: before, leaving: after, .ingress))
        },
        .make("RevokeSecurityGroupEgress", mutating: true, supported: ["GroupId", "IpPermissions", "SecurityGroupRuleId"]) {
            (input: EC2.RevokeSecurityGroupEgressRequest, context) throws(AWSError) in
            let permissions = try SecurityGroupWire.rules(input.ipPermissions ?? [])
            let before = try await context.run(SecurityGroupGet(group: input.groupId))
            let after = try await context.run(
                SecurityGroupRevokeEgress(
                    group: before.groupId, rules: permissions.isEmpty ? nil : permissions,
                    ruleIds: input.securityGroupRuleIds))
            return EC2.RevokeSecurityGroupEgressResult(
                return: true, revokedSecurityGroupRules: SecurityGroupWire.revoked(from: before, leaving: after, .egress))
        },
        .make("DescribeStaleSecurityGroups", mutating: false, supported: ["VpcId", "MaxResults", "NextToken"]) {
            (input: EC2.DescribeStaleSecurityGroupsRequest, context) throws(AWSError) in
            let stale = try await context.run(SecurityGroupStale(vpc: input.vpcId)).staleSecurityGroups
            let groups = try await context.run(SecurityGroupList(vpc: input.vpcId)).securityGroups
            let sets = stale.map { entry in
                EC2.StaleSecurityGroup(
                    description: groups.first { $0.groupId == entry.groupId }?.description, groupId: entry.groupId,
                    groupName: entry.groupName, staleIpPermissions: entry.staleIngressRules.map(SecurityGroupWire.stale),
                    staleIpPermissionsEgress: entry.staleEgressRules.map(SecurityGroupWire.stale), vpcId: entry.vpcId)
            }
            let page = try SecurityGroupWire.page(sets, maxResults: input.maxResults, nextToken: input.nextToken)
            return EC2.DescribeStaleSecurityGroupsResult(nextToken: page.nextToken, staleSecurityGroupSet: page.items)
        },
    ]
}

extension SecurityGroupWire {
    /// The ingress actions take `GroupId` or (AWS: default VPC only; netctld: any unique name) `GroupName`.
    static func group(id: String?, name: String?) throws(AWSError) -> String {
        guard let reference = id ?? name else {
            throw AWSError.missingParameter("The request must contain the parameter GroupId or GroupName")
        }
        return reference
    }

    /// Where each group the rules of `groups` reference lives, for those the caller can see.
    static func peers(of groups: [SecurityGroup], _ context: ActionContext) async -> (String) -> SecurityGroupPeerInfo? {
        var known: [String: SecurityGroupPeerInfo] = [:]
        for group in groups { known[group.groupId] = SecurityGroupPeerInfo(userId: group.accountId, vpcId: group.vpcId) }
        let referenced = Set(groups.flatMap { ($0.ingressRules + $0.egressRules).compactMap(\.referencedGroupId) })
        for id in referenced.sorted() where known[id] == nil {
            if let found = try? await context.run(SecurityGroupGet(group: id)) {
                known[id] = SecurityGroupPeerInfo(userId: found.accountId, vpcId: found.vpcId)
            }
        }
        let table = known
        return { table[$0] }
    }

    /// The rules an authorize call added: the last `count` of the direction, where new rules go.
    static func added(_ count: Int, to group: SecurityGroup, _ direction: SecurityGroupDirection, _ context: ActionContext)
        async -> [EC2.SecurityGroupRule]
    {
        let peers = await peers(of: [group], context)
        return group.rules(direction).suffix(count).map { rule($0, of: group, egress: direction == .egress, peerVpc: peers) }
    }

    /// The rules of `before` a revoke call removed.
    static func revoked(from before: SecurityGroup, leaving after: SecurityGroup, _ direction: SecurityGroupDirection)
        -> [EC2.RevokedSecurityGroupRule]
    {
        let remaining = Set(after.rules(direction).map(\.ruleId))
        return before.rules(direction).filter { !remaining.contains($0.ruleId) }.map {
            revoked($0, of: after, egress: direction == .egress)
        }
    }

    /// A stale rule: its group reference, whose peering is gone.
    static func stale(_ rule: SecurityGroupRule) -> EC2.StaleIpPermission {
        EC2.StaleIpPermission(
            fromPort: rule.fromPort, ipProtocol: rule.protocol, ipRanges: nil, prefixListIds: nil, toPort: rule.toPort,
            userIdGroupPairs: rule.referencedGroupId.map {
                [EC2.UserIdGroupPair(description: rule.description, groupId: $0, peeringStatus: "deleted")]
            })
    }

    /// EC2 paging over items computed here: the token is the index of the next item.
    static func page<Item>(_ items: [Item], maxResults: Int?, nextToken: String?) throws(AWSError)
        -> (items: [Item], nextToken: String?)
    {
        let start: Int
        if let nextToken {
            guard let index = Int(nextToken), (0...items.count).contains(index) else {
                throw AWSError(code: "InvalidNextToken", message: "The token '\(nextToken)' is invalid.")
            }
            start = index
        } else {
            start = 0
        }
        guard let maxResults else { return (Array(items[start...]), nil) }
        guard (5...1000).contains(maxResults) else {
            throw AWSError.invalidParameterValue(
                "Value (\(maxResults)) for parameter maxResults is invalid. Expecting a value between 5 and 1000.")
        }
        let end = min(items.count, start + maxResults)
        return (Array(items[start..<end]), end < items.count ? String(end) : nil)
    }
}
