import Foundation
import NetctlAPI

/// Registering and deregistering targets (SEMANTICS-2 4.2).
extension State {
    public mutating func registerTargets(_ request: ElbTargetsRegister, _ context: inout CommandContext)
        throws(NetctlError) -> ElbTargetsHealthResponse
    {
        var group = try targetGroup(request.targetGroup, in: context.scope)
        var progress = healthCheckProgress(of: group, context.now)
        guard !request.targets.isEmpty else {
            throw NetctlError(.validationError, "Name at least one target to register.")
        }
        for input in request.targets {
            let port = input.port ?? group.port
            try TargetGroupRules.port(port, "Target port")
            let zone = try targetZone(input.id, of: group, context.scope)
            if let index = group.targets.firstIndex(where: { $0.id == input.id && $0.port == port }) {
                // Registering a draining target again takes it back; a registered one stays as it is.
                guard group.targets[index].state == TargetHealth.draining else { continue }
                group.targets.remove(at: index)
                progress[input.id, port] = TargetCheckCount(id: input.id, port: port)
            }
            guard group.targets.count < context.quotas[.targetsPerTargetGroup] else {
                throw context.quotas.exceeded(
                    .targetsPerTargetGroup, code: .tooManyTargets,
                    "\(group.targetGroupArn) already has \(group.targets.count) targets")
            }
            let target = TargetHealth(
                id: input.id, port: port, availabilityZone: zone, state: TargetHealth.initial,
                reason: "Elb.RegistrationInProgress", description: "Target registration is in progress",
                registeredAt: context.now)
            group.targets.append(reassessUse(of: target, in: group, counting: &progress))
        }
        if progress.nextCheckAt == nil {
            progress.nextCheckAt = context.now.addingTimeInterval(TimeInterval(group.healthCheck.intervalSeconds))
        }
        record(.register, group, at: context.now)
        save(progress, for: group)
        return ElbTargetsHealthResponse(targets: group.targets.map(\.report))
    }

    /// The zone of a target the group may take: a running instance of its VPC, or a private address
    /// inside one of the VPC's subnets.
    private func targetZone(_ id: String, of group: TargetGroup, _ scope: Scope) throws(NetctlError) -> String {
        if group.targetType == "instance" {
            guard id.hasPrefix("i-"), let instance = instances[id], instance.scope == scope else {
                throw NetctlError(
                    .invalidTarget, "The following targets are not valid instances of \(scope): '\(id)'.")
            }
            guard instance.vpcId == group.vpcId else {
                throw NetctlError(
                    .invalidTarget,
                    "The following targets are not in the target group's VPC '\(group.vpcId)': '\(id)' (in "
                        + "\(instance.vpcId)).")
            }
            guard instance.state == .running else {
                throw NetctlError(
                    .invalidTarget,
                    "The following targets are not in a running state and cannot be registered: '\(id)' (it is "
                        + "\(instance.state.rawValue)).")
            }
            return instance.availabilityZone
        }
        guard let address = IPv4Address(id) else {
            throw NetctlError(.invalidTarget, "'\(id)' is not an IPv4 address; this target group takes ip targets.")
        }
        guard TargetGroupRules.isPrivate(address) else {
            throw NetctlError(
                .invalidTarget,
                "The IP address '\(id)' is not a valid target: ip targets must be private (10.0.0.0/8, 172.16.0.0/12, "
                    + "192.168.0.0/16 or 100.64.0.0/10).")
        }
        guard let subnet = subnet(ofVpc: group.vpcId, holding: address) else {
            throw NetctlError(
                .invalidTarget,
                "The IP address '\(id)' is not inside a subnet of the target group's VPC '\(group.vpcId)'.")
        }
        return subnet.availabilityZone
    }

    public mutating func deregisterTargets(_ request: ElbTargetsDeregister, _ context: inout CommandContext)
        throws(NetctlError) -> ElbTargetsHealthResponse
    {
        var group = try targetGroup(request.targetGroup, in: context.scope)
        var progress = healthCheckProgress(of: group, context.now)
        var changed = false
        for input in request.targets {
            let port = input.port ?? group.port
            guard let index = group.targets.firstIndex(where: { $0.id == input.id && $0.port == port }),
                group.targets[index].state != TargetHealth.draining
            else { continue }
            changed = true
            // Without a load balancer there is no traffic to drain.
            if group.deregistrationDelaySeconds == 0 || group.loadBalancerArns.isEmpty {
                group.targets.remove(at: index)
                continue
            }
            group.targets[index].state = TargetHealth.draining
            group.targets[index].reason = "Target.DeregistrationInProgress"
            group.targets[index].description = "Target deregistration is in progress"
            progress[input.id, port].drainingUntil = context.now.addingTimeInterval(
                TimeInterval(group.deregistrationDelaySeconds))
        }
        guard changed else { return ElbTargetsHealthResponse(targets: group.targets.map(\.report)) }
        record(.deregister, group, at: context.now)
        save(progress, for: group)
        return ElbTargetsHealthResponse(targets: group.targets.map(\.report))
    }

    public func targetsHealth(_ request: ElbTargetsHealth, _ context: QueryContext) throws(NetctlError)
        -> ElbTargetsHealthResponse
    {
        let group = try targetGroup(request.targetGroup, in: context.scope)
        guard let wanted = request.targets else { return ElbTargetsHealthResponse(targets: group.targets.map(\.report)) }
        return ElbTargetsHealthResponse(
            targets: wanted.map { input in
                let port = input.port ?? group.port
                return group.targets.first { $0.id == input.id && $0.port == port }?.report
                    ?? TargetHealthReport(
                        id: input.id, port: port, availabilityZone: nil, state: TargetHealth.unused,
                        reason: "Target.NotRegistered", description: "Target is not registered to the target group")
            })
    }

    public mutating func setTargetFailure(_ request: ElbTargetsSetFailure, _ context: inout CommandContext)
        throws(NetctlError) -> ElbTargetsHealthResponse
    {
        var group = try targetGroup(request.targetGroup, in: context.scope)
        let port = request.target.port ?? group.port
        guard let index = group.targets.firstIndex(where: { $0.id == request.target.id && $0.port == port }) else {
            throw NetctlError(
                .invalidTarget,
                "Target \(request.target.id):\(port) is not registered with \(group.targetGroupArn). Register it first.")
        }
        if group.targets[index].failureInjected != request.failing {
            group.targets[index].failureInjected = request.failing
            record(.update, group, at: context.now)
        }
        return ElbTargetsHealthResponse(targets: group.targets.map(\.report))
    }

    /// `unused` (`Target.NotInUse`) while no load balancer uses the group; back to `initial` when one
    /// does. Zone and instance state are the health checks' business.
    func reassessUse(of target: TargetHealth, in group: TargetGroup, counting progress: inout HealthCheckProgress)
        -> TargetHealth
    {
        var target = target
        guard target.state != TargetHealth.draining else { return target }
        if group.loadBalancerArns.isEmpty {
            target.state = TargetHealth.unused
            target.reason = "Target.NotInUse"
            target.description = "Target group is not configured to receive traffic from the load balancer"
            progress[target.id, target.port].consecutive = 0
        } else if target.state == TargetHealth.unused, target.reason == "Target.NotInUse" {
            target.state = TargetHealth.initial
            target.reason = "Elb.InitialHealthChecking"
            target.description = "Initial health checks in progress"
            progress[target.id, target.port].consecutive = 0
        }
        return target
    }
}

extension TargetHealth {
    public var report: TargetHealthReport {
        TargetHealthReport(
            id: id, port: port, availabilityZone: availabilityZone, state: state, reason: reason, description: description)
    }
}
