import Foundation

/// An Elastic Load Balancing v2 load balancer (SEMANTICS-2 4.1): an application or network load
/// balancer with one node per enabled availability zone, each node an interface of type
/// `load_balancer` with an address in its subnet.
public struct LoadBalancer: Codable, Sendable, Hashable {
    public var loadBalancerArn: String
    public var loadBalancerName: String
    public var accountId: String
    public var region: String
    /// `<name>-<digits>.<region>.elb.amazonaws.com` (ALB, `internal-` first when internal) or
    /// `<name>-<16 hex>.elb.<region>.amazonaws.com` (NLB).
    public var dnsName: String
    /// The Route 53 zone of AWS's load balancer names in the region, where netctl knows it.
    public var canonicalHostedZoneId: String?
    /// `provisioning`, then `active` on the daemon clock.
    public var state: String
    /// `application` or `network`.
    public var type: String
    /// `internet-facing` or `internal`.
    public var scheme: String
    public var vpcId: String
    public var ipAddressType: String
    public var availabilityZones: [LoadBalancerZone]
    public var securityGroups: [String]
    public var createdAt: Date
    /// When `state` last changed: `provisioning` becomes `active` a fixed time after it.
    public var stateChangedAt: Date

    public init(
        loadBalancerArn: String, loadBalancerName: String, accountId: String, region: String, dnsName: String,
        canonicalHostedZoneId: String?, state: String, type: String, scheme: String, vpcId: String,
        ipAddressType: String, availabilityZones: [LoadBalancerZone], securityGroups: [String], createdAt: Date,
        stateChangedAt: Date
    ) {
        self.loadBalancerArn = loadBalancerArn
        self.loadBalancerName = loadBalancerName
        self.accountId = accountId
        self.region = region
        self.dnsName = dnsName
        self.canonicalHostedZoneId = canonicalHostedZoneId
        self.state = state
        self.type = type
        self.scheme = scheme
        self.vpcId = vpcId
        self.ipAddressType = ipAddressType
        self.availabilityZones = availabilityZones
        self.securityGroups = securityGroups
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }

    public static let application = "application"
    public static let network = "network"
    public static let internetFacing = "internet-facing"
    public static let `internal` = "internal"
    public static let provisioning = "provisioning"
    public static let active = "active"
}

/// One enabled availability zone of a load balancer: its subnet and the node's interface there.
public struct LoadBalancerZone: Codable, Sendable, Hashable {
    public var zoneName: String
    public var subnetId: String
    public var networkInterfaceId: String
    public var privateIpAddress: String

    public init(zoneName: String, subnetId: String, networkInterfaceId: String, privateIpAddress: String) {
        self.zoneName = zoneName
        self.subnetId = subnetId
        self.networkInterfaceId = networkInterfaceId
        self.privateIpAddress = privateIpAddress
    }
}

/// A target group (SEMANTICS-2 4.2) with its registered targets and their health.
public struct TargetGroup: Codable, Sendable, Hashable {
    public var targetGroupArn: String
    public var targetGroupName: String
    public var accountId: String
    public var region: String
    /// HTTP or HTTPS (ALB), TCP, TLS, UDP or TCP_UDP (NLB).
    public var `protocol`: String
    public var port: Int
    public var vpcId: String
    /// `instance` or `ip`; never changes.
    public var targetType: String
    public var healthCheck: HealthCheck
    public var deregistrationDelaySeconds: Int
    /// The load balancers whose listeners or rules forward to it (at most one).
    public var loadBalancerArns: [String]
    /// Registered targets, draining ones included, oldest registration first.
    public var targets: [TargetHealth]
    public var createdAt: Date

    public init(
        targetGroupArn: String, targetGroupName: String, accountId: String, region: String, protocol: String, port: Int,
        vpcId: String, targetType: String, healthCheck: HealthCheck, deregistrationDelaySeconds: Int,
        loadBalancerArns: [String] = [], targets: [TargetHealth] = [], createdAt: Date
    ) {
        self.targetGroupArn = targetGroupArn
        self.targetGroupName = targetGroupName
        self.accountId = accountId
        self.region = region
        self.protocol = `protocol`
        self.port = port
        self.vpcId = vpcId
        self.targetType = targetType
        self.healthCheck = healthCheck
        self.deregistrationDelaySeconds = deregistrationDelaySeconds
        self.loadBalancerArns = loadBalancerArns
        self.targets = targets
        self.createdAt = createdAt
    }
}

/// A target group's health check, every member filled with AWS's default where not given.
public struct HealthCheck: Codable, Sendable, Hashable {
    /// HTTP, HTTPS or TCP.
    public var `protocol`: String
    /// `traffic-port` (the target's own port) or a port number.
    public var port: String
    /// For HTTP and HTTPS checks only.
    public var path: String?
    public var intervalSeconds: Int
    public var timeoutSeconds: Int
    public var healthyThresholdCount: Int
    public var unhealthyThresholdCount: Int
    /// HTTP codes that pass ("200", "200,202", "200-299"); for HTTP and HTTPS checks only.
    public var matcher: String?

    public init(
        protocol: String, port: String, path: String?, intervalSeconds: Int, timeoutSeconds: Int,
        healthyThresholdCount: Int, unhealthyThresholdCount: Int, matcher: String?
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

    public static let trafficPort = "traffic-port"
}

/// A registered target and its health (AWS's `TargetHealthDescription`, flattened).
public struct TargetHealth: Codable, Sendable, Hashable {
    /// An instance ID or an IP address.
    public var id: String
    public var port: Int
    public var availabilityZone: String?
    /// `initial`, `healthy`, `unhealthy`, `unused` or `draining`.
    public var state: String
    public var reason: String?
    public var description: String?
    /// Set by `elb.targets.setFailure`: every health check fails with `Target.ResponseCodeMismatch`.
    public var failureInjected: Bool
    public var registeredAt: Date

    public init(
        id: String, port: Int, availabilityZone: String?, state: String, reason: String?, description: String?,
        failureInjected: Bool = false, registeredAt: Date
    ) {
        self.id = id
        self.port = port
        self.availabilityZone = availabilityZone
        self.state = state
        self.reason = reason
        self.description = description
        self.failureInjected = failureInjected
        self.registeredAt = registeredAt
    }

    public static let initial = "initial"
    public static let healthy = "healthy"
    public static let unhealthy = "unhealthy"
    public static let unused = "unused"
    public static let draining = "draining"
}

/// A listener's default action or a rule's action. `forward` names a target group;
/// `fixed-response` and `redirect` carry AWS's members of those configs, flattened.
public struct LoadBalancerAction: Codable, Sendable, Hashable {
    /// `forward`, `fixed-response` or `redirect`.
    public var type: String
    public var targetGroupArn: String?
    /// fixed-response: 2XX, 4XX or 5XX; redirect: HTTP_301 or HTTP_302.
    public var statusCode: String?
    public var contentType: String?
    public var messageBody: String?
    /// redirect: each defaults to the request's own (`#{protocol}`, `#{host}`, `#{port}`, `/#{path}`, `#{query}`).
    public var `protocol`: String?
    public var host: String?
    public var port: String?
    public var path: String?
    public var query: String?

    public init(
        type: String, targetGroupArn: String? = nil, statusCode: String? = nil, contentType: String? = nil,
        messageBody: String? = nil, protocol: String? = nil, host: String? = nil, port: String? = nil,
        path: String? = nil, query: String? = nil
    ) {
        self.type = type
        self.targetGroupArn = targetGroupArn
        self.statusCode = statusCode
        self.contentType = contentType
        self.messageBody = messageBody
        self.protocol = `protocol`
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    public static let forward = "forward"
    public static let fixedResponse = "fixed-response"
    public static let redirect = "redirect"
}

/// An action as callers write it: `targetGroup` takes a target group's ARN or name.
public struct LoadBalancerActionInput: Codable, Sendable, Hashable {
    public var type: String
    public var targetGroup: String?
    public var statusCode: String?
    public var contentType: String?
    public var messageBody: String?
    public var `protocol`: String?
    public var host: String?
    public var port: String?
    public var path: String?
    public var query: String?

    public init(
        type: String, targetGroup: String? = nil, statusCode: String? = nil, contentType: String? = nil,
        messageBody: String? = nil, protocol: String? = nil, host: String? = nil, port: String? = nil,
        path: String? = nil, query: String? = nil
    ) {
        self.type = type
        self.targetGroup = targetGroup
        self.statusCode = statusCode
        self.contentType = contentType
        self.messageBody = messageBody
        self.protocol = `protocol`
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }
}

public struct Listener: Codable, Sendable, Hashable {
    public var listenerArn: String
    public var loadBalancerArn: String
    public var accountId: String
    public var region: String
    public var `protocol`: String
    public var port: Int
    public var defaultAction: LoadBalancerAction
    public var createdAt: Date

    public init(
        listenerArn: String, loadBalancerArn: String, accountId: String, region: String, protocol: String, port: Int,
        defaultAction: LoadBalancerAction, createdAt: Date
    ) {
        self.listenerArn = listenerArn
        self.loadBalancerArn = loadBalancerArn
        self.accountId = accountId
        self.region = region
        self.protocol = `protocol`
        self.port = port
        self.defaultAction = defaultAction
        self.createdAt = createdAt
    }
}

/// A listener rule: conditions that must all match, and the action taken when they do.
public struct ListenerRule: Codable, Sendable, Hashable {
    public var ruleArn: String
    public var listenerArn: String
    public var loadBalancerArn: String
    public var accountId: String
    public var region: String
    /// 1–50000; the lowest goes first.
    public var priority: Int
    public var conditions: [RuleCondition]
    public var action: LoadBalancerAction
    public var createdAt: Date

    public init(
        ruleArn: String, listenerArn: String, loadBalancerArn: String, accountId: String, region: String, priority: Int,
        conditions: [RuleCondition], action: LoadBalancerAction, createdAt: Date
    ) {
        self.ruleArn = ruleArn
        self.listenerArn = listenerArn
        self.loadBalancerArn = loadBalancerArn
        self.accountId = accountId
        self.region = region
        self.priority = priority
        self.conditions = conditions
        self.action = action
        self.createdAt = createdAt
    }
}

/// `path-pattern` or `host-header` with its values (any one matches).
public struct RuleCondition: Codable, Sendable, Hashable {
    public var field: String
    public var values: [String]

    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }

    public static let pathPattern = "path-pattern"
    public static let hostHeader = "host-header"
}

extension ErrorCode {
    public static let loadBalancerNotFound: Self = "LoadBalancerNotFound"
    public static let targetGroupNotFound: Self = "TargetGroupNotFound"
    public static let listenerNotFound: Self = "ListenerNotFound"
    public static let ruleNotFound: Self = "RuleNotFound"
    /// ELBv2's own code for an unknown subnet (EC2 says `InvalidSubnetID.NotFound`).
    public static let elbSubnetNotFound: Self = "SubnetNotFound"
    public static let duplicateLoadBalancerName: Self = "DuplicateLoadBalancerName"
    public static let duplicateTargetGroupName: Self = "DuplicateTargetGroupName"
    public static let duplicateListener: Self = "DuplicateListener"
    public static let priorityInUse: Self = "PriorityInUse"
    public static let invalidConfigurationRequest: Self = "InvalidConfigurationRequest"
    public static let invalidTarget: Self = "InvalidTarget"
    public static let invalidSubnet: Self = "InvalidSubnet"
    public static let invalidSecurityGroup: Self = "InvalidSecurityGroup"
    public static let incompatibleProtocols: Self = "IncompatibleProtocols"
    public static let tooManyLoadBalancers: Self = "TooManyLoadBalancers"
    public static let tooManyTargetGroups: Self = "TooManyTargetGroups"
    public static let tooManyListeners: Self = "TooManyListeners"
    public static let tooManyRules: Self = "TooManyRules"
    public static let tooManyTargets: Self = "TooManyTargets"
    public static let targetGroupAssociationLimit: Self = "TargetGroupAssociationLimit"
    public static let invalidLoadBalancerAction: Self = "InvalidLoadBalancerAction"
    /// The query protocol's code for a value outside a member's documented range or pattern.
    public static let validationError: Self = "ValidationError"
}
