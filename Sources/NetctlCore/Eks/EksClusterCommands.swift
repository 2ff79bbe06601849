import Foundation
import NetctlAPI

/// EKS clusters: a control plane in AWS's account that reaches the VPC through interfaces in the
/// cluster's subnets, with a lifecycle on the daemon's clock.
extension State {
    public mutating func createEksCluster(_ request: EksClusterCreate, _ context: inout CommandContext)
        throws(NetctlError)
        -> EksCluster
    {
        try EksRules.validateName(request.name, "cluster", maximum: 100)
        let version = try EksVersions.validate(request.version ?? EksVersions.defaultVersion)
        let roleArn = try request.roleArn.map { role throws(NetctlError) in try EksRules.validateRole(role, "roleArn") }
        let arn = EksArn.cluster(request.name, context.scope)
        if let existing = eksClusters[arn] {
            throw NetctlError(
                .resourceInUseException,
                "Cluster already exists with name: \(request.name) (it is \(existing.status)). Choose another name.")
        }
        guard eksClusters.countInScope(context.scope) < EksRules.maximumClustersPerRegion else {
            throw NetctlError(
                .resourceLimitExceededException,
                "You have reached the limit of \(EksRules.maximumClustersPerRegion) EKS clusters in \(context.scope). "
                    + "Delete a cluster first.")
        }
        let chosen = try clusterSubnets(request.subnets, context.scope)
        let securityGroups = try EksRules.securityGroups(request.securityGroups)
        let publicAccess = request.endpointPublicAccess ?? true
        let privateAccess = request.endpointPrivateAccess ?? false
        try Self.checkEndpointAccess(public: publicAccess, private: privateAccess)
        guard let vpc = vpcs[chosen[0].vpcId] else {
            throw NetctlError(
                .internalError, "Subnet \(chosen[0].subnetId) refers to a missing VPC \(chosen[0].vpcId).")
        }
        // One interface per zone of the subnets (the first subnet given in each), at most four.
        var interfaces: [EksInterface] = []
        var zonesTaken = Set<String>()
        for subnet in chosen where interfaces.count < EksRules.maximumControlPlaneInterfaces {
            guard zonesTaken.insert(subnet.availabilityZone).inserted else { continue }
            let interface = try createNetworkInterface(
                in: subnet, interfaceType: "eks_control_plane", description: "Amazon EKS \(request.name)", attachedTo: arn,
                &context)
            interfaces.append(
                EksInterface(
                    networkInterfaceId: interface.networkInterfaceId, subnetId: subnet.subnetId,
                    availabilityZone: subnet.availabilityZone, privateIpAddress: interface.privateIpAddress))
        }
        let subnetIds = chosen.map(\.subnetId)
        do {
            _ = try securityGroupIds(securityGroups, forVpc: vpc.vpcId, in: context.scope, defaultWhenEmpty: false)
        } catch {
            throw NetctlError(.invalidParameterException, "Invalid securityGroupIds: \(error.message)")
        }
        let clusterGroup = createEksClusterSecurityGroup(named: request.name, in: vpc, &context)
        let cluster = EksCluster(
            name: request.name, arn: arn, accountId: context.accountId, region: context.region,
            status: EksStatus.creating, version: version, platformVersion: EksVersions.platformVersion,
            endpoint: EksRules.endpoint(region: context.region, &context.ids), vpcId: vpc.vpcId, subnets: subnetIds,
            availabilityZones: EksRules.controlPlaneZones(
                subnetZones: chosen.map(\.availabilityZone), region: context.region),
            resourcesVpcConfig: EksVpcConfig(
                vpcId: vpc.vpcId, subnetIds: subnetIds, securityGroupIds: securityGroups,
                clusterSecurityGroupId: clusterGroup.groupId, endpointPublicAccess: publicAccess,
                endpointPrivateAccess: privateAccess, publicAccessCidrs: publicAccess ? ["0.0.0.0/0"] : []),
            serviceIpv4Cidr: EksRules.serviceIpv4Cidr(vpcCidrs: vpc.cidrBlocks), controlPlaneInterfaces: interfaces,
            tags: try Validation.tags(request.tags, name: nil), createdAt: context.now,
            nextTransitionAt: context.now.addingTimeInterval(EksRules.Timing.clusterCreating))
        var created = cluster
        created.roleArn = roleArn
        record(.create, created, at: context.now)
        return eksClusterView(created)
    }

    public func getEksCluster(_ request: EksClusterGet, _ context: QueryContext) throws(NetctlError) -> EksCluster {
        eksClusterView(try eksCluster(request.name, in: context.scope))
    }

    public func listEksClusters(_ request: EksClusterList, _ context: QueryContext) throws(NetctlError)
        -> EksClusterListResponse
    {
        let page = try Pagination.page(
            eksClusters.inScope(context.scope), maxResults: request.maxResults, nextToken: request.nextToken,
            range: 1...100)
        return EksClusterListResponse(clusters: page.items.map(eksClusterView), nextToken: page.nextToken)
    }

    /// A version upgrade (one minor version, node groups at the cluster's version first) or an
    /// endpoint access change: UPDATING for a while, then ACTIVE with the change applied.
    public mutating func updateEksCluster(_ request: EksClusterUpdate, _ context: inout CommandContext)
        throws(NetctlError)
        -> EksCluster
    {
        var cluster = try eksCluster(request.name, in: context.scope)
        let accessChange = request.endpointPublicAccess != nil || request.endpointPrivateAccess != nil
        guard request.version != nil || accessChange else {
            throw NetctlError(
                .invalidParameterException,
                "Nothing to update: pass version (the next minor version) or endpointPublicAccess/endpointPrivateAccess."
            )
        }
        guard request.version == nil || !accessChange else {
            throw NetctlError(
                .invalidParameterException,
                "A version update and an endpoint access update are separate updates: make one, wait for ACTIVE, then "
                    + "the other.")
        }
        guard cluster.status == EksStatus.active else {
            throw NetctlError(
                .resourceInUseException,
                "Cluster \(cluster.name) is \(cluster.status); it can be updated once it is ACTIVE.")
        }
        let update: EksUpdate
        let duration: TimeInterval
        if let version = request.version {
            if version == cluster.version {
                throw NetctlError(
                    .invalidParameterException, "Cluster \(cluster.name) is already at Kubernetes version \(version).")
            }
            try EksVersions.checkUpgrade(from: cluster.version, to: version)
            let behind = eksNodegroups.children(of: cluster.arn).filter { $0.version != cluster.version }
            if let first = behind.first {
                throw NetctlError(
                    .invalidRequestException,
                    "Nodegroup \(first.nodegroupName) must be updated to match cluster version \(cluster.version) before "
                        + "updating cluster version (`netctl eks nodegroup update \(first.nodegroupName) --cluster "
                        + "\(cluster.name) --kubernetes-version \(cluster.version)`).")
            }
            update = EksUpdate(
                id: EksArn.uuid(&context.ids), status: "InProgress", type: "VersionUpdate",
                params: [
                    EksUpdateParam(type: "Version", value: version),
                    EksUpdateParam(type: "PlatformVersion", value: EksVersions.platformVersion),
                ], createdAt: context.now)
            duration = EksRules.Timing.clusterVersionUpdate
        } else {
            let config = cluster.resourcesVpcConfig
            let publicAccess = request.endpointPublicAccess ?? config.endpointPublicAccess
            let privateAccess = request.endpointPrivateAccess ?? config.endpointPrivateAccess
            try Self.checkEndpointAccess(public: publicAccess, private: privateAccess)
            guard publicAccess != config.endpointPublicAccess || privateAccess != config.endpointPrivateAccess else {
                throw NetctlError(
                    .invalidParameterException, "Cluster \(cluster.name) is already at the desired configuration.")
            }
            update = EksUpdate(
                id: EksArn.uuid(&context.ids), status: "InProgress", type: "EndpointAccessUpdate",
                params: [
                    EksUpdateParam(type: "EndpointPublicAccess", value: String(publicAccess)),
                    EksUpdateParam(type: "EndpointPrivateAccess", value: String(privateAccess)),
                ], createdAt: context.now)
            duration = EksRules.Timing.clusterConfigUpdate
        }
        cluster.status = EksStatus.updating
        cluster.update = update
        cluster.updates = EksUpdateHistory.keeping(update, in: cluster.updates)
        cluster.nextTransitionAt = context.now.addingTimeInterval(duration)
        record(.update, cluster, at: context.now)
        return eksClusterView(cluster)
    }

    /// Refused while node groups or Fargate profiles remain; DELETING, then gone with its interfaces.
    public mutating func deleteEksCluster(_ request: EksClusterDelete, _ context: inout CommandContext)
        throws(NetctlError)
        -> EksCluster
    {
        var cluster = try eksCluster(request.name, in: context.scope)
        let nodegroups = eksNodegroups.children(of: cluster.arn).map(\.nodegroupName)
        let profiles = fargateProfiles.children(of: cluster.arn).map(\.fargateProfileName)
        if !nodegroups.isEmpty || !profiles.isEmpty {
            var held: [String] = []
            if !nodegroups.isEmpty {
                held.append("node group\(nodegroups.count == 1 ? "" : "s") \(nodegroups.joined(separator: ", "))")
            }
            if !profiles.isEmpty {
                held.append("Fargate profile\(profiles.count == 1 ? "" : "s") \(profiles.joined(separator: ", "))")
            }
            throw NetctlError(
                .resourceInUseException,
                "Cluster \(cluster.name) has \(held.joined(separator: " and ")) attached. Delete them first "
                    + "(`netctl eks nodegroup delete NAME --cluster \(cluster.name)`, "
                    + "`netctl eks fargate-profile delete NAME --cluster \(cluster.name)`).")
        }
        guard [EksStatus.active, EksStatus.failed].contains(cluster.status) else {
            throw NetctlError(
                .resourceInUseException,
                "Cluster \(cluster.name) is \(cluster.status); it can be deleted once it is ACTIVE.")
        }
        cluster.status = EksStatus.deleting
        cluster.nextTransitionAt = context.now.addingTimeInterval(EksRules.Timing.clusterDeleting)
        record(.update, cluster, at: context.now)
        return eksClusterView(cluster)
    }

    /// The subnets of a new cluster, as given (duplicates dropped): one VPC, at least two zones, and
    /// room for the control plane's interfaces in each.
    private func clusterSubnets(_ references: [String], _ scope: Scope) throws(NetctlError) -> [Subnet] {
        var chosen: [Subnet] = []
        for reference in references {
            let subnet = try eksSubnet(reference, in: scope)
            if !chosen.contains(where: { $0.subnetId == subnet.subnetId }) { chosen.append(subnet) }
        }
        guard let first = chosen.first else {
            throw NetctlError(
                .invalidParameterException, "subnets is empty: give at least two subnets in two availability zones.")
        }
        if let stranger = chosen.first(where: { $0.vpcId != first.vpcId }) {
            throw NetctlError(
                .invalidParameterException,
                "Subnets specified must be in the same VPC: \(first.subnetId) is in \(first.vpcId), \(stranger.subnetId) "
                    + "in \(stranger.vpcId).")
        }
        let zones = Set(chosen.map(\.availabilityZone))
        guard zones.count >= 2 else {
            throw NetctlError(
                .invalidParameterException,
                "Subnets specified must be in at least two different AZs: \(chosen.map(\.subnetId).joined(separator: ", ")) "
                    + "\(chosen.count == 1 ? "is" : "are all") in \(first.availabilityZone). Add a subnet of another zone."
            )
        }
        for subnet in chosen where subnet.availableIpAddressCount < EksRules.minimumFreeAddressesPerSubnet {
            throw NetctlError(
                .invalidParameterException,
                "Subnet \(subnet.subnetId) has \(subnet.availableIpAddressCount) free IP addresses; EKS needs at least "
                    + "\(EksRules.minimumFreeAddressesPerSubnet) in each of the cluster's subnets (16 recommended).")
        }
        return chosen
    }

    private static func checkEndpointAccess(public publicAccess: Bool, private privateAccess: Bool) throws(NetctlError)
    {
        guard publicAccess || privateAccess else {
            throw NetctlError(
                .invalidParameterException,
                "The Kubernetes API endpoint must be reachable somehow: endpointPublicAccess and endpointPrivateAccess "
                    + "cannot both be false.")
        }
    }
}
