import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// A VPC with a private subnet (no internet, no endpoints yet), a public subnet with an internet
/// gateway, an ECR repository holding `web:v1`, a cluster and Fargate task definitions.
struct PullWorld {
    static let image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:v1"
    /// Fargate pulls private ECR images and ships awslogs logs with it.
    static let executionRole = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"
    var f = Fixture()
    var vpc: Vpc

    init() throws {
        vpc = try f.vpc("10.0.0.0/16", name: "app")
        try f.enableDnsHostnames("app")
        try f.subnet("app", "10.0.1.0/24", zone: "us-east-1a", name: "private")
        let privateTable = try f.routeTable("app", name: "private")
        try f.associate(privateTable.routeTableId, "private")
        try f.subnet("app", "10.0.9.0/24", zone: "us-east-1a", name: "public")
        let gateway = try f.internetGateway("app")
        try f.route(vpc.mainRouteTableId, "0.0.0.0/0", gateway: gateway.internetGatewayId)
        try f.repository("web")
        try f.push("web", dockerManifest(1), tag: "v1")
        try f.run { s, c throws(NetctlError) in try s.createEcsCluster(EcsClusterCreate(name: "main"), &c) }
        try register("web", image: Self.image)
    }

    var privateTableId: String { f.state.routeTables.children(of: vpc.vpcId).first { $0.name == "private" }!.routeTableId }

    @discardableResult
    mutating func register(_ family: String, image: String, logDriver: String? = nil) throws(NetctlError)
        -> TaskDefinition
    {
        var other: [String: JSONValue] = [:]
        if let logDriver {
            other["logConfiguration"] = .object([
                "logDriver": .string(logDriver),
                "options": .object(["awslogs-group": .string("/ecs/\(family)"), "awslogs-region": .string("us-east-1")]),
            ])
        }
        return try f.run { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: family, containerDefinitions: [ContainerDefinition(name: "app", image: image, other: other)],
                    networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"),
                    memory: .string("512"), executionRoleArn: PullWorld.executionRole), &c)
        }
    }

    /// Runs one task and lets it get as far as it can: RUNNING, or STOPPED with its reason.
    mutating func start(
        _ family: String = "web", subnet: String = "private", assignPublicIp: String? = nil,
        securityGroups: [String]? = nil
    ) throws -> EcsTask {
        let run = try f.run { s, c throws(NetctlError) in
            try s.runTasks(
                EcsTaskRun(
                    cluster: "main", taskDefinition: family, subnets: [subnet], securityGroups: securityGroups,
                    assignPublicIp: assignPublicIp), &c)
        }
        let arn = try #require(run.tasks.first).taskArn
        f.context.now += 10
        try f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
        return try #require(f.state.ecsTasks[arn])
    }

    /// The interface endpoints ECR needs, with private DNS, in the private subnet (the VPC's default group).
    mutating func ecrEndpoints() throws(NetctlError) -> (api: Endpoint, dkr: Endpoint) {
        (
            try f.interfaceEndpoint("app", "ecr.api", subnets: ["private"], privateDns: true),
            try f.interfaceEndpoint("app", "ecr.dkr", subnets: ["private"], privateDns: true)
        )
    }

    mutating func s3GatewayEndpoint() throws(NetctlError) {
        try f.gatewayEndpoint("app", "s3", routeTables: [privateTableId])
    }
}

@Suite("ECS tasks pull their images and ship their logs through the network")
struct TaskNetworkTests {
    @Test("a task in a private subnet without endpoints cannot pull: ECS's error, then netctl's explanation")
    func privateSubnetWithoutEndpoints() throws {
        var world = try PullWorld()
        let task = try world.start()
        #expect(task.lastStatus == TaskStatus.stopped && task.stopCode == "TaskFailedToStart")
        let reason = try #require(task.stoppedReason)
        #expect(
            reason.hasPrefix(
                "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + "\(PullWorld.image): failed to authorize: failed to fetch oauth token: Post "
                    + "\"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp "))
        #expect(reason.contains(":443: i/o timeout (netctl: the task's interface "))
        #expect(reason.contains("cannot reach com.amazonaws.us-east-1.ecr.api on tcp/443: NO_ENDPOINT_OR_GATEWAY"))
        #expect(reason.contains(world.privateTableId), "names the route table without a way out")
        #expect(world.f.state.networkInterfaces[try #require(task.networkInterfaceId)] == nil, "the ENI is released")
    }

    @Test("ecr.api, ecr.dkr and the S3 gateway endpoint are all needed; with the three the task runs")
    func threeEndpoints() throws {
        var world = try PullWorld()
        let (_, dkr) = try world.ecrEndpoints()
        let noLayers = try world.start()
        let reason = try #require(noLayers.stoppedReason)
        #expect(
            reason.hasPrefix(
                "CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed "
                    + "open: failed to do request: Get \"https://prod-us-east-1-starport-layer-bucket.s3.us-east-1."
                    + "amazonaws.com/\": dial tcp "))
        #expect(reason.contains("com.amazonaws.us-east-1.s3 on tcp/443: NO_ENDPOINT_OR_GATEWAY"))

        try world.s3GatewayEndpoint()
        let running = try world.start()
        #expect(running.lastStatus == TaskStatus.running && running.stoppedReason == nil)

        // Without ecr.dkr the manifest request times out at the registry's public address.
        try world.f.deleteEndpoint(dkr.endpointId)
        let noManifest = try world.start()
        let manifest = try #require(noManifest.stoppedReason)
        #expect(
            manifest.hasPrefix(
                "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + "\(PullWorld.image): failed to do request: Head \"https://111122223333.dkr.ecr.us-east-1."
                    + "amazonaws.com/v2/web/manifests/v1\": dial tcp "))
        #expect(manifest.contains("ecr.dkr on tcp/443: NO_ENDPOINT_OR_GATEWAY"))
    }

    @Test("the endpoint's security group must admit 443 from the task: dropping the rule stops pulls again")
    func endpointSecurityGroup() throws {
        var world = try PullWorld()
        let (_, dkr) = try world.ecrEndpoints()
        try world.s3GatewayEndpoint()
        let tasks = try world.f.securityGroup(world.vpc.vpcId, "tasks")
        let guarded = try world.f.securityGroup(world.vpc.vpcId, "endpoints")
        let https = SecurityGroupPermission(protocol: "tcp", fromPort: 443, toPort: 443, referencedGroupId: tasks.groupId)
        try world.f.authorize(guarded.groupId, .ingress, [https])
        let defaultGroup = try #require(world.f.state.defaultSecurityGroup(ofVpc: world.vpc.vpcId)).groupId
        try world.f.modifyEndpoint(
            EndpointModify(
                endpoint: dkr.endpointId, addSecurityGroups: [guarded.groupId], removeSecurityGroups: [defaultGroup]))
        // The ecr.api endpoint keeps the default group, which admits members of itself only.
        try world.f.run { s, c throws(NetctlError) in
            let api = s.endpoints.children(of: world.vpc.vpcId).first { $0.serviceName.hasSuffix("ecr.api") }!
            return try s.modifyEndpoint(
                EndpointModify(
                    endpoint: api.endpointId, addSecurityGroups: [guarded.groupId],
                    removeSecurityGroups: [defaultGroup]), &c)
        }
        #expect(try world.start(securityGroups: [tasks.groupId]).lastStatus == TaskStatus.running)

        try world.f.revoke(guarded.groupId, .ingress, [https])
        let blocked = try world.start(securityGroups: [tasks.groupId])
        let reason = try #require(blocked.stoppedReason)
        #expect(reason.hasPrefix("CannotPullContainerError: "))
        #expect(reason.contains("SECURITY_GROUP_DENIES_INGRESS") && reason.contains(guarded.groupId))
        // The address dialled is the endpoint's own, where private DNS sent the task.
        let address = try #require(world.f.state.endpoints.all.first { $0.serviceName.hasSuffix("ecr.api") }?
            .networkInterfaces.first?.privateIpAddress)
        #expect(reason.contains("dial tcp \(address):443: i/o timeout"))
    }

    @Test("through an internet gateway only with a public IP; through a NAT gateway without one")
    func internet() throws {
        var world = try PullWorld()
        try world.register("hub", image: "nginx:1.27")
        let hidden = try world.start("hub", subnet: "public")
        let reason = try #require(hidden.stoppedReason)
        #expect(
            reason.hasPrefix(
                "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + "nginx:1.27: failed to do request: Head \"https://registry-1.docker.io/v2/library/nginx/manifests/"
                    + "1.27\": dial tcp 198.51.100.1:443: i/o timeout"))
        #expect(reason.contains("no public IP") && reason.contains("assignPublicIp ENABLED"))
        #expect(try world.start("hub", subnet: "public", assignPublicIp: "ENABLED").lastStatus == TaskStatus.running)
        #expect(
            try world.start(subnet: "public", assignPublicIp: "ENABLED").lastStatus == TaskStatus.running,
            "ECR over the internet needs no endpoint")

        // Endpoints do not help an image from outside AWS.
        _ = try world.ecrEndpoints()
        try world.s3GatewayEndpoint()
        #expect(try world.start("hub").stoppedReason?.contains("NO_ROUTE_TO_DESTINATION") == true)
        let nat = try world.f.natGateway("public")
        try world.f.route(world.privateTableId, "0.0.0.0/0", natGateway: nat.natGatewayId)
        #expect(try world.start("hub").lastStatus == TaskStatus.running)
    }

    @Test("awslogs needs the logs endpoint or the internet: ResourceInitializationError, then it runs")
    func awslogs() throws {
        var world = try PullWorld()
        try world.register("logged", image: PullWorld.image, logDriver: "awslogs")
        _ = try world.ecrEndpoints()
        try world.s3GatewayEndpoint()
        let task = try world.start("logged")
        let reason = try #require(task.stoppedReason)
        #expect(
            reason.hasPrefix(
                "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                    + "failed to create Cloudwatch log stream: RequestError: send request failed caused by: Post "
                    + "\"https://logs.us-east-1.amazonaws.com/\": dial tcp "))
        #expect(reason.contains("com.amazonaws.us-east-1.logs on tcp/443: NO_ENDPOINT_OR_GATEWAY"))
        #expect(try world.start().lastStatus == TaskStatus.running, "a task without awslogs needs no logs endpoint")
        try world.register("other-driver", image: PullWorld.image, logDriver: "json-file")
        #expect(try world.start("other-driver").lastStatus == TaskStatus.running)

        try world.f.interfaceEndpoint("app", "logs", subnets: ["private"], privateDns: true)
        let noGroup = try world.start("logged")
        #expect(noGroup.stoppedReason?.contains("ResourceNotFoundException: The specified log group does not exist.") == true)
        world.f.context.logGroups = KnownLogGroups([KnownLogGroups.Key(testScope, "/ecs/logged")])
        #expect(try world.start("logged").lastStatus == TaskStatus.running)
    }

    @Test("a service whose tasks cannot pull retries with backoff and starts once the endpoints exist")
    func serviceRetries() throws {
        var world = try PullWorld()
        try world.f.run { s, c throws(NetctlError) in
            try s.createEcsService(
                EcsServiceCreate(
                    cluster: "main", name: "web", taskDefinition: "web", desiredCount: 1, launchType: "FARGATE",
                    subnets: ["private"]), &c)
        }
        let arn = EcsArn.service("main", "web", testScope)
        for _ in 0..<6 {
            world.f.context.now += 10
            try world.f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
        }
        let failing = try #require(world.f.state.ecsServices[arn])
        #expect(failing.startFailureStreak >= 1)
        #expect(failing.events.contains { $0.message.contains("unable to consistently start tasks") })
        let stopped = world.f.state.ecsTasks.children(of: EcsTask.serviceKey(EcsArn.cluster("main", testScope), "web"))
            .filter { $0.lastStatus == TaskStatus.stopped }
        #expect(!stopped.isEmpty && stopped.allSatisfy { $0.stoppedReason?.hasPrefix("CannotPullContainerError") == true })

        _ = try world.ecrEndpoints()
        try world.s3GatewayEndpoint()
        for _ in 0..<60 {
            world.f.context.now += 10
            try world.f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
        }
        let service = world.f.state.serviceView(try #require(world.f.state.ecsServices[arn]))
        #expect(service.runningCount == 1)
    }

    @Test("EC2 tasks pull through their container instance's interface, whatever their network mode")
    func containerInstance() throws {
        var world = try PullWorld()
        try world.f.run { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: "batch", containerDefinitions: [ContainerDefinition(name: "app", image: "busybox", memory: 256)],
                    networkMode: "bridge", requiresCompatibilities: ["EC2"]), &c)
        }
        try world.f.run { s, c throws(NetctlError) in
            try s.registerContainerInstance(EcsInstanceRegister(cluster: "main", cpu: 1024, memory: 2048, subnet: "private"), &c)
        }
        let run = try world.f.run { s, c throws(NetctlError) in
            try s.runTasks(EcsTaskRun(cluster: "main", taskDefinition: "batch", launchType: "EC2"), &c)
        }
        let arn = try #require(run.tasks.first).taskArn
        world.f.context.now += 10
        try world.f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
        let reason = try #require(world.f.state.ecsTasks[arn]?.stoppedReason)
        #expect(reason.hasPrefix("CannotPullContainerError: ") && reason.contains("(netctl: container instance i-"))
        #expect(reason.contains("NO_ROUTE_TO_DESTINATION"))

        // An ECR image comes through the endpoints, which admit the instance by its VPC's default group.
        try world.f.run { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: "private-batch",
                    containerDefinitions: [ContainerDefinition(name: "app", image: PullWorld.image, memory: 256)],
                    networkMode: "bridge", requiresCompatibilities: ["EC2"]), &c)
        }
        _ = try world.ecrEndpoints()
        try world.s3GatewayEndpoint()
        let second = try world.f.run { s, c throws(NetctlError) in
            try s.runTasks(EcsTaskRun(cluster: "main", taskDefinition: "private-batch", launchType: "EC2"), &c)
        }
        world.f.context.now += 10
        try world.f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
        let secondArn = try #require(second.tasks.first).taskArn
        let task = try #require(world.f.state.ecsTasks[secondArn])
        #expect(task.lastStatus == TaskStatus.running, "\(task.stoppedReason ?? "")")
    }
}
