import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// EcsWorld plus an application load balancer on subnets a and b, an `ip` target group `web` on
/// port 80 with a listener forwarding to it, and a task definition `site` whose container `app`
/// maps port 80. Tasks use the `task` group, which admits the balancer's `alb` group on 80.
struct EcsLoadBalancerWorld {
    var e: EcsWorld
    var alb: SecurityGroup
    var task: SecurityGroup
    var group: TargetGroup

    init() throws {
        e = try EcsWorld()
        let vpc = try #require(e.f.state.vpcs.named("app", in: testScope).first)
        alb = try e.f.securityGroup(vpc.vpcId, "alb")
        task = try e.f.securityGroup(vpc.vpcId, "task")
        let albId = alb.groupId
        try e.f.authorize(
            task.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 80, toPort: 80, referencedGroupId: albId)])
        try e.f.run { s, c throws(NetctlError) in
            try s.createLoadBalancer(
                ElbLoadBalancerCreate(name: "front", subnets: ["a", "b"], securityGroups: [albId]), &c)
        }
        group = try e.f.run { s, c throws(NetctlError) in
            try s.createTargetGroup(
                ElbTargetGroupCreate(
                    name: "web", protocol: "HTTP", port: 80, vpc: "app", targetType: "ip",
                    deregistrationDelaySeconds: 60),
                &c)
        }
        try e.f.run { s, c throws(NetctlError) in
            try s.createListener(
                ElbListenerCreate(
                    loadBalancer: "front", protocol: "HTTP", port: 80,
                    defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: "web")), &c)
        }
        try site("site", image: "nginx")
    }

    @discardableResult
    mutating func site(_ family: String, image: String, port: Int = 80) throws(NetctlError) -> TaskDefinition {
        try e.f.run { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: family,
                    containerDefinitions: [
                        ContainerDefinition(name: "app", image: image, portMappings: [PortMapping(containerPort: port)])
                    ],
                    networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"),
                    memory: .string("512"), executionRoleArn: "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"),
                &c)
        }
    }

    func createRequest(
        _ name: String = "site", desired: Int = 2, loadBalancers: [EcsLoadBalancer]? = nil, grace: Int? = nil,
        breaker: DeploymentCircuitBreaker? = nil, taskDefinition: String = "site"
    ) -> EcsServiceCreate {
        EcsServiceCreate(
            cluster: "main", name: name, taskDefinition: taskDefinition, desiredCount: desired, subnets: ["a", "b"],
            deploymentConfiguration: breaker.map { DeploymentConfiguration(deploymentCircuitBreaker: $0) },
            securityGroups: [task.groupId],
            loadBalancers: loadBalancers
                ?? [EcsLoadBalancer(targetGroupArn: "web", containerName: "app", containerPort: 80)],
            healthCheckGracePeriodSeconds: grace)
    }

    @discardableResult
    mutating func service(_ request: EcsServiceCreate) throws(NetctlError) -> EcsService {
        try e.f.run { s, c throws(NetctlError) in try s.createEcsService(request, &c) }
    }

    /// Creates the service and lets its tasks reach RUNNING and pass a first health check.
    mutating func serving(_ request: EcsServiceCreate) throws(NetctlError) {
        try service(request)
        try e.advance(15)
        try e.advance(31)
    }

    func targets() throws -> [String: TargetHealthReport] {
        let reports = try e.f.state.targetsHealth(ElbTargetsHealth(targetGroup: "web"), e.f.query()).targets
        return Dictionary(uniqueKeysWithValues: reports.map { ($0.id, $0) })
    }

    func tasks(_ name: String = "site") -> [EcsTask] {
        e.f.state.ecsTasks.children(of: EcsTask.serviceKey(EcsArn.cluster("main", testScope), name))
    }
}

@Suite("ECS services behind ELBv2 target groups")
struct EcsLoadBalancerTests {
    @Test(
        "create keeps loadBalancers with the group's ARN and a default grace period of 0; update changes the grace period"
    )
    func createsAndUpdates() throws {
        var w = try EcsLoadBalancerWorld()
        let service = try w.service(w.createRequest())
        #expect(
            service.loadBalancers
                == [EcsLoadBalancer(targetGroupArn: w.group.targetGroupArn, containerName: "app", containerPort: 80)])
        #expect(service.healthCheckGracePeriodSeconds == 0)
        let updated = try w.e.f.run { s, c throws(NetctlError) in
            try s.updateEcsService(
                EcsServiceUpdate(cluster: "main", service: "site", healthCheckGracePeriodSeconds: 120), &c)
        }
        #expect(updated.healthCheckGracePeriodSeconds == 120)
        #expect(updated.deployments.count == 1, "a grace period alone starts no deployment")
        let plain = try w.service(w.createRequest("plain", loadBalancers: []))
        #expect(plain.loadBalancers == nil && plain.healthCheckGracePeriodSeconds == nil)
    }

    @Test(
        "validation: unknown group, instance target type, group without a load balancer, other VPC, unknown container or port, more than 5, grace period without load balancers or out of range"
    )
    func validates() throws {
        var w = try EcsLoadBalancerWorld()
        func entry(_ group: String = "web", container: String = "app", port: Int = 80) -> [EcsLoadBalancer] {
            [EcsLoadBalancer(targetGroupArn: group, containerName: container, containerPort: port)]
        }
        try w.e.f.run { s, c throws(NetctlError) in
            _ = try s.createTargetGroup(
                ElbTargetGroupCreate(name: "inst", protocol: "HTTP", port: 80, vpc: "app", targetType: "instance"), &c)
            _ = try s.createTargetGroup(
                ElbTargetGroupCreate(name: "idle", protocol: "HTTP", port: 80, vpc: "app", targetType: "ip"), &c)
        }
        let other = try w.e.f.vpc("10.1.0.0/16", name: "other")
        _ = other
        try w.e.f.run { s, c throws(NetctlError) in
            _ = try s.createTargetGroup(
                ElbTargetGroupCreate(name: "far", protocol: "HTTP", port: 80, vpc: "other", targetType: "ip"), &c)
        }
        let cases: [(EcsServiceCreate, String)] = [
            (w.createRequest(loadBalancers: entry("nope")), "not a target group"),
            (w.createRequest(loadBalancers: entry("inst")), "target type instance"),
            (w.createRequest(loadBalancers: entry("idle")), "does not have an associated load balancer"),
            (w.createRequest(loadBalancers: entry("far")), "own VPC"),
            (w.createRequest(loadBalancers: entry(container: "db")), "The container db does not exist"),
            (w.createRequest(loadBalancers: entry(port: 8080)), "did not have a container port 8080"),
            (w.createRequest(loadBalancers: Array(repeating: entry()[0], count: 6)), "at most 5"),
            (w.createRequest(loadBalancers: entry() + entry()), "more than once"),
            (w.createRequest(loadBalancers: [], grace: 30), "only valid for services configured to use load balancers"),
            (w.createRequest(grace: -1), "healthCheckGracePeriodSeconds must be 0 to 2147483647"),
        ]
        for (request, message) in cases {
            let error = w.e.f.expectFailure(.invalidParameterException, "\(message)") { s, c throws(NetctlError) in
                try s.createEcsService(request, &c)
            }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error") lacks \(message)")
        }
        #expect(w.e.f.state.ecsServices.all.isEmpty)
        // An update to a definition without the mapped port is refused as well.
        try w.service(w.createRequest())
        try w.site("site", image: "nginx", port: 8080)
        let error = w.e.f.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.updateEcsService(EcsServiceUpdate(cluster: "main", service: "site", taskDefinition: "site"), &c)
        }
        #expect(error?.message.contains("container port 80") == true)
    }

    @Test(
        "a task registers its address and container port when RUNNING, becomes healthy, and the deployment completes only then"
    )
    func registersWhenRunning() throws {
        var w = try EcsLoadBalancerWorld()
        try w.service(w.createRequest())
        try w.e.advance(5)
        #expect(try w.targets().isEmpty, "not yet RUNNING: nothing registered")
        try w.e.advance(10)
        let running = w.tasks().filter { $0.lastStatus == TaskStatus.running }
        #expect(running.count == 2)
        let targets = try w.targets()
        #expect(Set(targets.keys) == Set(running.compactMap(\.privateIpAddress)))
        #expect(targets.values.allSatisfy { $0.port == 80 && $0.state == TargetHealth.initial })
        var view = w.e.view("site")
        #expect(view.deployments.first?.rolloutState == "IN_PROGRESS", "running is not enough behind a load balancer")
        #expect(
            view.events.contains {
                $0.message.contains("registered 1 targets in (target-group \(w.group.targetGroupArn))")
            })
        try w.e.advance(31)
        #expect(try w.targets().values.allSatisfy { $0.state == TargetHealth.healthy })
        view = w.e.view("site")
        #expect(view.deployments.first?.rolloutState == "COMPLETED")
        #expect(view.events.first?.message.contains("steady state") == true)
    }

    @Test("a stopped task's target drains for the deregistration delay while the task stays DEACTIVATING, then leaves")
    func drainsOnStop() throws {
        var w = try EcsLoadBalancerWorld()
        try w.serving(w.createRequest(desired: 1))
        let victim = try #require(w.tasks().first { $0.lastStatus == TaskStatus.running })
        let address = try #require(victim.privateIpAddress)
        try w.e.f.run { s, c throws(NetctlError) in
            try s.stopEcsTask(EcsTaskStop(cluster: "main", task: victim.taskArn), &c)
        }
        #expect(try w.targets()[address]?.state == TargetHealth.draining)
        #expect(w.e.f.state.ecsTasks[victim.taskArn]?.lastStatus == TaskStatus.deactivating)
        #expect(w.e.view("site").events.contains { $0.message.contains("deregistered 1 targets") })
        try w.e.advance(30)
        #expect(w.e.f.state.ecsTasks[victim.taskArn]?.lastStatus == TaskStatus.deactivating)
        try w.e.advance(31)
        #expect(try w.targets()[address] == nil)
        #expect(w.e.f.state.ecsTasks[victim.taskArn]?.lastStatus != TaskStatus.deactivating)
        try w.e.advance(10)
        #expect(w.e.f.state.ecsTasks[victim.taskArn]?.lastStatus == TaskStatus.stopped)
    }

    @Test("a task that fails its health checks is stopped and replaced only after the grace period")
    func replacesUnhealthyAfterGrace() throws {
        var w = try EcsLoadBalancerWorld()
        // The balancer's group no longer reaches the tasks: every health check times out.
        try w.e.f.revoke(
            w.task.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 80, toPort: 80, referencedGroupId: w.alb.groupId)])
        try w.service(w.createRequest(desired: 1, grace: 300))
        try w.e.advance(15)
        let first = try #require(w.tasks().first { $0.lastStatus == TaskStatus.running })
        for _ in 0..<8 { try w.e.advance(30) }  // 240 s: unhealthy, still inside the grace period
        #expect(try w.targets()[first.privateIpAddress ?? ""]?.state == TargetHealth.unhealthy)
        #expect(w.e.f.state.ecsTasks[first.taskArn]?.desiredStatus == TaskStatus.running)
        for _ in 0..<3 { try w.e.advance(30) }
        let stopped = try #require(w.e.f.state.ecsTasks[first.taskArn])
        #expect(stopped.desiredStatus == TaskStatus.stopped)
        #expect(stopped.stoppedReason == "Task failed ELB health checks in (target-group \(w.group.targetGroupArn))")
        #expect(w.tasks().contains { $0.taskArn != first.taskArn && $0.isActive }, "a replacement started")
        #expect(w.e.view("site").events.contains { $0.message.contains("is unhealthy in (target-group") })
        #expect(w.e.view("site").deployments.first?.failedTasks == 1)
    }

    @Test("a deployment stops old tasks only as new ones become healthy (minimumHealthyPercent 100)")
    func deploymentCountsHealthyTasks() throws {
        var w = try EcsLoadBalancerWorld()
        try w.serving(w.createRequest(desired: 2))
        let old = Set(w.tasks().filter(\.isActive).map(\.taskArn))
        #expect(old.count == 2)
        try w.site("site", image: "nginx:1.27")
        try w.e.f.run { s, c throws(NetctlError) in
            try s.updateEcsService(EcsServiceUpdate(cluster: "main", service: "site", taskDefinition: "site"), &c)
        }
        try w.e.advance(15)
        // New tasks run but are not yet healthy: every old task keeps serving.
        let newRunning = w.tasks().filter { !old.contains($0.taskArn) && $0.lastStatus == TaskStatus.running }
        #expect(newRunning.count == 2)
        #expect(old.allSatisfy { w.e.f.state.ecsTasks[$0]?.desiredStatus == TaskStatus.running })
        try w.e.advance(31)
        #expect(old.allSatisfy { w.e.f.state.ecsTasks[$0]?.desiredStatus == TaskStatus.stopped })
        try w.e.advance(120)
        #expect(w.e.view("site").deployments.map(\.rolloutState) == ["COMPLETED"])
    }

    @Test(
        "the circuit breaker counts tasks stopped for failed health checks and rolls back to the last completed definition"
    )
    func circuitBreakerRollsBack() throws {
        var w = try EcsLoadBalancerWorld()
        try w.serving(w.createRequest(desired: 1, breaker: DeploymentCircuitBreaker(enable: true, rollback: true)))
        let good = try #require(w.e.f.state.ecsServices.all.first?.taskDefinition)
        #expect(w.e.view("site").deployments.first?.rolloutState == "COMPLETED")
        try w.site("site", image: "nginx:broken")
        try w.e.f.run { s, c throws(NetctlError) in
            try s.updateEcsService(EcsServiceUpdate(cluster: "main", service: "site", taskDefinition: "site"), &c)
        }
        let broken = try #require(w.e.f.state.ecsServices.all.first?.taskDefinition)
        #expect(broken != good)
        // Every new task fails its checks from its first one (failure set the moment it registers, in
        // steps shorter than the interval); the old one keeps serving meanwhile.
        var rolledBack = false
        for _ in 0..<1500 {
            let registered = (try? w.targets()) ?? [:]
            let newTasks = w.tasks().filter {
                $0.taskDefinitionArn == broken && $0.lastStatus == TaskStatus.running
                    && $0.desiredStatus == TaskStatus.running
                    && registered[$0.privateIpAddress ?? ""]?.state == TargetHealth.initial
            }
            for task in newTasks {
                try w.e.f.run { s, c throws(NetctlError) in
                    _ = try? s.setTargetFailure(
                        ElbTargetsSetFailure(
                            targetGroup: "web", target: TargetInput(id: task.privateIpAddress ?? "", port: 80),
                            failing: true), &c)
                }
            }
            try w.e.advance(1)
            #expect(w.e.view("site").deployments.first?.rolloutState != "COMPLETED")
            if w.e.view("site").deployments.first?.taskDefinition == good { rolledBack = true; break }
        }
        let targetsNow = (try? w.targets()) ?? [:]
        #expect(
            rolledBack,
            "\(w.e.view("site").deployments) \(w.e.view("site").events.prefix(12).map(\.message)) \(targetsNow)")
        let view = w.e.view("site")
        #expect(view.events.contains { $0.message.contains("deployment failed") })
        #expect(view.events.contains { $0.message.contains("rolling back to \(good)") })
        #expect(
            w.tasks().filter { $0.taskDefinitionArn == broken }.contains {
                $0.stoppedReason?.hasPrefix("Task failed ELB health checks") == true
            })
    }
}
