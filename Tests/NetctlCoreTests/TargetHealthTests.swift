import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Elastic Load Balancing v2: target health on the daemon clock, and routing")
struct TargetHealthTests {
    @Test("registered targets are unused without a load balancer, initial with one, healthy after a passing check")
    func becomesHealthy() throws {
        var w = try LoadBalancingWorld()
        try w.balancer()
        try w.group()
        let registered = try w.register("web", [w.w1.instanceId, w.w2.instanceId])
        #expect(registered.targets.allSatisfy { $0.state == "unused" && $0.reason == "Target.NotInUse" })
        try w.listener()
        #expect(try w.health().values.allSatisfy { $0.state == "initial" })
        try w.f.advance(31)
        let health = try w.health()
        #expect(health.values.allSatisfy { $0.state == "healthy" && $0.reason == nil }, "\(health)")
    }

    @Test("a security group that stops admitting the health-check port makes targets unhealthy (Target.Timeout) after the unhealthy threshold, naming the group; a fixed rule needs the healthy threshold")
    func securityGroupBlocks() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        try w.f.revoke(
            w.web.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 8080, toPort: 8080, referencedGroupId: w.alb.groupId)])
        try w.f.advance(30)
        #expect(try w.health()[w.w1.instanceId]?.state == "healthy", "one failure is below the threshold of 2")
        try w.f.advance(30)
        let blocked = try #require(try w.health()[w.w1.instanceId])
        #expect(blocked.state == "unhealthy" && blocked.reason == "Target.Timeout")
        #expect(blocked.description?.contains(w.web.groupId) == true, "\(blocked.description ?? "")")
        #expect(blocked.description?.contains(ReachExplanation.securityGroupDeniesIngress) == true)
        try w.f.authorize(
            w.web.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 8080, toPort: 8080, referencedGroupId: w.alb.groupId)])
        try w.f.advance(30 * 4)
        #expect(try w.health()[w.w1.instanceId]?.state == "unhealthy", "four passes are below the threshold of 5")
        try w.f.advance(30)
        #expect(try w.health()[w.w1.instanceId]?.state == "healthy")
    }

    @Test("a network ACL that denies everything in one zone's subnet fails the checks across it: every node checks every target (cross-zone), and the description names the ACL")
    func networkAclBlocks() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        let acl = try w.f.run { s, c throws(NetctlError) in try s.createNetworkAcl(NetworkAclCreate(vpc: "app"), &c) }
        try w.f.run { s, c throws(NetctlError) in
            try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: acl.networkAclId, subnet: "b"), &c)
        }
        try w.f.advance(61)
        let health = try w.health()
        for instance in [w.w1, w.w2] {
            let blocked = try #require(health[instance.instanceId])
            #expect(blocked.state == "unhealthy" && blocked.reason == "Target.Timeout")
            #expect(blocked.description?.contains(acl.networkAclId) == true, "\(blocked.description ?? "")")
        }
        // The subnet back on the default ACL: the checks pass again after the healthy threshold.
        let defaultAcl = try #require(w.f.state.networkAcls.all.first { $0.vpcId == w.vpc.vpcId && $0.isDefault })
        try w.f.run { s, c throws(NetctlError) in
            try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: defaultAcl.networkAclId, subnet: "b"), &c)
        }
        try w.f.advance(30 * 5)
        #expect(try w.health().values.allSatisfy { $0.state == "healthy" })
    }

    @Test("setFailure fails the checks with Target.ResponseCodeMismatch; clearing it brings the target back")
    func injectedFailure() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        try w.f.run { s, c throws(NetctlError) in
            try s.setTargetFailure(
                ElbTargetsSetFailure(targetGroup: "web", target: TargetInput(id: w.w2.instanceId), failing: true), &c)
        }
        try w.f.advance(60)
        let failed = try #require(try w.health()[w.w2.instanceId])
        #expect(failed.state == "unhealthy" && failed.reason == "Target.ResponseCodeMismatch")
        try w.f.run { s, c throws(NetctlError) in
            try s.setTargetFailure(
                ElbTargetsSetFailure(targetGroup: "web", target: TargetInput(id: w.w2.instanceId), failing: false), &c)
        }
        try w.f.advance(30 * 5)
        #expect(try w.health()[w.w2.instanceId]?.state == "healthy")
        w.f.expectFailure(.invalidTarget) { s, c throws(NetctlError) in
            try s.setTargetFailure(
                ElbTargetsSetFailure(targetGroup: "web", target: TargetInput(id: "i-0123456789abcdef0"), failing: true), &c)
        }
    }

    @Test("deregistered targets drain for the deregistration delay, then leave; a target outside the enabled zones is unused")
    func drainsAndUnused() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        try w.f.run { s, c throws(NetctlError) in
            try s.deregisterTargets(ElbTargetsDeregister(targetGroup: "web", targets: [TargetInput(id: w.w1.instanceId)]), &c)
        }
        let draining = try #require(try w.health()[w.w1.instanceId])
        #expect(draining.state == "draining" && draining.reason == "Target.DeregistrationInProgress")
        #expect(try w.route().target?.id == w.w2.instanceId, "a draining target takes no new requests")
        try w.f.advance(290)
        #expect(try w.health()[w.w1.instanceId]?.state == "draining")
        try w.f.advance(10)
        #expect(try w.health()[w.w1.instanceId] == nil)

        let w3 = try #require(try InstanceRulesTests.run(&w.f, InstanceRun(subnet: "c", securityGroups: [w.web.groupId])).first)
        try w.f.advance(10)
        try w.register("web", [w3.instanceId])
        try w.f.advance(30)
        let outside = try #require(try w.health()[w3.instanceId])
        #expect(outside.state == "unused" && outside.reason == "Target.NotInUse")
        #expect(outside.description?.contains("us-east-1c") == true)
        #expect(try w.f.state.targetsHealth(
            ElbTargetsHealth(targetGroup: "web", targets: [TargetInput(id: w.w1.instanceId)]), w.f.query()
        ).targets.first?.reason == "Target.NotRegistered")
    }

    @Test("route: listener by port, rules by priority on path and host, round robin over healthy targets, fail-open, and why not")
    func routes() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        let first = try w.route()
        let second = try w.route()
        #expect(Set([first.target?.id, second.target?.id]) == Set([w.w1.instanceId, w.w2.instanceId]))
        #expect(first.targetGroupArn == (try w.f.state.targetGroup("web", in: testScope).targetGroupArn))

        let listener = try #require(w.f.state.listeners.all.first).listenerArn
        try w.group("api", type: "ip")
        try w.rule(
            listener, 20, [RuleCondition(field: "path-pattern", values: ["/api/*"])],
            LoadBalancerActionInput(type: "forward", targetGroup: "api"))
        try w.rule(
            listener, 10,
            [RuleCondition(field: "path-pattern", values: ["/api/admin*"]),
             RuleCondition(field: "host-header", values: ["admin.example.com"])],
            LoadBalancerActionInput(type: "fixed-response", statusCode: "403", messageBody: "no"))
        let empty = try w.route(path: "/api/users")
        #expect(empty.ruleArn != nil && empty.target == nil)
        #expect(empty.explanation?.contains("no registered targets") == true)
        let admin = try w.route(path: "/api/admin/x", host: "Admin.Example.com")
        #expect(admin.actionType == "fixed-response" && admin.explanation?.contains("403") == true)
        #expect(try w.route(path: "/api/admin/x", host: "www.example.com").actionType == "forward")
        #expect(try w.route(port: 443).explanation?.contains("no listener on port 443") == true)

        // Every target unhealthy: the load balancer fails open.
        for instance in [w.w1, w.w2] {
            try w.f.run { s, c throws(NetctlError) in
                try s.setTargetFailure(
                    ElbTargetsSetFailure(targetGroup: "web", target: TargetInput(id: instance.instanceId), failing: true), &c)
            }
        }
        try w.f.advance(60)
        let open = try w.route()
        #expect(open.target != nil && open.explanation?.contains("fails open") == true)
    }

    @Test("a provisioning load balancer takes no traffic and runs no checks")
    func provisioning() throws {
        var w = try LoadBalancingWorld()
        try w.balancer()
        try w.group()
        try w.listener()
        try w.register("web", [w.w1.instanceId])
        #expect(try w.route().explanation?.contains("provisioning") == true)
        try w.f.advance(31)
        #expect(try w.health()[w.w1.instanceId]?.state == "healthy")
        #expect(w.f.state.nextDeadline() != nil)
    }
}

@Suite("Elastic Load Balancing v2: checks again when what they depend on changes")
struct TargetHealthRecheckTests {
    @Test("a recheck runs one check now in the given scopes only, and the next one an interval later")
    func rechecks() throws {
        var w = try LoadBalancingWorld()
        try w.serving()
        try w.f.revoke(
            w.web.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 8080, toPort: 8080, referencedGroupId: w.alb.groupId)])
        try w.f.run { s, c throws(NetctlError) in s.recheckTargetHealth(in: [otherAccountScope], &c) }
        let arn = try w.f.state.targetGroup("web", in: testScope).targetGroupArn
        #expect(w.f.state.healthCheckProgress[arn]?.targets.allSatisfy { $0.consecutive > 0 } == true)
        try w.f.run { s, c throws(NetctlError) in s.recheckTargetHealth(in: [testScope], &c) }
        let group = try w.f.state.targetGroup("web", in: testScope)
        let progress = try #require(w.f.state.healthCheckProgress[arn])
        #expect(group.targets.allSatisfy { $0.state == "healthy" })
        #expect(progress.targets.count == 2 && progress.targets.allSatisfy { $0.consecutive == -1 })
        #expect(progress.nextCheckAt == w.f.context.now.addingTimeInterval(30))
        try w.f.run { s, c throws(NetctlError) in s.recheckTargetHealth(in: [testScope], &c) }
        #expect(try w.health().values.allSatisfy { $0.state == "unhealthy" && $0.reason == "Target.Timeout" })
        #expect(State.healthCheckInputs == [.securityGroup, .networkAcl, .routeTable])
    }
}
