import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// ECS and service discovery through the real socket and the CLI, on the manual clock.
@Suite("ECS through the socket")
struct EcsTests {
    /// A VPC with subnets in two AZs (with a way out through a NAT gateway, for the images), a cluster,
    /// a namespace and a Fargate task definition.
    func prepare(_ client: NetctlClient) async throws {
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "forum"))
        _ = try await client.send(
            SubnetCreate(vpc: "forum", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        _ = try await client.send(
            SubnetCreate(vpc: "forum", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        try await TaskEgress.natGateway(client, vpc: "forum", publicCidr: "10.0.100.0/24")
        _ = try await client.send(EcsClusterCreate(name: "forum"))
        _ = try await client.send(SdNamespaceCreate(name: "forum.local", vpc: "forum"))
        _ = try await client.send(
            EcsTaskDefinitionRegister(
                family: "users", containerDefinitions: [ContainerDefinition(name: "users", image: "nginx:1.27")],
                networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"), memory: .string("512")
            ))
    }

    @Test("a service of 3 keeps 3 running when one is stopped, scales to 1, and resolves through service discovery")
    func keepsDesiredCount() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        try await prepare(client)
        var service = try await client.send(
            EcsServiceCreate(
                cluster: "forum", name: "users", taskDefinition: "users", desiredCount: 3, subnets: ["a", "b"],
                serviceRegistry: ServiceRegistry(namespace: "forum.local", name: "users")))
        #expect(service.pendingCount == 3 && service.runningCount == 0)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        service = try await client.send(EcsServiceGet(cluster: "forum", service: "users"))
        #expect(service.runningCount == 3)
        #expect(service.events.first?.message == "(service users) has reached a steady state.")
        let addresses = try await client.send(SdResolve(name: "users.forum.local")).addresses
        #expect(addresses.count == 3)

        let tasks = try await client.send(EcsTaskList(cluster: "forum", service: "users")).tasks
        #expect(Set(tasks.map(\.availabilityZone)) == ["us-east-1a", "us-east-1b"], "spread across both AZs")
        let victim = tasks[0]
        let stopped = try await client.send(EcsTaskStop(cluster: "forum", task: victim.taskId))
        #expect(stopped.desiredStatus == "STOPPED")
        service = try await client.send(EcsServiceGet(cluster: "forum", service: "users"))
        #expect(service.runningCount == 2 && service.pendingCount == 1, "the replacement starts at once")
        #expect(
            !(try await client.send(SdResolve(name: "users.forum.local")).addresses.contains(
                victim.privateIpAddress ?? "")))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        service = try await client.send(EcsServiceGet(cluster: "forum", service: "users"))
        #expect(service.runningCount == 3 && service.pendingCount == 0)
        let stoppedTask = try await client.send(EcsTaskGet(cluster: "forum", task: victim.taskArn))
        #expect(stoppedTask.lastStatus == "STOPPED" && stoppedTask.stopCode == "UserInitiated")

        _ = try await client.send(EcsServiceUpdate(cluster: "forum", service: "users", desiredCount: 1))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        service = try await client.send(EcsServiceGet(cluster: "forum", service: "users"))
        #expect(service.runningCount == 1 && service.desiredCount == 1)
        #expect(try await client.send(SdResolve(name: "users.forum.local")).addresses.count == 1)

        // The watcher logged the service's events in /netctl/ecs and counted its tasks in Netctl/ECS. It
        // follows commits on its own thread: until its first ECS event, /netctl/ecs does not exist.
        var steady: [LogEvent] = []
        for _ in 0..<200 where steady.isEmpty {
            steady =
                (try? await client.send(LogsFilter(group: "/netctl/ecs", pattern: #""reached a steady state""#)))?
                .events ?? []
            if steady.isEmpty { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(steady.first?.logStreamName == service.serviceArn)
        var metrics: [MetricIdentity] = []
        for _ in 0..<200 where !metrics.contains(where: { $0.metricName == "RunningTaskCount" }) {
            metrics = try await client.send(MetricsList(namespace: "Netctl/ECS")).metrics
            if !metrics.contains(where: { $0.metricName == "RunningTaskCount" }) {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        #expect(
            Set(metrics.map(\.metricName)).isSuperset(of: [
                "DesiredTaskCount", "RunningTaskCount", "PendingTaskCount", "CpuReserved", "MemoryReserved",
            ]))

        // Everything survives a restart, and the clock resumes where it was.
        await daemon.terminate()
        try await daemon.start()
        service = try await daemon.client.send(EcsServiceGet(cluster: "forum", service: "users"))
        #expect(service.runningCount == 1)
        #expect(try await daemon.client.send(SdResolve(name: "users.forum.local")).addresses.count == 1)
        await daemon.terminate()
    }

    @Test("EC2 launch type waits for capacity and places once an instance registers, through the CLI")
    func ec2ThroughTheCLI() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let socket = daemon.socketPath
        try await prepare(daemon.client)
        let file = daemon.directory.path + "/worker.json"
        // The shape `aws ecs register-task-definition --cli-input-json` takes, members netctl only keeps included.
        try """
        {"family": "worker", "networkMode": "bridge", "requiresCompatibilities": ["EC2"],
         "executionRoleArn": "arn:aws:iam::000000000000:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "worker", "image": "busybox", "cpu": 512, "memory": 1024, "essential": true,
                                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/worker"}}}]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        func cli(_ arguments: [String]) throws -> CLIResult {
            let result = try runCLI(arguments, socket: socket)
            #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        #expect(try cli(["ecs", "task-definition", "register", "--file", file]).stdout.contains("worker:1"))
        // Its awslogs containers need their group, as on AWS.
        _ = try cli(["logs", "create-group", "/ecs/worker"])
        let kept = try await daemon.client.send(EcsTaskDefinitionGet(taskDefinition: "worker"))
        #expect(kept.containerDefinitions[0].other["logConfiguration"]?["logDriver"] == .string("awslogs"))
        #expect(kept.other["executionRoleArn"] == .string("arn:aws:iam::000000000000:role/ecsTaskExecutionRole"))
        _ = try cli([
            "ecs", "service", "create", "worker", "--cluster", "forum", "--task-definition", "worker",
            "--desired-count", "2", "--launch-type", "EC2",
        ])
        var shown = try cli(["ecs", "service", "get", "worker", "--cluster", "forum"]).stdout
        #expect(shown.contains("3 / 0 / 0") == false && shown.contains("2 / 0 / 0"))
        #expect(shown.contains("was unable to place a task because no container instance met all of its requirements"))
        _ = try cli([
            "ecs", "instance", "register", "--cluster", "forum", "--cpu", "2048", "--memory", "4096", "--subnet", "b",
        ])
        _ = try await daemon.client.send(DebugClockAdvance(seconds: 10))
        shown = try cli(["ecs", "service", "get", "worker", "--cluster", "forum"]).stdout
        #expect(shown.contains("2 / 2 / 0"), "\(shown)")
        let tasks = try cli(["ecs", "task", "list", "--cluster", "forum", "--service", "worker"]).stdout
        #expect(tasks.components(separatedBy: "RUNNING").count - 1 >= 2 && tasks.contains("10.0.2.4"))
        let instances = try cli(["ecs", "instance", "list", "--cluster", "forum", "--output", "json"]).stdout
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(instances.utf8)) as? [String: Any])
        let first = try #require((listed["instances"] as? [[String: Any]])?.first)
        #expect((first["remainingResources"] as? [String: Any])?["memory"] as? Int == 2048)

        // Unknown members of the file are refused by name, not dropped.
        try #"{"family": "x", "containerDefinitions": [], "frobnicate": 1}"#.write(
            toFile: file, atomically: true, encoding: .utf8)
        let refused = try runCLI(["ecs", "task-definition", "register", "--file", file], socket: socket)
        #expect(refused.status == 1 && refused.stderr.contains("frobnicate"))
        #expect(
            try runCLI(["ecs", "cluster", "delete", "forum"], socket: socket).stderr.contains(
                "ClusterContainsServicesException"))
        await daemon.terminate()
    }

    @Test("an image missing from this account's ECR stops the task with CannotPullContainerError; a pushed one runs")
    func missingImage() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        try await prepare(client)
        let registry = "000000000000.dkr.ecr.us-east-1.amazonaws.com"
        _ = try await client.send(EcrRepositoryCreate(name: "forum/search"))
        let manifest =
            #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}"#
        _ = try await client.send(EcrImagePut(repository: "forum/search", manifest: manifest, tag: "v1"))
        for (family, tag) in [("search", "v1"), ("broken", "v2")] {
            _ = try await client.send(
                EcsTaskDefinitionRegister(
                    family: family,
                    containerDefinitions: [ContainerDefinition(name: family, image: "\(registry)/forum/search:\(tag)")],
                    networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"),
                    memory: .string("512"), executionRoleArn: "arn:aws:iam::000000000000:role/ecsTaskExecutionRole"))
        }
        _ = try await client.send(
            EcsServiceCreate(
                cluster: "forum", name: "search", taskDefinition: "search", desiredCount: 1, subnets: ["a"]))
        _ = try await client.send(
            EcsServiceCreate(
                cluster: "forum", name: "broken", taskDefinition: "broken", desiredCount: 1, subnets: ["a"]))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try await client.send(EcsServiceGet(cluster: "forum", service: "search")).runningCount == 1)
        let failed = try await client.send(EcsTaskList(cluster: "forum", service: "broken", desiredStatus: "STOPPED"))
            .tasks
        let first = try #require(failed.first)
        #expect(first.stopCode == "TaskFailedToStart" && first.startedAt == nil)
        #expect(first.stoppedReason?.hasPrefix("CannotPullContainerError:") == true, "\(first.stoppedReason ?? "")")
        #expect(first.stoppedReason?.contains("\(registry)/forum/search:v2") == true)
        #expect(first.networkInterfaceId.map { _ in true } == true)
        // The scheduler keeps trying, more slowly each time, and says so.
        for _ in 0..<6 { _ = try await client.send(DebugClockAdvance(seconds: 30)) }
        let broken = try await client.send(EcsServiceGet(cluster: "forum", service: "broken"))
        #expect(broken.runningCount == 0)
        #expect(broken.events.contains { $0.message.contains("is unable to consistently start tasks successfully") })
        #expect(broken.deployments.first?.failedTasks ?? 0 >= 3)
        // Pushing the missing tag lets the next attempt run.
        _ = try await client.send(EcrImagePut(repository: "forum/search", manifest: manifest, tag: "v2"))
        for _ in 0..<40 {
            _ = try await client.send(DebugClockAdvance(seconds: 30))
            if try await client.send(EcsServiceGet(cluster: "forum", service: "broken")).runningCount == 1 { break }
        }
        #expect(try await client.send(EcsServiceGet(cluster: "forum", service: "broken")).runningCount == 1)
        await daemon.terminate()
    }
}
