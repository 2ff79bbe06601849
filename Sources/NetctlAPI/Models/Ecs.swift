import Foundation

/// An ECS cluster. The counts are computed from its tasks, services and instances when read.
public struct EcsCluster: Codable, Sendable, Hashable {
    public var clusterName: String
    public var clusterArn: String
    public var accountId: String
    public var region: String
    /// `ACTIVE`; `INACTIVE` once deleted.
    public var status: String
    public var registeredContainerInstancesCount: Int
    public var runningTasksCount: Int
    public var pendingTasksCount: Int
    public var activeServicesCount: Int
    public var tags: Tags
    /// The cluster's `containerInsights` setting (`enabled`, `enhanced` or `disabled`); nil until set.
    public var containerInsights: String?
    public var createdAt: Date

    public init(
        clusterName: String, clusterArn: String, accountId: String, region: String, status: String = "ACTIVE",
        registeredContainerInstancesCount: Int = 0, runningTasksCount: Int = 0, pendingTasksCount: Int = 0,
        activeServicesCount: Int = 0, tags: Tags = [:], containerInsights: String? = nil, createdAt: Date
    ) {
        self.containerInsights = containerInsights
        self.clusterName = clusterName
        self.clusterArn = clusterArn
        self.accountId = accountId
        self.region = region
        self.status = status
        self.registeredContainerInstancesCount = registeredContainerInstancesCount
        self.runningTasksCount = runningTasksCount
        self.pendingTasksCount = pendingTasksCount
        self.activeServicesCount = activeServicesCount
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// CPU units (1024 per vCPU) and memory in MiB.
public struct EcsResources: Codable, Sendable, Hashable {
    public var cpu: Int
    public var memory: Int
    public init(cpu: Int, memory: Int) {
        self.cpu = cpu
        self.memory = memory
    }
}

/// An EC2 instance registered to a cluster: capacity for EC2 launch type tasks.
public struct ContainerInstance: Codable, Sendable, Hashable {
    public var containerInstanceArn: String
    public var clusterArn: String
    public var ec2InstanceId: String
    public var accountId: String
    public var region: String
    public var subnetId: String
    public var vpcId: String
    public var availabilityZone: String
    public var privateIpAddress: String
    public var networkInterfaceId: String
    /// `ACTIVE`, `DRAINING`; `INACTIVE` once deregistered.
    public var status: String
    public var agentConnected: Bool
    public var registeredResources: EcsResources
    /// Registered minus what its tasks reserve (computed when read).
    public var remainingResources: EcsResources
    public var runningTasksCount: Int
    public var pendingTasksCount: Int
    public var registeredAt: Date
    public var tags: Tags?

    public init(
        containerInstanceArn: String, clusterArn: String, ec2InstanceId: String, accountId: String, region: String,
        subnetId: String, vpcId: String, availabilityZone: String, privateIpAddress: String, networkInterfaceId: String,
        status: String = "ACTIVE", agentConnected: Bool = true, registeredResources: EcsResources,
        remainingResources: EcsResources, runningTasksCount: Int = 0, pendingTasksCount: Int = 0, registeredAt: Date,
        tags: Tags? = nil
    ) {
        self.tags = tags
        self.containerInstanceArn = containerInstanceArn
        self.clusterArn = clusterArn
        self.ec2InstanceId = ec2InstanceId
        self.accountId = accountId
        self.region = region
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.availabilityZone = availabilityZone
        self.privateIpAddress = privateIpAddress
        self.networkInterfaceId = networkInterfaceId
        self.status = status
        self.agentConnected = agentConnected
        self.registeredResources = registeredResources
        self.remainingResources = remainingResources
        self.runningTasksCount = runningTasksCount
        self.pendingTasksCount = pendingTasksCount
        self.registeredAt = registeredAt
    }
}

public struct PortMapping: Codable, Sendable, Hashable {
    public var containerPort: Int
    public var hostPort: Int?
    /// `tcp` (default) or `udp`.
    public var `protocol`: String?
    /// Kept as given: Service Connect's port name and `http`/`http2`/`grpc`.
    public var name: String?
    public var appProtocol: String?
    public init(
        containerPort: Int, hostPort: Int? = nil, protocol: String? = nil, name: String? = nil,
        appProtocol: String? = nil
    ) {
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.protocol = `protocol`
        self.name = name
        self.appProtocol = appProtocol
    }
}

/// One container of a task definition. Members netctl does not interpret (logConfiguration,
/// healthCheck, mountPoints, …) are kept as given, so an `aws ecs register-task-definition` file
/// round-trips.
public struct ContainerDefinition: Codable, Sendable, Hashable {
    public var name: String
    public var image: String
    public var cpu: Int?
    public var memory: Int?
    public var memoryReservation: Int?
    public var essential: Bool?
    public var portMappings: [PortMapping]?
    public var other: [String: JSONValue]

    public init(
        name: String, image: String, cpu: Int? = nil, memory: Int? = nil, memoryReservation: Int? = nil,
        essential: Bool? = nil, portMappings: [PortMapping]? = nil, other: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.image = image
        self.cpu = cpu
        self.memory = memory
        self.memoryReservation = memoryReservation
        self.essential = essential
        self.portMappings = portMappings
        self.other = other
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let interpreted: Set<String> = [
        "name", "image", "cpu", "memory", "memoryReservation", "essential", "portMappings",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        name = try container.decode(String.self, forKey: Key("name"))
        image = try container.decode(String.self, forKey: Key("image"))
        cpu = try container.decodeIfPresent(Int.self, forKey: Key("cpu"))
        memory = try container.decodeIfPresent(Int.self, forKey: Key("memory"))
        memoryReservation = try container.decodeIfPresent(Int.self, forKey: Key("memoryReservation"))
        essential = try container.decodeIfPresent(Bool.self, forKey: Key("essential"))
        portMappings = try container.decodeIfPresent([PortMapping].self, forKey: Key("portMappings"))
        var other: [String: JSONValue] = [:]
        for key in container.allKeys where !Self.interpreted.contains(key.stringValue) {
            other[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self.other = other
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in other { try container.encode(value, forKey: Key(key)) }
        try container.encode(name, forKey: Key("name"))
        try container.encode(image, forKey: Key("image"))
        try container.encodeIfPresent(cpu, forKey: Key("cpu"))
        try container.encodeIfPresent(memory, forKey: Key("memory"))
        try container.encodeIfPresent(memoryReservation, forKey: Key("memoryReservation"))
        try container.encodeIfPresent(essential, forKey: Key("essential"))
        try container.encodeIfPresent(portMappings, forKey: Key("portMappings"))
    }
}

/// `family:revision`: revisions count from 1 and are never reused.
public struct TaskDefinition: Codable, Sendable, Hashable {
    public var taskDefinitionArn: String
    public var family: String
    public var revision: Int
    public var accountId: String
    public var region: String
    public var containerDefinitions: [ContainerDefinition]
    /// `awsvpc`, `bridge`, `host` or `none`.
    public var networkMode: String
    public var requiresCompatibilities: [String]
    public var compatibilities: [String]
    /// Task-level CPU units and memory MiB, as AWS returns them (strings).
    public var cpu: String?
    public var memory: String?
    /// `ACTIVE`, or `INACTIVE` once deregistered.
    public var status: String
    /// Members of the registration netctl keeps but does not interpret (roles, volumes, …).
    public var other: [String: JSONValue]
    public var registeredAt: Date
    public var deregisteredAt: Date?
    public var tags: Tags?

    public init(
        taskDefinitionArn: String, family: String, revision: Int, accountId: String, region: String,
        containerDefinitions: [ContainerDefinition], networkMode: String, requiresCompatibilities: [String],
        compatibilities: [String], cpu: String?, memory: String?, status: String = "ACTIVE",
        other: [String: JSONValue] = [:],
        registeredAt: Date, deregisteredAt: Date? = nil, tags: Tags? = nil
    ) {
        self.tags = tags
        self.taskDefinitionArn = taskDefinitionArn
        self.family = family
        self.revision = revision
        self.accountId = accountId
        self.region = region
        self.containerDefinitions = containerDefinitions
        self.networkMode = networkMode
        self.requiresCompatibilities = requiresCompatibilities
        self.compatibilities = compatibilities
        self.cpu = cpu
        self.memory = memory
        self.status = status
        self.other = other
        self.registeredAt = registeredAt
        self.deregisteredAt = deregisteredAt
    }
}

/// Where a service's tasks register: `NAME.NAMESPACE` resolves to their private IPs.
public struct ServiceRegistry: Codable, Sendable, Hashable {
    /// The namespace's name or ID.
    public var namespace: String
    public var name: String
    /// The Cloud Map service's ARN, when the registry was named by it (ECS's `serviceRegistries`).
    public var registryArn: String?
    public init(namespace: String, name: String, registryArn: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.registryArn = registryArn
    }
}

/// One target group a service's tasks register in: each task's address and `containerPort` of
/// `containerName` (ECS's `loadBalancers[]`).
public struct EcsLoadBalancer: Codable, Sendable, Hashable {
    public var targetGroupArn: String
    public var containerName: String
    public var containerPort: Int
    public init(targetGroupArn: String, containerName: String, containerPort: Int) {
        self.targetGroupArn = targetGroupArn
        self.containerName = containerName
        self.containerPort = containerPort
    }
}

public struct DeploymentCircuitBreaker: Codable, Sendable, Hashable {
    public var enable: Bool
    public var rollback: Bool
    public init(enable: Bool, rollback: Bool) {
        self.enable = enable
        self.rollback = rollback
    }
}

public struct DeploymentConfiguration: Codable, Sendable, Hashable {
    public var minimumHealthyPercent: Int?
    public var maximumPercent: Int?
    public var deploymentCircuitBreaker: DeploymentCircuitBreaker?
    public init(
        minimumHealthyPercent: Int? = nil, maximumPercent: Int? = nil,
        deploymentCircuitBreaker: DeploymentCircuitBreaker? = nil
    ) {
        self.minimumHealthyPercent = minimumHealthyPercent
        self.maximumPercent = maximumPercent
        self.deploymentCircuitBreaker = deploymentCircuitBreaker
    }
}

public struct Deployment: Codable, Sendable, Hashable {
    public var id: String
    /// `PRIMARY` (the newest), `ACTIVE` (older, still has tasks) or `INACTIVE`.
    public var status: String
    public var taskDefinition: String
    public var desiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int
    /// Tasks of this deployment that stopped before reaching RUNNING.
    public var failedTasks: Int
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
    public var rolloutState: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, status: String, taskDefinition: String, desiredCount: Int, runningCount: Int = 0,
        pendingCount: Int = 0, failedTasks: Int = 0, rolloutState: String = "IN_PROGRESS", createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.status = status
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.pendingCount = pendingCount
        self.failedTasks = failedTasks
        self.rolloutState = rolloutState
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public struct ServiceEvent: Codable, Sendable, Hashable {
    public var id: String
    public var at: Date
    public var message: String
    public init(id: String, at: Date, message: String) {
        self.id = id
        self.at = at
        self.message = message
    }
}

public struct EcsService: Codable, Sendable, Hashable {
    public var serviceName: String
    public var serviceArn: String
    public var clusterArn: String
    public var accountId: String
    public var region: String
    /// `ACTIVE`, `DRAINING` while deleting, `INACTIVE` once gone.
    public var status: String
    /// The task definition ARN of the primary deployment.
    public var taskDefinition: String
    public var desiredCount: Int
    /// Tasks in RUNNING and in PENDING (computed when read).
    public var runningCount: Int
    public var pendingCount: Int
    /// `FARGATE` or `EC2`.
    public var launchType: String
    public var subnets: [String]
    /// The awsvpc security groups and public-IP choice given at creation, handed to each task.
    public var securityGroups: [String]?
    /// `ENABLED` or `DISABLED`.
    public var assignPublicIp: String?
    public var tags: Tags?
    public var serviceRegistry: ServiceRegistry?
    /// The namespace the registry resolved to at creation.
    public var namespaceId: String?
    public var minimumHealthyPercent: Int
    public var maximumPercent: Int
    public var deploymentCircuitBreaker: DeploymentCircuitBreaker
    public var deployments: [Deployment]
    /// Newest first, at most 100, as AWS keeps them.
    public var events: [ServiceEvent]
    /// Consecutive tasks that stopped before RUNNING: the start throttle backs off on it.
    public var startFailureStreak: Int
    /// No new task starts before this time (throttled after repeated start failures).
    public var nextStartAttemptAt: Date?
    /// The task definition of the last deployment that completed: where the circuit breaker rolls back to.
    public var lastCompletedTaskDefinition: String?
    public var createdAt: Date
    /// The target groups its tasks register in (at most 5); nil or empty without load balancers.
    public var loadBalancers: [EcsLoadBalancer]?
    /// Seconds after a task starts during which failed ELB health checks do not stop it (default 0
    /// with load balancers, nil without).
    public var healthCheckGracePeriodSeconds: Int?

    public init(
        serviceName: String, serviceArn: String, clusterArn: String, accountId: String, region: String,
        status: String = "ACTIVE", taskDefinition: String, desiredCount: Int, runningCount: Int = 0,
        pendingCount: Int = 0,
        launchType: String, subnets: [String], serviceRegistry: ServiceRegistry?, namespaceId: String?,
        minimumHealthyPercent: Int, maximumPercent: Int, deploymentCircuitBreaker: DeploymentCircuitBreaker,
        deployments: [Deployment], events: [ServiceEvent] = [], startFailureStreak: Int = 0,
        nextStartAttemptAt: Date? = nil,
        lastCompletedTaskDefinition: String? = nil, createdAt: Date, securityGroups: [String]? = nil,
        assignPublicIp: String? = nil, tags: Tags? = nil, loadBalancers: [EcsLoadBalancer]? = nil,
        healthCheckGracePeriodSeconds: Int? = nil
    ) {
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.tags = tags
        self.loadBalancers = loadBalancers
        self.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds
        self.lastCompletedTaskDefinition = lastCompletedTaskDefinition
        self.serviceName = serviceName
        self.serviceArn = serviceArn
        self.clusterArn = clusterArn
        self.accountId = accountId
        self.region = region
        self.status = status
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.pendingCount = pendingCount
        self.launchType = launchType
        self.subnets = subnets
        self.serviceRegistry = serviceRegistry
        self.namespaceId = namespaceId
        self.minimumHealthyPercent = minimumHealthyPercent
        self.maximumPercent = maximumPercent
        self.deploymentCircuitBreaker = deploymentCircuitBreaker
        self.deployments = deployments
        self.events = events
        self.startFailureStreak = startFailureStreak
        self.nextStartAttemptAt = nextStartAttemptAt
        self.createdAt = createdAt
    }
}

public struct EcsTask: Codable, Sendable, Hashable {
    public var taskArn: String
    /// The 32 hex digits at the end of the ARN.
    public var taskId: String
    public var clusterArn: String
    public var accountId: String
    public var region: String
    public var serviceName: String?
    /// The deployment that started it, for services.
    public var deploymentId: String?
    public var taskDefinitionArn: String
    /// PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED.
    public var lastStatus: String
    /// `RUNNING` or `STOPPED`.
    public var desiredStatus: String
    public var launchType: String
    public var availabilityZone: String
    public var subnetId: String?
    public var privateIpAddress: String?
    public var networkInterfaceId: String?
    public var containerInstanceArn: String?
    /// Who started it: the deployment ID for a service's tasks, or RunTask's `startedBy`.
    public var startedBy: String?
    /// What it reserves: the task's CPU units and memory MiB.
    public var cpu: Int
    public var memory: Int
    public var stopCode: String?
    public var stoppedReason: String?
    /// Incremented on every state change, as AWS does.
    public var version: Int
    public var createdAt: Date
    public var startedAt: Date?
    public var stoppingAt: Date?
    public var stoppedAt: Date?
    /// When the task moves to its next state on the daemon's clock (nil once RUNNING or STOPPED).
    public var nextTransitionAt: Date?
    /// awsvpc: its security groups and public-IP choice, from its service or RunTask.
    public var securityGroups: [String]?
    public var assignPublicIp: String?
    public var tags: Tags?

    public init(
        taskArn: String, taskId: String, clusterArn: String, accountId: String, region: String, serviceName: String?,
        deploymentId: String?, taskDefinitionArn: String, lastStatus: String, desiredStatus: String, launchType: String,
        availabilityZone: String, subnetId: String?, privateIpAddress: String?, networkInterfaceId: String?,
        containerInstanceArn: String?, startedBy: String? = nil, cpu: Int, memory: Int, stopCode: String? = nil,
        stoppedReason: String? = nil,
        version: Int = 1, createdAt: Date, startedAt: Date? = nil, stoppingAt: Date? = nil, stoppedAt: Date? = nil,
        nextTransitionAt: Date?, securityGroups: [String]? = nil, assignPublicIp: String? = nil, tags: Tags? = nil
    ) {
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.tags = tags
        self.taskArn = taskArn
        self.taskId = taskId
        self.clusterArn = clusterArn
        self.accountId = accountId
        self.region = region
        self.serviceName = serviceName
        self.deploymentId = deploymentId
        self.taskDefinitionArn = taskDefinitionArn
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.launchType = launchType
        self.availabilityZone = availabilityZone
        self.subnetId = subnetId
        self.privateIpAddress = privateIpAddress
        self.networkInterfaceId = networkInterfaceId
        self.containerInstanceArn = containerInstanceArn
        self.startedBy = startedBy
        self.cpu = cpu
        self.memory = memory
        self.stopCode = stopCode
        self.stoppedReason = stoppedReason
        self.version = version
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.stoppingAt = stoppingAt
        self.stoppedAt = stoppedAt
        self.nextTransitionAt = nextTransitionAt
    }
}

/// The task states of SEMANTICS 5.3, in order: a task only moves forward through them.
public enum TaskStatus {
    public static let provisioning = "PROVISIONING"
    public static let pending = "PENDING"
    public static let activating = "ACTIVATING"
    public static let running = "RUNNING"
    public static let deactivating = "DEACTIVATING"
    public static let stopping = "STOPPING"
    public static let deprovisioning = "DEPROVISIONING"
    public static let stopped = "STOPPED"

    public static let order = [
        provisioning, pending, activating, running, deactivating, stopping, deprovisioning, stopped,
    ]
}

/// A Cloud Map private DNS namespace: services registered in it resolve inside its VPC.
public struct SdNamespace: Codable, Sendable, Hashable {
    public var id: String
    public var arn: String
    public var name: String
    /// `DNS_PRIVATE`.
    public var type: String
    public var vpcId: String
    public var accountId: String
    public var region: String
    public var createdAt: Date
    public var description: String?
    /// The Cloud Map operation of the namespace's creation, or of its deletion in `sd.namespace.delete`'s
    /// answer (`sd.operation.get`).
    public var operationId: String?

    public init(
        id: String, arn: String, name: String, type: String = "DNS_PRIVATE", vpcId: String, accountId: String,
        region: String, createdAt: Date
    ) {
        self.id = id
        self.arn = arn
        self.name = name
        self.type = type
        self.vpcId = vpcId
        self.accountId = accountId
        self.region = region
        self.createdAt = createdAt
    }
}
