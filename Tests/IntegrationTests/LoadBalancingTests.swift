import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("Elastic Load Balancing v2 through the socket and the CLI")
struct LoadBalancingTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("an ALB in front of two instances: health on the clock, a security group that breaks the check, draining, routing, the logs and a restart")
    func frontOfTwoInstances() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
        _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        _ = try await client.send(GatewayCreate(vpc: "app"))
        let alb = try await client.send(SecurityGroupCreate(vpc: "app", name: "alb"))
        let web = try await client.send(SecurityGroupCreate(vpc: "app", name: "web"))
        let admit = SecurityGroupPermission(protocol: "tcp", fromPort: 8080, toPort: 8080, referencedGroupId: alb.groupId)
        _ = try await client.send(SecurityGroupAuthorizeIngress(group: web.groupId, rules: [admit]))
        let w1 = try #require(try await client.send(InstanceRun(subnet: "a", securityGroups: [web.groupId])).instances.first)
        let w2 = try #require(try await client.send(InstanceRun(subnet: "b", securityGroups: [web.groupId])).instances.first)
        _ = try await client.send(DebugClockAdvance(seconds: 10))

        let created = try ok(
            ["elb", "load-balancer", "create", "front", "--subnet", "a", "--subnet", "b", "--security-group", "alb"], daemon)
        #expect(created.contains("provisioning") && created.contains(".us-east-1.elb.amazonaws.com"))
        _ = try ok(["elb", "target-group", "create", "web", "--protocol", "HTTP", "--port", "8080", "--vpc", "app"], daemon)
        _ = try ok(["elb", "listener", "create", "front", "--protocol", "HTTP", "--port", "80", "--forward", "web"], daemon)
        _ = try ok(["elb", "targets", "register", "web", w1.instanceId, w2.instanceId], daemon)
        let duplicate = try runCLI(
            ["elb", "listener", "create", "front", "--protocol", "HTTP", "--port", "80", "--fixed-response", "503"],
            socket: daemon.socketPath)
        #expect(duplicate.status == 1 && duplicate.stderr.contains("DuplicateListener"))
        _ = try ok(["elb", "rule", "create", "front:80", "--priority", "10", "--path", "/admin*", "--fixed-response", "403"], daemon)
        let taken = try runCLI(
            ["elb", "rule", "create", "front:80", "--priority", "10", "--host", "x.example.com", "--fixed-response", "404"],
            socket: daemon.socketPath)
        #expect(taken.status == 1 && taken.stderr.contains("PriorityInUse"))

        _ = try await client.send(DebugClockAdvance(seconds: 31))
        let healthy = try await client.send(ElbTargetsHealth(targetGroup: "web"))
        #expect(healthy.targets.count == 2 && healthy.targets.allSatisfy { $0.state == "healthy" }, "\(healthy)")
        let first = try await client.send(ElbRoute(loadBalancer: "front"))
        let second = try await client.send(ElbRoute(loadBalancer: "front"))
        #expect(Set([first.target?.id, second.target?.id]) == Set([w1.instanceId, w2.instanceId]))
        #expect(try ok(["elb", "route", "front", "--path", "/admin/x"], daemon).contains("403"))

        // The web group stops admitting the load balancer: after two failed checks, unhealthy with the group named.
        _ = try await client.send(SecurityGroupRevokeIngress(group: web.groupId, rules: [admit]))
        // The change itself has the nodes check again, before the interval is up: one failure, below
        // the unhealthy threshold.
        // The run of failures is the checker's own bookkeeping, not on the wire: read it from the state file.
        let failedOnce = "SELECT count(*) FROM health_check_progress, json_each(body, '$.targets') "
            + "WHERE json_extract(json_each.value, '$.consecutive') = -1"
        var counted = ""
        for _ in 0..<50 {
            counted = try runProcess(
                "/usr/bin/env", ["sqlite3", daemon.databasePath, failedOnce],
                environment: ProcessInfo.processInfo.environment
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if counted == "2" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(counted == "2", "both targets failed one recheck")
        let rechecked = try await client.send(ElbTargetGroupGet(targetGroup: "web")).targets
        #expect(rechecked.allSatisfy { $0.state == "healthy" }, "\(rechecked)")
        let wire = try ok(["elb", "target-group", "get", "web", "--output", "json"], daemon)
        #expect(!wire.contains("consecutive") && !wire.contains("nextHealthCheckAt"), "bookkeeping stays off the wire")
        _ = try await client.send(DebugClockAdvance(seconds: 30))
        let shown = try ok(["elb", "targets", "health", "web"], daemon)
        #expect(shown.contains("unhealthy") && shown.contains("Target.Timeout") && shown.contains(web.groupId), "\(shown)")
        _ = try await client.send(SecurityGroupAuthorizeIngress(group: web.groupId, rules: [admit]))
        _ = try await client.send(DebugClockAdvance(seconds: 150))
        #expect(try await client.send(ElbTargetsHealth(targetGroup: "web")).targets.allSatisfy { $0.state == "healthy" })

        // Draining: the deregistered target takes no new requests, then leaves after 300 s.
        _ = try ok(["elb", "targets", "deregister", "web", w1.instanceId], daemon)
        #expect(try ok(["elb", "targets", "health", "web"], daemon).contains("draining"))
        for _ in 0..<3 { #expect(try await client.send(ElbRoute(loadBalancer: "front")).target?.id == w2.instanceId) }
        _ = try await client.send(DebugClockAdvance(seconds: 301))
        #expect(try await client.send(ElbTargetsHealth(targetGroup: "web")).targets.map(\.id) == [w2.instanceId])

        let inUse = try runCLI(["elb", "target-group", "delete", "web"], socket: daemon.socketPath)
        #expect(inUse.status == 1 && inUse.stderr.contains("ResourceInUse"))
        let json = try ok(["--output", "json", "elb", "load-balancer", "list"], daemon)
        #expect(json.contains("\"loadBalancers\"") && json.contains("\"active\""))

        // The watcher logs ELB changes under /netctl/elb, one stream per ARN.
        let balancer = try await client.send(ElbLoadBalancerGet(loadBalancer: "front"))
        var streams: [String] = []
        for _ in 0..<50 {
            streams = try await client.send(LogsStreams(group: "/netctl/elb")).logStreams.map(\.logStreamName)
            if streams.contains(balancer.loadBalancerArn) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(streams.contains(balancer.loadBalancerArn))

        // Everything survives a restart.
        let group = try await client.send(ElbTargetGroupGet(targetGroup: "web"))
        #expect(await daemon.terminate() == 0)
        try await daemon.start()
        #expect(try await daemon.client.send(ElbLoadBalancerGet(loadBalancer: "front")) == balancer)
        #expect(try await daemon.client.send(ElbTargetGroupGet(targetGroup: "web")) == group)
        #expect(try await daemon.client.send(ElbRuleList(listener: "front:80")).rules.map(\.priority) == [10])

        _ = try ok(["elb", "load-balancer", "delete", "front"], daemon)
        _ = try ok(["elb", "target-group", "delete", "web"], daemon)
        #expect(try await daemon.client.send(ElbLoadBalancerList()).loadBalancers.isEmpty)
        #expect(await daemon.terminate() == 0)
    }
}
