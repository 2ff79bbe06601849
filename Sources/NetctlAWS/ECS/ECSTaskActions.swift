import NetctlAPI

extension ECSActions {
    static let tasks: [JSONAction] = [
        .make(
            "RunTask", mutating: true,
            supported: [
                "cluster", "taskDefinition", "count", "launchType", "networkConfiguration", "startedBy", "tags",
                "clientToken",
            ], clientToken: { $0.clientToken }
        ) { (input: ECS.RunTaskRequest, context) throws(AWSError) in
            let network = try ECSShapes.awsvpc(input.networkConfiguration)
            let result = try await context.run(
                EcsTaskRun(
                    cluster: ECSShapes.cluster(input.cluster), taskDefinition: input.taskDefinition, count: input.count,
                    launchType: input.launchType, subnets: network?.subnets, startedBy: input.startedBy,
                    securityGroups: network?.securityGroups, assignPublicIp: network?.assignPublicIp,
                    tags: try ECSShapes.tags(input.tags)))
            let definition = try await context.run(EcsTaskDefinitionGet(taskDefinition: input.taskDefinition))
            return ECS.RunTaskResponse(
                tasks: result.tasks.map { ECS.Task($0, definition: definition, tags: true) },
                failures: result.failures.map { ECS.Failure(arn: $0.arn, reason: $0.reason) })
        },
        .make("StopTask", mutating: true, supported: ["cluster", "task", "reason"]) {
            (input: ECS.StopTaskRequest, context) throws(AWSError) in
            let task = try await context.run(
                EcsTaskStop(cluster: ECSShapes.cluster(input.cluster), task: input.task, reason: input.reason))
            return ECS.StopTaskResponse(
                task: ECS.Task(task, definition: try? await ECSActions.definition(of: task, context), tags: false))
        },
        .make("DescribeTasks", mutating: false, supported: ["cluster", "tasks", "include"]) {
            (input: ECS.DescribeTasksRequest, context) throws(AWSError) in
            let withTags = try ECSShapes.includesTags(input.include)
            guard (1...100).contains(input.tasks.count) else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "Describe 1 to 100 tasks at a time; got \(input.tasks.count).")
            }
            let cluster = ECSShapes.cluster(input.cluster)
            // An unknown cluster is an error; an unknown task is a failure entry.
            _ = try await context.run(EcsClusterGet(name: cluster))
            var tasks: [ECS.Task] = []
            var failures: [ECS.Failure] = []
            for reference in input.tasks {
                do throws(AWSError) {
                    let task = try await context.run(EcsTaskGet(cluster: cluster, task: reference))
                    tasks.append(
                        ECS.Task(task, definition: try? await ECSActions.definition(of: task, context), tags: withTags))
                } catch let error where error.code == "InvalidParameterException" {
                    failures.append(ECS.Failure(arn: reference, reason: "MISSING"))
                }
            }
            return ECS.DescribeTasksResponse(tasks: tasks, failures: failures)
        },
        .make(
            "ListTasks", mutating: false,
            supported: [
                "cluster", "containerInstance", "family", "nextToken", "maxResults", "startedBy", "serviceName",
                "desiredStatus", "launchType",
            ]
        ) { (input: ECS.ListTasksRequest, context) throws(AWSError) in
            let tasks = try await context.run(
                EcsTaskList(
                    cluster: ECSShapes.cluster(input.cluster), service: input.serviceName,
                    desiredStatus: input.desiredStatus, startedBy: input.startedBy, family: input.family,
                    containerInstance: input.containerInstance, launchType: input.launchType)
            ).tasks
            let page = try Paging.page(tasks, limit: input.maxResults, maximum: 100, nextToken: input.nextToken)
            return ECS.ListTasksResponse(taskArns: page.items.map(\.taskArn), nextToken: page.nextToken)
        },
    ]

    /// The task's definition, for its containers; a revision stays describable after deregistration.
    static func definition(of task: EcsTask, _ context: ActionContext) async throws(AWSError) -> TaskDefinition {
        try await context.run(EcsTaskDefinitionGet(taskDefinition: task.taskDefinitionArn))
    }
}
