import Foundation
import NetctlAPI

/// netctl's ECS records as the ECS model's shapes, and the model's free-form inputs (container
/// definitions, volumes, …) as the JSON netctl keeps. Both sides are Codable with the model's member
/// names, so members pass through JSON rather than being copied one by one: whatever a user
/// registered comes back as registered.
enum ECSShapes {
    static func reshape<Output: Decodable>(_ value: some Encodable, as type: Output.Type, _ what: String)
        throws(AWSError) -> Output
    {
        do {
            let data = try JSONShapeCoding.encoder().encode(value)
            return try JSONShapeCoding.decoder().decode(type, from: data)
        } catch {
            throw AWSError(code: "ClientException", message: "\(what) is not valid: \(error)")
        }
    }

    /// The default cluster when a request names none, as ECS does.
    static func cluster(_ name: String?) -> String { name ?? "default" }

    static func tags(_ tags: [ECS.Tag]?) throws(AWSError) -> Tags? {
        guard let tags else { return nil }
        var result: Tags = [:]
        for tag in tags {
            guard let key = tag.key else {
                throw AWSError(code: "InvalidParameterException", message: "Every tag needs a key.")
            }
            result[key] = tag.value ?? ""
        }
        return result
    }

    static func tagList(_ tags: Tags?) -> [ECS.Tag] {
        (tags ?? [:]).sorted { $0.key < $1.key }.map { ECS.Tag(key: $0.key, value: $0.value) }
    }

    /// `include: ["TAGS"]` asks for tags; other values ECS knows are refused rather than ignored.
    static func includesTags(_ include: [String]?, allowed: Set<String> = ["TAGS"]) throws(AWSError) -> Bool {
        for value in include ?? [] where !allowed.contains(value) {
            throw AWSError(
                code: "InvalidParameterException",
                message:
                    "netctld does not support include value \(value); it supports \(allowed.sorted().joined(separator: ", "))."
            )
        }
        return include?.contains("TAGS") == true
    }

    /// The awsvpc part of a networkConfiguration; nil when absent.
    static func awsvpc(_ configuration: ECS.NetworkConfiguration?) throws(AWSError) -> ECS.AwsVpcConfiguration? {
        guard let configuration else { return nil }
        guard let awsvpc = configuration.awsvpcConfiguration else {
            throw AWSError(
                code: "InvalidParameterException",
                message: "networkConfiguration needs awsvpcConfiguration with subnets.")
        }
        return awsvpc
    }

    static func networkConfiguration(subnets: [String], securityGroups: [String]?, assignPublicIp: String?)
        -> ECS.NetworkConfiguration?
    {
        guard !subnets.isEmpty else { return nil }
        return ECS.NetworkConfiguration(
            awsvpcConfiguration: ECS.AwsVpcConfiguration(
                subnets: subnets, securityGroups: securityGroups ?? [], assignPublicIp: assignPublicIp ?? "DISABLED"))
    }
}

extension ECS.Cluster {
    init(_ cluster: EcsCluster, tags includeTags: Bool) {
        self.init()
        clusterArn = cluster.clusterArn
        clusterName = cluster.clusterName
        status = cluster.status
        registeredContainerInstancesCount = cluster.registeredContainerInstancesCount
        runningTasksCount = cluster.runningTasksCount
        pendingTasksCount = cluster.pendingTasksCount
        activeServicesCount = cluster.activeServicesCount
        statistics = []
        tags = includeTags ? ECSShapes.tagList(cluster.tags) : []
        settings = cluster.containerInsights.map { [ECS.ClusterSetting(name: "containerInsights", value: $0)] }
        capacityProviders = []
        defaultCapacityProviderStrategy = []
    }
}

extension ECS.ContainerInstance {
    init(_ instance: ContainerInstance, tags includeTags: Bool) {
        self.init()
        containerInstanceArn = instance.containerInstanceArn
        ec2InstanceId = instance.ec2InstanceId
        status = instance.status
        agentConnected = instance.agentConnected
        runningTasksCount = instance.runningTasksCount
        pendingTasksCount = instance.pendingTasksCount
        registeredAt = instance.registeredAt
        registeredResources = Self.resources(instance.registeredResources)
        remainingResources = Self.resources(instance.remainingResources)
        // The attributes ECS sets on every instance from where it runs.
        attributes = [
            ECS.Attribute(name: "ecs.availability-zone", value: instance.availabilityZone),
            ECS.Attribute(name: "ecs.subnet-id", value: instance.subnetId),
            ECS.Attribute(name: "ecs.vpc-id", value: instance.vpcId),
        ]
        tags = includeTags ? ECSShapes.tagList(instance.tags) : []
    }

    static func resources(_ resources: EcsResources) -> [ECS.Resource] {
        [
            ECS.Resource(name: "CPU", type: "INTEGER", integerValue: resources.cpu),
            ECS.Resource(name: "MEMORY", type: "INTEGER", integerValue: resources.memory),
        ]
    }
}

extension ECS.TaskDefinition {
    init(_ definition: TaskDefinition) throws(AWSError) {
        self.init()
        taskDefinitionArn = definition.taskDefinitionArn
        family = definition.family
        revision = definition.revision
        status = definition.status
        networkMode = definition.networkMode
        requiresCompatibilities = definition.requiresCompatibilities
        compatibilities = definition.compatibilities
        cpu = definition.cpu
        memory = definition.memory
        registeredAt = definition.registeredAt
        deregisteredAt = definition.deregisteredAt
        containerDefinitions = try ECSShapes.reshape(
            definition.containerDefinitions, as: [ECS.ContainerDefinition].self, "containerDefinitions")
        let other = definition.other
        taskRoleArn = other["taskRoleArn"]?.stringValue
        executionRoleArn = other["executionRoleArn"]?.stringValue
        pidMode = other["pidMode"]?.stringValue
        ipcMode = other["ipcMode"]?.stringValue
        enableFaultInjection = other["enableFaultInjection"]?.boolValue
        volumes =
            try other["volumes"].map { value throws(AWSError) in
                try ECSShapes.reshape(value, as: [ECS.Volume].self, "volumes")
            } ?? []
        placementConstraints =
            try other["placementConstraints"].map { value throws(AWSError) in
                try ECSShapes.reshape(value, as: [ECS.TaskDefinitionPlacementConstraint].self, "placementConstraints")
            } ?? []
        proxyConfiguration = try other["proxyConfiguration"].map { value throws(AWSError) in
            try ECSShapes.reshape(value, as: ECS.ProxyConfiguration.self, "proxyConfiguration")
        }
        inferenceAccelerators = try other["inferenceAccelerators"].map { value throws(AWSError) in
            try ECSShapes.reshape(value, as: [ECS.InferenceAccelerator].self, "inferenceAccelerators")
        }
        ephemeralStorage = try other["ephemeralStorage"].map { value throws(AWSError) in
            try ECSShapes.reshape(value, as: ECS.EphemeralStorage.self, "ephemeralStorage")
        }
        runtimePlatform = try other["runtimePlatform"].map { value throws(AWSError) in
            try ECSShapes.reshape(value, as: ECS.RuntimePlatform.self, "runtimePlatform")
        }
    }
}

extension ECS.Service {
    init(_ service: EcsService, tags includeTags: Bool) {
        self.init()
        serviceArn = service.serviceArn
        serviceName = service.serviceName
        clusterArn = service.clusterArn
        status = service.status
        desiredCount = service.desiredCount
        runningCount = service.runningCount
        pendingCount = service.pendingCount
        launchType = service.launchType
        taskDefinition = service.taskDefinition
        createdAt = service.createdAt
        loadBalancers = (service.loadBalancers ?? []).map {
            ECS.LoadBalancer(
                targetGroupArn: $0.targetGroupArn, containerName: $0.containerName, containerPort: $0.containerPort)
        }
        healthCheckGracePeriodSeconds = service.healthCheckGracePeriodSeconds
        serviceRegistries = service.serviceRegistry?.registryArn.map { [ECS.ServiceRegistry(registryArn: $0)] } ?? []
        placementConstraints = []
        placementStrategy = []
        schedulingStrategy = "REPLICA"
        deploymentController = ECS.DeploymentController(type: "ECS")
        deploymentConfiguration = ECS.DeploymentConfiguration(
            deploymentCircuitBreaker: ECS.DeploymentCircuitBreaker(
                enable: service.deploymentCircuitBreaker.enable, rollback: service.deploymentCircuitBreaker.rollback),
            maximumPercent: service.maximumPercent, minimumHealthyPercent: service.minimumHealthyPercent)
        let network = ECSShapes.networkConfiguration(
            subnets: service.subnets, securityGroups: service.securityGroups, assignPublicIp: service.assignPublicIp)
        networkConfiguration = network
        deployments = service.deployments.map { deployment in
            var shape = ECS.Deployment()
            shape.id = deployment.id
            shape.status = deployment.status
            shape.taskDefinition = deployment.taskDefinition
            shape.desiredCount = deployment.desiredCount
            shape.runningCount = deployment.runningCount
            shape.pendingCount = deployment.pendingCount
            shape.failedTasks = deployment.failedTasks
            shape.createdAt = deployment.createdAt
            shape.updatedAt = deployment.updatedAt
            shape.launchType = service.launchType
            shape.networkConfiguration = network
            shape.rolloutState = deployment.rolloutState
            shape.rolloutStateReason =
                switch deployment.rolloutState {
                case "COMPLETED": "ECS deployment \(deployment.id) completed."
                case "FAILED": "ECS deployment circuit breaker: tasks failed to start."
                default: "ECS deployment \(deployment.id) in progress."
                }
            return shape
        }
        events = service.events.map { ECS.ServiceEvent(id: $0.id, createdAt: $0.at, message: $0.message) }
        enableECSManagedTags = false
        propagateTags = "NONE"
        enableExecuteCommand = false
        tags = includeTags ? ECSShapes.tagList(service.tags) : nil
    }
}

extension ECS.Task {
    init(_ task: EcsTask, definition: TaskDefinition?, tags includeTags: Bool) {
        self.init()
        taskArn = task.taskArn
        clusterArn = task.clusterArn
        taskDefinitionArn = task.taskDefinitionArn
        lastStatus = task.lastStatus
        desiredStatus = task.desiredStatus
        launchType = task.launchType
        availabilityZone = task.availabilityZone
        containerInstanceArn = task.containerInstanceArn
        cpu = String(task.cpu)
        memory = String(task.memory)
        createdAt = task.createdAt
        startedAt = task.startedAt
        stoppingAt = task.stoppingAt
        stoppedAt = task.stoppedAt
        stopCode = task.stopCode
        stoppedReason = task.stoppedReason
        startedBy = task.startedBy
        version = task.version
        group = task.serviceName.map { "service:\($0)" } ?? definition.map { "family:\($0.family)" }
        tags = includeTags ? ECSShapes.tagList(task.tags) : []
        var interfaces: [ECS.NetworkInterface] = []
        if let interfaceId = task.networkInterfaceId {
            let attachment = Self.attachmentId(task.taskId)
            attachments = [
                ECS.Attachment(
                    id: attachment, type: "ElasticNetworkInterface", status: Self.attachmentStatus(task.lastStatus),
                    details: [
                        ECS.KeyValuePair(name: "subnetId", value: task.subnetId),
                        ECS.KeyValuePair(name: "networkInterfaceId", value: interfaceId),
                        ECS.KeyValuePair(name: "privateIPv4Address", value: task.privateIpAddress),
                    ])
            ]
            interfaces = [ECS.NetworkInterface(attachmentId: attachment, privateIpv4Address: task.privateIpAddress)]
        } else {
            attachments = []
        }
        containers = (definition?.containerDefinitions ?? []).map { container in
            var shape = ECS.Container()
            shape.taskArn = task.taskArn
            shape.name = container.name
            shape.image = container.image
            shape.lastStatus = Self.containerStatus(task)
            shape.networkInterfaces = interfaces
            shape.cpu = container.cpu.map(String.init)
            shape.memory = container.memory.map(String.init)
            shape.memoryReservation = container.memoryReservation.map(String.init)
            return shape
        }
    }

    /// A container is PENDING until its task first runs, RUNNING until the task has stopped it
    /// (through DEACTIVATING and STOPPING), then STOPPED.
    static func containerStatus(_ task: EcsTask) -> String {
        switch task.lastStatus {
        case TaskStatus.provisioning, TaskStatus.pending, TaskStatus.activating: TaskStatus.pending
        case TaskStatus.running, TaskStatus.deactivating, TaskStatus.stopping:
            task.startedAt == nil ? TaskStatus.pending : TaskStatus.running
        default: TaskStatus.stopped
        }
    }

    /// The task's ENI attachment, named by the task's own ID in UUID form so it is stable across reads.
    static func attachmentId(_ taskId: String) -> String {
        let hex = Array(taskId)
        guard hex.count == 32 else { return taskId }
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }

    static func attachmentStatus(_ lastStatus: String) -> String {
        switch lastStatus {
        case TaskStatus.provisioning: "PRECREATED"
        case TaskStatus.stopped: "DELETED"
        case TaskStatus.deprovisioning: "DELETED"
        default: "ATTACHED"
        }
    }
}
