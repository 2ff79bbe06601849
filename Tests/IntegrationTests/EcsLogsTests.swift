import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// ECS's CloudWatch integration through the real socket and the CLI, on the manual clock: the
/// `awslogs` driver's groups and streams, and Container Insights.
@Suite("ECS logs and Container Insights through the socket")
struct EcsLogsTests {
    static let executionRole = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole"

    /// A VPC with two private subnets and a way out through a NAT gateway, a cluster with Container
    /// Insights on, and Fargate task definitions logging with `awslogs`.
    func prepare(_ client: NetctlClient) async throws {
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "shop"))
        _ = try await client.send(
            SubnetCreate(vpc: "shop", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        _ = try await client.send(
            SubnetCreate(vpc: "shop", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        try await TaskEgress.natGateway(client, vpc: "shop", publicCidr: "10.0.100.0/24")
        let cluster = try await client.send(
            EcsClusterCreate(name: "shop", settings: [EcsClusterSetting(name: "containerInsights", value: "enabled")]))
        #expect(cluster.containerInsights == "enabled")
        try await register(client, "web", options: ["awslogs-group": "/ecs/web", "awslogs-stream-prefix": "web"])
        try await register(
            client, "api",
            options: ["awslogs-group": "/ecs/api", "awslogs-stream-prefix": "api", "awslogs-create-group": "true"])
    }

    func register(_ client: NetctlClient, _ family: String, options: [String: String]) async throws {
        let logConfiguration = JSONValue.object([
            "logDriver": .string("awslogs"), "options": .object(options.mapValues(JSONValue.string)),
        ])
        _ = try await client.send(
            EcsTaskDefinitionRegister(
                family: family,
                containerDefinitions: [
                    ContainerDefinition(name: family, image: "nginx:1.27", other: ["logConfiguration": logConfiguration])
                ],
                networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"), memory: .string("512"),
                executionRoleArn: Self.executionRole))
    }

    /// The watcher follows commits on its own thread: wait until `body` holds.
    func eventually(_ what: String, _ body: () async throws -> Bool) async throws {
        for _ in 0..<400 {
            if try await body() { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("never happened: \(what)")
    }

    func lines(_ client: NetctlClient, _ group: String, _ stream: String) async -> [String] {
        ((try? await client.send(LogsGet(group: group, stream: stream)))?.events ?? []).map(\.message)
    }

    @Test("awslogs tasks write their lifecycle to GROUP / PREFIX/CONTAINER/TASK-ID; without their group they stop with ResourceInitializationError")
    func awslogs() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        try await prepare(client)

        _ = try await client.send(
            EcsServiceCreate(cluster: "shop", name: "web", taskDefinition: "web", desiredCount: 2, subnets: ["a", "b"]))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let failed = try await client.send(EcsTaskList(cluster: "shop", service: "web", desiredStatus: "STOPPED")).tasks
        #expect(!failed.isEmpty)
        for task in failed {
            #expect(task.stopCode == "TaskFailedToStart")
            #expect(
                task.stoppedReason?.hasPrefix(
                    "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 "
                        + "times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log "
                        + "group does not exist. : exit status 1 (netctl: log group /ecs/web does not exist in us-east-1")
                    == true, "\(task.stoppedReason ?? "no reason")")
        }
        #expect(try await client.send(LogsGroups(prefix: "/ecs/web")).logGroups.isEmpty, "a failed start creates nothing")

        // With the group, the service's next attempts start (its backoff is at most a few minutes here).
        _ = try await client.send(LogsCreateGroup(group: "/ecs/web"))
        var service = try await client.send(EcsServiceGet(cluster: "shop", service: "web"))
        for _ in 0..<20 where service.runningCount < 2 {
            _ = try await client.send(DebugClockAdvance(seconds: 30))
            service = try await client.send(EcsServiceGet(cluster: "shop", service: "web"))
        }
        #expect(service.runningCount == 2)
        let running = try await client.send(EcsTaskList(cluster: "shop", service: "web")).tasks
        #expect(running.count == 2)
        let task = try #require(running.first)
        let stream = "web/web/\(task.taskId)"
        try await eventually("the start line in \(stream)") {
            await lines(client, "/ecs/web", stream).contains { $0.hasPrefix("netctl: container web started from nginx:1.27") }
        }
        let streams = try await client.send(LogsStreams(group: "/ecs/web")).logStreams.map(\.logStreamName)
        #expect(Set(streams) == Set(running.map { "web/web/\($0.taskId)" }), "one stream per running task, none for the failed")

        // Stopping writes why, then that it exited (through the CLI, as a user would).
        let stop = try runCLI(
            ["ecs", "task", "stop", task.taskId, "--cluster", "shop", "--reason", "rolling the fleet"],
            socket: daemon.socketPath)
        #expect(stop.status == 0, "\(stop.stderr)")
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        try await eventually("the stop lines in \(stream)") {
            let written = await lines(client, "/ecs/web", stream)
            return written.contains("netctl: container web is stopping: rolling the fleet (UserInitiated)")
                && written.last == "netctl: container web exited; task \(task.taskId) stopped"
        }

        // awslogs-create-group: the task starts without the group and the group appears with its stream.
        let run = try await client.send(EcsTaskRun(cluster: "shop", taskDefinition: "api", subnets: ["a"]))
        let apiTask = try #require(run.tasks.first)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try await client.send(EcsTaskGet(cluster: "shop", task: apiTask.taskArn)).lastStatus == "RUNNING")
        try await eventually("the group /ecs/api created by the log driver") {
            await lines(client, "/ecs/api", "api/api/\(apiTask.taskId)").count == 1
        }
        #expect(try await client.send(LogsGroups(prefix: "/ecs/api")).logGroups.map(\.logGroupName) == ["/ecs/api"])
        await daemon.terminate()
    }

    @Test("a cluster with Container Insights publishes ECS/ContainerInsights each minute; one without publishes none")
    func containerInsights() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        try await prepare(client)
        _ = try await client.send(LogsCreateGroup(group: "/ecs/web"))
        _ = try await client.send(EcsClusterCreate(name: "quiet"))
        _ = try await client.send(
            EcsServiceCreate(cluster: "shop", name: "web", taskDefinition: "web", desiredCount: 2, subnets: ["a", "b"]))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try await client.send(EcsServiceGet(cluster: "shop", service: "web")).runningCount == 2)
        let now = try await client.send(DebugClockAdvance(seconds: 61)).now

        func statistic(
            _ statistic: String, _ name: String, _ dimensions: [MetricDimension],
            namespace: String = "ECS/ContainerInsights"
        ) async throws -> Double? {
            // One period over the whole test, whatever the clock says by then.
            let answer = try await client.send(
                MetricsGet(
                    namespace: namespace, metricName: name, dimensions: dimensions,
                    startTime: Int64(now.timeIntervalSince1970 * 1000) - 3_600_000,
                    endTime: Int64(now.timeIntervalSince1970 * 1000) + 3_600_000, period: 7200,
                    statistics: [statistic]))
            return answer.datapoints.compactMap { $0.value(of: statistic) }.max()
        }
        func maximum(_ name: String, _ dimensions: [MetricDimension]) async throws -> Double? {
            try await statistic("Maximum", name, dimensions)
        }
        let cluster = [MetricDimension(name: "ClusterName", value: "shop")]
        let service = cluster + [MetricDimension(name: "ServiceName", value: "web")]
        try await eventually("ECS/ContainerInsights RunningTaskCount for shop/web") {
            try await maximum("RunningTaskCount", service) == 2
        }
        #expect(try await maximum("DesiredTaskCount", service) == 2)
        #expect(try await maximum("DeploymentCount", service) == 1)
        #expect(try await maximum("CpuReserved", service) == 512)
        #expect(try await maximum("MemoryReserved", service) == 1024)
        #expect(try await maximum("RunningTaskCount", cluster) == 2)
        #expect(try await maximum("ServiceCount", cluster) == 1)
        #expect(try await maximum("TaskCount", cluster) == 2)
        let listed = try await client.send(MetricsList(namespace: "ECS/ContainerInsights")).metrics
        #expect(!listed.isEmpty)
        #expect(
            listed.allSatisfy { $0.dimensions.contains(MetricDimension(name: "ClusterName", value: "shop")) },
            "the cluster without Container Insights publishes nothing")

        // Turned off through the CLI, the cluster stops publishing: the next minute's sampling (seen in
        // Netctl/VPC's VpcCount, written in the same transaction) adds no ECS/ContainerInsights datapoint.
        let off = try runCLI(
            ["ecs", "cluster", "update", "shop", "--container-insights", "disabled"], socket: daemon.socketPath)
        #expect(off.status == 0, "\(off.stderr)")
        #expect(off.stdout.contains("disabled"))
        let samplesBefore = try await statistic("SampleCount", "RunningTaskCount", cluster)
        let minutesBefore = try await statistic("SampleCount", "VpcCount", [], namespace: "Netctl/VPC") ?? 0
        _ = try await client.send(DebugClockAdvance(seconds: 61))
        try await eventually("the next minute's sampling") {
            try await statistic("SampleCount", "VpcCount", [], namespace: "Netctl/VPC") ?? 0 > minutesBefore
        }
        #expect(try await statistic("SampleCount", "RunningTaskCount", cluster) == samplesBefore)
        await daemon.terminate()
    }
}
