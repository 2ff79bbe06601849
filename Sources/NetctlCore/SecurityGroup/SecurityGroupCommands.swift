import Foundation
import NetctlAPI

extension State {
    public mutating func createSecurityGroup(_ request: SecurityGroupCreate, _ context: inout CommandContext)
        throws(NetctlError) -> SecurityGroup
    {
        let scope = context.scope
        let vpc = try self.vpc(request.vpc, in: scope)
        let name = try SecurityGroupRules.name(request.name)
        let description = try SecurityGroupRules.description(request.description ?? name)
        let tags = try Validation.tags(request.tags, name: nil)
        try requireFreeSecurityGroupName(name, in: vpc.vpcId)
        let count = securityGroups.countInScope(scope)
        guard count < context.quotas[.securityGroupsPerRegion] else {
            throw context.quotas.exceeded(
                .securityGroupsPerRegion, code: .securityGroupLimitExceeded,
                "The maximum number of security groups has been reached: \(scope) already has \(count)")
        }
        let groupId = newID(for: SecurityGroup.self, prefix: IDPrefix.securityGroup, &context)
        return insertSecurityGroup(
            groupId, in: vpc, name: name, description: description, selfReferencingIngress: false, isDefault: false,
            tags: tags, ruleIds: &context.ids, at: context.now)
    }

    /// A new group with AWS's starting rules: everything out to 0.0.0.0/0 and, for a VPC's default group
    /// and the groups services create (EKS's cluster group), everything in from members of itself.
    mutating func insertSecurityGroup(
        _ groupId: String, in vpc: Vpc, name: String, description: String, selfReferencingIngress: Bool,
        isDefault: Bool, tags: Tags, ruleIds: inout IDGenerator, at now: Date
    ) -> SecurityGroup {
        let ingress =
            selfReferencingIngress
            ? [SecurityGroupRule(ruleId: ruleIds.make(IDPrefix.securityGroupRule), protocol: "-1", referencedGroupId: groupId)]
            : []
        let group = SecurityGroup(
            groupId: groupId, groupName: name, vpcId: vpc.vpcId, description: description, ingressRules: ingress,
            egressRules: [SecurityGroupRules.allowAllEgress(ruleIds.make(IDPrefix.securityGroupRule))],
            isDefault: isDefault, accountId: vpc.accountId, region: vpc.region, tags: tags, createdAt: now)
        record(.create, group, at: now)
        return group
    }

    /// Every VPC's `default` group, made with it. It does not count against the quota: AWS creates it
    /// whatever the account holds. Its IDs derive from the VPC's, so creating a VPC still draws exactly
    /// its two IDs from the command's generator and the IDs after it stay what they were.
    mutating func createDefaultSecurityGroup(of vpc: Vpc, _ context: CommandContext) {
        var ids = IDGenerator.derived(from: "default-security-group:" + vpc.vpcId)
        var groupId = ids.make(IDPrefix.securityGroup)
        while securityGroups[groupId] != nil { groupId = ids.make(IDPrefix.securityGroup) }
        _ = insertSecurityGroup(
            groupId, in: vpc, name: SecurityGroupRules.defaultGroupName,
            description: SecurityGroupRules.defaultGroupDescription, selfReferencingIngress: true, isDefault: true,
            tags: [:], ruleIds: &ids, at: context.now)
    }

    /// A deleted VPC's groups go with it; `vpc.delete` has already refused while non-default ones remain.
    mutating func deleteSecurityGroups(ofVpc vpcId: String, _ context: CommandContext) {
        for group in securityGroups.children(of: vpcId) { recordDeletion(group, at: context.now) }
    }

    /// The non-default groups that keep a VPC from being deleted, as `vpc.delete` names them.
    func customSecurityGroupIds(ofVpc vpcId: String) -> [String] {
        securityGroups.children(of: vpcId).filter { !$0.isDefault }.map(\.groupId)
    }

    func requireFreeSecurityGroupName(_ name: String, in vpcId: String) throws(NetctlError) {
        if let existing = securityGroups.children(of: SecurityGroup.nameKey(vpcId: vpcId, name: name)).first {
            throw NetctlError(
                .securityGroupDuplicate,
                "The security group '\(name)' already exists for VPC '\(vpcId)' (\(existing.groupId); names are unique "
                    + "per VPC, case-insensitively). Choose another name.")
        }
    }

    /// A group by ID (`sg-…`) or group name, within the caller's account and region. A name that several
    /// VPCs use (every VPC has a `default`) needs the ID.
    public func securityGroup(_ reference: String, in scope: Scope) throws(NetctlError) -> SecurityGroup {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        if reference.hasPrefix(IDPrefix.securityGroup + "-") {
            guard IDPrefix.matches(reference, prefix: IDPrefix.securityGroup) else {
                throw NetctlError(
                    .securityGroupIdMalformed,
                    "Invalid id: '\(reference)' (expecting 'sg-' and 8 or 17 hexadecimal digits).")
            }
            guard let group = securityGroups[reference], group.scope == scope else {
                throw NetctlError(
                    .securityGroupNotFound,
                    "The security group '\(reference)' does not exist in \(scope). List them with `netctl sg list`.")
            }
            return group
        }
        return try resolve(
            reference, in: scope, prefix: IDPrefix.securityGroup, code: .securityGroupNotFound, noun: "security group",
            listHint: "netctl sg list")
    }

    /// A VPC's `default` group; every VPC created since security groups exist has one.
    public func defaultSecurityGroup(ofVpc vpcId: String) -> SecurityGroup? {
        securityGroups.children(of: SecurityGroup.nameKey(vpcId: vpcId, name: SecurityGroupRules.defaultGroupName))
            .first { $0.isDefault }
    }

    /// The groups a resource in `vpcId` is given (an interface endpoint, an awsvpc task, an instance):
    /// each must be a group of that VPC; none given means the VPC's default group, as AWS does.
    /// `subnetId`, when known, is named in the error for a group of another VPC, as EC2 names it.
    /// AWS's APIs take group IDs only; `allowNames` also takes names of the VPC's groups, as netctl's own
    /// commands do.
    public func securityGroupIds(
        _ references: [String]?, forVpc vpcId: String, subnet subnetId: String? = nil, in scope: Scope,
        defaultWhenEmpty: Bool = true, allowNames: Bool = false
    ) throws(NetctlError) -> [String] {
        guard let references, !references.isEmpty else {
            guard defaultWhenEmpty, let group = defaultSecurityGroup(ofVpc: vpcId) else { return [] }
            return [group.groupId]
        }
        var ids: [String] = []
        for reference in references {
            if !allowNames, !reference.hasPrefix(IDPrefix.securityGroup + "-") {
                throw NetctlError(
                    .invalidParameterValue,
                    "Security group '\(reference)' is not an ID of the form sg-xxxxxxxxxxxxxxxxx. List the VPC's groups "
                        + "with `netctl sg list --vpc \(vpcId)`.")
            }
            let group = try securityGroup(inVpc: vpcId, reference, in: scope)
            guard group.vpcId == vpcId else {
                throw NetctlError(
                    .invalidParameter,
                    "Security group \(group.groupId) and \(subnetId.map { "subnet \($0)" } ?? "VPC \(vpcId)") belong to "
                        + "different networks: the group is in \(group.vpcId). Use a group of \(vpcId).")
            }
            if !ids.contains(group.groupId) { ids.append(group.groupId) }
        }
        return ids
    }

    /// A group by ID, or by name within one VPC (where names are unique).
    func securityGroup(inVpc vpcId: String, _ reference: String, in scope: Scope) throws(NetctlError) -> SecurityGroup {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(IDPrefix.securityGroup + "-") { return try securityGroup(trimmed, in: scope) }
        guard let group = securityGroups.children(of: SecurityGroup.nameKey(vpcId: vpcId, name: trimmed)).first else {
            throw NetctlError(
                .securityGroupNotFound,
                "The security group '\(trimmed)' does not exist in VPC '\(vpcId)'. List them with "
                    + "`netctl sg list --vpc \(vpcId)`.")
        }
        return group
    }

    public mutating func deleteSecurityGroup(_ request: SecurityGroupDelete, _ context: inout CommandContext)
        throws(NetctlError) -> SecurityGroup
    {
        let group = try securityGroup(request.group, in: context.scope)
        if group.isDefault {
            throw NetctlError(
                .cannotDelete,
                "the specified group: \"\(group.groupId)\" name: \"\(group.groupName)\" cannot be deleted by a user: "
                    + "a VPC's default group goes only with its VPC.")
        }
        var dependents: [String] = []
        let referencing = securityGroups.children(of: SecurityGroup.referenceKey(group.groupId))
            .filter { $0.vpcId == group.vpcId && $0.groupId != group.groupId }.map(\.groupId)
        if !referencing.isEmpty {
            dependents.append("security groups \(referencing.joined(separator: ", ")) reference it in their rules")
        }
        let users = securityGroupUsers(group)
        if !users.isEmpty { dependents.append("used by \(users.joined(separator: ", "))") }
        guard dependents.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "resource \(group.groupId) has a dependent object: \(dependents.joined(separator: "; ")). Revoke those "
                    + "rules and move those resources to other groups first.")
        }
        recordDeletion(group, at: context.now)
        return group
    }

    /// What carries the group on its network interfaces: endpoints, awsvpc tasks and services, EKS clusters.
    func securityGroupUsers(_ group: SecurityGroup) -> [String] {
        let id = group.groupId
        var users: [String] = []
        for endpoint in endpoints.children(of: group.vpcId) where endpoint.securityGroupIds.contains(id) {
            users.append("VPC endpoint \(endpoint.endpointId)")
        }
        for service in ecsServices.inScope(group.scope)
        where service.status != "INACTIVE" && (service.securityGroups ?? []).contains(id) {
            users.append("ECS service \(service.serviceArn)")
        }
        for task in ecsTasks.inScope(group.scope) where task.lastStatus != "STOPPED" && (task.securityGroups ?? []).contains(id) {
            users.append("ECS task \(task.taskArn)")
        }
        for cluster in eksClusters.inScope(group.scope)
        where cluster.resourcesVpcConfig.securityGroupIds.contains(id) || cluster.resourcesVpcConfig.clusterSecurityGroupId == id {
            users.append("EKS cluster \(cluster.name)")
        }
        // Instances and interfaces of the account's own; the services' interfaces are named by their
        // owners above.
        for subnet in subnets.children(of: group.vpcId) {
            for interface in networkInterfaces.children(of: subnet.subnetId)
            where interface.interfaceType == "instance" && interface.securityGroupIds.contains(id) {
                if let owner = interface.attachedTo, owner.hasPrefix("i-") {
                    users.append("instance \(owner)")
                } else {
                    users.append("network interface \(interface.networkInterfaceId)")
                }
            }
        }
        return users
    }

    public func listSecurityGroups(_ request: SecurityGroupList, _ context: QueryContext) throws(NetctlError)
        -> SecurityGroupListResponse
    {
        let filters = request.filters ?? []
        try SecurityGroupFilter.table.validate(filters)
        let matching = try listed(\.securityGroups, ofVpc: request.vpc, context.scope)
            .filter { SecurityGroupFilter.table.matches($0, filters) }
        let page = try Pagination.page(matching, maxResults: request.maxResults, nextToken: request.nextToken)
        return SecurityGroupListResponse(securityGroups: page.items, nextToken: page.nextToken)
    }
}
