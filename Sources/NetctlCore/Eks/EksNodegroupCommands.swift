import Foundation
import NetctlAPI

/// Managed node groups: nodes with addresses in the cluster's subnets, spread over their zones,
/// started, scaled, replaced and terminated on the daemon's clock.
extension State {
    public mutating func createEksNodegroup(_ request: EksNodegroupCreate, _ context: inout CommandContext)
        throws(NetctlError) -> EksNodegroup
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        try EksRules.validateName(request.name, "node group", maximum: 63)
        guard cluster.status == EksStatus.active else {
            throw NetctlError(
                .invalidRequestException,
                "Cluster '\(cluster.name)' is not in ACTIVE status (it is \(cluster.status)); create node groups once it is."
            )
        }
        if eksNodegroups.childCount(of: EksArn.nameKey(cluster.arn, request.name)) > 0 {
            throw NetctlError(
                .resourceInUseException,
                "NodeGroup already exists with name \(request.name) and cluster name \(cluster.name).")
        }
        guard eksNodegroups.childCount(of: cluster.arn) < EksRules.maximumNodegroupsPerCluster else {
            throw NetctlError(
                .resourceLimitExceededException,
                "Cluster \(cluster.name) has \(EksRules.maximumNodegroupsPerCluster) managed node groups, the most it may "
                    + "have. Delete one first.")
        }
        let subnetIds = try nodegroupSubnets(request.subnets, cluster: cluster)
        let scalingConfig = request.scalingConfig ?? EksRules.defaultScaling
        try EksRules.validateScaling(scalingConfig)
        let instanceTypes = try EksRules.instanceTypes(request.instanceTypes)
        let nodeRole = try request.nodeRole.map { role throws(NetctlError) in
            try EksRules.validateRole(role, "nodeRole")
        }
        var nodegroup = EksNodegroup(
            nodegroupName: request.name,
            nodegroupArn: EksArn.nodegroup(cluster.name, request.name, EksArn.uuid(&context.ids), context.scope),
            clusterName: cluster.name, clusterArn: cluster.arn, accountId: context.accountId, region: context.region,
            status: EksStatus.creating, version: cluster.version, scalingConfig: scalingConfig,
            instanceTypes: instanceTypes, subnets: subnetIds, tags: try Validation.tags(request.tags, name: nil),
            createdAt: context.now, modifiedAt: context.now,
            nextTransitionAt: context.now.addingTimeInterval(EksRules.Timing.nodegroupCreating))
        nodegroup.nodeRole = nodeRole
        record(.create, nodegroup, at: context.now)
        return nodegroup
    }

    public func getEksNodegroup(_ request: EksNodegroupGet, _ context: QueryContext) throws(NetctlError) -> EksNodegroup
    {
        try eksNodegroup(request.name, cluster: try eksCluster(request.cluster, in: context.scope))
    }

    public func listEksNodegroups(_ request: EksNodegroupList, _ context: QueryContext) throws(NetctlError)
        -> EksNodegroupListResponse
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        let page = try Pagination.page(
            eksNodegroups.children(of: cluster.arn), maxResults: request.maxResults, nextToken: request.nextToken,
            range: 1...100)
        return EksNodegroupListResponse(nodegroups: page.items.map(\.nodegroupName), nextToken: page.nextToken)
    }

    /// A scaling change (UpdateNodegroupConfig) or an upgrade to the cluster's version
    /// (UpdateNodegroupVersion): UPDATING, and the nodes change when it completes.
    public mutating func updateEksNodegroup(_ request: EksNodegroupUpdate, _ context: inout CommandContext)
        throws(NetctlError) -> EksNodegroup
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        var nodegroup = try eksNodegroup(request.name, cluster: cluster)
        guard request.scalingConfig != nil || request.version != nil else {
            throw NetctlError(
                .invalidParameterException, "Nothing to update: pass scalingConfig, or version (the cluster's version)."
            )
        }
        guard request.scalingConfig == nil || request.version == nil else {
            throw NetctlError(
                .invalidParameterException,
                "A scaling change and a version update are separate updates: make one, wait for ACTIVE, then the other."
            )
        }
        guard [EksStatus.active, EksStatus.degraded].contains(nodegroup.status) else {
            throw NetctlError(
                .resourceInUseException,
                "Nodegroup \(nodegroup.nodegroupName) is \(nodegroup.status); it can be updated once it is ACTIVE.")
        }
        let update: EksUpdate
        let duration: TimeInterval
        if let change = request.scalingConfig {
            let current = nodegroup.scalingConfig
            let target = EksScalingConfig(
                minSize: change.minSize ?? current.minSize, desiredSize: change.desiredSize ?? current.desiredSize,
                maxSize: change.maxSize ?? current.maxSize)
            try EksRules.validateScaling(target)
            // A degraded group may retry with the same numbers; a healthy one has nothing to do.
            if target == current && nodegroup.status == EksStatus.active {
                throw NetctlError(
                    .invalidParameterException,
                    "No changes needed: node group \(nodegroup.nodegroupName) already has minSize \(current.minSize), "
                        + "desiredSize \(current.desiredSize), maxSize \(current.maxSize).")
            }
            nodegroup.scalingConfig = target
            update = EksUpdate(
                id: EksArn.uuid(&context.ids), status: "InProgress", type: "ConfigUpdate",
                params: [
                    EksUpdateParam(type: "MinSize", value: String(target.minSize)),
                    EksUpdateParam(type: "DesiredSize", value: String(target.desiredSize)),
                    EksUpdateParam(type: "MaxSize", value: String(target.maxSize)),
                ], createdAt: context.now)
            duration = EksRules.Timing.nodegroupScaling
        } else {
            let version = request.version ?? cluster.version
            guard cluster.status == EksStatus.active else {
                throw NetctlError(
                    .invalidRequestException,
                    "Cluster '\(cluster.name)' is not in ACTIVE status (it is \(cluster.status)); update node group "
                        + "versions once it is.")
            }
            guard version == cluster.version else {
                throw NetctlError(
                    .invalidParameterException,
                    "A node group is updated to its cluster's version: \(cluster.name) is at \(cluster.version), not "
                        + "\(version).")
            }
            guard version != nodegroup.version else {
                throw NetctlError(
                    .invalidParameterException,
                    "Nodegroup \(nodegroup.nodegroupName) is already at Kubernetes version \(version).")
            }
            update = EksUpdate(
                id: EksArn.uuid(&context.ids), status: "InProgress", type: "VersionUpdate",
                params: [EksUpdateParam(type: "Version", value: version)], createdAt: context.now)
            duration = EksRules.Timing.nodegroupVersionUpdate
        }
        nodegroup.status = EksStatus.updating
        nodegroup.update = update
        nodegroup.updates = EksUpdateHistory.keeping(update, in: nodegroup.updates)
        nodegroup.modifiedAt = context.now
        nodegroup.nextTransitionAt = context.now.addingTimeInterval(duration)
        record(.update, nodegroup, at: context.now)
        return nodegroup
    }

    /// DELETING while its nodes terminate; then gone, and every node's address goes back to its subnet.
    public mutating func deleteEksNodegroup(_ request: EksNodegroupDelete, _ context: inout CommandContext)
        throws(NetctlError) -> EksNodegroup
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        var nodegroup = try eksNodegroup(request.name, cluster: cluster)
        guard [EksStatus.active, EksStatus.degraded, EksStatus.createFailed].contains(nodegroup.status) else {
            throw NetctlError(
                .resourceInUseException,
                "Nodegroup \(nodegroup.nodegroupName) is \(nodegroup.status); it can be deleted once it is ACTIVE.")
        }
        nodegroup.status = EksStatus.deleting
        nodegroup.modifiedAt = context.now
        nodegroup.nextTransitionAt = context.now.addingTimeInterval(EksRules.Timing.nodegroupDeleting)
        record(.update, nodegroup, at: context.now)
        return nodegroup
    }

    /// The node group's subnets as IDs: each one of the cluster's.
    private func nodegroupSubnets(_ references: [String], cluster: EksCluster) throws(NetctlError) -> [String] {
        guard !references.isEmpty else {
            throw NetctlError(
                .invalidParameterException, "subnets is empty: give at least one of the cluster's subnets.")
        }
        var ids: [String] = []
        for reference in references {
            let subnet = try eksSubnet(reference, in: cluster.scope)
            guard cluster.subnets.contains(subnet.subnetId) else {
                throw NetctlError(
                    .invalidParameterException,
                    "Subnet \(subnet.subnetId) is not one of cluster \(cluster.name)'s subnets "
                        + "(\(cluster.subnets.joined(separator: ", "))). Node groups use the cluster's subnets.")
            }
            if !ids.contains(subnet.subnetId) { ids.append(subnet.subnetId) }
        }
        return ids
    }

    // MARK: Lifecycle

    /// The transition due for a node group, at the time it fell due.
    mutating func advanceNodegroup(_ stored: EksNodegroup, _ context: inout CommandContext) throws(NetctlError) {
        var nodegroup = stored
        nodegroup.nextTransitionAt = nil
        nodegroup.modifiedAt = context.now
        switch stored.status {
        case EksStatus.creating, EksStatus.updating:
            if stored.update?.type == "VersionUpdate", let version = stored.update?.params.first?.value {
                try replaceNodes(&nodegroup, &context)
                nodegroup.version = version
            }
            try scaleNodes(&nodegroup, &context)
            if let update = nodegroup.update, update.status == "InProgress" {
                nodegroup.update?.status = "Successful"
                nodegroup.updates = nodegroup.update.map { EksUpdateHistory.keeping($0, in: nodegroup.updates) }
            }
            record(.transition, nodegroup, at: context.now)
        case EksStatus.deleting:
            for node in nodegroup.nodes { try deleteNetworkInterface(node.networkInterfaceId, context) }
            nodegroup.nodes = []
            recordDeletion(nodegroup, at: context.now)
        default:
            save(nodegroup)
        }
    }

    /// Adds or removes nodes until the group has `desiredSize`, then sets ACTIVE, or DEGRADED with an
    /// `InsufficientFreeAddresses` issue when its subnets ran out of room.
    private mutating func scaleNodes(_ nodegroup: inout EksNodegroup, _ context: inout CommandContext)
        throws(NetctlError)
    {
        let desired = nodegroup.scalingConfig.desiredSize
        if nodegroup.nodes.count > desired {
            let leaving = Set(EksRules.victims(nodegroup.nodes.count - desired, of: nodegroup.nodes))
            for node in nodegroup.nodes where leaving.contains(node.instanceId) {
                try deleteNetworkInterface(node.networkInterfaceId, context)
            }
            nodegroup.nodes.removeAll { leaving.contains($0.instanceId) }
        }
        let missing = desired - nodegroup.nodes.count
        if missing > 0 {
            let slots = nodegroup.subnets.compactMap { id in
                subnets[id].map {
                    EksRules.Slot(
                        subnetId: $0.subnetId, availabilityZone: $0.availabilityZone, free: $0.availableIpAddressCount)
                }
            }
            let placements = EksRules.place(
                missing, in: slots, existing: nodegroup.nodes.map { ($0.subnetId, $0.availabilityZone) })
            for subnetId in placements {
                guard let subnet = subnets[subnetId] else { continue }
                nodegroup.nodes.append(try launchNode(in: subnet, for: nodegroup, &context))
            }
        }
        let short = desired - nodegroup.nodes.count
        if short > 0 {
            nodegroup.status = EksStatus.degraded
            nodegroup.health = EksHealth(issues: [
                EksIssue(
                    code: "InsufficientFreeAddresses",
                    message:
                        "One or more of the subnets associated with your node group does not have enough available "
                        + "IP addresses for new nodes: \(short) of \(desired) nodes could not be launched.",
                    resourceIds: nodegroup.subnets)
            ])
        } else {
            nodegroup.status = EksStatus.active
            nodegroup.health = EksHealth()
        }
    }

    /// A version update replaces every node, one after the other: the old one terminates, a new one
    /// launches in the same subnet.
    private mutating func replaceNodes(_ nodegroup: inout EksNodegroup, _ context: inout CommandContext)
        throws(NetctlError)
    {
        var replaced: [EksNode] = []
        for node in nodegroup.nodes {
            try deleteNetworkInterface(node.networkInterfaceId, context)
            guard let subnet = subnets[node.subnetId] else { continue }
            replaced.append(try launchNode(in: subnet, for: nodegroup, &context))
        }
        nodegroup.nodes = replaced
    }

    private mutating func launchNode(in subnet: Subnet, for nodegroup: EksNodegroup, _ context: inout CommandContext)
        throws(NetctlError) -> EksNode
    {
        let instanceId = context.ids.make("i")
        let interface = try createNetworkInterface(
            in: subnet, interfaceType: "eks_node", description: "Primary network interface of \(instanceId)",
            attachedTo: nodegroup.nodegroupArn, &context)
        return EksNode(
            instanceId: instanceId, instanceType: nodegroup.instanceTypes[0],
            privateIpAddress: interface.privateIpAddress,
            subnetId: subnet.subnetId, availabilityZone: subnet.availabilityZone,
            networkInterfaceId: interface.networkInterfaceId, launchedAt: context.now)
    }
}
