import Foundation
import NetctlAPI

/// Target groups (SEMANTICS-2 4.2).
extension State {
    public mutating func createTargetGroup(_ request: ElbTargetGroupCreate, _ context: inout CommandContext)
        throws(NetctlError) -> TargetGroup
    {
        let scope = context.scope
        try LoadBalancingNames.validate(request.name, noun: "target group", loadBalancer: false)
        let proto = request.protocol.uppercased()
        guard TargetGroupRules.protocols.contains(proto) else {
            throw NetctlError(
                .validationError,
                "Target group protocol '\(request.protocol)' is not supported: use HTTP or HTTPS (application load "
                    + "balancers), TCP, TLS, UDP or TCP_UDP (network load balancers).")
        }
        try TargetGroupRules.port(request.port, "port")
        let targetType = request.targetType ?? "instance"
        guard ["instance", "ip"].contains(targetType) else {
            throw NetctlError(
                .validationError, "Target type '\(targetType)' is not supported by netctld: use instance or ip.")
        }
        let vpc = try self.vpc(request.vpc, in: scope)
        let healthCheck = try TargetGroupRules.healthCheck(request.healthCheck, targetProtocol: proto)
        let delay = request.deregistrationDelaySeconds ?? 300
        guard (0...3600).contains(delay) else {
            throw NetctlError(
                .validationError, "deregistrationDelaySeconds \(delay) is outside 0 to 3600 seconds.")
        }
        if let existing = targetGroups.named(request.name, in: scope).first {
            let same =
                existing.protocol == proto && existing.port == request.port && existing.vpcId == vpc.vpcId
                && existing.targetType == targetType && (request.healthCheck == nil || existing.healthCheck == healthCheck)
                && (request.deregistrationDelaySeconds == nil || existing.deregistrationDelaySeconds == delay)
            guard same else {
                throw NetctlError(
                    .duplicateTargetGroupName,
                    "A target group named '\(request.name)' already exists (\(existing.targetGroupArn)) with other "
                        + "settings. Choose another name, or delete it first.")
            }
            return existing
        }
        let count = targetGroups.countInScope(scope)
        guard count < context.quotas[.targetGroupsPerRegion] else {
            throw context.quotas.exceeded(
                .targetGroupsPerRegion, code: .tooManyTargetGroups, "\(scope) already has \(count) target groups")
        }
        let group = TargetGroup(
            targetGroupArn: LoadBalancingNames.targetGroupArn(scope, name: request.name, hex: Self.elbHex(&context)),
            targetGroupName: request.name, accountId: scope.accountId, region: scope.region, protocol: proto,
            port: request.port, vpcId: vpc.vpcId, targetType: targetType, healthCheck: healthCheck,
            deregistrationDelaySeconds: delay, createdAt: context.now)
        record(.create, group, at: context.now)
        return group
    }

    public func listTargetGroups(_ request: ElbTargetGroupList, _ context: QueryContext) throws(NetctlError)
        -> ElbTargetGroupListResponse
    {
        var matching: [TargetGroup]
        if let reference = request.loadBalancer {
            matching = targetGroups.children(of: try loadBalancer(reference, in: context.scope).loadBalancerArn)
        } else {
            matching = targetGroups.inScope(context.scope)
        }
        if let names = request.names {
            for name in names where !matching.contains(where: { $0.targetGroupName == name }) {
                throw NetctlError(.targetGroupNotFound, "One or more target groups not found: '\(name)'.")
            }
            matching = matching.filter { names.contains($0.targetGroupName) }
        }
        let page = try Pagination.page(
            matching, maxResults: request.maxResults, nextToken: request.nextToken, range: LoadBalancingLimits.pageRange)
        return ElbTargetGroupListResponse(targetGroups: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteTargetGroup(_ request: ElbTargetGroupDelete, _ context: inout CommandContext)
        throws(NetctlError) -> TargetGroup
    {
        let group = try targetGroup(request.targetGroup, in: context.scope)
        let users = listeners.children(of: group.targetGroupArn).map(\.listenerArn)
            + listenerRules.children(of: group.targetGroupArn).map(\.ruleArn)
        guard users.isEmpty else {
            throw NetctlError(
                .resourceInUse,
                "Target group \(group.targetGroupArn) is currently in use by a listener or a rule "
                    + "(\(users.joined(separator: ", "))). Delete those or point them elsewhere first.")
        }
        recordDeletion(group, at: context.now)
        if let progress = healthCheckProgress[group.targetGroupArn] { delete(progress) }
        return group
    }

    /// Sets each group's `loadBalancerArns` from the listeners and rules that forward to it now, and
    /// moves its targets in or out of `unused` when that changed.
    mutating func refreshTargetGroupLinks(_ groupArns: Set<String>, _ context: CommandContext) {
        for arn in groupArns.sorted() {
            guard var group = targetGroups[arn] else { continue }
            let viaListeners = listeners.children(of: arn).map(\.loadBalancerArn)
            let viaRules = listenerRules.children(of: arn).map(\.loadBalancerArn)
            let linked = Array(Set(viaListeners + viaRules)).sorted()
            guard linked != group.loadBalancerArns else { continue }
            group.loadBalancerArns = linked
            var progress = healthCheckProgress(of: group, context.now)
            group.targets = group.targets.map { target in
                reassessUse(of: target, in: group, counting: &progress)
            }
            record(.update, group, at: context.now)
            save(progress, for: group)
        }
    }
}

/// AWS's target group and health check rules.
enum TargetGroupRules {
    static let protocols: Set<String> = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP"]
    static let applicationProtocols: Set<String> = ["HTTP", "HTTPS"]

    static func port(_ port: Int, _ member: String) throws(NetctlError) {
        guard (1...65535).contains(port) else {
            throw NetctlError(.validationError, "\(member) \(port) is outside 1 to 65535.")
        }
    }

    /// The health check with AWS's defaults: HTTP for HTTP(S) groups, TCP for the others; port
    /// `traffic-port`; path `/`; interval 30 s (5–300); timeout 6 s for HTTP, 10 s for TCP and HTTPS
    /// (2–120, SEMANTICS-2 open point 6: the current model's defaults) and below the interval;
    /// thresholds 5 healthy and 2 unhealthy (2–10); matcher "200" for HTTP(S) groups, "200-399" for the
    /// others' HTTP checks.
    static func healthCheck(_ input: HealthCheckInput?, targetProtocol: String) throws(NetctlError) -> HealthCheck {
        let input = input ?? HealthCheckInput()
        let application = applicationProtocols.contains(targetProtocol)
        let proto = input.protocol?.uppercased() ?? (application ? "HTTP" : "TCP")
        guard ["HTTP", "HTTPS", "TCP"].contains(proto) else {
            throw NetctlError(.validationError, "Health check protocol '\(proto)' is not valid: use HTTP, HTTPS or TCP.")
        }
        if application, proto == "TCP" {
            throw NetctlError(
                .invalidConfigurationRequest,
                "Health check protocol TCP is not supported for target groups with protocol \(targetProtocol): use HTTP "
                    + "or HTTPS.")
        }
        let port = input.port ?? HealthCheck.trafficPort
        if port != HealthCheck.trafficPort {
            guard let number = Int(port) else {
                throw NetctlError(.validationError, "Health check port '\(port)' is not 'traffic-port' or a number.")
            }
            try Self.port(number, "Health check port")
        }
        let http = proto != "TCP"
        if !http, input.path != nil || input.matcher != nil {
            throw NetctlError(
                .invalidConfigurationRequest, "A TCP health check takes no path or matcher: they are for HTTP checks.")
        }
        let path = http ? (input.path ?? "/") : nil
        if let path, !path.hasPrefix("/") || path.count > 1024 {
            throw NetctlError(.validationError, "Health check path '\(path)' must start with / and be at most 1024 characters.")
        }
        let interval = try range(input.intervalSeconds ?? 30, 5...300, "intervalSeconds")
        let timeout = try range(input.timeoutSeconds ?? (proto == "HTTP" ? 6 : 10), 2...120, "timeoutSeconds")
        guard timeout < interval else {
            throw NetctlError(
                .invalidConfigurationRequest,
                "Health check timeout \(timeout) s must be smaller than the interval \(interval) s.")
        }
        let healthy = try range(input.healthyThresholdCount ?? 5, 2...10, "healthyThresholdCount")
        let unhealthy = try range(input.unhealthyThresholdCount ?? 2, 2...10, "unhealthyThresholdCount")
        var matcher: String?
        if http {
            matcher = input.matcher ?? (application ? "200" : "200-399")
            try validateMatcher(matcher ?? "", application: application)
        }
        return HealthCheck(
            protocol: proto, port: port, path: path, intervalSeconds: interval, timeoutSeconds: timeout,
            healthyThresholdCount: healthy, unhealthyThresholdCount: unhealthy, matcher: matcher)
    }

    private static func range(_ value: Int, _ allowed: ClosedRange<Int>, _ member: String) throws(NetctlError) -> Int {
        guard allowed.contains(value) else {
            throw NetctlError(
                .validationError,
                "Health check \(member) \(value) is outside \(allowed.lowerBound) to \(allowed.upperBound).")
        }
        return value
    }

    /// "200", "200,202" or "200-299", each code within 200–499 (ALB) or 200–599 (NLB).
    static func validateMatcher(_ matcher: String, application: Bool) throws(NetctlError) {
        let allowed = application ? 200...499 : 200...599
        let parts = matcher.split(separator: ",", omittingEmptySubsequences: false)
        for part in parts {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            let valid: Bool
            switch bounds.count {
            case 1: valid = bounds[0].map { allowed.contains($0) } ?? false
            case 2:
                if let low = bounds[0], let high = bounds[1] {
                    valid = allowed.contains(low) && allowed.contains(high) && low <= high
                } else {
                    valid = false
                }
            default: valid = false
            }
            guard valid else {
                throw NetctlError(
                    .validationError,
                    "Health check matcher '\(matcher)' is not valid: write codes from \(allowed.lowerBound) to "
                        + "\(allowed.upperBound) as \"200\", \"200,202\" or \"200-299\".")
            }
        }
    }

    /// RFC 1918 and 100.64.0.0/10: the only addresses an `ip` target may have.
    static func isPrivate(_ address: IPv4Address) -> Bool {
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].contains {
            IPv4CIDR($0)?.contains(address) ?? false
        }
    }
}
