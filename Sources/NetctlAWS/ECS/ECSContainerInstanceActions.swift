import NetctlAPI

extension ECSActions {
    static let containerInstances: [JSONAction] = [
        .make(
            "RegisterContainerInstance", mutating: true, supported: ["cluster", "totalResources", "attributes", "tags"]
        ) {
            (input: ECS.RegisterContainerInstanceRequest, context) throws(AWSError) in
            var cpu: Int?
            var memory: Int?
            for resource in input.totalResources ?? [] {
                switch resource.name {
                case "CPU": cpu = resource.integerValue
                case "MEMORY": memory = resource.integerValue
                default:
                    throw AWSError(
                        code: "InvalidParameterException",
                        message:
                            "netctld registers CPU and MEMORY (integerValue); leave out \(resource.name ?? "unnamed resources")."
                    )
                }
            }
            guard let cpu, let memory else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "totalResources must give CPU and MEMORY as integerValue, e.g. "
                        + "[{\"name\":\"CPU\",\"type\":\"INTEGER\",\"integerValue\":2048},"
                        + "{\"name\":\"MEMORY\",\"type\":\"INTEGER\",\"integerValue\":4096}].")
            }
            // No EC2 instance exists behind the registration here: the subnet it sits in comes from the
            // attribute ECS itself reports for every instance.
            var subnet: String?
            for attribute in input.attributes ?? [] {
                guard attribute.name == "ecs.subnet-id", let value = attribute.value else {
                    throw AWSError(
                        code: "InvalidParameterException",
                        message: "netctld takes one attribute, ecs.subnet-id (the instance's subnet); leave out "
                            + "\(attribute.name ?? "unnamed attributes").")
                }
                subnet = value
            }
            guard let subnet else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message:
                        "Give the instance's subnet as the attribute {\"name\":\"ecs.subnet-id\",\"value\":\"subnet-…\"}."
                )
            }
            let instance = try await context.run(
                EcsInstanceRegister(
                    cluster: ECSShapes.cluster(input.cluster), cpu: cpu, memory: memory, subnet: subnet,
                    tags: try ECSShapes.tags(input.tags)))
            return ECS.RegisterContainerInstanceResponse(containerInstance: ECS.ContainerInstance(instance, tags: true))
        },
        .make("DeregisterContainerInstance", mutating: true, supported: ["cluster", "containerInstance", "force"]) {
            (input: ECS.DeregisterContainerInstanceRequest, context) throws(AWSError) in
            let instance = try await context.run(
                EcsInstanceDeregister(
                    cluster: ECSShapes.cluster(input.cluster), containerInstance: input.containerInstance,
                    force: input.force))
            return ECS.DeregisterContainerInstanceResponse(
                containerInstance: ECS.ContainerInstance(instance, tags: true))
        },
        .make("ListContainerInstances", mutating: false, supported: ["cluster", "status", "maxResults", "nextToken"]) {
            (input: ECS.ListContainerInstancesRequest, context) throws(AWSError) in
            if let status = input.status,
                !["ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED"]
                    .contains(status)
            {
                throw AWSError(
                    code: "InvalidParameterException", message: "status '\(status)' is not a container instance status."
                )
            }
            let instances = try await context.run(
                EcsInstanceList(cluster: ECSShapes.cluster(input.cluster), status: input.status)
            ).instances.filter { $0.status != "INACTIVE" }
            let page = try Paging.page(instances, limit: input.maxResults, maximum: 100, nextToken: input.nextToken)
            return ECS.ListContainerInstancesResponse(
                containerInstanceArns: page.items.map(\.containerInstanceArn), nextToken: page.nextToken)
        },
        .make("DescribeContainerInstances", mutating: false, supported: ["cluster", "containerInstances", "include"]) {
            (input: ECS.DescribeContainerInstancesRequest, context) throws(AWSError) in
            let withTags = try ECSShapes.includesTags(input.include)
            let instances = try await context.run(EcsInstanceList(cluster: ECSShapes.cluster(input.cluster))).instances
            var found: [ECS.ContainerInstance] = []
            var failures: [ECS.Failure] = []
            for reference in input.containerInstances {
                if let instance = instances.first(where: {
                    $0.containerInstanceArn == reference || $0.containerInstanceArn.hasSuffix("/" + reference)
                }) {
                    found.append(ECS.ContainerInstance(instance, tags: withTags))
                } else {
                    failures.append(ECS.Failure(arn: reference, reason: "MISSING"))
                }
            }
            return ECS.DescribeContainerInstancesResponse(containerInstances: found, failures: failures)
        },
    ]
}
