import Foundation
import NetctlAPI

/// netctl's load balancing models in ELBv2's wire shapes, and the wire's actions and conditions in
/// netctl's requests.
enum ELBv2Conversions {
    static func loadBalancer(_ balancer: LoadBalancer) -> ELBv2.LoadBalancer {
        ELBv2.LoadBalancer(
            loadBalancerArn: balancer.loadBalancerArn, dnsName: balancer.dnsName,
            canonicalHostedZoneId: balancer.canonicalHostedZoneId, createdTime: balancer.createdAt,
            loadBalancerName: balancer.loadBalancerName, scheme: balancer.scheme, vpcId: balancer.vpcId,
            state: ELBv2.LoadBalancerState(code: balancer.state), type: balancer.type,
            availabilityZones: balancer.availabilityZones.map { zone in
                ELBv2.AvailabilityZone(zoneName: zone.zoneName, subnetId: zone.subnetId)
            },
            securityGroups: balancer.type == LoadBalancer.application || !balancer.securityGroups.isEmpty
                ? balancer.securityGroups : nil,
            ipAddressType: balancer.ipAddressType)
    }

    static func targetGroup(_ group: TargetGroup) -> ELBv2.TargetGroup {
        let check = group.healthCheck
        return ELBv2.TargetGroup(
            targetGroupArn: group.targetGroupArn, targetGroupName: group.targetGroupName, protocol: group.protocol,
            port: group.port, vpcId: group.vpcId, healthCheckProtocol: check.protocol, healthCheckPort: check.port,
            healthCheckEnabled: true, healthCheckIntervalSeconds: check.intervalSeconds,
            healthCheckTimeoutSeconds: check.timeoutSeconds, healthyThresholdCount: check.healthyThresholdCount,
            unhealthyThresholdCount: check.unhealthyThresholdCount, healthCheckPath: check.path,
            matcher: check.matcher.map { ELBv2.Matcher(httpCode: $0) }, loadBalancerArns: group.loadBalancerArns,
            targetType: group.targetType,
            protocolVersion: TargetGroupProtocols.application.contains(group.protocol) ? "HTTP1" : nil,
            ipAddressType: "ipv4")
    }

    static func action(_ action: LoadBalancerAction) -> ELBv2.Action {
        var wire = ELBv2.Action(type: action.type, order: 1)
        switch action.type {
        case LoadBalancerAction.forward:
            wire.targetGroupArn = action.targetGroupArn
            wire.forwardConfig = ELBv2.ForwardActionConfig(
                targetGroups: [ELBv2.TargetGroupTuple(targetGroupArn: action.targetGroupArn, weight: 1)],
                targetGroupStickinessConfig: ELBv2.TargetGroupStickinessConfig(enabled: false))
        case LoadBalancerAction.fixedResponse:
            wire.fixedResponseConfig = ELBv2.FixedResponseActionConfig(
                messageBody: action.messageBody, statusCode: action.statusCode, contentType: action.contentType)
        default:
            wire.redirectConfig = ELBv2.RedirectActionConfig(
                protocol: action.protocol, port: action.port, host: action.host, path: action.path, query: action.query,
                statusCode: action.statusCode)
        }
        return wire
    }

    static func listener(_ listener: Listener) -> ELBv2.Listener {
        ELBv2.Listener(
            listenerArn: listener.listenerArn, loadBalancerArn: listener.loadBalancerArn, port: listener.port,
            protocol: listener.protocol, defaultActions: [action(listener.defaultAction)])
    }

    static func rule(_ rule: ListenerRule) -> ELBv2.Rule {
        ELBv2.Rule(
            ruleArn: rule.ruleArn, priority: String(rule.priority),
            conditions: rule.conditions.map { condition in
                var wire = ELBv2.RuleCondition(field: condition.field, values: condition.values)
                if condition.field == RuleCondition.pathPattern {
                    wire.pathPatternConfig = ELBv2.PathPatternConditionConfig(values: condition.values)
                } else {
                    wire.hostHeaderConfig = ELBv2.HostHeaderConditionConfig(values: condition.values)
                }
                return wire
            }, actions: [action(rule.action)], isDefault: false)
    }

    static func health(_ report: TargetHealthReport, group: TargetGroup) -> ELBv2.TargetHealthDescription {
        ELBv2.TargetHealthDescription(
            target: ELBv2.TargetDescription(id: report.id, port: report.port, availabilityZone: report.availabilityZone),
            healthCheckPort: group.healthCheck.port == HealthCheck.trafficPort
                ? String(report.port) : group.healthCheck.port,
            targetHealth: ELBv2.TargetHealth(state: report.state, reason: report.reason, description: report.description))
    }

    /// One action of the list AWS takes: netctld serves one forward, fixed-response or redirect per
    /// listener or rule, forwarding to one target group.
    static func actionInput(_ actions: [ELBv2.Action], member: String) throws(AWSError) -> LoadBalancerActionInput {
        guard actions.count == 1, let action = actions.first else {
            throw AWSError(
                code: "ValidationError",
                message: "netctld takes exactly one action in \(member) (forward, fixed-response or redirect); "
                    + "\(actions.count) given.")
        }
        guard let type = action.type else {
            throw AWSError(code: "ValidationError", message: "\(member).member.1.Type is required.")
        }
        if action.authenticateOidcConfig != nil || action.authenticateCognitoConfig != nil
            || action.jwtValidationConfig != nil
        {
            throw AWSError.unsupportedParameter("authentication configs", of: member, code: "ValidationError")
        }
        var input = LoadBalancerActionInput(type: type)
        switch type {
        case LoadBalancerAction.forward:
            let tuples = action.forwardConfig?.targetGroups ?? []
            guard tuples.count <= 1 else {
                throw AWSError(
                    code: "ValidationError",
                    message: "netctld forwards to one target group per action; weighted ForwardConfig with "
                        + "\(tuples.count) target groups is not supported.")
            }
            input.targetGroup = action.targetGroupArn ?? tuples.first?.targetGroupArn
        case LoadBalancerAction.fixedResponse:
            input.statusCode = action.fixedResponseConfig?.statusCode
            input.contentType = action.fixedResponseConfig?.contentType
            input.messageBody = action.fixedResponseConfig?.messageBody
        case LoadBalancerAction.redirect:
            let redirect = action.redirectConfig
            input.statusCode = redirect?.statusCode
            input.protocol = redirect?.protocol
            input.host = redirect?.host
            input.port = redirect?.port
            input.path = redirect?.path
            input.query = redirect?.query
        default:
            break
        }
        return input
    }

    /// `Field` with `Values`, or the field's own config (`PathPatternConfig`, `HostHeaderConfig`).
    static func conditions(_ wire: [ELBv2.RuleCondition]) throws(AWSError) -> [RuleCondition] {
        var conditions: [RuleCondition] = []
        for condition in wire {
            guard let field = condition.field else {
                throw AWSError(code: "ValidationError", message: "Each condition needs its Field.")
            }
            let values =
                condition.values
                ?? (field == RuleCondition.pathPattern
                    ? condition.pathPatternConfig?.values : condition.hostHeaderConfig?.values) ?? []
            conditions.append(RuleCondition(field: field, values: values))
        }
        return conditions
    }
}

/// The protocols of application load balancers' target groups.
enum TargetGroupProtocols {
    static let application: Set<String> = ["HTTP", "HTTPS"]
}
