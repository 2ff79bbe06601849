// Elastic Load Balancing v2 (API.md "Load balancers, queues", SEMANTICS-2 4.1–4.3).

public struct ElbLoadBalancerCreate: RPCMethod {
    public typealias Response = LoadBalancer
    public static let method = "elb.loadBalancer.create"
    public static let summary =
        "Create an application or network load balancer in one subnet per availability zone (an ALB needs two "
        + "zones), each node an interface of type load_balancer; provisioning, then active. The same name and "
        + "settings answer the existing load balancer."
    public var name: String
    /// `application` (default) or `network`.
    public var type: String?
    /// `internet-facing` (default) or `internal`.
    public var scheme: String?
    public var subnets: [String]
    /// IDs or names; an ALB without any gets its VPC's default group.
    public var securityGroups: [String]?

    public init(
        name: String, type: String? = nil, scheme: String? = nil, subnets: [String], securityGroups: [String]? = nil
    ) {
        self.name = name
        self.type = type
        self.scheme = scheme
        self.subnets = subnets
        self.securityGroups = securityGroups
    }
}

public struct ElbLoadBalancerGet: RPCMethod {
    public typealias Response = LoadBalancer
    public static let method = "elb.loadBalancer.get"
    public static let summary = "One load balancer by ARN or name."
    public var loadBalancer: String
    public init(loadBalancer: String) { self.loadBalancer = loadBalancer }
}

public struct ElbLoadBalancerList: RPCMethod {
    public typealias Response = ElbLoadBalancerListResponse
    public static let method = "elb.loadBalancer.list"
    public static let summary = "The caller's load balancers, oldest first, optionally only those named."
    public var names: [String]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(names: [String]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.names = names
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct ElbLoadBalancerListResponse: Codable, Sendable, Hashable {
    public var loadBalancers: [LoadBalancer]
    public var nextToken: String?
    public init(loadBalancers: [LoadBalancer], nextToken: String?) {
        self.loadBalancers = loadBalancers
        self.nextToken = nextToken
    }
}

public struct ElbLoadBalancerDelete: RPCMethod {
    public typealias Response = LoadBalancer
    public static let method = "elb.loadBalancer.delete"
    public static let summary =
        "Delete a load balancer with its listeners and rules and its nodes' interfaces; its target groups and "
        + "targets stay."
    public var loadBalancer: String
    public init(loadBalancer: String) { self.loadBalancer = loadBalancer }
}

public struct ElbTargetGroupCreate: RPCMethod {
    public typealias Response = TargetGroup
    public static let method = "elb.targetGroup.create"
    public static let summary =
        "Create a target group of ip or instance targets in a VPC, with a health check (AWS's ranges and "
        + "defaults) and a deregistration delay (300 s unless given). The same name and settings answer the "
        + "existing group."
    public var name: String
    public var `protocol`: String
    public var port: Int
    public var vpc: String
    /// `instance` (default) or `ip`.
    public var targetType: String?
    public var healthCheck: HealthCheckInput?
    /// 0–3600 seconds; 300 by default.
    public var deregistrationDelaySeconds: Int?

    public init(
        name: String, protocol: String, port: Int, vpc: String, targetType: String? = nil,
        healthCheck: HealthCheckInput? = nil, deregistrationDelaySeconds: Int? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.vpc = vpc
        self.targetType = targetType
        self.healthCheck = healthCheck
        self.deregistrationDelaySeconds = deregistrationDelaySeconds
    }
}

/// The health check as given: every member optional, AWS's defaults fill the rest.
public struct HealthCheckInput: Codable, Sendable, Hashable {
    public var `protocol`: String?
    public var port: String?
    public var path: String?
    public var intervalSeconds: Int?
    public var timeoutSeconds: Int?
    public var healthyThresholdCount: Int?
    public var unhealthyThresholdCount: Int?
    public var matcher: String?

    public init(
        protocol: String? = nil, port: String? = nil, path: String? = nil, intervalSeconds: Int? = nil,
        timeoutSeconds: Int? = nil, healthyThresholdCount: Int? = nil, unhealthyThresholdCount: Int? = nil,
        matcher: String? = nil
    ) {
        self.protocol = `protocol`
        self.port = port
        self.path = path
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.healthyThresholdCount = healthyThresholdCount
        self.unhealthyThresholdCount = unhealthyThresholdCount
        self.matcher = matcher
    }
}

public struct ElbTargetGroupGet: RPCMethod {
    public typealias Response = TargetGroup
    public static let method = "elb.targetGroup.get"
    public static let summary = "One target group by ARN or name."
    public var targetGroup: String
    public init(targetGroup: String) { self.targetGroup = targetGroup }
}

public struct ElbTargetGroupList: RPCMethod {
    public typealias Response = ElbTargetGroupListResponse
    public static let method = "elb.targetGroup.list"
    public static let summary =
        "The caller's target groups, oldest first, optionally only those named or those one load balancer uses."
    public var loadBalancer: String?
    public var names: [String]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(loadBalancer: String? = nil, names: [String]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.loadBalancer = loadBalancer
        self.names = names
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct ElbTargetGroupListResponse: Codable, Sendable, Hashable {
    public var targetGroups: [TargetGroup]
    public var nextToken: String?
    public init(targetGroups: [TargetGroup], nextToken: String?) {
        self.targetGroups = targetGroups
        self.nextToken = nextToken
    }
}

public struct ElbTargetGroupDelete: RPCMethod {
    public typealias Response = TargetGroup
    public static let method = "elb.targetGroup.delete"
    public static let summary =
        "Delete a target group that no listener or rule forwards to (else ResourceInUse), with its targets."
    public var targetGroup: String
    public init(targetGroup: String) { self.targetGroup = targetGroup }
}

/// A target as callers name it: an instance ID or an IP address, and a port (the group's by default).
public struct TargetInput: Codable, Sendable, Hashable {
    public var id: String
    public var port: Int?
    public init(id: String, port: Int? = nil) {
        self.id = id
        self.port = port
    }
}

public struct ElbTargetsRegister: RPCMethod {
    public typealias Response = ElbTargetsHealthResponse
    public static let method = "elb.targets.register"
    public static let summary =
        "Register targets (running instances of the group's VPC, or private addresses inside it): initial until "
        + "their first health check, unused while no load balancer uses the group or their zone is not enabled."
    public var targetGroup: String
    public var targets: [TargetInput]
    public init(targetGroup: String, targets: [TargetInput]) {
        self.targetGroup = targetGroup
        self.targets = targets
    }
}

public struct ElbTargetsDeregister: RPCMethod {
    public typealias Response = ElbTargetsHealthResponse
    public static let method = "elb.targets.deregister"
    public static let summary =
        "Deregister targets: each drains for the group's deregistration delay, then leaves it; unknown targets "
        + "are ignored."
    public var targetGroup: String
    public var targets: [TargetInput]
    public init(targetGroup: String, targets: [TargetInput]) {
        self.targetGroup = targetGroup
        self.targets = targets
    }
}

public struct ElbTargetsHealth: RPCMethod {
    public typealias Response = ElbTargetsHealthResponse
    public static let method = "elb.targets.health"
    public static let summary = "The health of a target group's targets (AWS's DescribeTargetHealth)."
    public var targetGroup: String
    /// Only these targets; a target that is not registered is answered `unused` (`Target.NotRegistered`).
    public var targets: [TargetInput]?
    public init(targetGroup: String, targets: [TargetInput]? = nil) {
        self.targetGroup = targetGroup
        self.targets = targets
    }
}

public struct ElbTargetsHealthResponse: Codable, Sendable, Hashable {
    public var targets: [TargetHealthReport]
    public init(targets: [TargetHealthReport]) { self.targets = targets }
}

/// What `elb.targets.health` answers for one target.
public struct TargetHealthReport: Codable, Sendable, Hashable {
    public var id: String
    public var port: Int
    public var availabilityZone: String?
    public var state: String
    public var reason: String?
    public var description: String?

    public init(id: String, port: Int, availabilityZone: String?, state: String, reason: String?, description: String?) {
        self.id = id
        self.port = port
        self.availabilityZone = availabilityZone
        self.state = state
        self.reason = reason
        self.description = description
    }
}

public struct ElbTargetsSetFailure: RPCMethod {
    public typealias Response = ElbTargetsHealthResponse
    public static let method = "elb.targets.setFailure"
    public static let summary =
        "Make a registered target fail (or pass again) its health checks, for chaos tests: failing checks answer "
        + "Target.ResponseCodeMismatch from the next check on."
    public var targetGroup: String
    public var target: TargetInput
    public var failing: Bool
    public init(targetGroup: String, target: TargetInput, failing: Bool) {
        self.targetGroup = targetGroup
        self.target = target
        self.failing = failing
    }
}

public struct ElbListenerCreate: RPCMethod {
    public typealias Response = Listener
    public static let method = "elb.listener.create"
    public static let summary =
        "Create a listener on a port of a load balancer (HTTP for an ALB; TCP, UDP or TCP_UDP for an NLB) with a "
        + "default action: forward to a target group, a fixed response or a redirect."
    public var loadBalancer: String
    public var `protocol`: String
    public var port: Int
    public var defaultAction: LoadBalancerActionInput

    public init(loadBalancer: String, protocol: String, port: Int, defaultAction: LoadBalancerActionInput) {
        self.loadBalancer = loadBalancer
        self.protocol = `protocol`
        self.port = port
        self.defaultAction = defaultAction
    }
}

public struct ElbListenerGet: RPCMethod {
    public typealias Response = Listener
    public static let method = "elb.listener.get"
    public static let summary = "One listener by ARN or as LOAD-BALANCER:PORT."
    public var listener: String
    public init(listener: String) { self.listener = listener }
}

public struct ElbListenerList: RPCMethod {
    public typealias Response = ElbListenerListResponse
    public static let method = "elb.listener.list"
    public static let summary = "The listeners of one load balancer, by port."
    public var loadBalancer: String
    public var maxResults: Int?
    public var nextToken: String?

    public init(loadBalancer: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.loadBalancer = loadBalancer
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct ElbListenerListResponse: Codable, Sendable, Hashable {
    public var listeners: [Listener]
    public var nextToken: String?
    public init(listeners: [Listener], nextToken: String?) {
        self.listeners = listeners
        self.nextToken = nextToken
    }
}

public struct ElbListenerDelete: RPCMethod {
    public typealias Response = Listener
    public static let method = "elb.listener.delete"
    public static let summary = "Delete a listener and its rules."
    public var listener: String
    public init(listener: String) { self.listener = listener }
}

public struct ElbRuleCreate: RPCMethod {
    public typealias Response = ListenerRule
    public static let method = "elb.rule.create"
    public static let summary =
        "Add a rule to an ALB listener: priority 1–50000 (unique per listener), path-pattern and host-header "
        + "conditions within AWS's limits, and the action taken when all of them match."
    public var listener: String
    public var priority: Int
    public var conditions: [RuleCondition]
    public var action: LoadBalancerActionInput

    public init(listener: String, priority: Int, conditions: [RuleCondition], action: LoadBalancerActionInput) {
        self.listener = listener
        self.priority = priority
        self.conditions = conditions
        self.action = action
    }
}

public struct ElbRuleList: RPCMethod {
    public typealias Response = ElbRuleListResponse
    public static let method = "elb.rule.list"
    public static let summary = "The rules of one listener, lowest priority number first (the default action is the listener's)."
    public var listener: String
    public init(listener: String) { self.listener = listener }
}

public struct ElbRuleListResponse: Codable, Sendable, Hashable {
    public var rules: [ListenerRule]
    public var nextToken: String?
    public init(rules: [ListenerRule], nextToken: String? = nil) {
        self.rules = rules
        self.nextToken = nextToken
    }
}

public struct ElbRuleDelete: RPCMethod {
    public typealias Response = ListenerRule
    public static let method = "elb.rule.delete"
    public static let summary = "Delete a listener rule."
    public var rule: String
    public init(rule: String) { self.rule = rule }
}

public struct ElbRoute: RPCMethod {
    public typealias Response = ElbRouteResult
    public static let method = "elb.route"
    public static let summary =
        "Where a request to a load balancer would go: the listener (by port, else the lowest), the rule that "
        + "matches path and host, its target group and the healthy target picked round robin, or why none."
    public var loadBalancer: String
    public var port: Int?
    public var path: String?
    public var host: String?

    public init(loadBalancer: String, port: Int? = nil, path: String? = nil, host: String? = nil) {
        self.loadBalancer = loadBalancer
        self.port = port
        self.path = path
        self.host = host
    }
}

public struct ElbRouteResult: Codable, Sendable, Hashable {
    public var listenerArn: String?
    /// The matching rule; nil when the listener's default action decided.
    public var ruleArn: String?
    /// `forward`, `fixed-response` or `redirect`.
    public var actionType: String?
    public var targetGroupArn: String?
    public var target: TargetInput?
    /// Why no target was picked (or, for a group whose targets are all unhealthy, that the ALB failed open).
    public var explanation: String?

    public init(
        listenerArn: String? = nil, ruleArn: String? = nil, actionType: String? = nil, targetGroupArn: String? = nil,
        target: TargetInput? = nil, explanation: String? = nil
    ) {
        self.listenerArn = listenerArn
        self.ruleArn = ruleArn
        self.actionType = actionType
        self.targetGroupArn = targetGroupArn
        self.target = target
        self.explanation = explanation
    }
}
