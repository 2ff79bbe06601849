import Foundation
import NetctlAPI

/// ECS tasks: run, stop, describe, and their lifecycle on the daemon's clock.
extension State {
    public static let maximumTasksPerRun = 10
    /// How long each step of a task's life takes here: enough to watch it move, short enough for demos.
    public enum TaskTiming {
        public static let provisioning: TimeInterval = 2
        /// Pulling the images.
        public static let pending: TimeInterval = 5
        public static let activating: TimeInterval = 1
        public static let deactivating: TimeInterval = 1
        /// SIGTERM, then the containers exit.
        public static let stopping: TimeInterval = 2
        public static let deprovisioning: TimeInterval = 1
        /// Stopped tasks stay describable at least an hour, as ECS keeps them.
        public static let stoppedRetention: TimeInterval = 3600
    }

    public mutating func runTasks(_ request: EcsTaskRun, _ context: inout CommandContext) throws(NetctlError)
        -> EcsTaskRunResponse
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        let count = request.count ?? 1
        guard (1...Self.maximumTasksPerRun).contains(count) else {
            throw NetctlError(
                .invalidParameterException, "count must be 1 to \(Self.maximumTasksPerRun); got \(count).")
        }
        let definition = try taskDefinition(request.taskDefinition, in: context.scope)
        let launchType = try Self.launchType(request.launchType, definition)
        let subnetIds = try serviceSubnets(
            request.subnets, definition: definition, launchType: launchType, context.scope)
        try AwsVpcOptions.validate(
            securityGroups: request.securityGroups, assignPublicIp: request.assignPublicIp,
            networkMode: definition.networkMode, launchType: launchType)
        let securityGroups = try awsvpcSecurityGroups(
            request.securityGroups, subnetIds: subnetIds, networkMode: definition.networkMode, context.scope)
        if let tags = request.tags { try EcsTagRules.validate(tags) }
        var plan = ServiceScheduler.Plan()
        ServiceScheduler.place(
            count, need: Self.reservation(definition), staying: [], subnets: subnetChoices(subnetIds),
            capacity: capacity(of: cluster.clusterArn, launchType: launchType), into: &plan)
        var tasks: [EcsTask] = []
        for placement in plan.starts {
            tasks.append(
                try startTask(
                    definition, cluster: cluster, placement: placement, launchType: launchType, service: nil,
                    deploymentId: nil, startedBy: request.startedBy,
                    network: (securityGroups, request.assignPublicIp), tags: request.tags, &context))
        }
        // RunTask reports tasks it could not place as failures, not as an error.
        let failures = (0..<plan.unplaced).map { _ in
            EcsFailure(
                arn: nil, reason: "RESOURCE:" + (plan.unplacedReason?.contains("memory") == true ? "MEMORY" : "CPU"))
        }
        return EcsTaskRunResponse(tasks: tasks, failures: failures)
    }

    public func getEcsTask(_ request: EcsTaskGet, _ context: QueryContext) throws(NetctlError) -> EcsTask {
        try ecsTask(request.task, cluster: try ecsCluster(request.cluster, in: context.scope))
    }

    public func listEcsTasks(_ request: EcsTaskList, _ context: QueryContext) throws(NetctlError) -> EcsTaskListResponse
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        let desired = request.desiredStatus ?? TaskStatus.running
        guard [TaskStatus.running, TaskStatus.pending, TaskStatus.stopped].contains(desired) else {
            throw NetctlError(
                .invalidParameterException, "desiredStatus must be RUNNING, PENDING or STOPPED; got '\(desired)'.")
        }
        var tasks: [EcsTask]
        if let reference = request.service {
            let service = try ecsService(reference, cluster: cluster)
            tasks = ecsTasks.children(of: EcsTask.serviceKey(cluster.clusterArn, service.serviceName))
        } else {
            tasks = ecsTasks.children(of: cluster.clusterArn)
        }
        tasks = tasks.filter {
            desired == TaskStatus.pending
                ? $0.desiredStatus == TaskStatus.running && $0.isPending : $0.desiredStatus == desired
        }
        if let startedBy = request.startedBy { tasks = tasks.filter { $0.startedBy == startedBy } }
        if let launchType = request.launchType {
            guard ["FARGATE", "EC2"].contains(launchType) else {
                throw NetctlError(.invalidParameterException, "launchType must be FARGATE or EC2; got '\(launchType)'.")
            }
            tasks = tasks.filter { $0.launchType == launchType }
        }
        if let family = request.family {
            tasks = tasks.filter { taskDefinitions[$0.taskDefinitionArn]?.family == family }
        }
        if let reference = request.containerInstance {
            let instance = try containerInstance(reference, cluster: cluster)
            tasks = tasks.filter { $0.containerInstanceArn == instance.containerInstanceArn }
        }
        let page = try Pagination.page(
            tasks, maxResults: request.maxResults, nextToken: request.nextToken, range: 1...100)
        return EcsTaskListResponse(tasks: page.items, nextToken: page.nextToken)
    }

    public mutating func stopEcsTask(_ request: EcsTaskStop, _ context: inout CommandContext) throws(NetctlError)
        -> EcsTask
    {
        let cluster = try ecsCluster(request.cluster, in: context.scope)
        let task = try ecsTask(request.task, cluster: cluster)
        try stopTask(task, code: "UserInitiated", reason: request.reason ?? "Task stopped by user", &context)
        // Its service starts a replacement at once.
        if let serviceName = task.serviceName {
            try reconcileService(EcsArn.service(cluster.clusterName, serviceName, context.scope), &context)
        }
        return ecsTasks[task.taskArn] ?? task
    }

    // MARK: Lifecycle

    /// A new task in PROVISIONING: an ENI with a free address of its subnet for awsvpc, else the
    /// instance's address.
    mutating func startTask(
        _ definition: TaskDefinition, cluster: EcsCluster, placement: ServiceScheduler.Placement, launchType: String,
        service: String?, deploymentId: String?, startedBy: String?,
        network: (securityGroups: [String]?, assignPublicIp: String?), tags: Tags?, _ context: inout CommandContext
    ) throws(NetctlError) -> EcsTask {
        let taskId = context.ids.make("", digits: 32)
        let arn = EcsArn.task(cluster.clusterName, taskId, context.scope)
        var address: String?
        var interfaceId: String?
        var securityGroups = network.securityGroups
        if definition.networkMode == "awsvpc", let subnetId = placement.subnetId, let subnet = subnets[subnetId] {
            // Without groups the task's interface gets its VPC's default group, as on AWS.
            if securityGroups?.isEmpty ?? true, let group = defaultSecurityGroup(ofVpc: subnet.vpcId) {
                securityGroups = [group.groupId]
            }
            let interface = try createNetworkInterface(
                in: subnet, interfaceType: "ecs_task",
                description: "arn:aws:ecs:\(context.region):\(context.accountId):attachment",
                attachedTo: arn, &context
            ) { interface throws(NetctlError) in interface.securityGroupIds = network.securityGroups ?? [] }
            address = interface.privateIpAddress
            interfaceId = interface.networkInterfaceId
        } else if let instanceArn = placement.containerInstanceArn {
            address = containerInstances[instanceArn]?.privateIpAddress
        }
        let need = Self.reservation(definition)
        let task = EcsTask(
            taskArn: arn, taskId: taskId, clusterArn: cluster.clusterArn, accountId: context.accountId,
            region: context.region, serviceName: service, deploymentId: deploymentId,
            taskDefinitionArn: definition.taskDefinitionArn, lastStatus: TaskStatus.provisioning,
            desiredStatus: TaskStatus.running, launchType: launchType, availabilityZone: placement.availabilityZone,
            subnetId: placement.subnetId, privateIpAddress: address, networkInterfaceId: interfaceId,
            containerInstanceArn: placement.containerInstanceArn, startedBy: startedBy, cpu: need.cpu,
            memory: need.memory,
            createdAt: context.now, nextTransitionAt: context.now.addingTimeInterval(TaskTiming.provisioning),
            securityGroups: definition.networkMode == "awsvpc" ? securityGroups : nil,
            assignPublicIp: definition.networkMode == "awsvpc" ? network.assignPublicIp : nil, tags: tags)
        record(.create, task, at: context.now)
        return task
    }

    /// Asks a task to stop: a running one deactivates first; one still starting skips ahead (a task
    /// only ever moves forward through its states).
    mutating func stopTask(_ task: EcsTask, code: String, reason: String, _ context: inout CommandContext)
        throws(NetctlError)
    {
        guard task.desiredStatus != TaskStatus.stopped, task.lastStatus != TaskStatus.stopped else { return }
        var stopping = task
        stopping.desiredStatus = TaskStatus.stopped
        stopping.stopCode = code
        stopping.stoppedReason = reason
        stopping.stoppingAt = context.now
        stopping.version += 1
        switch task.lastStatus {
        case TaskStatus.running:
            // Its targets drain first: the task stays DEACTIVATING for the longest deregistration delay.
            let draining = deregisterTaskTargets(task, &context)
            stopping.lastStatus = TaskStatus.deactivating
            stopping.nextTransitionAt = context.now.addingTimeInterval(max(TaskTiming.deactivating, draining))
            record(.stop, stopping, at: context.now)
        case TaskStatus.provisioning, TaskStatus.pending, TaskStatus.activating:
            if task.networkInterfaceId != nil {
                stopping.lastStatus = TaskStatus.deprovisioning
                stopping.nextTransitionAt = context.now.addingTimeInterval(TaskTiming.deprovisioning)
                record(.stop, stopping, at: context.now)
            } else {
                try finishStopping(&stopping, at: context.now, context)
            }
        default:
            // Already on its way out: only the intent is recorded.
            record(.stop, stopping, at: context.now)
        }
    }

    /// STOPPED: the ENI goes back to the subnet and the task stays listable for an hour.
    private mutating func finishStopping(_ task: inout EcsTask, at time: Date, _ context: CommandContext)
        throws(NetctlError)
    {
        task.lastStatus = TaskStatus.stopped
        task.desiredStatus = TaskStatus.stopped
        task.stoppedAt = time
        task.nextTransitionAt = nil
        task.version += 1
        if let interface = task.networkInterfaceId { try deleteNetworkInterface(interface, context) }
        record(.transition, task, at: time)
    }

    /// Moves every task whose next step is due, then lets the affected services react.
    mutating func runEcsDueWork(_ context: inout CommandContext) {
        let now = context.now
        var touchedServices = Set<String>()
        var touchedClusters = Set<String>()
        for task in ecsTasks.children(of: EcsTask.timedKey) {
            if task.lastStatus == TaskStatus.stopped {
                if let stoppedAt = task.stoppedAt, stoppedAt.addingTimeInterval(TaskTiming.stoppedRetention) <= now {
                    recordDeletion(task, at: now)
                }
                continue
            }
            var current = task
            while let due = current.nextTransitionAt, due <= now {
                do {
                    try advance(&current, at: due, &context)
                } catch {
                    break
                }
            }
            if current.lastStatus != task.lastStatus, let service = task.serviceName {
                touchedServices.insert(EcsArn.service(clusterName(task.clusterArn), service, task.scope))
            }
            if current.lastStatus != task.lastStatus { touchedClusters.insert(task.clusterArn) }
        }
        // Services whose throttle ran out, or that are draining, get another look too.
        for service in ecsServices.children(of: EcsTask.timedKey) {
            if let retry = service.nextStartAttemptAt, retry <= now { touchedServices.insert(service.serviceArn) }
            if service.status == "DRAINING" { touchedServices.insert(service.serviceArn) }
        }
        // A freed instance may let a waiting EC2 service place its tasks.
        for clusterArn in touchedClusters {
            for service in ecsServices.children(of: clusterArn) where service.launchType == "EC2" {
                touchedServices.insert(service.serviceArn)
            }
        }
        for arn in touchedServices.sorted() {
            if var service = ecsServices[arn], let retry = service.nextStartAttemptAt, retry <= now {
                service.nextStartAttemptAt = nil
                save(service)
            }
            try? reconcileService(arn, &context)
            try? finishDrainingIfDone(arn, &context)
        }
    }

    private func clusterName(_ clusterArn: String) -> String {
        ecsClusters[clusterArn]?.clusterName ?? String(clusterArn.split(separator: "/").last ?? "")
    }

    /// One step of a task's life, at the time it fell due.
    private mutating func advance(_ task: inout EcsTask, at time: Date, _ context: inout CommandContext)
        throws(NetctlError)
    {
        task.version += 1
        switch task.lastStatus {
        case TaskStatus.provisioning:
            task.lastStatus = TaskStatus.pending
            task.nextTransitionAt = time.addingTimeInterval(TaskTiming.pending)
        case TaskStatus.pending:
            if let failure = startFailure(
                task, QueryContext(scope: task.scope, now: time, quotas: context.quotas), logGroups: context.logGroups)
            {
                task.stopCode = "TaskFailedToStart"
                task.stoppedReason = failure
                task.stoppingAt = time
                try finishStopping(&task, at: time, context)
                noteStartFailure(task, at: time, &context)
                return
            }
            task.lastStatus = TaskStatus.activating
            task.nextTransitionAt = time.addingTimeInterval(TaskTiming.activating)
        case TaskStatus.activating:
            task.lastStatus = TaskStatus.running
            task.startedAt = time
            task.nextTransitionAt = nil
            noteStartSuccess(task)
            registerTaskTargets(task, &context)
        case TaskStatus.deactivating:
            task.lastStatus = TaskStatus.stopping
            task.nextTransitionAt = time.addingTimeInterval(TaskTiming.stopping)
        case TaskStatus.stopping:
            if task.networkInterfaceId != nil {
                task.lastStatus = TaskStatus.deprovisioning
                task.nextTransitionAt = time.addingTimeInterval(TaskTiming.deprovisioning)
            } else {
                try finishStopping(&task, at: time, context)
                return
            }
        case TaskStatus.deprovisioning:
            try finishStopping(&task, at: time, context)
            return
        default:
            task.nextTransitionAt = nil
        }
        record(.transition, task, at: time)
    }

    /// The first container image that cannot be pulled (a malformed reference, the network, then the
    /// registry's answer), else the log driver that cannot start (its group, then the network), as ECS
    /// reports it.
    private func startFailure(_ task: EcsTask, _ context: QueryContext, logGroups: any LogGroupDirectory) -> String? {
        guard let definition = taskDefinitions[task.taskDefinitionArn] else { return nil }
        for container in definition.containerDefinitions {
            if let reference = ImageReference(container.image),
                let failure = taskNetworkFailure(task, image: reference, context)
            {
                return failure
            }
            if let failure = imagePullFailure(container.image, scope: task.scope) { return failure }
        }
        return taskLogOptionFailure(definition) ?? taskLogDriverFailure(task, definition, context)
            ?? taskLogGroupFailure(task, definition, logGroups)
    }

    /// A service task that never reached RUNNING: the throttle backs off and the circuit breaker counts it.
    private mutating func noteStartFailure(_ task: EcsTask, at time: Date, _ context: inout CommandContext) {
        guard let name = task.serviceName, let cluster = ecsClusters[task.clusterArn] else { return }
        let arn = EcsArn.service(cluster.clusterName, name, task.scope)
        guard var service = ecsServices[arn] else { return }
        let eventsBefore = service.events.count
        service.startFailureStreak += 1
        let delay = ServiceScheduler.startDelay(afterFailures: service.startFailureStreak)
        if delay > 0 {
            service.nextStartAttemptAt = time.addingTimeInterval(delay)
            let message =
                "(service \(service.serviceName)) is unable to consistently start tasks successfully. For more information, "
                + "see the Troubleshooting section of the Amazon ECS Developer Guide."
            if service.events.first?.message != message { Self.addEvent(&service, message, &context) }
        }
        countFailure(&service, deploymentId: task.deploymentId, at: time, &context)
        record(.update, service, at: time)
        emitServiceEvents(service, since: eventsBefore, context)
    }

    /// A service task that failed (it never reached RUNNING, or it failed its ELB health checks):
    /// its deployment counts it, and the circuit breaker trips (and rolls back) at the threshold.
    mutating func countFailedTask(_ task: EcsTask, at time: Date, _ context: inout CommandContext) {
        guard let name = task.serviceName, let cluster = ecsClusters[task.clusterArn] else { return }
        let arn = EcsArn.service(cluster.clusterName, name, task.scope)
        guard var service = ecsServices[arn] else { return }
        let eventsBefore = service.events.count
        countFailure(&service, deploymentId: task.deploymentId, at: time, &context)
        record(.update, service, at: time)
        emitServiceEvents(service, since: eventsBefore, context)
    }

    private mutating func countFailure(
        _ service: inout EcsService, deploymentId: String?, at time: Date, _ context: inout CommandContext
    ) {
        guard let index = service.deployments.firstIndex(where: { $0.id == deploymentId }) else { return }
        service.deployments[index].failedTasks += 1
        let deployment = service.deployments[index]
        guard deployment.status == "PRIMARY", deployment.rolloutState == "IN_PROGRESS",
            service.deploymentCircuitBreaker.enable,
            deployment.failedTasks >= ServiceScheduler.circuitBreakerThreshold(desiredCount: service.desiredCount)
        else { return }
        service.deployments[index].rolloutState = "FAILED"
        service.deployments[index].updatedAt = time
        Self.addEvent(
            &service,
            "(service \(service.serviceName)) (deployment \(deployment.id)) deployment failed: tasks failed to start.",
            &context)
        if service.deploymentCircuitBreaker.rollback, let previous = service.lastCompletedTaskDefinition,
            previous != deployment.taskDefinition
        {
            Self.addEvent(&service, "(service \(service.serviceName)) rolling back to \(previous).", &context)
            startDeployment(&service, taskDefinition: previous, &context)
        }
    }

    /// A task that reached RUNNING ends its service's run of start failures.
    private mutating func noteStartSuccess(_ task: EcsTask) {
        guard let name = task.serviceName, let cluster = ecsClusters[task.clusterArn] else { return }
        let arn = EcsArn.service(cluster.clusterName, name, task.scope)
        guard var service = ecsServices[arn], service.startFailureStreak > 0 else { return }
        service.startFailureStreak = 0
        save(service)
    }

    func nextEcsDeadline() -> Date? {
        var next: Date?
        func consider(_ date: Date?) { if let date, next.map({ date < $0 }) ?? true { next = date } }
        for task in ecsTasks.children(of: EcsTask.timedKey) {
            consider(task.nextTransitionAt ?? task.stoppedAt?.addingTimeInterval(TaskTiming.stoppedRetention))
        }
        for service in ecsServices.children(of: EcsTask.timedKey) { consider(service.nextStartAttemptAt) }
        return next
    }
}
