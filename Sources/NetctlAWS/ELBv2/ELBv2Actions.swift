import Foundation
import NetctlAPI

/// The ELBv2 operations netctld serves, each through netctl's own elb.* request.
enum ELBv2Actions {
    static let all: [ELBv2Action] = loadBalancers + targetGroups + targets + listeners + rules
    static let byName: [String: ELBv2Action] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// netctl's generic codes under the names ELBv2 uses for them.
    static let translate: @Sendable (NetctlError) -> AWSError? = { error in
        switch error.code {
        case .invalidParameterValue, .missingParameter, .vpcNotFound, .invalidParameterCombination, .invalidNextToken:
            AWSError(code: "ValidationError", message: error.message)
        case .insufficientFreeAddresses:
            AWSError(code: "InvalidSubnet", message: error.message)
        default:
            nil
        }
    }

    static func page(_ size: Int?) throws(AWSError) -> Int? {
        guard let size else { return nil }
        guard (1...400).contains(size) else {
            throw AWSError(code: "ValidationError", message: "PageSize \(size) is outside 1 to 400.")
        }
        return size
    }
}

// MARK: Load balancers

extension ELBv2Actions {
    static let loadBalancers: [ELBv2Action] = [
        .make(
            "CreateLoadBalancer", mutating: true,
            supported: ["Name", "Subnets", "SecurityGroups", "Scheme", "Type", "IpAddressType"]
        ) { (input: ELBv2.CreateLoadBalancerInput, context) throws(AWSError) in
            if let type = input.ipAddressType, type != "ipv4" {
                throw AWSError(code: "ValidationError", message: "netctld serves IpAddressType ipv4 only.")
            }
            let created = try await context.run(
                ElbLoadBalancerCreate(
                    name: input.name, type: input.type, scheme: input.scheme, subnets: input.subnets ?? [],
                    securityGroups: input.securityGroups))
            return ELBv2.CreateLoadBalancerOutput(loadBalancers: [ELBv2Conversions.loadBalancer(created)])
        },
        .make(
            "DescribeLoadBalancers", mutating: false, supported: ["LoadBalancerArns", "Names", "Marker", "PageSize"]
        ) { (input: ELBv2.DescribeLoadBalancersInput, context) throws(AWSError) in
            if let arns = input.loadBalancerArns, !arns.isEmpty {
                let found = try await context.each(arns) { ElbLoadBalancerGet(loadBalancer: $0) }
                return ELBv2.DescribeLoadBalancersOutput(loadBalancers: found.map(ELBv2Conversions.loadBalancer))
            }
            let page = try await context.run(
                ElbLoadBalancerList(names: input.names, maxResults: try page(input.pageSize), nextToken: input.marker))
            return ELBv2.DescribeLoadBalancersOutput(
                loadBalancers: page.loadBalancers.map(ELBv2Conversions.loadBalancer), nextMarker: page.nextToken)
        },
        .make("DeleteLoadBalancer", mutating: true, supported: ["LoadBalancerArn"]) {
            (input: ELBv2.DeleteLoadBalancerInput, context) throws(AWSError) in
            do throws(AWSError) {
                _ = try await context.run(ElbLoadBalancerDelete(loadBalancer: input.loadBalancerArn))
            } catch {
                // AWS answers success for a load balancer that does not exist.
                guard error.code == ErrorCode.loadBalancerNotFound.rawValue else { throw error }
            }
            return ELBv2.DeleteLoadBalancerOutput()
        },
    ]
}

// MARK: Target groups and targets

extension ELBv2Actions {
    static let targetGroups: [ELBv2Action] = [
        .make(
            "CreateTargetGroup", mutating: true,
            supported: [
                "Name", "Protocol", "ProtocolVersion", "Port", "VpcId", "HealthCheckProtocol", "HealthCheckPort",
                "HealthCheckEnabled", "HealthCheckPath", "HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds",
                "HealthyThresholdCount", "UnhealthyThresholdCount", "Matcher", "TargetType", "IpAddressType",
            ]
        ) { (input: ELBv2.CreateTargetGroupInput, context) throws(AWSError) in
            guard let proto = input.protocol, let port = input.port, let vpc = input.vpcId else {
                throw AWSError(
                    code: "ValidationError",
                    message: "Protocol, Port and VpcId are required for instance and ip target groups.")
            }
            if input.healthCheckEnabled == false {
                throw AWSError(
                    code: "ValidationError", message: "netctld always checks health: HealthCheckEnabled false is not supported.")
            }
            if let version = input.protocolVersion, version != "HTTP1" {
                throw AWSError(code: "ValidationError", message: "netctld serves ProtocolVersion HTTP1 only.")
            }
            if let type = input.ipAddressType, type != "ipv4" {
                throw AWSError(code: "ValidationError", message: "netctld serves IpAddressType ipv4 only.")
            }
            let check = HealthCheckInput(
                protocol: input.healthCheckProtocol, port: input.healthCheckPort, path: input.healthCheckPath,
                intervalSeconds: input.healthCheckIntervalSeconds, timeoutSeconds: input.healthCheckTimeoutSeconds,
                healthyThresholdCount: input.healthyThresholdCount, unhealthyThresholdCount: input.unhealthyThresholdCount,
                matcher: input.matcher?.httpCode)
            let created = try await context.run(
                ElbTargetGroupCreate(
                    name: input.name, protocol: proto, port: port, vpc: vpc, targetType: input.targetType,
                    healthCheck: check == HealthCheckInput() ? nil : check))
            return ELBv2.CreateTargetGroupOutput(targetGroups: [ELBv2Conversions.targetGroup(created)])
        },
        .make(
            "DescribeTargetGroups", mutating: false,
            supported: ["LoadBalancerArn", "TargetGroupArns", "Names", "Marker", "PageSize"]
        ) { (input: ELBv2.DescribeTargetGroupsInput, context) throws(AWSError) in
            if let arns = input.targetGroupArns, !arns.isEmpty {
                let found = try await context.each(arns) { ElbTargetGroupGet(targetGroup: $0) }
                return ELBv2.DescribeTargetGroupsOutput(targetGroups: found.map(ELBv2Conversions.targetGroup))
            }
            let page = try await context.run(
                ElbTargetGroupList(
                    loadBalancer: input.loadBalancerArn, names: input.names, maxResults: try page(input.pageSize),
                    nextToken: input.marker))
            return ELBv2.DescribeTargetGroupsOutput(
                targetGroups: page.targetGroups.map(ELBv2Conversions.targetGroup), nextMarker: page.nextToken)
        },
        .make("DeleteTargetGroup", mutating: true, supported: ["TargetGroupArn"]) {
            (input: ELBv2.DeleteTargetGroupInput, context) throws(AWSError) in
            _ = try await context.run(ElbTargetGroupDelete(targetGroup: input.targetGroupArn))
            return ELBv2.DeleteTargetGroupOutput()
        },
    ]

    static func targets(_ wire: [ELBv2.TargetDescription]) throws(AWSError) -> [TargetInput] {
        var targets: [TargetInput] = []
        for target in wire {
            guard let id = target.id else {
                throw AWSError(code: "ValidationError", message: "Each target needs its Id.")
            }
            targets.append(TargetInput(id: id, port: target.port))
        }
        return targets
    }

    static let targets: [ELBv2Action] = [
        .make("RegisterTargets", mutating: true, supported: ["TargetGroupArn", "Targets"]) {
            (input: ELBv2.RegisterTargetsInput, context) throws(AWSError) in
            _ = try await context.run(
                ElbTargetsRegister(targetGroup: input.targetGroupArn, targets: try targets(input.targets)))
            return ELBv2.RegisterTargetsOutput()
        },
        .make("DeregisterTargets", mutating: true, supported: ["TargetGroupArn", "Targets"]) {
            (input: ELBv2.DeregisterTargetsInput, context) throws(AWSError) in
            _ = try await context.run(
                ElbTargetsDeregister(targetGroup: input.targetGroupArn, targets: try targets(input.targets)))
            return ELBv2.DeregisterTargetsOutput()
        },
        .make("DescribeTargetHealth", mutating: false, supported: ["TargetGroupArn", "Targets"]) {
            (input: ELBv2.DescribeTargetHealthInput, context) throws(AWSError) in
            let group = try await context.run(ElbTargetGroupGet(targetGroup: input.targetGroupArn))
            var wanted: [TargetInput]?
            if let given = input.targets { wanted = try Self.targets(given) }
            let health = try await context.run(ElbTargetsHealth(targetGroup: group.targetGroupArn, targets: wanted))
            return ELBv2.DescribeTargetHealthOutput(
                targetHealthDescriptions: health.targets.map { ELBv2Conversions.health($0, group: group) })
        },
    ]
}

// MARK: Listeners and rules

extension ELBv2Actions {
    static let listeners: [ELBv2Action] = [
        .make("CreateListener", mutating: true, supported: ["LoadBalancerArn", "Protocol", "Port", "DefaultActions"]) {
            (input: ELBv2.CreateListenerInput, context) throws(AWSError) in
            guard let proto = input.protocol, let port = input.port else {
                throw AWSError(code: "ValidationError", message: "Protocol and Port are required.")
            }
            let created = try await context.run(
                ElbListenerCreate(
                    loadBalancer: input.loadBalancerArn, protocol: proto, port: port,
                    defaultAction: try ELBv2Conversions.actionInput(input.defaultActions, member: "DefaultActions")))
            return ELBv2.CreateListenerOutput(listeners: [ELBv2Conversions.listener(created)])
        },
        .make("DescribeListeners", mutating: false, supported: ["LoadBalancerArn", "ListenerArns", "Marker", "PageSize"]) {
            (input: ELBv2.DescribeListenersInput, context) throws(AWSError) in
            if let arns = input.listenerArns, !arns.isEmpty {
                let found = try await context.each(arns) { ElbListenerGet(listener: $0) }
                return ELBv2.DescribeListenersOutput(listeners: found.map(ELBv2Conversions.listener))
            }
            guard let balancer = input.loadBalancerArn else {
                throw AWSError(code: "ValidationError", message: "Name a LoadBalancerArn or ListenerArns.")
            }
            let page = try await context.run(
                ElbListenerList(loadBalancer: balancer, maxResults: try page(input.pageSize), nextToken: input.marker))
            return ELBv2.DescribeListenersOutput(
                listeners: page.listeners.map(ELBv2Conversions.listener), nextMarker: page.nextToken)
        },
        .make("DeleteListener", mutating: true, supported: ["ListenerArn"]) {
            (input: ELBv2.DeleteListenerInput, context) throws(AWSError) in
            _ = try await context.run(ElbListenerDelete(listener: input.listenerArn))
            return ELBv2.DeleteListenerOutput()
        },
    ]

    static let rules: [ELBv2Action] = [
        .make("CreateRule", mutating: true, supported: ["ListenerArn", "Conditions", "Priority", "Actions"]) {
            (input: ELBv2.CreateRuleInput, context) throws(AWSError) in
            let created = try await context.run(
                ElbRuleCreate(
                    listener: input.listenerArn, priority: input.priority,
                    conditions: try ELBv2Conversions.conditions(input.conditions),
                    action: try ELBv2Conversions.actionInput(input.actions, member: "Actions")))
            return ELBv2.CreateRuleOutput(rules: [ELBv2Conversions.rule(created)])
        },
        .make("DescribeRules", mutating: false, supported: ["ListenerArn", "RuleArns"]) {
            (input: ELBv2.DescribeRulesInput, context) throws(AWSError) in
            if let arns = input.ruleArns, !arns.isEmpty {
                var found: [ListenerRule] = []
                for arn in arns {
                    guard let listenerArn = ruleListener(arn),
                        let rule = try await context.run(ElbRuleList(listener: listenerArn)).rules.first(where: {
                            $0.ruleArn == arn
                        })
                    else {
                        throw AWSError(code: "RuleNotFound", message: "One or more rules not found: '\(arn)'.")
                    }
                    found.append(rule)
                }
                return ELBv2.DescribeRulesOutput(rules: found.map(ELBv2Conversions.rule))
            }
            guard let listener = input.listenerArn else {
                throw AWSError(code: "ValidationError", message: "Name a ListenerArn or RuleArns.")
            }
            let rules = try await context.run(ElbRuleList(listener: listener)).rules
            return ELBv2.DescribeRulesOutput(rules: rules.map(ELBv2Conversions.rule))
        },
        .make("DeleteRule", mutating: true, supported: ["RuleArn"]) {
            (input: ELBv2.DeleteRuleInput, context) throws(AWSError) in
            _ = try await context.run(ElbRuleDelete(rule: input.ruleArn))
            return ELBv2.DeleteRuleOutput()
        },
    ]

    /// The listener's ARN inside a rule's: `…:listener-rule/app/NAME/LB/LISTENER/RULE`.
    static func ruleListener(_ ruleArn: String) -> String? {
        guard ruleArn.contains(":listener-rule/"), let slash = ruleArn.lastIndex(of: "/") else { return nil }
        return String(ruleArn[..<slash]).replacingOccurrences(of: ":listener-rule/", with: ":listener/")
    }
}
