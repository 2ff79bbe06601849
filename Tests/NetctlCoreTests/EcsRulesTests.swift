import Foundation
import NetctlAPI
import PropertyBased
import Testing

@testable import NetctlCore

/// A VPC with two private subnets in two AZs, a cluster and a Fargate task definition. Its tasks pull
/// from Docker Hub as on AWS: the private subnets reach the internet through a NAT gateway in a public
/// subnet.
struct EcsWorld {
    var f = Fixture()

    init() throws {
        let vpc = try f.vpc("10.0.0.0/16", name: "app")
        try f.subnet("app", "10.0.1.0/24", zone: "us-east-1a", name: "a")
        try f.subnet("app", "10.0.2.0/24", zone: "us-east-1b", name: "b")
        try f.subnet("app", "10.0.9.0/24", zone: "us-east-1a", name: "public")
        let gateway = try f.internetGateway("app")
        try f.route(vpc.mainRouteTableId, "0.0.0.0/0", gateway: gateway.internetGatewayId)
        let nat = try f.natGateway("public")
        let egress = try f.routeTable("app", name: "private")
        try f.route(egress.routeTableId, "0.0.0.0/0", natGateway: nat.natGatewayId)
        try f.associate(egress.routeTableId, "a")
        try f.associate(egress.routeTableId, "b")
        try f.run { s, c throws(NetctlError) in try s.createEcsCluster(EcsClusterCreate(name: "main"), &c) }
        try register("web", image: "nginx")
    }

    @discardableResult
    mutating func register(_ family: String, image: String, fargate: Bool = true) throws(NetctlError) -> TaskDefinition
    {
        try f.run { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: family,
                    containerDefinitions: [ContainerDefinition(name: "app", image: image, memory: fargate ? nil : 512)],
                    networkMode: fargate ? "awsvpc" : "bridge", requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
                    cpu: fargate ? .string("256") : nil, memory: fargate ? .string("512") : nil,
                    executionRoleArn: "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"), &c)
        }
    }

    @discardableResult
    mutating func service(_ name: String, desired: Int, launchType: String = "FARGATE", taskDefinition: String = "web")
        throws(NetctlError) -> EcsService
    {
        try f.run { s, c throws(NetctlError) in
            try s.createEcsService(
                EcsServiceCreate(
                    cluster: "main", name: name, taskDefinition: taskDefinition, desiredCount: desired,
                    launchType: launchType,
                    subnets: launchType == "FARGATE" ? ["a", "b"] : nil), &c)
        }
    }

    /// Moves the clock and runs whatever fell due, as the daemon's scheduler does.
    mutating func advance(_ seconds: TimeInterval) throws(NetctlError) {
        f.context.now += seconds
        try f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
    }

    func view(_ name: String) -> EcsService {
        f.state.serviceView(f.state.ecsServices[EcsArn.service("main", name, testScope)]!)
    }

    func activeTasks(_ name: String) -> [EcsTask] {
        f.state.ecsTasks.children(of: EcsTask.serviceKey(EcsArn.cluster("main", testScope), name)).filter(\.isActive)
    }
}

@Suite("ECS rules")
struct EcsRulesTests {
    @Test("revisions count from 1 and are never reused, even after deregistration; family means the latest ACTIVE")
    func revisions() throws {
        var world = try EcsWorld()
        let second = try world.register("web", image: "nginx:2")
        #expect(second.revision == 2 && second.taskDefinitionArn.hasSuffix("task-definition/web:2"))
        try world.f.run { s, c throws(NetctlError) in
            try s.deregisterTaskDefinition(EcsTaskDefinitionDeregister(taskDefinition: "web:2"), &c)
        }
        #expect(try world.f.state.taskDefinition("web", in: testScope).revision == 1)
        #expect(try world.register("web", image: "nginx:3").revision == 3)
        #expect(
            try world.f.state.getTaskDefinition(
                EcsTaskDefinitionGet(taskDefinition: "web:2"),
                QueryContext(scope: testScope, now: testEpoch, quotas: Quotas())
            ).status == "INACTIVE")
    }

    @Test("Fargate needs awsvpc and one of its cpu/memory pairs; AWS's size notations are accepted")
    func fargateSizes() throws {
        #expect(try TaskSize.cpuUnits(.string("0.25 vCPU")) == 256)
        #expect(try TaskSize.memoryMiB(.string("2 GB")) == 2048)
        #expect(try TaskSize.cpuUnits(.int(1024)) == 1024)
        try TaskSize.validateFargate(cpu: 256, memory: 2048)
        try TaskSize.validateFargate(cpu: 16384, memory: 122_880)
        expectError(.clientException) { () throws(NetctlError) in try TaskSize.validateFargate(cpu: 256, memory: 4096) }
        expectError(.clientException) { () throws(NetctlError) in try TaskSize.validateFargate(cpu: 384, memory: 1024) }
        var world = try EcsWorld()
        world.f.expectFailure(.clientException) { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: "bad", containerDefinitions: [ContainerDefinition(name: "app", image: "x")],
                    networkMode: "bridge",
                    requiresCompatibilities: ["FARGATE"], cpu: .string("256"), memory: .string("512")), &c)
        }
        world.f.expectFailure(.clientException) { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: "bad", containerDefinitions: [ContainerDefinition(name: "app", image: "x")],
                    requiresCompatibilities: ["FARGATE"], cpu: .string("256"), memory: .string("4096")), &c)
        }
        world.f.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEcsCluster(EcsClusterCreate(name: "has space"), &c)
        }
    }

    @Test("a task walks PROVISIONING → PENDING → ACTIVATING → RUNNING with an ENI, and back to STOPPED releasing it")
    func lifecycle() throws {
        var world = try EcsWorld()
        let run = try world.f.run { s, c throws(NetctlError) in
            try s.runTasks(EcsTaskRun(cluster: "main", taskDefinition: "web", subnets: ["a"]), &c)
        }
        let task = try #require(run.tasks.first)
        #expect(task.lastStatus == TaskStatus.provisioning && task.privateIpAddress == "10.0.1.4")
        let eni = try #require(task.networkInterfaceId)
        #expect(world.f.state.networkInterfaces[eni]?.attachedTo == task.taskArn)
        _ = world.f.state.takeChanges()
        try world.advance(10)
        // Each step is its own change event, in order, even when the clock jumps past several at once.
        let steps = world.f.state.takeChanges().events.filter { $0.resourceId == task.taskArn }.compactMap(\.status)
        #expect(steps == [TaskStatus.pending, TaskStatus.activating, TaskStatus.running])
        try world.f.run { s, c throws(NetctlError) in
            try s.stopEcsTask(EcsTaskStop(cluster: "main", task: task.taskId), &c)
        }
        #expect(world.f.state.ecsTasks[task.taskArn]!.lastStatus == TaskStatus.deactivating)
        try world.advance(10)
        let stopped = world.f.state.ecsTasks[task.taskArn]!
        #expect(stopped.lastStatus == TaskStatus.stopped && stopped.stopCode == "UserInitiated")
        #expect(world.f.state.networkInterfaces[eni] == nil, "the ENI goes back to the subnet")
        #expect(world.f.state.subnets.named("a", in: testScope).first?.availableIpAddressCount == 251)
        try world.advance(3600)
        #expect(world.f.state.ecsTasks[task.taskArn] == nil, "stopped tasks are forgotten after an hour")
    }

    @Test("cluster deletion is refused while services, tasks or instances remain, with ECS's exception for each")
    func clusterDeletion() throws {
        var world = try EcsWorld()
        try world.service("web", desired: 1)
        world.f.expectFailure(.clusterContainsServicesException) { s, c throws(NetctlError) in
            try s.deleteEcsCluster(EcsClusterDelete(name: "main"), &c)
        }
        world.f.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.deleteEcsService(EcsServiceDelete(cluster: "main", service: "web"), &c)
        }
        try world.f.run { s, c throws(NetctlError) in
            try s.deleteEcsService(EcsServiceDelete(cluster: "main", service: "web", force: true), &c)
        }
        #expect(world.view("web").status == "DRAINING")
        try world.advance(20)
        #expect(world.f.state.ecsServices[EcsArn.service("main", "web", testScope)] == nil, "drained, then gone")
        try world.f.run { s, c throws(NetctlError) in try s.deleteEcsCluster(EcsClusterDelete(name: "main"), &c) }
        world.f.expectFailure(.clusterNotFoundException) { s, c throws(NetctlError) in
            try s.createEcsService(
                EcsServiceCreate(cluster: "main", name: "x", taskDefinition: "web", desiredCount: 1, subnets: ["a"]), &c
            )
        }
    }

    @Test("a namespace resolves NAME.NAMESPACE to RUNNING tasks only; a VPC with a namespace cannot be deleted")
    func serviceDiscovery() throws {
        var world = try EcsWorld()
        try world.f.run { s, c throws(NetctlError) in
            try s.createNamespace(SdNamespaceCreate(name: "forum.local", vpc: "app"), &c)
        }
        world.f.expectFailure(.namespaceAlreadyExists) { s, c throws(NetctlError) in
            try s.createNamespace(SdNamespaceCreate(name: "Forum.Local.", vpc: "app"), &c)
        }
        try world.f.run { s, c throws(NetctlError) in
            try s.createEcsService(
                EcsServiceCreate(
                    cluster: "main", name: "users", taskDefinition: "web", desiredCount: 2, subnets: ["a", "b"],
                    serviceRegistry: ServiceRegistry(namespace: "forum.local", name: "users")), &c)
        }
        let query = QueryContext(scope: testScope, now: testEpoch, quotas: Quotas())
        #expect(
            try world.f.state.resolve(SdResolve(name: "users.forum.local"), query).addresses.isEmpty, "none RUNNING yet"
        )
        try world.advance(10)
        #expect(
            try world.f.state.resolve(SdResolve(name: "users.forum.local"), query).addresses == [
                "10.0.1.4", "10.0.2.4",
            ])
        expectError(.resourceNotFoundException) { () throws(NetctlError) in
            try world.f.state.resolve(SdResolve(name: "posts.forum.local"), query)
        }
        expectError(.namespaceNotFound) { () throws(NetctlError) in
            try world.f.state.resolve(SdResolve(name: "users.nowhere"), query)
        }
        world.f.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.deleteNamespace(SdNamespaceDelete(name: "forum.local"), &c)
        }
    }

    @Test(
        "the circuit breaker fails a deployment whose tasks keep failing to start, and rolls back to the last completed one"
    )
    func circuitBreakerRollback() throws {
        var world = try EcsWorld()
        let registry = "\(testScope.accountId).dkr.ecr.\(testScope.region).amazonaws.com"
        try world.f.run { s, c throws(NetctlError) in try s.createEcrRepository(EcrRepositoryCreate(name: "web"), &c) }
        let manifest =
            #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"},"layers":[]}"#
        try world.f.run { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: manifest, tag: "v1"), &c)
        }
        try world.register("site", image: "\(registry)/web:v1")
        try world.f.run { s, c throws(NetctlError) in
            try s.createEcsService(
                EcsServiceCreate(
                    cluster: "main", name: "site", taskDefinition: "site", desiredCount: 2, subnets: ["a", "b"],
                    deploymentConfiguration: DeploymentConfiguration(
                        deploymentCircuitBreaker: DeploymentCircuitBreaker(enable: true, rollback: true))), &c)
        }
        try world.advance(10)
        #expect(world.view("site").deployments.first?.rolloutState == "COMPLETED")
        try world.register("site", image: "\(registry)/web:v2-never-pushed")
        try world.f.run { s, c throws(NetctlError) in
            try s.updateEcsService(EcsServiceUpdate(cluster: "main", service: "site", taskDefinition: "site:2"), &c)
        }
        // Ten failures (the threshold for 2 desired) take a while: the throttle spaces the attempts out.
        for _ in 0..<400 where !world.view("site").events.contains(where: { $0.message.contains("rolling back to") }) {
            try world.advance(30)
        }
        let service = world.view("site")
        #expect(service.events.contains { $0.message.contains("deployment failed: tasks failed to start.") })
        #expect(service.events.contains { $0.message.contains("rolling back to") })
        #expect(service.taskDefinition.hasSuffix(":1"), "rolled back to the last completed task definition")
        try world.advance(60)
        let settled = world.view("site")
        #expect(settled.runningCount == 2 && settled.deployments.count == 1)
        #expect(world.activeTasks("site").allSatisfy { $0.taskDefinitionArn.hasSuffix(":1") })
        // The old tasks served throughout: minimumHealthyPercent 100 never let them go.
        #expect(settled.events.contains { $0.message.contains("is unable to consistently start tasks successfully") })
    }

    @Test("tasks are reach.analyze sources and destinations by ID or ARN, at their private addresses")
    func reachability() throws {
        var world = try EcsWorld()
        try world.service("web", desired: 2)
        let tasks = world.activeTasks("web")
        let query = QueryContext(scope: testScope, now: testEpoch, quotas: Quotas())
        let analysis = try world.f.state.analyzeReach(
            ReachAnalyze(source: tasks[0].taskId, destination: tasks[1].taskArn), query)
        #expect(analysis.reachable)
        #expect(analysis.source.type == "task" && analysis.source.address == tasks[0].privateIpAddress)
        #expect(analysis.destination.id == tasks[1].taskArn && analysis.destination.subnetId == tasks[1].subnetId)
    }

    @Test("EC2 tasks wait for capacity and are placed as soon as an instance registers")
    func ec2WaitsForCapacity() throws {
        var world = try EcsWorld()
        try world.register("batch", image: "worker", fargate: false)
        try world.service("worker", desired: 2, launchType: "EC2", taskDefinition: "batch")
        #expect(world.activeTasks("worker").isEmpty)
        #expect(world.view("worker").events.first?.message.contains("was unable to place a task") == true)
        try world.f.run { s, c throws(NetctlError) in
            try s.registerContainerInstance(
                EcsInstanceRegister(cluster: "main", cpu: 1024, memory: 1024, subnet: "b"), &c)
        }
        #expect(world.activeTasks("worker").count == 2)
        #expect(
            world.activeTasks("worker").allSatisfy {
                $0.containerInstanceArn != nil && $0.privateIpAddress == "10.0.2.4"
            })
        try world.advance(10)
        #expect(world.view("worker").runningCount == 2)
    }
}

/// One thing that can happen to a running service.
struct EcsStep: Sendable, CustomStringConvertible {
    enum Kind: Sendable { case stopTask, scale, advance, deploy, registerInstance, deregisterInstance }
    var kind: Kind
    var value: Int

    init(_ a: Int, _ b: Int) {
        kind = [.stopTask, .stopTask, .scale, .advance, .advance, .deploy, .registerInstance, .deregisterInstance][a]
        value = b
    }

    static let generator = zip(Gen.int(in: 0...7), Gen.int(in: 0...999)).map { EcsStep($0.0, $0.1) }

    var description: String { "\(kind) \(value)" }
}

@Suite("ECS properties")
struct EcsPropertyTests {
    @Test(
        "after any sequence of stops, scaling, deployments and instance changes, the services converge to desired when capacity allows"
    )
    func convergence() async throws {
        await propertyCheck(count: 60, input: EcsStep.generator.array(of: 5...25)) { steps in
            var world: EcsWorld
            do {
                world = try EcsWorld()
                try world.register("batch", image: "worker", fargate: false)
                try world.service("web", desired: 3)
                try world.service("worker", desired: 2, launchType: "EC2", taskDefinition: "batch")
            } catch {
                Issue.record("setup failed: \(error)")
                return
            }
            var instances: [String] = []
            for step in steps {
                do {
                    switch step.kind {
                    case .stopTask:
                        let tasks = world.activeTasks(step.value % 2 == 0 ? "web" : "worker")
                        if !tasks.isEmpty {
                            let task = tasks[step.value % tasks.count]
                            try world.f.run { s, c throws(NetctlError) in
                                try s.stopEcsTask(EcsTaskStop(cluster: "main", task: task.taskId), &c)
                            }
                        }
                    case .scale:
                        let name = step.value % 2 == 0 ? "web" : "worker"
                        try world.f.run { s, c throws(NetctlError) in
                            try s.updateEcsService(
                                EcsServiceUpdate(cluster: "main", service: name, desiredCount: step.value % 6), &c)
                        }
                    case .advance:
                        try world.advance(Double(step.value % 30))
                    case .deploy:
                        try world.register("web", image: "nginx:\(step.value)")
                        try world.f.run { s, c throws(NetctlError) in
                            try s.updateEcsService(
                                EcsServiceUpdate(cluster: "main", service: "web", taskDefinition: "web"), &c)
                        }
                    case .registerInstance:
                        let instance = try world.f.run { s, c throws(NetctlError) in
                            try s.registerContainerInstance(
                                EcsInstanceRegister(
                                    cluster: "main", cpu: 2048, memory: 2048, subnet: step.value % 2 == 0 ? "a" : "b"),
                                &c)
                        }
                        instances.append(instance.containerInstanceArn)
                    case .deregisterInstance:
                        if !instances.isEmpty {
                            let arn = instances.remove(at: step.value % instances.count)
                            try world.f.run { s, c throws(NetctlError) in
                                try s.deregisterContainerInstance(
                                    EcsInstanceDeregister(cluster: "main", containerInstance: arn, force: true), &c)
                            }
                        }
                    }
                } catch {
                    Issue.record("step \(step) failed: \(error)")
                    return
                }
            }
            // Capacity for EC2: enough room for the worker's desired count (512 MiB each).
            do {
                try world.f.run { s, c throws(NetctlError) in
                    try s.registerContainerInstance(
                        EcsInstanceRegister(cluster: "main", cpu: 4096, memory: 4096, subnet: "a"), &c)
                }
                for _ in 0..<6 { try world.advance(30) }
            } catch {
                Issue.record("settling failed: \(error)")
                return
            }
            for name in ["web", "worker"] {
                let service = world.view(name)
                let active = world.activeTasks(name)
                #expect(
                    service.runningCount == service.desiredCount,
                    "\(name): \(service.runningCount) running, \(service.desiredCount) desired after \(steps)")
                #expect(
                    active.count == service.desiredCount && active.allSatisfy { $0.lastStatus == TaskStatus.running })
                #expect(service.deployments.count == 1, "\(name): old deployments drained")
            }
            #expect(world.f.state.nextDeadline().map { $0 > world.f.context.now } ?? true, "nothing left overdue")
            // Every address held belongs to a live task or instance.
            for interface in world.f.state.networkInterfaces.all {
                let owner = interface.attachedTo ?? ""
                let live =
                    world.f.state.ecsTasks[owner].map { $0.lastStatus != TaskStatus.stopped }
                    ?? (world.f.state.containerInstances[owner] != nil || world.f.state.natGateways[owner] != nil)
                #expect(live, "\(interface.networkInterfaceId) is held by \(owner), which is gone")
            }
        }
    }
}
