import Foundation
import NetctlAPI

/// Health checks on the daemon clock (SEMANTICS-2 4.2). Each check asks the reachability engine
/// whether every node of the load balancer reaches the target on the health-check port, so a
/// security group, network ACL or route that blocks the check makes the target unhealthy and the
/// description names what blocked it. Checks run every interval; a change to groups, ACLs or routes
/// shows at the next check, as it does on AWS.
extension State {
    mutating func runHealthChecks(_ context: inout CommandContext) {
        let now = context.now
        for stored in healthCheckProgress.children(of: LoadBalancingTiming.timedKey) {
            guard let due = stored.nextDeadline, due <= now else { continue }
            guard let group = targetGroups[stored.targetGroupArn] else {
                delete(stored)
                continue
            }
            var updated = group
            var progress = stored
            while let at = progress.nextDeadline, at <= now {
                if let check = progress.nextCheckAt, check <= at {
                    let interval = TimeInterval(updated.healthCheck.intervalSeconds)
                    // Results cannot change while nothing else does: a long jump of the clock runs
                    // enough checks to cross any threshold, not one per interval.
                    let behind = Int(now.timeIntervalSince(check) / interval)
                    let skipped = max(0, behind - 2 * HealthCheckLimits.maxThreshold)
                    let checkAt = check.addingTimeInterval(TimeInterval(skipped) * interval)
                    updated.targets = updated.targets.map { healthCheck($0, of: updated, counting: &progress) }
                    progress.nextCheckAt = checkAt.addingTimeInterval(interval)
                } else {
                    let leaving = Set(
                        progress.targets.filter { ($0.drainingUntil ?? .distantFuture) <= at }.map { "\($0.id):\($0.port)" })
                    updated.targets.removeAll { leaving.contains("\($0.id):\($0.port)") }
                    progress.targets.removeAll { leaving.contains("\($0.id):\($0.port)") }
                }
                progress.keep(only: updated)
            }
            if updated.targets.map(\.report) != group.targets.map(\.report) {
                record(.update, updated, at: now)
            }
            save(progress, for: updated)
        }
    }

    /// One health check of one target, its run of results counted in `progress`.
    func healthCheck(_ target: TargetHealth, of group: TargetGroup, counting progress: inout HealthCheckProgress)
        -> TargetHealth
    {
        var target = target
        guard target.state != TargetHealth.draining else { return target }
        var count = progress[target.id, target.port]
        defer { progress[target.id, target.port] = count }
        switch checkResult(target, of: group) {
        case .unused(let reason, let description):
            target.state = TargetHealth.unused
            target.reason = reason
            target.description = description
            count.consecutive = 0
        case .waiting:
            break
        case .pass:
            if target.state == TargetHealth.unused { target.state = TargetHealth.initial }
            count.consecutive = max(count.consecutive, 0) + 1
            // One passing check ends `initial` (ALB UG); leaving `unhealthy` takes the healthy threshold.
            if target.state == TargetHealth.initial || count.consecutive >= group.healthCheck.healthyThresholdCount {
                target.state = TargetHealth.healthy
                target.reason = nil
                target.description = nil
            }
        case .fail(let reason, let description):
            if target.state == TargetHealth.unused { target.state = TargetHealth.initial }
            count.consecutive = min(count.consecutive, 0) - 1
            if target.state == TargetHealth.unhealthy
                || -count.consecutive >= group.healthCheck.unhealthyThresholdCount
            {
                target.state = TargetHealth.unhealthy
                target.reason = reason
                target.description = description
            } else if target.state == TargetHealth.initial {
                target.reason = "Elb.InitialHealthChecking"
                target.description = "Initial health checks in progress"
            }
        }
        return target
    }

    enum HealthCheckResult {
        case pass
        case fail(reason: String, description: String)
        case unused(reason: String, description: String)
        /// The load balancer is still provisioning: no check runs.
        case waiting
    }

    func checkResult(_ target: TargetHealth, of group: TargetGroup) -> HealthCheckResult {
        let balancers = group.loadBalancerArns.compactMap { loadBalancers[$0] }
        guard !balancers.isEmpty else {
            return .unused(
                reason: "Target.NotInUse",
                description: "Target group is not configured to receive traffic from the load balancer")
        }
        if group.targetType == "instance" {
            guard let instance = instances[target.id], instance.state == .running else {
                let state = instances[target.id]?.state.rawValue ?? "terminated"
                return .unused(reason: "Target.InvalidState", description: "Target is in the \(state) state")
            }
        }
        if let zone = target.availabilityZone, !balancers.contains(where: { $0.zoneNames.contains(zone) }) {
            return .unused(
                reason: "Target.NotInUse",
                description: "Target is in an Availability Zone (\(zone)) that is not enabled for the load balancer")
        }
        guard balancers.contains(where: { $0.state == LoadBalancer.active }) else { return .waiting }
        let port = group.healthCheck.port == HealthCheck.trafficPort ? target.port : Int(group.healthCheck.port) ?? target.port
        let destination = healthCheckDestination(target, of: group)
        for balancer in balancers where balancer.state == LoadBalancer.active {
            for zone in balancer.availabilityZones {
                let request = ReachAnalyze(
                    source: zone.networkInterfaceId, destination: destination, port: port,
                    protocol: group.protocol == "UDP" ? "udp" : "tcp")
                let query = QueryContext(scope: group.scope, now: .distantPast, quotas: Quotas())
                guard let analysis = try? walkReach(request, query).analysis else {
                    return .fail(
                        reason: "Target.Timeout",
                        description: "Request timed out: \(target.id) cannot be analysed from \(zone.networkInterfaceId)")
                }
                if !analysis.reachable {
                    let why = analysis.explanations.map { "\($0.code): \($0.message)" }.joined(separator: " ")
                    return .fail(
                        reason: "Target.Timeout",
                        description: "Request timed out: the health check from \(zone.networkInterfaceId) "
                            + "(\(zone.privateIpAddress), \(zone.zoneName)) to \(target.id):\(port) is blocked. \(why)")
                }
            }
        }
        if target.failureInjected {
            return .fail(
                reason: "Target.ResponseCodeMismatch",
                description: "Health checks failed with these codes: [500] (failure injected with elb.targets.setFailure)")
        }
        return .pass
    }

    /// An instance by ID; an address by the interface that holds it, so the interface's groups count.
    private func healthCheckDestination(_ target: TargetHealth, of group: TargetGroup) -> String {
        guard group.targetType == "ip", let address = IPv4Address(target.id),
            let subnet = subnet(ofVpc: group.vpcId, holding: address)
        else { return target.id }
        return networkInterfaces.children(of: subnet.subnetId).first { $0.privateIpAddress == target.id }?
            .networkInterfaceId ?? target.id
    }
}

enum HealthCheckLimits {
    static let maxThreshold = 10
}

extension State {
    /// The kinds of change after which the load balancers' nodes check their targets again at once,
    /// rather than at the next interval: what the reachability of a health check depends on.
    public static let healthCheckInputs: Set<ResourceKind> = [.securityGroup, .networkAcl, .routeTable]

    /// Runs one health check now of every target group with targets in `scopes`; the next one
    /// follows an interval later. Thresholds still count checks, so one changed rule alone turns no
    /// target unhealthy.
    public mutating func recheckTargetHealth(in scopes: Set<Scope>, _ context: inout CommandContext) {
        let now = context.now
        for stored in healthCheckProgress.children(of: LoadBalancingTiming.timedKey) where scopes.contains(stored.scope) {
            guard let group = targetGroups[stored.targetGroupArn], !group.targets.isEmpty else { continue }
            var updated = group
            var progress = stored
            updated.targets = group.targets.map { healthCheck($0, of: group, counting: &progress) }
            progress.nextCheckAt = now.addingTimeInterval(TimeInterval(group.healthCheck.intervalSeconds))
            if updated.targets.map(\.report) != group.targets.map(\.report) {
                record(.update, updated, at: now)
            }
            save(progress, for: updated)
        }
    }
}
