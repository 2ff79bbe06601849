import Foundation
import NetctlAPI

/// ECS clusters and the EC2 container instances registered to them.
extension State {
    public static let maximumClustersPerRegion = 10_000
    public static let maximumInstancesPerCluster = 5_000

    public mutating func createEcsCluster(_ request: EcsClusterCreate, _ context: inout CommandContext)
        throws(NetctlError)
        -> EcsCluster
    {
        let name = request.name ?? "default"
        try EcsName.validate(name, "cluster")
        let arn = EcsArn.cluster(name, context.scope)
        // CreateCluster is idempotent on the name: an existing active cluster is returned as is.
        if let existing = ecsClusters[arn], existing.status == "ACTIVE" { return clusterView(existing) }
        guard ecsClusters.countInScope(context.scope) < Self.maximumClustersPerRegion else {
            throw NetctlError(
                .limitExceededException,
                "You have reached the limit of \(Self.maximumClustersPerRegion) clusters in \(context.scope). Delete one first."
            )
        }
        if let tags = request.tags { try EcsTagRules.validate(tags) }
        let insights = try Self.containerInsights(request.containerInsights, settings: request.settings)
        let cluster = EcsCluster(
            clusterName: name, clusterArn: arn, accountId: context.accountId, region: context.region,
            tags: request.tags ?? [:], containerInsights: insights, createdAt: context.now)
        record(.create, cluster, at: context.now)
        return cluster
    }

    public func listEcsClusters(_ request: EcsClusterList, _ context: QueryContext) throws(NetctlError)
        -> EcsClusterListResponse
    {
        let page = try Pagination.page(
            ecsClusters.inScope(context.scope).filter { $0.status == "ACTIVE" }, maxResults: request.maxResults,
            nextToken: request.nextToken, range: 1...100)
        return EcsClusterListResponse(clusters: page.items.map(clusterView), nextToken: page.nextToken)
    }

    public func getEcsCluster(_ request: EcsClusterGet, _ context: QueryContext) throws(NetctlError) -> EcsCluster {
        clusterView(try ecsCluster(request.name, in: context.scope))
    }

    /// Refused while anything lives in the cluster, with the exception ECS uses for each.
    public mutating func deleteEcsCluster(_ request: EcsClusterDelete, _ context: inout CommandContext)
        throws(NetctlError)
        -> EcsCluster
    {
        var cluster = clusterView(try ecsCluster(request.name, in: context.scope))
        if cluster.activeServicesCount > 0 || ecsServices.childCount(of: cluster.clusterArn) > 0 {
            throw NetctlError(
                .clusterContainsServicesException,
                "The cluster \(cluster.clusterName) cannot be deleted while services are active. Delete them first "
                    + "(`netctl ecs service delete --cluster \(cluster.clusterName) NAME --force`).")
        }
        if ecsTasks.children(of: cluster.clusterArn).contains(where: { $0.lastStatus != TaskStatus.stopped }) {
            throw NetctlError(
                .clusterContainsTasksException,
                "The cluster \(cluster.clusterName) cannot be deleted while tasks are active. Stop them first.")
        }
        if cluster.registeredContainerInstancesCount > 0 {
            throw NetctlError(
                .clusterContainsContainerInstancesException,
                "The cluster \(cluster.clusterName) cannot be deleted while container instances are active. "
                    + "Deregister them first (`netctl ecs instance deregister`).")
        }
        for task in ecsTasks.children(of: cluster.clusterArn) { recordDeletion(task, at: context.now) }
        for instance in containerInstances.children(of: cluster.clusterArn) { delete(instance) }
        cluster.status = "INACTIVE"
        recordDeletion(cluster, at: context.now)
        return cluster
    }

    public mutating func registerContainerInstance(_ request: EcsInstanceRegister, _ context: inout CommandContext)
        throws(NetctlError) -> ContainerInstance
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        guard (128...(1024 * 448)).contains(request.cpu), (512...(1024 * 24_576)).contains(request.memory) else {
            throw NetctlError(
                .invalidParameterException,
                "cpu must be 128 to 458752 units (1024 per vCPU) and memory 512 to 25165824 MiB; got cpu \(request.cpu), "
                    + "memory \(request.memory).")
        }
        guard containerInstances.childCount(of: cluster.clusterArn) < Self.maximumInstancesPerCluster else {
            throw NetctlError(
                .limitExceededException,
                "Cluster \(cluster.clusterName) has \(Self.maximumInstancesPerCluster) container instances, the most it may have."
            )
        }
        if let tags = request.tags { try EcsTagRules.validate(tags) }
        let subnet = try self.subnet(request.subnet, in: context.scope)
        let id = context.ids.make("", digits: 32)
        let arn = EcsArn.containerInstance(cluster.clusterName, id, context.scope)
        let ec2InstanceId = context.ids.make("i")
        // Launched without groups, the instance carries its VPC's default group, as EC2 gives one: its
        // agent pulls images and ships logs through this interface (and the endpoints' default group).
        let defaultGroup = defaultSecurityGroup(ofVpc: subnet.vpcId)?.groupId
        let interface = try createNetworkInterface(
            in: subnet, interfaceType: "instance", description: "Primary network interface of \(ec2InstanceId)",
            attachedTo: arn, &context
        ) { interface throws(NetctlError) in interface.securityGroupIds = defaultGroup.map { [$0] } ?? [] }
        let resources = EcsResources(cpu: request.cpu, memory: request.memory)
        let instance = ContainerInstance(
            containerInstanceArn: arn, clusterArn: cluster.clusterArn, ec2InstanceId: ec2InstanceId,
            accountId: context.accountId, region: context.region, subnetId: subnet.subnetId, vpcId: subnet.vpcId,
            availabilityZone: subnet.availabilityZone, privateIpAddress: interface.privateIpAddress,
            networkInterfaceId: interface.networkInterfaceId, registeredResources: resources,
            remainingResources: resources, registeredAt: context.now, tags: request.tags)
        record(.register, instance, at: context.now)
        // New capacity: services waiting to place EC2 tasks place them now.
        try reconcileServices(of: cluster.clusterArn, &context)
        return instanceView(instance)
    }

    public func listContainerInstances(_ request: EcsInstanceList, _ context: QueryContext) throws(NetctlError)
        -> EcsInstanceListResponse
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        var instances = containerInstances.children(of: cluster.clusterArn)
        if let status = request.status { instances = instances.filter { $0.status == status } }
        let page = try Pagination.page(
            instances, maxResults: request.maxResults, nextToken: request.nextToken, range: 1...100)
        return EcsInstanceListResponse(instances: page.items.map(instanceView), nextToken: page.nextToken)
    }

    public mutating func deregisterContainerInstance(_ request: EcsInstanceDeregister, _ context: inout CommandContext)
        throws(NetctlError) -> ContainerInstance
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        var instance = try containerInstance(request.containerInstance, cluster: cluster)
        let tasks = ecsTasks.children(of: instance.containerInstanceArn).filter { $0.lastStatus != TaskStatus.stopped }
        if !tasks.isEmpty && request.force != true {
            throw NetctlError(
                .invalidParameterException,
                "Container instance \(instance.containerInstanceArn) has \(tasks.count) task(s) on it. Pass force to "
                    + "deregister it anyway; its tasks are stopped and services place replacements elsewhere.")
        }
        for task in tasks {
            try stopTask(task, code: "TerminationNotice", reason: "Container instance deregistered", &context)
        }
        instance.status = "INACTIVE"
        try deleteNetworkInterface(instance.networkInterfaceId, context)
        recordDeletion(instance, at: context.now)
        try reconcileServices(of: cluster.clusterArn, &context)
        return instance
    }
}
