import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// Task definitions' roles and `awslogs` log configurations, and what a starting task needs of them.
/// Tasks run in PullWorld's public subnet with a public IP and a Docker Hub image, so the network
/// never stands in the way: only the log group decides.
@Suite struct TaskLoggingTests {
    static let dockerHubImage = "nginx:1.27"

    static func awslogs(_ options: [String: String]) -> [String: JSONValue] {
        [
            "logConfiguration": .object([
                "logDriver": .string("awslogs"), "options": .object(options.mapValues(JSONValue.string)),
            ])
        ]
    }

    static func register(
        _ world: inout PullWorld, _ family: String, image: String = dockerHubImage, options: [String: String]? = nil,
        compatibilities: [String] = ["FARGATE"], executionRole: String? = PullWorld.executionRole,
        taskRole: String? = nil
    ) throws(NetctlError) -> TaskDefinition {
        try world.f.run { s, c throws(NetctlError) in
            try s.registerTaskDefinition(
                EcsTaskDefinitionRegister(
                    family: family,
                    containerDefinitions: [
                        ContainerDefinition(name: "app", image: image, other: options.map(awslogs) ?? [:])
                    ],
                    networkMode: "awsvpc", requiresCompatibilities: compatibilities, cpu: .string("256"),
                    memory: .string("512"), taskRoleArn: taskRole, executionRoleArn: executionRole), &c)
        }
    }

    static func startInPublicSubnet(_ world: inout PullWorld, _ family: String) throws -> EcsTask {
        try world.start(family, subnet: "public", assignPublicIp: "ENABLED")
    }

    @Test("role ARNs must be IAM role ARNs; ECS answers ClientException 'Role is not valid'")
    func roleArns() throws {
        var world = try PullWorld()
        for bad in [
            "ecsTaskExecutionRole", "arn:aws:iam::1234:role/x", "arn:aws:iam::111122223333:user/alice",
            "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:role/",
            "arn:aws:iam::111122223333:role/" + String(repeating: "r", count: 65),
        ] {
            let error = expectError(.clientException, "executionRoleArn \(bad)") { () throws(NetctlError) in
                try Self.register(&world, "bad", executionRole: bad)
            }
            #expect(error?.message.hasPrefix("Role is not valid: executionRoleArn '\(bad)'") == true)
            expectError(.clientException, "taskRoleArn \(bad)") { () throws(NetctlError) in
                try Self.register(&world, "bad", taskRole: bad)
            }
        }
        let definition = try Self.register(
            &world, "good", taskRole: "arn:aws:iam::111122223333:role/service-role/web.app@team+1")
        #expect(definition.other["taskRoleArn"] == .string("arn:aws:iam::111122223333:role/service-role/web.app@team+1"))
        #expect(definition.other["executionRoleArn"] == .string(PullWorld.executionRole))
    }

    @Test("Fargate needs an execution role for awslogs and for private ECR images, as ECS refuses without one")
    func fargateExecutionRole() throws {
        var world = try PullWorld()
        let logs = expectError(.clientException) { () throws(NetctlError) in
            try Self.register(&world, "logs", options: ["awslogs-group": "/ecs/logs"], executionRole: nil)
        }
        #expect(
            logs?.message.hasPrefix(
                "Fargate requires task definition to have execution role ARN to support log driver awslogs.") == true)
        let ecr = expectError(.clientException) { () throws(NetctlError) in
            try Self.register(&world, "ecr", image: PullWorld.image, executionRole: nil)
        }
        #expect(ecr?.message.hasPrefix("Fargate requires task definition to have execution role ARN to support ECR images.") == true)
        // Neither applies on EC2, where the instance's role does that work, nor to a public image without logs.
        _ = try Self.register(
            &world, "ec2", image: PullWorld.image, options: ["awslogs-group": "/ecs/ec2"], compatibilities: ["EC2"],
            executionRole: nil)
        _ = try Self.register(&world, "public", executionRole: nil)
    }

    @Test("a task whose log group does not exist stops with ResourceInitializationError; it runs once the group exists")
    func missingGroup() throws {
        var world = try PullWorld()
        _ = try Self.register(&world, "web-logs", options: ["awslogs-group": "/ecs/web", "awslogs-stream-prefix": "web"])
        let failed = try Self.startInPublicSubnet(&world, "web-logs")
        #expect(failed.lastStatus == TaskStatus.stopped)
        #expect(failed.stopCode == "TaskFailedToStart")
        #expect(
            failed.stoppedReason?.hasPrefix(
                "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                    + "failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does "
                    + "not exist. : exit status 1 (netctl: log group /ecs/web does not exist in us-east-1") == true)
        world.f.context.logGroups = KnownLogGroups([KnownLogGroups.Key(testScope, "/ecs/web")])
        #expect(try Self.startInPublicSubnet(&world, "web-logs").lastStatus == TaskStatus.running)
    }

    @Test("awslogs-create-group true starts without the group; a group of another region or account does not count")
    func createGroupAndRegion() throws {
        var world = try PullWorld()
        _ = try Self.register(&world, "create", options: ["awslogs-group": "/ecs/new", "awslogs-create-group": "true"])
        #expect(try Self.startInPublicSubnet(&world, "create").lastStatus == TaskStatus.running)

        _ = try Self.register(&world, "west", options: ["awslogs-group": "/ecs/west", "awslogs-region": "us-west-2"])
        var groups = KnownLogGroups([
            KnownLogGroups.Key(testScope, "/ecs/west"),
            KnownLogGroups.Key(Scope(accountId: "444455556666", region: "us-west-2"), "/ecs/west"),
        ])
        world.f.context.logGroups = groups
        let wrongRegion = try Self.startInPublicSubnet(&world, "west")
        #expect(wrongRegion.stoppedReason?.contains("log group /ecs/west does not exist in us-west-2") == true)
        groups.groups.insert(KnownLogGroups.Key(Scope(accountId: testScope.accountId, region: "us-west-2"), "/ecs/west"))
        world.f.context.logGroups = groups
        #expect(try Self.startInPublicSubnet(&world, "west").lastStatus == TaskStatus.running)
    }

    @Test("awslogs without awslogs-group fails to start with the log driver's own complaint")
    func missingGroupOption() throws {
        var world = try PullWorld()
        _ = try Self.register(&world, "nogroup", options: ["awslogs-region": "us-east-1"])
        let task = try Self.startInPublicSubnet(&world, "nogroup")
        #expect(
            task.stoppedReason?.hasPrefix(
                "ResourceInitializationError: failed to validate logger args: must specify a value for log opt "
                    + "'awslogs-group'") == true)
    }

    @Test("streams are PREFIX/CONTAINER/TASK-ID, in the options' region (the task's by default)")
    func streamNames() throws {
        let container = ContainerDefinition(
            name: "api", image: "nginx",
            other: Self.awslogs(["awslogs-group": "/ecs/api", "awslogs-stream-prefix": "svc", "awslogs-create-group": "TRUE"]))
        let configuration = try #require(AwslogsConfiguration(container, taskRegion: "eu-west-1"))
        #expect(configuration.streamName(taskId: "0123abcd") == "svc/api/0123abcd")
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.createGroup)
        let plain = ContainerDefinition(name: "api", image: "nginx", other: Self.awslogs(["awslogs-group": "/g"]))
        #expect(AwslogsConfiguration(plain, taskRegion: "eu-west-1")?.streamName(taskId: "0123abcd") == "0123abcd")
        let other = ContainerDefinition(
            name: "api", image: "nginx",
            other: ["logConfiguration": .object(["logDriver": .string("json-file")])])
        #expect(AwslogsConfiguration(other, taskRegion: "eu-west-1") == nil)
    }

    @Test("containerInsights is set directly or through ECS's settings, once, and only that setting exists")
    func clusterSettings() throws {
        var f = Fixture()
        let created = try f.run { s, c throws(NetctlError) in
            try s.createEcsCluster(
                EcsClusterCreate(name: "insights", settings: [EcsClusterSetting(name: "containerInsights", value: "enabled")]),
                &c)
        }
        #expect(created.containerInsights == "enabled")
        let updated = try f.run { s, c throws(NetctlError) in
            try s.updateEcsCluster(
                EcsClusterUpdate(name: "insights", settings: [EcsClusterSetting(name: "containerInsights", value: "disabled")]),
                &c)
        }
        #expect(updated.containerInsights == "disabled")
        expectError(.invalidParameterException) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in
                try s.updateEcsCluster(
                    EcsClusterUpdate(name: "insights", settings: [EcsClusterSetting(name: "fargateSpot", value: "on")]), &c)
            }
        }
        expectError(.invalidParameterException) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in
                try s.updateEcsCluster(
                    EcsClusterUpdate(
                        name: "insights", containerInsights: "enabled",
                        settings: [EcsClusterSetting(name: "containerInsights", value: "disabled")]), &c)
            }
        }
        #expect(f.state.ecsClusters[EcsArn.cluster("insights", testScope)]?.containerInsights == "disabled")
    }
}
