import Foundation
import NetctlAPI

/// ECS services: create, update (a rolling deployment), delete, and the reconciliation that keeps
/// each at its desired count. Reconciliation runs in the same transaction as whatever changed the
/// picture (a create, an update, a stopped task, a new instance) and again when something falls due.
extension State {
    public static let maximumServicesPerCluster = 5_000
    public static let maximumDesiredCount = 5_000
    public static let maximumServiceEvents = 100

    public mutating func createEcsService(_ request: EcsServiceCreate, _ context: inout CommandContext)
        throws(NetctlError)
        -> EcsService
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        try EcsName.validate(request.name, "service")
        let arn = EcsArn.service(cluster.clusterName, request.name, context.scope)
        if let existing = ecsServices[arn], existing.status != "INACTIVE" {
            throw NetctlError(
                .invalidParameterException,
                "Creation of service was not idempotent: a service named \(request.name) already exists in cluster "
                    + "\(cluster.clusterName) (\(existing.status)).")
        }
        guard ecsServices.childCount(of: cluster.clusterArn) < Self.maximumServicesPerCluster else {
            throw NetctlError(
                .limitExceededException,
                "Cluster \(cluster.clusterName) already has \(Self.maximumServicesPerCluster) services.")
        }
        try Self.validateDesiredCount(request.desiredCount)
        let definition = try taskDefinition(request.taskDefinition, in: context.scope)
        let launchType = try Self.launchType(request.launchType, definition)
        let subnets = try serviceSubnets(request.subnets, definition: definition, launchType: launchType, context.scope)
        try AwsVpcOptions.validate(
            securityGroups: request.securityGroups, assignPublicIp: request.assignPublicIp,
            networkMode: definition.networkMode, launchType: launchType)
        let securityGroups = try awsvpcSecurityGroups(
            request.securityGroups, subnetIds: subnets, networkMode: definition.networkMode, context.scope)
        if let tags = request.tags { try EcsTagRules.validate(tags) }
        let loadBalancers = try serviceLoadBalancers(
            request.loadBalancers, definition: definition, subnets: subnets, context.scope)
        let gracePeriod = try Self.healthCheckGracePeriod(
            request.healthCheckGracePeriodSeconds, loadBalanced: loadBalancers != nil)
        var namespaceId: String?
        if let registry = request.serviceRegistry {
            let namespace = try sdNamespace(registry.namespace, in: context.scope)
            try Self.validateRegistryName(registry.name)
            if let vpcId = subnets.first.flatMap({ self.subnets[$0]?.vpcId }), vpcId != namespace.vpcId {
                throw NetctlError(
                    .invalidParameterException,
                    "The service's subnets are in \(vpcId) but namespace \(namespace.name) is in \(namespace.vpcId): tasks "
                        + "register only in a namespace of their own VPC.")
            }
            if definition.networkMode != "awsvpc" {
                throw NetctlError(
                    .invalidParameterException,
                    "Service discovery A records need awsvpc tasks; task definition \(definition.family) uses "
                        + "\(definition.networkMode).")
            }
            if let clash = ecsServices.children(of: namespace.id).first(where: {
                $0.serviceRegistry?.name == registry.name && $0.status != "INACTIVE"
            }) {
                throw NetctlError(
                    .invalidParameterException,
                    "\(registry.name).\(namespace.name) is already registered by service \(clash.serviceName).")
            }
            namespaceId = namespace.id
        }
        let configuration = request.deploymentConfiguration
        let (minimum, maximum) = try Self.deploymentPercents(configuration, current: nil)
        let deployment = Deployment(
            id: Self.deploymentId(&context), status: "PRIMARY", taskDefinition: definition.taskDefinitionArn,
            desiredCount: request.desiredCount, createdAt: context.now,
            updatedAt: context.now)
        var service = EcsService(
            serviceName: request.name, serviceArn: arn, clusterArn: cluster.clusterArn, accountId: context.accountId,
            region: context.region, taskDefinition: definition.taskDefinitionArn, desiredCount: request.desiredCount,
            launchType: launchType, subnets: subnets, serviceRegistry: request.serviceRegistry,
            namespaceId: namespaceId,
            minimumHealthyPercent: minimum, maximumPercent: maximum,
            deploymentCircuitBreaker: configuration?.deploymentCircuitBreaker
                ?? DeploymentCircuitBreaker(enable: false, rollback: false),
            deployments: [deployment], createdAt: context.now, securityGroups: securityGroups,
            assignPublicIp: request.assignPublicIp, tags: request.tags, loadBalancers: loadBalancers,
            healthCheckGracePeriodSeconds: gracePeriod)
        Self.addEvent(&service, "(service \(service.serviceName)) was created.", &context)
        record(.create, service, at: context.now)
        emitServiceEvents(service, since: 0, context)
        try reconcileService(arn, &context)
        return serviceView(ecsServices[arn] ?? service)
    }

    public func getEcsService(_ request: EcsServiceGet, _ context: QueryContext) throws(NetctlError) -> EcsService {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        return serviceView(try ecsService(request.service, cluster: cluster))
    }

    public func listEcsServices(_ request: EcsServiceList, _ context: QueryContext) throws(NetctlError)
        -> EcsServiceListResponse
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        let page = try Pagination.page(
            ecsServices.children(of: cluster.clusterArn), maxResults: request.maxResults, nextToken: request.nextToken,
            range: 1...100)
        return EcsServiceListResponse(services: page.items.map(serviceView), nextToken: page.nextToken)
    }

    public mutating func updateEcsService(_ request: EcsServiceUpdate, _ context: inout CommandContext)
        throws(NetctlError)
        -> EcsService
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        var service = try ecsService(request.service, cluster: cluster)
        guard service.status == "ACTIVE" else {
            throw NetctlError(
                .serviceNotActiveException, "Service \(service.serviceName) is \(service.status); it cannot be updated."
            )
        }
        let eventsBefore = service.events.count
        if let configuration = request.deploymentConfiguration {
            let (minimum, maximum) = try Self.deploymentPercents(configuration, current: service)
            service.minimumHealthyPercent = minimum
            service.maximumPercent = maximum
            if let breaker = configuration.deploymentCircuitBreaker { service.deploymentCircuitBreaker = breaker }
        }
        if let count = request.desiredCount {
            try Self.validateDesiredCount(count)
            service.desiredCount = count
            for index in service.deployments.indices where service.deployments[index].status == "PRIMARY" {
                service.deployments[index].desiredCount = count
                service.deployments[index].updatedAt = context.now
            }
        }
        var newDefinition: TaskDefinition?
        if let reference = request.taskDefinition {
            let definition = try taskDefinition(reference, in: context.scope)
            _ = try Self.launchType(service.launchType, definition)
            if definition.taskDefinitionArn != service.taskDefinition { newDefinition = definition }
        }
        let networkChanged = try updateServiceNetwork(&service, request, definition: newDefinition, context.scope)
        let loadBalancersChanged = try updateServiceLoadBalancers(
            &service, request, definition: newDefinition, context.scope)
        if newDefinition != nil || request.forceNewDeployment == true || networkChanged || loadBalancersChanged {
            let definition = newDefinition?.taskDefinitionArn ?? service.taskDefinition
            startDeployment(&service, taskDefinition: definition, &context)
        }
        record(.update, service, at: context.now)
        emitServiceEvents(service, since: eventsBefore, context)
        try reconcileService(service.serviceArn, &context)
        return serviceView(ecsServices[service.serviceArn] ?? service)
    }

    /// New awsvpc placement for a service's next tasks; true when anything changed. Tasks already
    /// running keep their interfaces until a deployment replaces them.
    private func updateServiceNetwork(
        _ service: inout EcsService, _ request: EcsServiceUpdate, definition: TaskDefinition?, _ scope: Scope
    ) throws(NetctlError) -> Bool {
        guard request.subnets != nil || request.securityGroups != nil || request.assignPublicIp != nil else {
            return false
        }
        guard let definition = definition ?? taskDefinitions[service.taskDefinition] else { return false }
        guard definition.networkMode == "awsvpc" else {
            throw NetctlError(
                .invalidParameterException,
                "Network Configuration is not valid for the given networkMode of this task definition "
                    + "(\(definition.networkMode)).")
        }
        let subnets = try serviceSubnets(
            request.subnets ?? service.subnets, definition: definition, launchType: service.launchType, scope)
        if let namespaceId = service.namespaceId, let namespace = sdNamespaces[namespaceId],
            let vpcId = subnets.first.flatMap({ self.subnets[$0]?.vpcId }), vpcId != namespace.vpcId
        {
            throw NetctlError(
                .invalidParameterException,
                "The new subnets are in \(vpcId) but the service registers in namespace \(namespace.name) of "
                    + "\(namespace.vpcId): keep the service's tasks in the namespace's VPC.")
        }
        let assignPublicIp = request.assignPublicIp ?? service.assignPublicIp
        try AwsVpcOptions.validate(
            securityGroups: request.securityGroups ?? service.securityGroups, assignPublicIp: assignPublicIp,
            networkMode: definition.networkMode, launchType: service.launchType)
        let securityGroups = try awsvpcSecurityGroups(
            request.securityGroups ?? service.securityGroups, subnetIds: subnets, networkMode: definition.networkMode,
            scope)
        let changed =
            subnets != service.subnets || securityGroups != service.securityGroups
            || assignPublicIp != service.assignPublicIp
        service.subnets = subnets
        service.securityGroups = securityGroups
        service.assignPublicIp = assignPublicIp
        return changed
    }

    /// New target groups (a new deployment, true when they changed) or grace period; the task
    /// definition a deployment moves to must still name their containers and ports.
    private func updateServiceLoadBalancers(
        _ service: inout EcsService, _ request: EcsServiceUpdate, definition: TaskDefinition?, _ scope: Scope
    ) throws(NetctlError) -> Bool {
        guard request.loadBalancers != nil || request.healthCheckGracePeriodSeconds != nil || definition != nil,
            let definition = definition ?? taskDefinitions[service.taskDefinition]
        else { return false }
        let loadBalancers = try serviceLoadBalancers(
            request.loadBalancers ?? service.loadBalancers, definition: definition, subnets: service.subnets, scope)
        let kept = loadBalancers == nil ? nil : service.healthCheckGracePeriodSeconds
        let gracePeriod = try Self.healthCheckGracePeriod(
            request.healthCheckGracePeriodSeconds ?? kept, loadBalanced: loadBalancers != nil)
        let changed = loadBalancers != service.loadBalancers
        service.loadBalancers = loadBalancers
        service.healthCheckGracePeriodSeconds = gracePeriod
        return changed
    }

    /// Deleting drains: desired 0, every task stopped; the service goes INACTIVE once they have.
    public mutating func deleteEcsService(_ request: EcsServiceDelete, _ context: inout CommandContext)
        throws(NetctlError)
        -> EcsService
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        var service = try ecsService(request.service, cluster: cluster)
        guard service.status == "ACTIVE" else { return serviceView(service) }
        guard service.desiredCount == 0 || request.force == true else {
            throw NetctlError(
                .invalidParameterException,
                "The service cannot be stopped while it is scaled above 0: set desiredCount to 0 first "
                    + "(`netctl ecs service update \(service.serviceName) --cluster \(cluster.clusterName) --desired-count 0`) "
                    + "or pass force.")
        }
        let eventsBefore = service.events.count
        service.desiredCount = 0
        service.status = "DRAINING"
        Self.addEvent(&service, "(service \(service.serviceName)) has begun draining.", &context)
        record(.update, service, at: context.now)
        emitServiceEvents(service, since: eventsBefore, context)
        try reconcileService(service.serviceArn, &context)
        try finishDrainingIfDone(service.serviceArn, &context)
        return serviceView(ecsServices[service.serviceArn] ?? service)
    }

    // MARK: Reconciliation

    mutating func reconcileServices(of clusterArn: String, _ context: inout CommandContext) throws(NetctlError) {
        for service in ecsServices.children(of: clusterArn) where service.status != "INACTIVE" {
            try reconcileService(service.serviceArn, &context)
        }
    }

    /// Brings one service toward its desired state: applies the scheduler's plan, records the events
    /// ECS would write, and notes a completed deployment and a steady state.
    mutating func reconcileService(_ serviceArn: String, _ context: inout CommandContext) throws(NetctlError) {
        guard var service = ecsServices[serviceArn], service.status != "INACTIVE",
            let cluster = ecsClusters[service.clusterArn]
        else { return }
        let eventsBefore = service.events.count
        let active = ecsTasks.children(of: EcsTask.serviceKey(service.clusterArn, service.serviceName)).filter(
            \.isActive)
        let primary = service.deployments.first { $0.status == "PRIMARY" }
        guard let definition = taskDefinitions[primary?.taskDefinition ?? service.taskDefinition] else { return }
        let need = Self.reservation(definition)
        let plan = ServiceScheduler.plan(
            service: service, tasks: active, need: need, subnets: subnetChoices(service.subnets),
            capacity: capacity(of: service.clusterArn, launchType: service.launchType), now: context.now,
            healthy: healthyServiceTasks(service, active))

        var stoppedIds: [String] = []
        for arn in plan.stops {
            guard let task = ecsTasks[arn] else { continue }
            try stopTask(
                task, code: "ServiceSchedulerInitiated",
                reason: "Scaling activity initiated by (deployment \(task.deploymentId ?? ""))", &context)
            stoppedIds.append(task.taskId)
        }
        var startedIds: [String] = []
        for placement in plan.starts {
            let task = try startTask(
                definition, cluster: cluster, placement: placement, launchType: service.launchType,
                service: service.serviceName, deploymentId: primary?.id, startedBy: primary?.id,
                network: (service.securityGroups, service.assignPublicIp), tags: nil, &context)
            startedIds.append(task.taskId)
        }
        // Reload: stopping tasks may have changed nothing on the service, but keep one source of truth.
        service = ecsServices[serviceArn] ?? service
        if !stoppedIds.isEmpty {
            Self.addEvent(
                &service,
                "(service \(service.serviceName)) has stopped \(stoppedIds.count) running tasks: "
                    + stoppedIds.map { "(task \($0))" }.joined(separator: " ") + ".", &context)
        }
        if !startedIds.isEmpty {
            Self.addEvent(
                &service,
                "(service \(service.serviceName)) has started \(startedIds.count) tasks: "
                    + startedIds.map { "(task \($0))" }.joined(separator: " ") + ".", &context)
        }
        if plan.unplaced > 0 {
            let message =
                "(service \(service.serviceName)) was unable to place a task because no container instance met all of "
                + "its requirements. Reason: \(plan.unplacedReason ?? "No Container Instances were found in your cluster.")"
            if service.events.first?.message != message { Self.addEvent(&service, message, &context) }
        }
        settleDeployments(&service, &context)
        if service != ecsServices[serviceArn] { record(.update, service, at: context.now) }
        emitServiceEvents(service, since: eventsBefore, context)
    }

    /// Old deployments without tasks leave; a primary deployment whose tasks all run completes, and the
    /// service reports a steady state.
    private mutating func settleDeployments(_ service: inout EcsService, _ context: inout CommandContext) {
        let active = ecsTasks.children(of: EcsTask.serviceKey(service.clusterArn, service.serviceName)).filter(
            \.isActive)
        service.deployments.removeAll { deployment in
            deployment.status != "PRIMARY" && !active.contains { $0.deploymentId == deployment.id }
        }
        guard service.status == "ACTIVE", let index = service.deployments.firstIndex(where: { $0.status == "PRIMARY" })
        else { return }
        let primary = service.deployments[index]
        // Behind load balancers a task counts once it is healthy in every target group.
        let healthy = healthyServiceTasks(service, active)
        let settled =
            service.deployments.count == 1 && active.count == service.desiredCount
            && active.allSatisfy {
                $0.lastStatus == TaskStatus.running && $0.deploymentId == primary.id
                    && (healthy?.contains($0.taskArn) ?? true)
            }
        guard settled else { return }
        if primary.rolloutState == "IN_PROGRESS" {
            service.deployments[index].rolloutState = "COMPLETED"
            service.deployments[index].updatedAt = context.now
            service.lastCompletedTaskDefinition = primary.taskDefinition
            Self.addEvent(
                &service, "(service \(service.serviceName)) (deployment \(primary.id)) deployment completed.", &context)
        }
        let steady = "(service \(service.serviceName)) has reached a steady state."
        if service.events.first?.message != steady { Self.addEvent(&service, steady, &context) }
    }

    /// A new primary deployment; the previous primary keeps its tasks until the rollout replaces them.
    mutating func startDeployment(_ service: inout EcsService, taskDefinition: String, _ context: inout CommandContext)
    {
        for index in service.deployments.indices where service.deployments[index].status == "PRIMARY" {
            service.deployments[index].status = "ACTIVE"
            service.deployments[index].updatedAt = context.now
        }
        let deployment = Deployment(
            id: Self.deploymentId(&context), status: "PRIMARY", taskDefinition: taskDefinition,
            desiredCount: service.desiredCount, createdAt: context.now,
            updatedAt: context.now)
        service.deployments.insert(deployment, at: 0)
        service.taskDefinition = taskDefinition
        // A new task definition resets the start throttle.
        service.startFailureStreak = 0
        service.nextStartAttemptAt = nil
        Self.addEvent(
            &service,
            "(service \(service.serviceName)) has started a deployment (\(deployment.id)) of \(taskDefinition).",
            &context)
    }

    /// A draining service whose tasks have all stopped becomes INACTIVE and leaves the cluster.
    mutating func finishDrainingIfDone(_ serviceArn: String, _ context: inout CommandContext) throws(NetctlError) {
        guard var service = ecsServices[serviceArn], service.status == "DRAINING" else { return }
        let remaining = ecsTasks.children(of: EcsTask.serviceKey(service.clusterArn, service.serviceName))
            .filter { $0.lastStatus != TaskStatus.stopped }
        guard remaining.isEmpty else { return }
        service.status = "INACTIVE"
        service.deployments = []
        recordDeletion(service, at: context.now)
    }

    /// `ecs-svc/` and 19 digits, as ECS names deployments.
    static func deploymentId(_ context: inout CommandContext) -> String {
        let value = UInt64(context.ids.make("", digits: 16), radix: 16) ?? 0
        let digits = String(value % 10_000_000_000_000_000_000)
        return "ecs-svc/" + String(repeating: "0", count: 19 - digits.count) + digits
    }

    static func addEvent(_ service: inout EcsService, _ message: String, _ context: inout CommandContext) {
        service.events.insert(
            ServiceEvent(id: context.ids.make("", digits: 32), at: context.now, message: message), at: 0)
        if service.events.count > maximumServiceEvents {
            service.events.removeLast(service.events.count - maximumServiceEvents)
        }
    }

    /// Each new service event also goes to the change stream, so `/netctl/ecs` logs it on its own.
    mutating func emitServiceEvents(_ service: EcsService, since countBefore: Int, _ context: CommandContext) {
        let new = service.events.count - countBefore
        guard new > 0 else { return }
        for event in service.events.prefix(new).reversed() {
            let detail =
                #"{"clusterArn":"# + JSONText.quote(service.clusterArn) + #","id":"# + JSONText.quote(event.id)
                + #","message":"# + JSONText.quote(event.message) + #","serviceName":"#
                + JSONText.quote(service.serviceName) + "}"
            emitEvent(.serviceEvent, about: service, detail: detail, at: event.at)
        }
    }

    /// The scheduler's view of subnets: ID and zone.
    func subnetChoices(_ ids: [String]) -> [ServiceScheduler.SubnetChoice] {
        ids.compactMap { id in
            subnets[id].map { ServiceScheduler.SubnetChoice(subnetId: $0.subnetId, availabilityZone: $0.availabilityZone) }
        }
    }

    /// What the cluster's active instances have left, for EC2 placement; nil (no instances involved) for Fargate.
    func capacity(of clusterArn: String, launchType: String) -> [ServiceScheduler.Capacity]? {
        guard launchType == "EC2" else { return nil }
        return containerInstances.children(of: clusterArn).filter { $0.status == "ACTIVE" }.map {
            let view = instanceView($0)
            return ServiceScheduler.Capacity(
                containerInstanceArn: view.containerInstanceArn, availabilityZone: view.availabilityZone,
                subnetId: view.subnetId, remaining: view.remainingResources)
        }
    }

    // MARK: Validation

    static func validateDesiredCount(_ count: Int) throws(NetctlError) {
        guard (0...maximumDesiredCount).contains(count) else {
            throw NetctlError(
                .invalidParameterException, "desiredCount must be 0 to \(maximumDesiredCount); got \(count).")
        }
    }

    static func validateRegistryName(_ name: String) throws(NetctlError) {
        guard (1...63).contains(name.count), name.first?.isLetter == true || name.first?.isNumber == true,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw NetctlError(
                .invalidParameterException,
                "serviceRegistry name '\(name)' must be one DNS label: 1 to 63 letters, digits, hyphens or underscores."
            )
        }
    }

    /// FARGATE by default; the task definition must be compatible with the launch type.
    static func launchType(_ requested: String?, _ definition: TaskDefinition) throws(NetctlError) -> String {
        let launchType = requested ?? "FARGATE"
        guard ["FARGATE", "EC2"].contains(launchType) else {
            throw NetctlError(.invalidParameterException, "launchType must be FARGATE or EC2; got '\(launchType)'.")
        }
        guard definition.compatibilities.contains(launchType) else {
            throw NetctlError(
                .invalidParameterException,
                "Task definition \(definition.family):\(definition.revision) does not support launch type \(launchType): "
                    + (launchType == "FARGATE"
                        ? "Fargate needs networkMode awsvpc and task-level cpu and memory."
                        : "it is not EC2-compatible."))
        }
        return launchType
    }

    /// awsvpc tasks need 1 to 16 subnets of one VPC; other modes use the instance's network.
    func serviceSubnets(_ references: [String]?, definition: TaskDefinition, launchType: String, _ scope: Scope)
        throws(NetctlError) -> [String]
    {
        let references = references ?? []
        if definition.networkMode == "awsvpc" {
            guard (1...16).contains(references.count) else {
                throw NetctlError(
                    .invalidParameterException,
                    "Network Configuration must be provided when networkMode 'awsvpc' is specified: pass 1 to 16 subnets."
                )
            }
        }
        var chosen: [Subnet] = []
        for reference in references { chosen.append(try subnet(reference, in: scope)) }
        if let first = chosen.first, let other = chosen.first(where: { $0.vpcId != first.vpcId }) {
            throw NetctlError(
                .invalidParameterException,
                "Subnets must all belong to one VPC: \(first.subnetId) is in \(first.vpcId), \(other.subnetId) in \(other.vpcId)."
            )
        }
        return chosen.map(\.subnetId)
    }

    static func deploymentPercents(_ configuration: DeploymentConfiguration?, current: EcsService?) throws(NetctlError)
        -> (Int, Int)
    {
        let minimum = configuration?.minimumHealthyPercent ?? current?.minimumHealthyPercent ?? 100
        let maximum = configuration?.maximumPercent ?? current?.maximumPercent ?? 200
        guard (0...100).contains(minimum), (100...200).contains(maximum) else {
            throw NetctlError(
                .invalidParameterException,
                "minimumHealthyPercent must be 0 to 100 and maximumPercent 100 to 200; got \(minimum) and \(maximum).")
        }
        return (minimum, maximum)
    }

    /// What one task of the definition reserves: task-level sizes, else the sum of its containers'.
    static func reservation(_ definition: TaskDefinition) -> EcsResources {
        let cpu = definition.cpu.flatMap(Int.init) ?? definition.containerDefinitions.reduce(0) { $0 + ($1.cpu ?? 0) }
        let memory =
            definition.memory.flatMap(Int.init)
            ?? definition.containerDefinitions.reduce(0) { $0 + ($1.memory ?? $1.memoryReservation ?? 0) }
        return EcsResources(cpu: cpu, memory: memory)
    }
}
