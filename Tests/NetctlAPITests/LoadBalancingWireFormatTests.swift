import Foundation
import NetctlAPI
import Testing

/// Golden JSON of ELBv2 load balancers, target health, listeners, rules and routes, and the params
/// of the elb.* methods as API.md names them.
@Suite("Wire format of Elastic Load Balancing v2 (golden JSON)")
struct LoadBalancingWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    static let time = Date(timeIntervalSince1970: 1_764_091_474.123)

    @Test("a load balancer with its nodes, as elb.loadBalancer.get answers it")
    func loadBalancer() throws {
        let balancer = LoadBalancer(
            loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/front/0123456789abcdef",
            loadBalancerName: "front", accountId: "000000000000", region: "us-east-1",
            dnsName: "front-1234567890.us-east-1.elb.amazonaws.com", canonicalHostedZoneId: "Z35SXDOTRQ7X7K",
            state: "active", type: "application", scheme: "internet-facing", vpcId: "vpc-1", ipAddressType: "ipv4",
            availabilityZones: [
                LoadBalancerZone(
                    zoneName: "us-east-1a", subnetId: "subnet-1", networkInterfaceId: "eni-1", privateIpAddress: "10.0.1.4")
            ], securityGroups: ["sg-1"], createdAt: Self.time, stateChangedAt: Self.time)
        #expect(
            try json(balancer)
                == #"{"accountId":"000000000000","availabilityZones":[{"networkInterfaceId":"eni-1","privateIpAddress":"10.0.1.4","subnetId":"subnet-1","zoneName":"us-east-1a"}],"canonicalHostedZoneId":"Z35SXDOTRQ7X7K","createdAt":"2025-11-25T17:24:34.123Z","dnsName":"front-1234567890.us-east-1.elb.amazonaws.com","ipAddressType":"ipv4","loadBalancerArn":"arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/front/0123456789abcdef","loadBalancerName":"front","region":"us-east-1","scheme":"internet-facing","securityGroups":["sg-1"],"state":"active","stateChangedAt":"2025-11-25T17:24:34.123Z","type":"application","vpcId":"vpc-1"}"#
        )
        #expect(try NetctlJSON.decoder.decode(LoadBalancer.self, from: try NetctlJSON.encoder.encode(balancer)) == balancer)
    }

    @Test("target health as elb.targets.health answers it: reason and description only when not healthy")
    func health() throws {
        let response = ElbTargetsHealthResponse(targets: [
            TargetHealthReport(id: "10.0.1.20", port: 8080, availabilityZone: "us-east-1a", state: "healthy", reason: nil, description: nil),
            TargetHealthReport(
                id: "i-1", port: 80, availabilityZone: "us-east-1b", state: "unhealthy", reason: "Target.Timeout",
                description: "Request timed out"),
        ])
        #expect(
            try json(response)
                == #"{"targets":[{"availabilityZone":"us-east-1a","id":"10.0.1.20","port":8080,"state":"healthy"},{"availabilityZone":"us-east-1b","description":"Request timed out","id":"i-1","port":80,"reason":"Target.Timeout","state":"unhealthy"}]}"#
        )
    }

    @Test("a rule with its conditions and action, and a route answer")
    func ruleAndRoute() throws {
        let rule = ListenerRule(
            ruleArn: "arn:r", listenerArn: "arn:l", loadBalancerArn: "arn:lb", accountId: "000000000000",
            region: "us-east-1", priority: 10, conditions: [RuleCondition(field: "path-pattern", values: ["/api/*"])],
            action: LoadBalancerAction(type: "forward", targetGroupArn: "arn:tg"), createdAt: Self.time)
        #expect(
            try json(rule)
                == #"{"accountId":"000000000000","action":{"targetGroupArn":"arn:tg","type":"forward"},"conditions":[{"field":"path-pattern","values":["/api/*"]}],"createdAt":"2025-11-25T17:24:34.123Z","listenerArn":"arn:l","loadBalancerArn":"arn:lb","priority":10,"region":"us-east-1","ruleArn":"arn:r"}"#
        )
        let route = ElbRouteResult(
            listenerArn: "arn:l", ruleArn: "arn:r", actionType: "forward", targetGroupArn: "arn:tg",
            target: TargetInput(id: "10.0.1.20", port: 8080))
        #expect(
            try json(route)
                == #"{"actionType":"forward","listenerArn":"arn:l","ruleArn":"arn:r","target":{"id":"10.0.1.20","port":8080},"targetGroupArn":"arn:tg"}"#
        )
    }

    @Test("the elb.* params as scripts send them, with API.md's names")
    func params() throws {
        let create = try NetctlJSON.decoder.decode(
            ElbLoadBalancerCreate.self,
            from: Data(#"{"name":"front","type":"application","scheme":"internal","subnets":["a","b"],"securityGroups":["sg-1"]}"#.utf8))
        #expect(create.subnets == ["a", "b"] && create.scheme == "internal" && create.securityGroups == ["sg-1"])
        let group = try NetctlJSON.decoder.decode(
            ElbTargetGroupCreate.self,
            from: Data(
                #"{"name":"web","protocol":"HTTP","port":80,"vpc":"a","targetType":"ip","healthCheck":{"path":"/health","intervalSeconds":10,"matcher":"200-299"},"deregistrationDelaySeconds":30}"#
                    .utf8))
        #expect(group.healthCheck?.path == "/health" && group.healthCheck?.intervalSeconds == 10 && group.deregistrationDelaySeconds == 30)
        let listener = try NetctlJSON.decoder.decode(
            ElbListenerCreate.self,
            from: Data(#"{"loadBalancer":"front","protocol":"HTTP","port":80,"defaultAction":{"type":"forward","targetGroup":"web"}}"#.utf8))
        #expect(listener.defaultAction.targetGroup == "web")
        let route = try NetctlJSON.decoder.decode(
            ElbRoute.self, from: Data(#"{"loadBalancer":"front","port":80,"path":"/api","host":"x.com"}"#.utf8))
        #expect(route.port == 80 && route.host == "x.com")
        let failure = try NetctlJSON.decoder.decode(
            ElbTargetsSetFailure.self, from: Data(#"{"targetGroup":"web","target":{"id":"10.0.1.20"},"failing":true}"#.utf8))
        #expect(failure.failing && failure.target.port == nil)
        #expect(ElbTargetsSetFailure.method == "elb.targets.setFailure" && ElbRoute.method == "elb.route")
    }
}
