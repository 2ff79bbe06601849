import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// An ECS service behind an ALB through the real socket and the CLI, on the manual clock.
@Suite("ECS services behind ELBv2 target groups, through the socket")
struct EcsLoadBalancerSocketTests {
    @Test(
        "the CLI's --load-balancer registers RUNNING tasks, they turn healthy and take requests; a stopped task drains; a task that fails its checks is replaced; the service survives a restart"
    )
    func serviceBehindAlb() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "shop"))
        _ = try await client.send(
            SubnetCreate(vpc: "shop", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        _ = try await client.send(
            SubnetCreate(vpc: "shop", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        try await TaskEgress.natGateway(client, vpc: "shop", publicCidr: "10.0.100.0/24")
        _ = try await client.send(EcsClusterCreate(name: "shop"))
        _ = try await client.send(
            EcsTaskDefinitionRegister(
                family: "web",
                containerDefinitions: [
                    ContainerDefinition(
                        name: "web", image: "nginx:1.27", portMappings: [PortMapping(containerPort: 80)])
                ],
                networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"), memory: .string("512")
            ))
        _ = try await client.send(ElbLoadBalancerCreate(name: "front", scheme: "internal", subnets: ["a", "b"]))
        let group = try await client.send(
            ElbTargetGroupCreate(
                name: "web", protocol: "HTTP", port: 80, vpc: "shop", targetType: "ip", deregistrationDelaySeconds: 20))
        _ = try await client.send(
            ElbListenerCreate(
                loadBalancer: "front", protocol: "HTTP", port: 80,
                defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: "web")))

        // A port the task definition does not map is refused with ECS's message, through the CLI.
        let wrongPort = try runCLI(
            [
                "ecs", "service", "create", "web", "--cluster", "shop", "--task-definition", "web", "--desired-count",
                "2",
                "--subnet", "a", "--subnet", "b", "--load-balancer", "web:web:8080",
            ], socket: daemon.socketPath)
        #expect(wrongPort.status == 1 && wrongPort.stderr.contains("did not have a container port 8080"))
        let created = try runCLI(
            [
                "ecs", "service", "create", "web", "--cluster", "shop", "--task-definition", "web", "--desired-count",
                "2",
                "--subnet", "a", "--subnet", "b", "--load-balancer", "\(group.targetGroupArn):web:80",
                "--health-check-grace-period", "60", "--output", "json",
            ], socket: daemon.socketPath)
        #expect(created.status == 0, "\(created.stderr)")
        let service = try NetctlJSON.decoder.decode(EcsService.self, from: Data(created.stdout.utf8))
        #expect(
            service.loadBalancers == [
                EcsLoadBalancer(targetGroupArn: group.targetGroupArn, containerName: "web", containerPort: 80)
            ])
        #expect(service.healthCheckGracePeriodSeconds == 60)

        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let tasks = try await client.send(EcsTaskList(cluster: "shop", service: "web")).tasks
        #expect(tasks.count == 2 && tasks.allSatisfy { $0.lastStatus == "RUNNING" })
        var health = try await client.send(ElbTargetsHealth(targetGroup: "web")).targets
        #expect(
            Set(health.map(\.id)) == Set(tasks.compactMap(\.privateIpAddress)) && health.allSatisfy { $0.port == 80 })
        _ = try await client.send(DebugClockAdvance(seconds: 31))
        health = try await client.send(ElbTargetsHealth(targetGroup: "web")).targets
        #expect(health.count == 2 && health.allSatisfy { $0.state == "healthy" }, "\(health)")
        let routed = try await client.send(ElbRoute(loadBalancer: "front"))
        #expect(tasks.compactMap(\.privateIpAddress).contains(routed.target?.id ?? ""))
        let shown = try runCLI(["ecs", "service", "get", "web", "--cluster", "shop"], socket: daemon.socketPath).stdout
        #expect(shown.contains("registered 1 targets in (target-group \(group.targetGroupArn))"), "\(shown)")
        #expect(shown.contains("deployment completed") || shown.contains("steady state"), "\(shown)")

        // Stopping a task drains its target; the replacement registers once RUNNING.
        let victim = tasks[0]
        _ = try await client.send(EcsTaskStop(cluster: "shop", task: victim.taskArn))
        health = try await client.send(ElbTargetsHealth(targetGroup: "web")).targets
        #expect(health.first { $0.id == victim.privateIpAddress }?.state == "draining")
        #expect(try await client.send(EcsTaskGet(cluster: "shop", task: victim.taskArn)).lastStatus == "DEACTIVATING")
        _ = try await client.send(DebugClockAdvance(seconds: 30))
        health = try await client.send(ElbTargetsHealth(targetGroup: "web")).targets
        #expect(!health.contains { $0.id == victim.privateIpAddress })
        #expect(health.count == 2, "the replacement registered: \(health)")

        // One task fails its checks: after the grace period it is stopped, replaced, and says why.
        let failing = try #require(health.first { $0.state == "healthy" })
        _ = try await client.send(
            ElbTargetsSetFailure(targetGroup: "web", target: TargetInput(id: failing.id, port: 80), failing: true))
        _ = try await client.send(DebugClockAdvance(seconds: 120))
        let stopped = try await client.send(EcsTaskList(cluster: "shop", service: "web", desiredStatus: "STOPPED"))
            .tasks
        #expect(
            stopped.contains {
                $0.privateIpAddress == failing.id
                    && $0.stoppedReason == "Task failed ELB health checks in (target-group \(group.targetGroupArn))"
            }, "\(stopped.map { ($0.privateIpAddress, $0.stoppedReason) })")
        let running = try await client.send(EcsTaskList(cluster: "shop", service: "web")).tasks
        #expect(running.count == 2)

        await daemon.terminate()
        try await daemon.start()
        let restored = try await daemon.client.send(EcsServiceGet(cluster: "shop", service: "web"))
        #expect(restored.loadBalancers?.first?.targetGroupArn == group.targetGroupArn)
        #expect(restored.healthCheckGracePeriodSeconds == 60)
        await daemon.terminate()
    }
}
