import NetctlAPI

extension ECSActions {
    static let taskDefinitions: [JSONAction] = [
        .make(
            "RegisterTaskDefinition", mutating: true,
            supported: [
                "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "volumes",
                "placementConstraints", "requiresCompatibilities", "cpu", "memory", "tags", "pidMode", "ipcMode",
                "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage", "runtimePlatform",
                "enableFaultInjection",
            ]
        ) { (input: ECS.RegisterTaskDefinitionRequest, context) throws(AWSError) in
            // Everything the file holds is kept: netctl stores the members it does not interpret as given.
            func kept(_ value: (some Encodable)?, _ what: String) throws(AWSError) -> JSONValue? {
                guard let value else { return nil }
                return try ECSShapes.reshape(value, as: JSONValue.self, what)
            }
            let definition = try await context.run(
                EcsTaskDefinitionRegister(
                    family: input.family,
                    containerDefinitions: try ECSShapes.reshape(
                        input.containerDefinitions, as: [ContainerDefinition].self, "containerDefinitions"),
                    networkMode: input.networkMode, requiresCompatibilities: input.requiresCompatibilities,
                    cpu: input.cpu.map(JSONValue.string), memory: input.memory.map(JSONValue.string),
                    taskRoleArn: input.taskRoleArn, executionRoleArn: input.executionRoleArn,
                    volumes: try kept(input.volumes, "volumes"),
                    placementConstraints: try kept(input.placementConstraints, "placementConstraints"),
                    tags: try kept(input.tags, "tags"), pidMode: input.pidMode, ipcMode: input.ipcMode,
                    proxyConfiguration: try kept(input.proxyConfiguration, "proxyConfiguration"),
                    inferenceAccelerators: try kept(input.inferenceAccelerators, "inferenceAccelerators"),
                    ephemeralStorage: try kept(input.ephemeralStorage, "ephemeralStorage"),
                    runtimePlatform: try kept(input.runtimePlatform, "runtimePlatform"),
                    enableFaultInjection: input.enableFaultInjection))
            return ECS.RegisterTaskDefinitionResponse(
                taskDefinition: try ECS.TaskDefinition(definition), tags: ECSShapes.tagList(definition.tags))
        },
        .make("DescribeTaskDefinition", mutating: false, supported: ["taskDefinition", "include"]) {
            (input: ECS.DescribeTaskDefinitionRequest, context) throws(AWSError) in
            let withTags = try ECSShapes.includesTags(input.include)
            let definition = try await context.run(EcsTaskDefinitionGet(taskDefinition: input.taskDefinition))
            return ECS.DescribeTaskDefinitionResponse(
                taskDefinition: try ECS.TaskDefinition(definition),
                tags: withTags ? ECSShapes.tagList(definition.tags) : nil)
        },
        .make(
            "ListTaskDefinitions", mutating: false,
            supported: ["familyPrefix", "status", "sort", "nextToken", "maxResults"]
        ) { (input: ECS.ListTaskDefinitionsRequest, context) throws(AWSError) in
            let descending = try ECSActions.sortDescending(input.sort)
            // ECS lists by family, then revision; the order is the response's, paging follows it.
            var arns = try await context.run(
                EcsTaskDefinitionList(familyPrefix: input.familyPrefix, status: input.status)
            ).taskDefinitions.sorted { ($0.family, $0.revision) < ($1.family, $1.revision) }.map(\.taskDefinitionArn)
            if descending { arns.reverse() }
            let page = try Paging.page(arns, limit: input.maxResults, maximum: 100, nextToken: input.nextToken)
            return ECS.ListTaskDefinitionsResponse(taskDefinitionArns: Array(page.items), nextToken: page.nextToken)
        },
        .make(
            "ListTaskDefinitionFamilies", mutating: false,
            supported: ["familyPrefix", "status", "nextToken", "maxResults"]
        ) { (input: ECS.ListTaskDefinitionFamiliesRequest, context) throws(AWSError) in
            let families = try await context.run(
                EcsTaskDefinitionFamilies(familyPrefix: input.familyPrefix, status: input.status)
            ).families
            let page = try Paging.page(families, limit: input.maxResults, maximum: 100, nextToken: input.nextToken)
            return ECS.ListTaskDefinitionFamiliesResponse(families: Array(page.items), nextToken: page.nextToken)
        },
        .make("DeregisterTaskDefinition", mutating: true, supported: ["taskDefinition"]) {
            (input: ECS.DeregisterTaskDefinitionRequest, context) throws(AWSError) in
            let definition = try await context.run(EcsTaskDefinitionDeregister(taskDefinition: input.taskDefinition))
            return ECS.DeregisterTaskDefinitionResponse(taskDefinition: try ECS.TaskDefinition(definition))
        },
    ]

    static func sortDescending(_ sort: String?) throws(AWSError) -> Bool {
        switch sort {
        case nil, "ASC": return false
        case "DESC": return true
        default:
            throw AWSError(code: "InvalidParameterException", message: "sort must be ASC or DESC; got '\(sort ?? "")'.")
        }
    }
}
