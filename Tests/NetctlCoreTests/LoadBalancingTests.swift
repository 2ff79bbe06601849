import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// A VPC with three zones' subnets and an internet gateway; group `alb` for the load balancer and
/// `web` for the targets, which admits the health-check port from `alb` only.
struct LoadBalancingWorld {
    var f = Fixture()
    var vpc: Vpc
    var alb: SecurityGroup
    var web: SecurityGroup
    var w1: Instance
    var w2: Instance

    init() throws {
        vpc = try f.vpc("10.0.0.0/16", name: "app")
        try f.subnet("app", "10.0.1.0/24", zone: "us-east-1a", name: "a")
        try f.subnet("app", "10.0.2.0/24", zone: "us-east-1b", name: "b")
        try f.subnet("app", "10.0.3.0/24", zone: "us-east-1c", name: "c")
        try f.internetGateway("app")
        alb = try f.securityGroup(vpc.vpcId, "alb")
        web = try f.securityGroup(vpc.vpcId, "web")
        try f.authorize(
            web.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 8080, toPort: 8080, referencedGroupId: alb.groupId)])
        w1 = try #require(try InstanceRulesTests.run(&f, InstanceRun(subnet: "a", securityGroups: [web.groupId])).first)
        w2 = try #require(try InstanceRulesTests.run(&f, InstanceRun(subnet: "b", securityGroups: [web.groupId])).first)
        try f.advance(60)  // instances running
    }

    @discardableResult
    mutating func balancer(
        _ name: String = "front", type: String? = nil, scheme: String? = nil, subnets: [String] = ["a", "b"],
        groups: [String]? = nil
    ) throws(NetctlError) -> LoadBalancer {
        let groups = groups ?? [alb.groupId]
        return try f.run { s, c throws(NetctlError) in
            try s.createLoadBalancer(
                ElbLoadBalancerCreate(name: name, type: type, scheme: scheme, subnets: subnets, securityGroups: groups), &c)
        }
    }

    @discardableResult
    mutating func group(
        _ name: String = "web", protocol: String = "HTTP", port: Int = 8080, type: String? = "instance",
        healthCheck: HealthCheckInput? = nil, delay: Int? = nil
    ) throws(NetctlError) -> TargetGroup {
        try f.run { s, c throws(NetctlError) in
            try s.createTargetGroup(
                ElbTargetGroupCreate(
                    name: name, protocol: `protocol`, port: port, vpc: "app", targetType: type, healthCheck: healthCheck,
                    deregistrationDelaySeconds: delay), &c)
        }
    }

    @discardableResult
    mutating func register(_ group: String, _ ids: [String]) throws(NetctlError) -> ElbTargetsHealthResponse {
        try f.run { s, c throws(NetctlError) in
            try s.registerTargets(ElbTargetsRegister(targetGroup: group, targets: ids.map { TargetInput(id: $0) }), &c)
        }
    }

    @discardableResult
    mutating func listener(_ balancer: String = "front", port: Int = 80, forward group: String = "web")
        throws(NetctlError) -> Listener
    {
        try f.run { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: balancer, protocol: "HTTP", port: port,
                    defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: group)), &c)
        }
    }

    @discardableResult
    mutating func rule(
        _ listener: String, _ priority: Int, _ conditions: [RuleCondition], _ action: LoadBalancerActionInput
    ) throws(NetctlError) -> ListenerRule {
        try f.run { s, c throws(NetctlError) in
            try s.createRule(ElbRuleCreate(listener: listener, priority: priority, conditions: conditions, action: action), &c)
        }
    }

    func health(_ group: String = "web") throws -> [String: TargetHealthReport] {
        let reports = try f.state.targetsHealth(ElbTargetsHealth(targetGroup: group), f.query()).targets
        return Dictionary(uniqueKeysWithValues: reports.map { ($0.id, $0) })
    }

    func route(_ balancer: String = "front", port: Int? = nil, path: String? = nil, host: String? = nil)
        throws(NetctlError) -> ElbRouteResult
    {
        try f.state.routeRequest(ElbRoute(loadBalancer: balancer, port: port, path: path, host: host), f.query())
    }

    /// A load balancer on a and b, active, with listener 80 forwarding to `web`, which holds w1 and w2.
    mutating func serving() throws {
        try balancer()
        try group()
        try listener()
        try register("web", [w1.instanceId, w2.instanceId])
        try f.advance(31)
    }
}

@Suite("Elastic Load Balancing v2: load balancers, target groups, listeners and rules")
struct LoadBalancingRulesTests {
    @Test("a load balancer has one node per zone, an interface of type load_balancer with an address of its subnet, AWS's DNS name, and becomes active on the clock")
    func creates() throws {
        var w = try LoadBalancingWorld()
        let balancer = try w.balancer()
        #expect(balancer.state == "provisioning")
        #expect(balancer.type == "application" && balancer.scheme == "internet-facing")
        #expect(balancer.loadBalancerArn.hasPrefix("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/front/"))
        #expect(balancer.dnsName.hasPrefix("front-") && balancer.dnsName.hasSuffix(".us-east-1.elb.amazonaws.com"))
        #expect(balancer.availabilityZones.map(\.zoneName) == ["us-east-1a", "us-east-1b"])
        for zone in balancer.availabilityZones {
            let interface = try #require(w.f.state.networkInterfaces[zone.networkInterfaceId])
            #expect(interface.interfaceType == "load_balancer")
            #expect(interface.subnetId == zone.subnetId && interface.privateIpAddress == zone.privateIpAddress)
            #expect(interface.securityGroupIds == [w.alb.groupId])
            let subnet = try #require(w.f.state.subnets[zone.subnetId])
            #expect(IPv4CIDR(subnet.cidrBlock)?.contains(try #require(IPv4Address(zone.privateIpAddress))) == true)
        }
        try w.f.advance(5)
        #expect(try w.f.state.loadBalancer("front", in: testScope).state == "active")
        let inner = try w.balancer("inner", scheme: "internal")
        #expect(inner.dnsName.hasPrefix("internal-inner-"))
        let network = try w.balancer("net", type: "network", subnets: ["c"], groups: [])
        #expect(network.dnsName.contains(".elb.us-east-1.amazonaws.com"))
        #expect(network.securityGroups.isEmpty)
    }

    @Test("names, zones, subnets and quotas are refused with AWS's codes, and nothing changes")
    func refusesBadLoadBalancers() throws {
        var w = try LoadBalancingWorld()
        for name in ["", String(repeating: "a", count: 33), "-front", "front-", "internal-front", "front_1"] {
            w.f.expectFailure(.validationError, "\(name)") { s, c throws(NetctlError) in
                try s.createLoadBalancer(ElbLoadBalancerCreate(name: name, subnets: ["a", "b"]), &c)
            }
        }
        w.f.expectFailure(.invalidConfigurationRequest, "an ALB needs two zones") { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "one", subnets: ["a"]), &c)
        }
        try w.f.subnet("app", "10.0.4.0/24", zone: "us-east-1a", name: "a2")
        w.f.expectFailure(.invalidConfigurationRequest, "one subnet per zone") { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "two", subnets: ["a", "a2"]), &c)
        }
        w.f.expectFailure(.elbSubnetNotFound) { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "x", subnets: ["a", "subnet-0123456789abcdef0"]), &c)
        }
        w.f.expectFailure(.invalidSecurityGroup) { s, c throws(NetctlError) in
            try s.createLoadBalancer(
                ElbLoadBalancerCreate(name: "x", subnets: ["a", "b"], securityGroups: ["sg-0123456789abcdef0"]), &c)
        }
        let other = try w.f.vpc("10.9.0.0/16", name: "other")
        try w.f.subnet("other", "10.9.1.0/24", zone: "us-east-1a", name: "o1")
        try w.f.subnet("other", "10.9.2.0/24", zone: "us-east-1b", name: "o2")
        w.f.expectFailure(.invalidSubnet, "internet-facing needs an internet gateway") { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "x", subnets: ["o1", "o2"]), &c)
        }
        let inner = try w.f.run { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "x", scheme: "internal", subnets: ["o1", "o2"]), &c)
        }
        #expect(inner.vpcId == other.vpcId)
        #expect(inner.securityGroups == [try #require(w.f.state.defaultSecurityGroup(ofVpc: other.vpcId)).groupId])

        // Idempotent: the same request answers the same load balancer; other settings are refused.
        let first = try w.balancer()
        let again = try w.balancer()
        #expect(again == first)
        #expect(w.f.state.loadBalancers.countInScope(testScope) == 2)
        w.f.expectFailure(.duplicateLoadBalancerName) { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "front", scheme: "internal", subnets: ["a", "b"]), &c)
        }

        var quotas = Quotas()
        quotas[.applicationLoadBalancersPerRegion] = 2
        w.f.context.quotas = quotas
        let error = w.f.expectFailure(.tooManyLoadBalancers) { s, c throws(NetctlError) in
            try s.createLoadBalancer(ElbLoadBalancerCreate(name: "third", subnets: ["a", "b"]), &c)
        }
        #expect(error?.message.contains("applicationLoadBalancersPerRegion") == true)
    }

    @Test("deleting a load balancer removes its listeners, rules and interfaces; its target groups stay, unused")
    func deletes() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        let balancer = try w.f.state.loadBalancer("front", in: testScope)
        let listener = try #require(w.f.state.listeners.children(of: balancer.loadBalancerArn).first)
        try w.rule(
            listener.listenerArn, 10, [RuleCondition(field: "path-pattern", values: ["/api/*"])],
            LoadBalancerActionInput(type: "fixed-response", statusCode: "404"))
        let freeBefore = try #require(w.f.state.subnets[balancer.availabilityZones[0].subnetId]).availableIpAddressCount
        try w.f.run { s, c throws(NetctlError) in try s.deleteLoadBalancer(ElbLoadBalancerDelete(loadBalancer: "front"), &c) }
        #expect(w.f.state.loadBalancers.count == 0 && w.f.state.listeners.count == 0 && w.f.state.listenerRules.count == 0)
        #expect(balancer.availabilityZones.allSatisfy { w.f.state.networkInterfaces[$0.networkInterfaceId] == nil })
        #expect(try #require(w.f.state.subnets[balancer.availabilityZones[0].subnetId]).availableIpAddressCount == freeBefore + 1)
        let group = try w.f.state.targetGroup("web", in: testScope)
        #expect(group.loadBalancerArns.isEmpty)
        #expect(try w.health().values.allSatisfy { $0.state == "unused" && $0.reason == "Target.NotInUse" })
    }

    @Test("target groups take AWS's health-check defaults and refuse values outside AWS's ranges")
    func targetGroupDefaults() throws {
        var w = try LoadBalancingWorld()
        let group = try w.group()
        #expect(group.healthCheck == HealthCheck(
            protocol: "HTTP", port: "traffic-port", path: "/", intervalSeconds: 30, timeoutSeconds: 6,
            healthyThresholdCount: 5, unhealthyThresholdCount: 2, matcher: "200"))
        #expect(group.deregistrationDelaySeconds == 300 && group.targetType == "instance")
        let tcp = try w.group("tcp", protocol: "TCP", port: 9000)
        #expect(tcp.healthCheck.protocol == "TCP" && tcp.healthCheck.path == nil && tcp.healthCheck.timeoutSeconds == 10)
        #expect(try w.group() == group, "the same request answers the same group")
        w.f.expectFailure(.duplicateTargetGroupName) { s, c throws(NetctlError) in
            try s.createTargetGroup(ElbTargetGroupCreate(name: "web", protocol: "HTTP", port: 9090, vpc: "app"), &c)
        }
        let bad: [(HealthCheckInput, ErrorCode)] = [
            (HealthCheckInput(intervalSeconds: 4), .validationError),
            (HealthCheckInput(intervalSeconds: 301), .validationError),
            (HealthCheckInput(timeoutSeconds: 1), .validationError),
            (HealthCheckInput(intervalSeconds: 10, timeoutSeconds: 10), .invalidConfigurationRequest),
            (HealthCheckInput(healthyThresholdCount: 11), .validationError),
            (HealthCheckInput(unhealthyThresholdCount: 1), .validationError),
            (HealthCheckInput(matcher: "500"), .validationError),
            (HealthCheckInput(matcher: "200-199"), .validationError),
            (HealthCheckInput(port: "0"), .validationError),
            (HealthCheckInput(path: "health"), .validationError),
        ]
        for (check, code) in bad {
            w.f.expectFailure(code, "\(check)") { s, c throws(NetctlError) in
                try s.createTargetGroup(
                    ElbTargetGroupCreate(name: "bad", protocol: "HTTP", port: 80, vpc: "app", healthCheck: check), &c)
            }
        }
        let ranged = try w.group("ranged", healthCheck: HealthCheckInput(matcher: "200,202-299"))
        #expect(ranged.healthCheck.matcher == "200,202-299")
        w.f.expectFailure(.validationError) { s, c throws(NetctlError) in
            try s.createTargetGroup(
                ElbTargetGroupCreate(name: "slow", protocol: "HTTP", port: 80, vpc: "app", deregistrationDelaySeconds: 3601), &c)
        }
    }

    @Test("ip targets must be private addresses inside the VPC's subnets; instance targets running instances of the VPC")
    func targetsMustFit() throws {
        var w = try LoadBalancingWorld()
        try w.group("ips", type: "ip")
        try w.group()
        for address in ["8.8.8.8", "10.1.0.5", "10.0.9.9", "not-an-ip"] {
            w.f.expectFailure(.invalidTarget, "\(address)") { s, c throws(NetctlError) in
                try s.registerTargets(ElbTargetsRegister(targetGroup: "ips", targets: [TargetInput(id: address)]), &c)
            }
        }
        let registered = try w.register("ips", ["10.0.1.50"])
        #expect(registered.targets.first?.availabilityZone == "us-east-1a")
        try w.f.run { s, c throws(NetctlError) in try s.stopInstance(InstanceStop(instance: w.w2.instanceId), &c) }
        let stopped = w.f.expectFailure(.invalidTarget) { s, c throws(NetctlError) in
            try s.registerTargets(ElbTargetsRegister(targetGroup: "web", targets: [TargetInput(id: w.w2.instanceId)]), &c)
        }
        #expect(stopped?.message.contains("not in a running state") == true)
        var quotas = Quotas()
        quotas[.targetsPerTargetGroup] = 1
        w.f.context.quotas = quotas
        w.f.expectFailure(.tooManyTargets) { s, c throws(NetctlError) in
            try s.registerTargets(ElbTargetsRegister(targetGroup: "ips", targets: [TargetInput(id: "10.0.2.50")]), &c)
        }
    }

    @Test("listeners: one per port, protocols that fit, and a group serves one load balancer; a used group is not deleted")
    func listeners() throws {
        var w = try LoadBalancingWorld()
        try w.balancer()
        try w.group()
        let listener = try w.listener()
        #expect(listener.listenerArn.contains(":listener/app/front/"))
        #expect(try w.f.state.targetGroup("web", in: testScope).loadBalancerArns == [listener.loadBalancerArn])
        w.f.expectFailure(.duplicateListener) { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "front", protocol: "HTTP", port: 80,
                    defaultAction: LoadBalancerActionInput(type: "fixed-response", statusCode: "200")), &c)
        }
        try w.group("tcp", protocol: "TCP", port: 9000)
        w.f.expectFailure(.incompatibleProtocols) { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "front", protocol: "HTTP", port: 81,
                    defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: "tcp")), &c)
        }
        w.f.expectFailure(.validationError) { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "front", protocol: "TCP", port: 81,
                    defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: "web")), &c)
        }
        w.f.expectFailure(.validationError, "fixed-response needs 2XX, 4XX or 5XX") { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "front", protocol: "HTTP", port: 81,
                    defaultAction: LoadBalancerActionInput(type: "fixed-response", statusCode: "302")), &c)
        }
        try w.balancer("second")
        w.f.expectFailure(.targetGroupAssociationLimit) { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "second", protocol: "HTTP", port: 80,
                    defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: "web")), &c)
        }
        w.f.expectFailure(.resourceInUse) { s, c throws(NetctlError) in
            try s.deleteTargetGroup(ElbTargetGroupDelete(targetGroup: "web"), &c)
        }
        var quotas = Quotas()
        quotas[.listenersPerLoadBalancer] = 1
        w.f.context.quotas = quotas
        w.f.expectFailure(.tooManyListeners) { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "front", protocol: "HTTP", port: 8080,
                    defaultAction: LoadBalancerActionInput(type: "fixed-response", statusCode: "200")), &c)
        }
        w.f.context.quotas = Quotas()
        try w.f.run { s, c throws(NetctlError) in try s.deleteListener(ElbListenerDelete(listener: listener.listenerArn), &c) }
        #expect(try w.f.state.targetGroup("web", in: testScope).loadBalancerArns.isEmpty)
        try w.f.run { s, c throws(NetctlError) in try s.deleteTargetGroup(ElbTargetGroupDelete(targetGroup: "web"), &c) }
        #expect(w.f.state.targetGroups.named("web", in: testScope).isEmpty)
    }

    @Test("rules: priorities 1–50000 unique per listener, path-pattern and host-header within AWS's limits")
    func rules() throws {
        var w = try LoadBalancingWorld()
        try w.balancer()
        try w.group()
        let listener = try w.listener().listenerArn
        let fixed = LoadBalancerActionInput(type: "fixed-response", statusCode: "404")
        let rule = try w.rule(listener, 5, [RuleCondition(field: "path-pattern", values: ["/api/*"])], fixed)
        #expect(rule.ruleArn.contains(":listener-rule/app/front/"))
        let taken = w.f.expectFailure(.priorityInUse) { s, c throws(NetctlError) in
            try s.createRule(
                ElbRuleCreate(
                    listener: listener, priority: 5, conditions: [RuleCondition(field: "host-header", values: ["a.example.com"])],
                    action: fixed), &c)
        }
        #expect(taken?.message.contains(rule.ruleArn) == true)
        let badConditions: [[RuleCondition]] = [
            [],
            [RuleCondition(field: "http-header", values: ["x"])],
            [RuleCondition(field: "path-pattern", values: ["/a"]), RuleCondition(field: "path-pattern", values: ["/b"])],
            [RuleCondition(field: "path-pattern", values: ["/a", "/b", "/c", "/d"])],
            [RuleCondition(field: "path-pattern", values: ["/a", "/b", "/c"]),
             RuleCondition(field: "host-header", values: ["a.example.com", "b.example.com", "c.example.com"])],
            [RuleCondition(field: "path-pattern", values: ["/*/*/*", "/*/*/*"])],
            [RuleCondition(field: "path-pattern", values: ["/" + String(repeating: "a", count: 128)])],
            [RuleCondition(field: "path-pattern", values: ["/a b"])],
            [RuleCondition(field: "host-header", values: ["a_b.example.com"])],
        ]
        for conditions in badConditions {
            w.f.expectFailure(.validationError, "\(conditions)") { s, c throws(NetctlError) in
                try s.createRule(ElbRuleCreate(listener: listener, priority: 6, conditions: conditions, action: fixed), &c)
            }
        }
        for priority in [0, 50001] {
            w.f.expectFailure(.validationError) { s, c throws(NetctlError) in
                try s.createRule(
                    ElbRuleCreate(
                        listener: listener, priority: priority,
                        conditions: [RuleCondition(field: "path-pattern", values: ["/x"])], action: fixed), &c)
            }
        }
        var quotas = Quotas()
        quotas[.rulesPerApplicationLoadBalancer] = 1
        w.f.context.quotas = quotas
        w.f.expectFailure(.tooManyRules) { s, c throws(NetctlError) in
            try s.createRule(
                ElbRuleCreate(
                    listener: listener, priority: 7, conditions: [RuleCondition(field: "path-pattern", values: ["/x"])],
                    action: fixed), &c)
        }
        w.f.context.quotas = Quotas()
        try w.f.run { s, c throws(NetctlError) in try s.deleteRule(ElbRuleDelete(rule: rule.ruleArn), &c) }
        #expect(try w.f.state.listRules(ElbRuleList(listener: listener), w.f.query()).rules.isEmpty)
    }

    @Test("wildcards: * any run, ? one character; paths are case-sensitive and hosts are not")
    func matching() {
        #expect(RuleConditions.wildcard("/api/*", matches: "/api/users"))
        #expect(!RuleConditions.wildcard("/api/*", matches: "/API/users"))
        #expect(RuleConditions.wildcard("/img/??.png", matches: "/img/ab.png"))
        #expect(!RuleConditions.wildcard("/img/??.png", matches: "/img/abc.png"))
        #expect(RuleConditions.matches(
            [RuleCondition(field: "host-header", values: ["*.Example.com"])], path: "/", host: "API.example.COM:8080"))
        #expect(RuleConditions.matches(
            [RuleCondition(field: "path-pattern", values: ["/a"])], path: "/a?x=1", host: nil))
        #expect(!RuleConditions.matches(
            [RuleCondition(field: "path-pattern", values: ["/a"]), RuleCondition(field: "host-header", values: ["x.com"])],
            path: "/a", host: "y.com"))
    }
}
