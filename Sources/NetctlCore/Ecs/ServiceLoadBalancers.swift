import Foundation
import NetctlAPI

/// ECS services behind ELBv2 target groups (SEMANTICS-2 4.4): validation of `loadBalancers` and
/// `healthCheckGracePeriodSeconds`, a task's registration when it reaches RUNNING and its
/// deregistration (draining) when it starts stopping, and the replacement of tasks that stay
/// unhealthy past the grace period. Registering and deregistering go through the target group's own
/// rules (`registerTargets`, `deregisterTargets`); health is read from `TargetHealth.state` only.
extension State {
    public static let maximumServiceLoadBalancers = 5
    public static let maximumHealthCheckGracePeriod = 2_147_483_647

    // MARK: Validation

    /// The service's target groups with their ARNs resolved, or nil when it has none.
    func serviceLoadBalancers(
        _ entries: [EcsLoadBalancer]?, definition: TaskDefinition, subnets: [String], _ scope: Scope
    ) throws(NetctlError) -> [EcsLoadBalancer]? {
        guard let entries, !entries.isEmpty else { return nil }
        guard entries.count <= Self.maximumServiceLoadBalancers else {
            throw NetctlError(
                .invalidParameterException,
                "A service can have at most \(Self.maximumServiceLoadBalancers) target groups in loadBalancers; got "
                    + "\(entries.count).")
        }
        guard definition.networkMode == "awsvpc" else {
            throw NetctlError(
                .invalidParameterException,
                "Task definition \(definition.family):\(definition.revision) uses networkMode "
                    + "\(definition.networkMode): netctl registers only awsvpc tasks (their ENI address) in target "
                    + "groups.")
        }
        let vpcId = subnets.first.flatMap { self.subnets[$0]?.vpcId }
        var resolved: [EcsLoadBalancer] = []
        for entry in entries {
            let group: TargetGroup
            do {
                group = try targetGroup(entry.targetGroupArn, in: scope)
            } catch {
                throw NetctlError(
                    .invalidParameterException,
                    "Unable to validate the specified targetGroupArn: '\(entry.targetGroupArn)' is not a target "
                        + "group of \(scope).")
            }
            guard group.targetType == "ip" else {
                throw NetctlError(
                    .invalidParameterException,
                    "The provided target group \(group.targetGroupArn) has target type \(group.targetType), which is "
                        + "incompatible with the awsvpc network mode specified in the task definition.")
            }
            if let vpcId, vpcId != group.vpcId {
                throw NetctlError(
                    .invalidParameterException,
                    "The target group \(group.targetGroupArn) is in \(group.vpcId) but the service's subnets are in "
                        + "\(vpcId): tasks register only in target groups of their own VPC.")
            }
            guard !group.loadBalancerArns.isEmpty else {
                throw NetctlError(
                    .invalidParameterException,
                    "The target group with targetGroupArn \(group.targetGroupArn) does not have an associated load "
                        + "balancer.")
            }
            guard let container = definition.containerDefinitions.first(where: { $0.name == entry.containerName })
            else {
                throw NetctlError(
                    .invalidParameterException,
                    "The container \(entry.containerName) does not exist in the task definition.")
            }
            guard (container.portMappings ?? []).contains(where: { $0.containerPort == entry.containerPort }) else {
                throw NetctlError(
                    .invalidParameterException,
                    "The container \(entry.containerName) did not have a container port \(entry.containerPort) "
                        + "defined.")
            }
            let item = EcsLoadBalancer(
                targetGroupArn: group.targetGroupArn, containerName: entry.containerName,
                containerPort: entry.containerPort)
            guard !resolved.contains(where: { $0.targetGroupArn == item.targetGroupArn }) else {
                throw NetctlError(
                    .invalidParameterException,
                    "Target group \(item.targetGroupArn) appears more than once in loadBalancers.")
            }
            resolved.append(item)
        }
        return resolved
    }

    /// 0 by default for a load-balanced service; refused without load balancers.
    static func healthCheckGracePeriod(_ seconds: Int?, loadBalanced: Bool) throws(NetctlError) -> Int? {
        guard loadBalanced else {
            guard seconds == nil else {
                throw NetctlError(
                    .invalidParameterException,
                    "Health check grace period is only valid for services configured to use load balancers")
            }
            return nil
        }
        let seconds = seconds ?? 0
        guard (0...maximumHealthCheckGracePeriod).contains(seconds) else {
            throw NetctlError(
                .invalidParameterException,
                "healthCheckGracePeriodSeconds must be 0 to \(maximumHealthCheckGracePeriod); got \(seconds).")
        }
        return seconds
    }

    // MARK: Targets of a task

    /// The task's targets: every registration of its address in a target group of its VPC.
    func taskTargets(_ task: EcsTask) -> [(group: TargetGroup, target: TargetHealth)] {
        guard let address = task.privateIpAddress, let subnetId = task.subnetId,
            let vpcId = subnets[subnetId]?.vpcId
        else { return [] }
        var found: [(TargetGroup, TargetHealth)] = []
        for group in targetGroups.children(of: vpcId) where group.scope == task.scope {
            for target in group.targets where target.id == address { found.append((group, target)) }
        }
        return found
    }

    /// A load-balanced service's task counts as healthy once it is RUNNING and healthy in every one
    /// of its target groups.
    func isHealthyBehindLoadBalancers(_ task: EcsTask, _ service: EcsService) -> Bool {
        guard task.lastStatus == TaskStatus.running, task.desiredStatus == TaskStatus.running else { return false }
        let targets = taskTargets(task)
        let groups = Set((service.loadBalancers ?? []).map(\.targetGroupArn))
        let healthyGroups = Set(
            targets.filter { $0.target.state == TargetHealth.healthy }.map(\.group.targetGroupArn))
        return !groups.isEmpty && groups.isSubset(of: healthyGroups)
    }

    /// The tasks that count toward minimumHealthyPercent, or nil when the service has no load balancers
    /// (then RUNNING is enough).
    func healthyServiceTasks(_ service: EcsService, _ tasks: [EcsTask]) -> Set<String>? {
        guard service.loadBalancers?.isEmpty == false else { return nil }
        return Set(tasks.filter { isHealthyBehindLoadBalancers($0, service) }.map(\.taskArn))
    }

    private func service(of task: EcsTask) -> EcsService? {
        guard let name = task.serviceName, let cluster = ecsClusters[task.clusterArn] else { return nil }
        return ecsServices[EcsArn.service(cluster.clusterName, name, task.scope)]
    }

    /// A task just RUNNING registers its address and container port in each of its service's target
    /// groups; the service notes it in its events.
    mutating func registerTaskTargets(_ task: EcsTask, _ context: inout CommandContext) {
        guard var service = service(of: task), let loadBalancers = service.loadBalancers, !loadBalancers.isEmpty,
            let address = task.privateIpAddress
        else { return }
        let eventsBefore = service.events.count
        let savedScope = context.scope
        context.scope = task.scope
        defer { context.scope = savedScope }
        for entry in loadBalancers {
            let request = ElbTargetsRegister(
                targetGroup: entry.targetGroupArn, targets: [TargetInput(id: address, port: entry.containerPort)])
            // A group deleted since the service was created is skipped, as ECS logs and carries on.
            guard (try? registerTargets(request, &context)) != nil else { continue }
            Self.addEvent(
                &service,
                "(service \(service.serviceName)) registered 1 targets in (target-group "
                    + "\(entry.targetGroupArn))", &context)
        }
        guard service.events.count != eventsBefore else { return }
        record(.update, service, at: context.now)
        emitServiceEvents(service, since: eventsBefore, context)
    }

    /// A task that starts stopping leaves its target groups: each target drains for its group's
    /// deregistration delay. Answers the longest delay, which the task spends in DEACTIVATING.
    mutating func deregisterTaskTargets(_ task: EcsTask, _ context: inout CommandContext) -> TimeInterval {
        let targets = taskTargets(task).filter { $0.target.state != TargetHealth.draining }
        guard !targets.isEmpty else { return 0 }
        let savedScope = context.scope
        context.scope = task.scope
        defer { context.scope = savedScope }
        var owner = service(of: task)
        let eventsBefore = owner?.events.count ?? 0
        var longest: TimeInterval = 0
        for (group, target) in targets {
            let request = ElbTargetsDeregister(
                targetGroup: group.targetGroupArn, targets: [TargetInput(id: target.id, port: target.port)])
            guard let answer = try? deregisterTargets(request, &context) else { continue }
            if answer.targets.contains(where: { $0.id == target.id && $0.port == target.port }) {
                longest = max(longest, TimeInterval(group.deregistrationDelaySeconds))
            }
            if var service = owner {
                Self.addEvent(
                    &service,
                    "(service \(service.serviceName)) deregistered 1 targets in (target-group "
                        + "\(group.targetGroupArn))", &context)
                owner = service
            }
        }
        if let service = owner, service.events.count != eventsBefore {
            record(.update, service, at: context.now)
            emitServiceEvents(service, since: eventsBefore, context)
        }
        return longest
    }

    // MARK: The clock

    /// After the health checks: a RUNNING task of a load-balanced service that is `unhealthy` in one of
    /// its target groups once its grace period is over is stopped (and counted against its deployment
    /// by the circuit breaker); every load-balanced service is then reconciled, so a replacement
    /// starts and a deployment whose new tasks became healthy moves on.
    mutating func runEcsLoadBalancerDueWork(_ context: inout CommandContext) {
        let now = context.now
        let services = ecsServices.children(of: EcsService.loadBalancedKey).sorted { $0.serviceArn < $1.serviceArn }
        for service in services {
            let grace = TimeInterval(service.healthCheckGracePeriodSeconds ?? 0)
            let groups = Set((service.loadBalancers ?? []).map(\.targetGroupArn))
            let tasks = ecsTasks.children(of: EcsTask.serviceKey(service.clusterArn, service.serviceName))
                .filter { $0.lastStatus == TaskStatus.running && $0.desiredStatus == TaskStatus.running }
                .sorted { $0.createdAt < $1.createdAt }
            for task in tasks {
                guard let started = task.startedAt, started.addingTimeInterval(grace) <= now,
                    let failing = taskTargets(task).first(where: {
                        groups.contains($0.group.targetGroupArn) && $0.target.state == TargetHealth.unhealthy
                    })
                else { continue }
                stopUnhealthyTask(task, failing.group, failing.target, &context)
            }
            try? reconcileService(service.serviceArn, &context)
        }
    }

    private mutating func stopUnhealthyTask(
        _ task: EcsTask, _ group: TargetGroup, _ target: TargetHealth, _ context: inout CommandContext
    ) {
        let savedScope = context.scope
        context.scope = task.scope
        defer { context.scope = savedScope }
        if var service = service(of: task) {
            let eventsBefore = service.events.count
            Self.addEvent(
                &service,
                "(service \(service.serviceName)) (task \(task.taskId)) (port \(target.port)) is unhealthy in "
                    + "(target-group \(group.targetGroupArn)) due to (reason \(target.reason ?? "Target.FailedHealthChecks")).",
                &context)
            record(.update, service, at: context.now)
            emitServiceEvents(service, since: eventsBefore, context)
        }
        try? stopTask(
            task, code: "ServiceSchedulerInitiated",
            reason: "Task failed ELB health checks in (target-group \(group.targetGroupArn))", &context)
        countFailedTask(task, at: context.now, &context)
    }
}
