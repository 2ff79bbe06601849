import Foundation

public struct EcsClusterCreate: RPCMethod {
    public typealias Response = EcsCluster
    public static let method = "ecs.cluster.create"
    public static let summary = "Create an ECS cluster (named default when no name is given)."
    public var name: String?
    public var tags: Tags?
    /// `enabled`, `enhanced` or `disabled`.
    public var containerInsights: String?
    /// ECS's form of the same: `[{name: "containerInsights", value}]`.
    public var settings: [EcsClusterSetting]?
    public init(
        name: String? = nil, tags: Tags? = nil, containerInsights: String? = nil, settings: [EcsClusterSetting]? = nil
    ) {
        self.name = name
        self.tags = tags
        self.containerInsights = containerInsights
        self.settings = settings
    }
}

/// A cluster setting as ECS takes it; `containerInsights` is the one ECS has.
public struct EcsClusterSetting: Codable, Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct EcsClusterUpdate: RPCMethod {
    public typealias Response = EcsCluster
    public static let method = "ecs.cluster.update"
    public static let summary = "Change a cluster's settings (containerInsights: enabled, enhanced or disabled)."
    /// The cluster's name or ARN.
    public var name: String
    public var containerInsights: String?
    /// ECS's form of the same: `[{name: "containerInsights", value}]`.
    public var settings: [EcsClusterSetting]?
    public init(name: String, containerInsights: String? = nil, settings: [EcsClusterSetting]? = nil) {
        self.name = name
        self.containerInsights = containerInsights
        self.settings = settings
    }
}

public struct EcsClusterGet: RPCMethod {
    public typealias Response = EcsCluster
    public static let method = "ecs.cluster.get"
    public static let summary = "One ECS cluster with its instance, task and service counts."
    /// The cluster's name or ARN.
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct EcsClusterList: RPCMethod {
    public typealias Response = EcsClusterListResponse
    public static let method = "ecs.cluster.list"
    public static let summary = "The caller's ECS clusters."
    public var maxResults: Int?
    public var nextToken: String?
    public init(maxResults: Int? = nil, nextToken: String? = nil) {
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcsClusterListResponse: Codable, Sendable, Hashable {
    public var clusters: [EcsCluster]
    public var nextToken: String?
    public init(clusters: [EcsCluster], nextToken: String? = nil) {
        self.clusters = clusters
        self.nextToken = nextToken
    }
}

public struct EcsClusterDelete: RPCMethod {
    public typealias Response = EcsCluster
    public static let method = "ecs.cluster.delete"
    public static let summary = "Delete a cluster that has no services, tasks or container instances left."
    /// The cluster's name or ARN.
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct EcsInstanceRegister: RPCMethod {
    public typealias Response = ContainerInstance
    public static let method = "ecs.instance.register"
    public static let summary =
        "Register an EC2 container instance (an ENI and a private IP in the subnet) with its CPU units and memory MiB."
    public var cluster: String
    /// CPU units, 1024 per vCPU.
    public var cpu: Int
    /// Memory in MiB.
    public var memory: Int
    public var subnet: String
    public var tags: Tags?
    public init(cluster: String, cpu: Int, memory: Int, subnet: String, tags: Tags? = nil) {
        self.cluster = cluster
        self.cpu = cpu
        self.memory = memory
        self.subnet = subnet
        self.tags = tags
    }
}

public struct EcsInstanceList: RPCMethod {
    public typealias Response = EcsInstanceListResponse
    public static let method = "ecs.instance.list"
    public static let summary = "The container instances of a cluster, with their remaining resources."
    public var cluster: String
    public var status: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String, status: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.cluster = cluster
        self.status = status
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcsInstanceListResponse: Codable, Sendable, Hashable {
    public var instances: [ContainerInstance]
    public var nextToken: String?
    public init(instances: [ContainerInstance], nextToken: String? = nil) {
        self.instances = instances
        self.nextToken = nextToken
    }
}

public struct EcsInstanceDeregister: RPCMethod {
    public typealias Response = ContainerInstance
    public static let method = "ecs.instance.deregister"
    public static let summary = "Deregister a container instance; with tasks on it only with force, which stops them."
    public var cluster: String
    /// Its ARN or the 32-hex ID at its end.
    public var containerInstance: String
    public var force: Bool?
    public init(cluster: String, containerInstance: String, force: Bool? = nil) {
        self.cluster = cluster
        self.containerInstance = containerInstance
        self.force = force
    }
}

public struct EcsTaskDefinitionRegister: RPCMethod {
    public typealias Response = TaskDefinition
    public static let method = "ecs.taskDefinition.register"
    public static let summary =
        "Register a revision of a task definition family (the JSON of aws ecs register-task-definition --cli-input-json is accepted as is)."
    public var family: String
    public var containerDefinitions: [ContainerDefinition]
    public var networkMode: String?
    public var requiresCompatibilities: [String]?
    /// Task CPU units: 256, \"256\" or \"0.25 vCPU\".
    public var cpu: JSONValue?
    /// Task memory: 512, \"512\" or \"0.5 GB\".
    public var memory: JSONValue?
    public var taskRoleArn: String?
    public var executionRoleArn: String?
    public var volumes: JSONValue?
    public var placementConstraints: JSONValue?
    public var tags: JSONValue?
    public var pidMode: String?
    public var ipcMode: String?
    public var proxyConfiguration: JSONValue?
    public var inferenceAccelerators: JSONValue?
    public var ephemeralStorage: JSONValue?
    public var runtimePlatform: JSONValue?
    public var enableFaultInjection: Bool?
    public init(
        family: String, containerDefinitions: [ContainerDefinition], networkMode: String? = nil,
        requiresCompatibilities: [String]? = nil, cpu: JSONValue? = nil, memory: JSONValue? = nil,
        taskRoleArn: String? = nil, executionRoleArn: String? = nil, volumes: JSONValue? = nil,
        placementConstraints: JSONValue? = nil, tags: JSONValue? = nil, pidMode: String? = nil, ipcMode: String? = nil,
        proxyConfiguration: JSONValue? = nil, inferenceAccelerators: JSONValue? = nil,
        ephemeralStorage: JSONValue? = nil, runtimePlatform: JSONValue? = nil, enableFaultInjection: Bool? = nil
    ) {
        self.family = family
        self.containerDefinitions = containerDefinitions
        self.networkMode = networkMode
        self.requiresCompatibilities = requiresCompatibilities
        self.cpu = cpu
        self.memory = memory
        self.taskRoleArn = taskRoleArn
        self.executionRoleArn = executionRoleArn
        self.volumes = volumes
        self.placementConstraints = placementConstraints
        self.tags = tags
        self.pidMode = pidMode
        self.ipcMode = ipcMode
        self.proxyConfiguration = proxyConfiguration
        self.inferenceAccelerators = inferenceAccelerators
        self.ephemeralStorage = ephemeralStorage
        self.runtimePlatform = runtimePlatform
        self.enableFaultInjection = enableFaultInjection
    }
}

public struct EcsTaskDefinitionGet: RPCMethod {
    public typealias Response = TaskDefinition
    public static let method = "ecs.taskDefinition.get"
    public static let summary = "A task definition: family (its latest ACTIVE revision), family:revision or ARN."
    public var taskDefinition: String
    public init(taskDefinition: String) {
        self.taskDefinition = taskDefinition
    }
}

public struct EcsTaskDefinitionList: RPCMethod {
    public typealias Response = EcsTaskDefinitionListResponse
    public static let method = "ecs.taskDefinition.list"
    public static let summary =
        "Task definitions, optionally of families starting with a prefix, by status (ACTIVE by default)."
    public var familyPrefix: String?
    public var status: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(familyPrefix: String? = nil, status: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.familyPrefix = familyPrefix
        self.status = status
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcsTaskDefinitionListResponse: Codable, Sendable, Hashable {
    public var taskDefinitions: [TaskDefinition]
    public var nextToken: String?
    public init(taskDefinitions: [TaskDefinition], nextToken: String? = nil) {
        self.taskDefinitions = taskDefinitions
        self.nextToken = nextToken
    }
}

public struct EcsTaskDefinitionFamilies: RPCMethod {
    public typealias Response = EcsTaskDefinitionFamiliesResponse
    public static let method = "ecs.taskDefinition.families"
    public static let summary =
        "Task definition families: ACTIVE (default) those with an active revision, INACTIVE those with none, or ALL."
    public var familyPrefix: String?
    public var status: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(familyPrefix: String? = nil, status: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.familyPrefix = familyPrefix
        self.status = status
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcsTaskDefinitionFamiliesResponse: Codable, Sendable, Hashable {
    public var families: [String]
    public var nextToken: String?
    public init(families: [String], nextToken: String? = nil) {
        self.families = families
        self.nextToken = nextToken
    }
}

public struct EcsTaskDefinitionDeregister: RPCMethod {
    public typealias Response = TaskDefinition
    public static let method = "ecs.taskDefinition.deregister"
    public static let summary = "Mark a task definition revision INACTIVE; tasks and services using it keep running."
    public var taskDefinition: String
    public init(taskDefinition: String) {
        self.taskDefinition = taskDefinition
    }
}

public struct EcsServiceCreate: RPCMethod {
    public typealias Response = EcsService
    public static let method = "ecs.service.create"
    public static let summary = "Create a service that keeps desiredCount tasks of a task definition running."
    public var cluster: String
    public var name: String
    public var taskDefinition: String
    public var desiredCount: Int
    /// FARGATE (default) or EC2.
    public var launchType: String?
    /// Subnets of one VPC for awsvpc tasks (at most 16).
    public var subnets: [String]?
    public var serviceRegistry: ServiceRegistry?
    public var deploymentConfiguration: DeploymentConfiguration?
    /// awsvpc security groups (`sg-…`, at most 5), kept on the service and its tasks.
    public var securityGroups: [String]?
    /// `ENABLED` or `DISABLED` (default).
    public var assignPublicIp: String?
    public var tags: Tags?
    /// Target groups (ARN or name) each task registers in with a container's port (at most 5).
    public var loadBalancers: [EcsLoadBalancer]?
    /// 0 to 2147483647 (default 0): how long failed ELB health checks of a new task are ignored.
    public var healthCheckGracePeriodSeconds: Int?
    public init(
        cluster: String, name: String, taskDefinition: String, desiredCount: Int, launchType: String? = nil,
        subnets: [String]? = nil, serviceRegistry: ServiceRegistry? = nil,
        deploymentConfiguration: DeploymentConfiguration? = nil, securityGroups: [String]? = nil,
        assignPublicIp: String? = nil, tags: Tags? = nil, loadBalancers: [EcsLoadBalancer]? = nil,
        healthCheckGracePeriodSeconds: Int? = nil
    ) {
        self.loadBalancers = loadBalancers
        self.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.tags = tags
        self.cluster = cluster
        self.name = name
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.launchType = launchType
        self.subnets = subnets
        self.serviceRegistry = serviceRegistry
        self.deploymentConfiguration = deploymentConfiguration
    }
}

public struct EcsServiceGet: RPCMethod {
    public typealias Response = EcsService
    public static let method = "ecs.service.get"
    public static let summary = "A service with its counts, deployments and latest events."
    public var cluster: String
    /// Its name or ARN.
    public var service: String
    public init(cluster: String, service: String) {
        self.cluster = cluster
        self.service = service
    }
}

public struct EcsServiceList: RPCMethod {
    public typealias Response = EcsServiceListResponse
    public static let method = "ecs.service.list"
    public static let summary = "The services of a cluster."
    public var cluster: String
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.cluster = cluster
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcsServiceListResponse: Codable, Sendable, Hashable {
    public var services: [EcsService]
    public var nextToken: String?
    public init(services: [EcsService], nextToken: String? = nil) {
        self.services = services
        self.nextToken = nextToken
    }
}

public struct EcsServiceUpdate: RPCMethod {
    public typealias Response = EcsService
    public static let method = "ecs.service.update"
    public static let summary = "Change the desired count or the task definition (a rolling deployment) of a service."
    public var cluster: String
    public var service: String
    public var desiredCount: Int?
    public var taskDefinition: String?
    public var deploymentConfiguration: DeploymentConfiguration?
    public var forceNewDeployment: Bool?
    /// New awsvpc subnets (replacing all), security groups and public-IP choice: a new deployment
    /// moves the tasks onto them.
    public var subnets: [String]?
    public var securityGroups: [String]?
    public var assignPublicIp: String?
    /// Replaces the target groups (an empty list removes them all): a new deployment.
    public var loadBalancers: [EcsLoadBalancer]?
    public var healthCheckGracePeriodSeconds: Int?
    public init(
        cluster: String, service: String, desiredCount: Int? = nil, taskDefinition: String? = nil,
        deploymentConfiguration: DeploymentConfiguration? = nil, forceNewDeployment: Bool? = nil,
        subnets: [String]? = nil, securityGroups: [String]? = nil, assignPublicIp: String? = nil,
        loadBalancers: [EcsLoadBalancer]? = nil, healthCheckGracePeriodSeconds: Int? = nil
    ) {
        self.loadBalancers = loadBalancers
        self.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.cluster = cluster
        self.service = service
        self.desiredCount = desiredCount
        self.taskDefinition = taskDefinition
        self.deploymentConfiguration = deploymentConfiguration
        self.forceNewDeployment = forceNewDeployment
    }
}

public struct EcsServiceDelete: RPCMethod {
    public typealias Response = EcsService
    public static let method = "ecs.service.delete"
    public static let summary =
        "Delete a service: its tasks stop, then it goes INACTIVE. Needs desiredCount 0 or force."
    public var cluster: String
    public var service: String
    public var force: Bool?
    public init(cluster: String, service: String, force: Bool? = nil) {
        self.cluster = cluster
        self.service = service
        self.force = force
    }
}

public struct EcsTaskRun: RPCMethod {
    public typealias Response = EcsTaskRunResponse
    public static let method = "ecs.task.run"
    public static let summary = "Start 1 to 10 tasks of a task definition outside any service."
    public var cluster: String
    public var taskDefinition: String
    public var count: Int?
    /// FARGATE (default) or EC2.
    public var launchType: String?
    public var subnets: [String]?
    public var startedBy: String?
    /// awsvpc security groups (`sg-…`, at most 5) and `ENABLED`/`DISABLED`, kept on each task.
    public var securityGroups: [String]?
    public var assignPublicIp: String?
    public var tags: Tags?
    public init(
        cluster: String, taskDefinition: String, count: Int? = nil, launchType: String? = nil, subnets: [String]? = nil,
        startedBy: String? = nil, securityGroups: [String]? = nil, assignPublicIp: String? = nil, tags: Tags? = nil
    ) {
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.tags = tags
        self.cluster = cluster
        self.taskDefinition = taskDefinition
        self.count = count
        self.launchType = launchType
        self.subnets = subnets
        self.startedBy = startedBy
    }
}

public struct EcsTaskRunResponse: Codable, Sendable, Hashable {
    public var tasks: [EcsTask]
    public var failures: [EcsFailure]
    public init(tasks: [EcsTask], failures: [EcsFailure]) {
        self.tasks = tasks
        self.failures = failures
    }
}

public struct EcsFailure: Codable, Sendable, Hashable {
    public var arn: String?
    public var reason: String
    public init(arn: String? = nil, reason: String) {
        self.arn = arn
        self.reason = reason
    }
}

public struct EcsTaskGet: RPCMethod {
    public typealias Response = EcsTask
    public static let method = "ecs.task.get"
    public static let summary = "One task: its states, address and why it stopped."
    public var cluster: String
    /// Its ARN or 32-hex ID.
    public var task: String
    public init(cluster: String, task: String) {
        self.cluster = cluster
        self.task = task
    }
}

public struct EcsTaskStop: RPCMethod {
    public typealias Response = EcsTask
    public static let method = "ecs.task.stop"
    public static let summary = "Stop a task; a service starts a replacement."
    public var cluster: String
    public var task: String
    public var reason: String?
    public init(cluster: String, task: String, reason: String? = nil) {
        self.cluster = cluster
        self.task = task
        self.reason = reason
    }
}

public struct EcsTaskList: RPCMethod {
    public typealias Response = EcsTaskListResponse
    public static let method = "ecs.task.list"
    public static let summary =
        "The tasks of a cluster, optionally of one service, by desired status (RUNNING by default)."
    public var cluster: String
    public var service: String?
    public var desiredStatus: String?
    public var maxResults: Int?
    public var nextToken: String?
    /// Only tasks whose startedBy is this.
    public var startedBy: String?
    /// Only tasks of this task definition family.
    public var family: String?
    /// Only tasks on this container instance (ARN or ID).
    public var containerInstance: String?
    /// Only FARGATE or only EC2 tasks.
    public var launchType: String?
    public init(
        cluster: String, service: String? = nil, desiredStatus: String? = nil, maxResults: Int? = nil,
        nextToken: String? = nil, startedBy: String? = nil, family: String? = nil, containerInstance: String? = nil,
        launchType: String? = nil
    ) {
        self.startedBy = startedBy
        self.family = family
        self.containerInstance = containerInstance
        self.launchType = launchType
        self.cluster = cluster
        self.service = service
        self.desiredStatus = desiredStatus
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcsTaskListResponse: Codable, Sendable, Hashable {
    public var tasks: [EcsTask]
    public var nextToken: String?
    public init(tasks: [EcsTask], nextToken: String? = nil) {
        self.tasks = tasks
        self.nextToken = nextToken
    }
}

public struct EcsTagsList: RPCMethod {
    public typealias Response = EcsTagsResponse
    public static let method = "ecs.tags.list"
    public static let summary =
        "The tags of an ECS cluster, service, task, task definition or container instance, by ARN."
    public var resourceArn: String
    public init(resourceArn: String) {
        self.resourceArn = resourceArn
    }
}

public struct EcsTagsResponse: Codable, Sendable, Hashable {
    public var tags: Tags
    public init(tags: Tags) {
        self.tags = tags
    }
}

public struct EcsTagsAdd: RPCMethod {
    public typealias Response = EcsTagsResponse
    public static let method = "ecs.tags.add"
    public static let summary = "Add or overwrite tags on an ECS resource (at most 50 per resource)."
    public var resourceArn: String
    public var tags: Tags
    public init(resourceArn: String, tags: Tags) {
        self.resourceArn = resourceArn
        self.tags = tags
    }
}

public struct EcsTagsRemove: RPCMethod {
    public typealias Response = EcsTagsResponse
    public static let method = "ecs.tags.remove"
    public static let summary = "Remove tags from an ECS resource by key."
    public var resourceArn: String
    public var tagKeys: [String]
    public init(resourceArn: String, tagKeys: [String]) {
        self.resourceArn = resourceArn
        self.tagKeys = tagKeys
    }
}
