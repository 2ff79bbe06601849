import Foundation
import NetctlAPI

// ECS and Cloud Map resources are identified by their ARNs (namespaces by `ns-…`), so the watcher's
// log stream of each is its ARN, as API.md asks.

extension EcsCluster: StoredResource {
    public static let kind = ResourceKind.ecsCluster
    public static var table: WritableKeyPath<State, Table<EcsCluster>> { \.ecsClusters }
    public var id: String { clusterArn }
    public var parentId: String? { nil }
    public var currentStatus: String? { status }
    public var referenceName: String? { clusterName }
}

extension ContainerInstance: StoredResource {
    public static let kind = ResourceKind.ecsContainerInstance
    public static var table: WritableKeyPath<State, Table<ContainerInstance>> { \.containerInstances }
    public var id: String { containerInstanceArn }
    public var parentId: String? { clusterArn }
    public var currentStatus: String? { status }
    public var referenceName: String? { nil }
    public var createdAt: Date { registeredAt }
}

extension TaskDefinition: StoredResource {
    public static let kind = ResourceKind.ecsTaskDefinition
    public static var table: WritableKeyPath<State, Table<TaskDefinition>> { \.taskDefinitions }
    public var id: String { taskDefinitionArn }
    public var parentId: String? { nil }
    public var currentStatus: String? { status }
    public var referenceName: String? { nil }
    public var createdAt: Date { registeredAt }
    public var indexKeys: [String] { [Self.familyKey(family, scope)] }

    static func familyKey(_ family: String, _ scope: Scope) -> String {
        "family:\(scope.accountId)/\(scope.region)/\(family)"
    }
}

extension EcsService: StoredResource {
    public static let kind = ResourceKind.ecsService
    public static var table: WritableKeyPath<State, Table<EcsService>> { \.ecsServices }
    public var id: String { serviceArn }
    public var parentId: String? { clusterArn }
    public var currentStatus: String? { status }
    public var referenceName: String? { nil }
    public var indexKeys: [String] {
        var keys = [clusterArn]
        if let namespaceId { keys.append(namespaceId) }
        if nextStartAttemptAt != nil || status == "DRAINING" { keys.append(EcsTask.timedKey) }
        if loadBalancers?.isEmpty == false, status != "INACTIVE" { keys.append(Self.loadBalancedKey) }
        return keys
    }

    /// Services with target groups: the health checks' due work looks at them.
    static let loadBalancedKey = "ecs:load-balanced"
}

extension EcsTask: StoredResource {
    public static let kind = ResourceKind.ecsTask
    public static var table: WritableKeyPath<State, Table<EcsTask>> { \.ecsTasks }
    public var id: String { taskArn }
    public var parentId: String? { clusterArn }
    public var currentStatus: String? { lastStatus }
    public var referenceName: String? { nil }
    public var indexKeys: [String] {
        var keys = [clusterArn]
        if let serviceName { keys.append(Self.serviceKey(clusterArn, serviceName)) }
        if let containerInstanceArn { keys.append(containerInstanceArn) }
        // Stopped tasks stay listable for an hour, then go: they have a deadline too.
        if nextTransitionAt != nil || lastStatus == TaskStatus.stopped { keys.append(Self.timedKey) }
        return keys
    }

    static func serviceKey(_ clusterArn: String, _ serviceName: String) -> String {
        "service:\(clusterArn)/\(serviceName)"
    }
    /// Index key of tasks and services with something due on the clock.
    static let timedKey = "timed:ecs"

    /// Still meant to run: counts toward its service's tasks.
    public var isActive: Bool { desiredStatus == TaskStatus.running && lastStatus != TaskStatus.stopped }
    public var isPending: Bool {
        [TaskStatus.provisioning, TaskStatus.pending, TaskStatus.activating].contains(lastStatus)
    }
}

extension SdNamespace: StoredResource {
    public static let kind = ResourceKind.sdNamespace
    public static var table: WritableKeyPath<State, Table<SdNamespace>> { \.sdNamespaces }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { nil }
    public var referenceName: String? { name }
}

/// ARNs of SEMANTICS section 0.
enum EcsArn {
    static func cluster(_ name: String, _ scope: Scope) -> String {
        "arn:aws:ecs:\(scope.region):\(scope.accountId):cluster/\(name)"
    }
    static func service(_ cluster: String, _ name: String, _ scope: Scope) -> String {
        "arn:aws:ecs:\(scope.region):\(scope.accountId):service/\(cluster)/\(name)"
    }
    static func task(_ cluster: String, _ id: String, _ scope: Scope) -> String {
        "arn:aws:ecs:\(scope.region):\(scope.accountId):task/\(cluster)/\(id)"
    }
    static func containerInstance(_ cluster: String, _ id: String, _ scope: Scope) -> String {
        "arn:aws:ecs:\(scope.region):\(scope.accountId):container-instance/\(cluster)/\(id)"
    }
    static func taskDefinition(_ family: String, _ revision: Int, _ scope: Scope) -> String {
        "arn:aws:ecs:\(scope.region):\(scope.accountId):task-definition/\(family):\(revision)"
    }
    static func namespace(_ id: String, _ scope: Scope) -> String {
        "arn:aws:servicediscovery:\(scope.region):\(scope.accountId):namespace/\(id)"
    }
}

/// Names of clusters, services and task definition families: up to 255 letters, digits, `_` and `-`.
enum EcsName {
    static func validate(_ name: String, _ what: String) throws(NetctlError) {
        guard (1...255).contains(name.count),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            throw NetctlError(
                .invalidParameterException,
                "The \(what) name '\(name)' is invalid: use up to 255 letters (uppercase and lowercase), numbers, "
                    + "underscores and hyphens.")
        }
    }
}

extension State {
    /// A cluster by name or ARN, of the caller's account and region.
    public func ecsCluster(_ reference: String, in scope: Scope) throws(NetctlError) -> EcsCluster {
        let arn = reference.hasPrefix("arn:") ? reference : EcsArn.cluster(reference, scope)
        guard let cluster = ecsClusters[arn], cluster.scope == scope, cluster.status == "ACTIVE" else {
            throw NetctlError(
                .clusterNotFoundException,
                "Cluster not found: '\(reference)' does not exist in \(scope). Create it with "
                    + "`netctl ecs cluster create \(reference.hasPrefix("arn:") ? "NAME" : reference)`.")
        }
        return cluster
    }

    public func ecsService(_ reference: String, cluster: EcsCluster) throws(NetctlError) -> EcsService {
        let arn =
            reference.hasPrefix("arn:")
            ? reference : EcsArn.service(cluster.clusterName, reference, cluster.scope)
        guard let service = ecsServices[arn], service.clusterArn == cluster.clusterArn else {
            throw NetctlError(
                .serviceNotFoundException,
                "Service not found: '\(reference)' is not a service of cluster \(cluster.clusterName). List them with "
                    + "`netctl ecs service list --cluster \(cluster.clusterName)`.")
        }
        return service
    }

    public func ecsTask(_ reference: String, cluster: EcsCluster) throws(NetctlError) -> EcsTask {
        let arn = reference.hasPrefix("arn:") ? reference : EcsArn.task(cluster.clusterName, reference, cluster.scope)
        guard let task = ecsTasks[arn], task.clusterArn == cluster.clusterArn else {
            throw NetctlError(
                .invalidParameterException,
                "The referenced task was not found: '\(reference)' in cluster \(cluster.clusterName). List tasks with "
                    + "`netctl ecs task list --cluster \(cluster.clusterName)`.")
        }
        return task
    }

    public func containerInstance(_ reference: String, cluster: EcsCluster) throws(NetctlError) -> ContainerInstance {
        let arn =
            reference.hasPrefix("arn:")
            ? reference : EcsArn.containerInstance(cluster.clusterName, reference, cluster.scope)
        guard let instance = containerInstances[arn], instance.clusterArn == cluster.clusterArn else {
            throw NetctlError(
                .invalidParameterException,
                "The referenced container instance was not found: '\(reference)' in cluster \(cluster.clusterName).")
        }
        return instance
    }

    /// `family` (its latest ACTIVE revision), `family:revision` or an ARN.
    public func taskDefinition(_ reference: String, in scope: Scope) throws(NetctlError) -> TaskDefinition {
        var text = reference
        if text.hasPrefix("arn:") {
            guard let found = taskDefinitions[text], found.scope == scope else {
                throw Self.missingTaskDefinition(reference)
            }
            return found
        }
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard let revision = Int(parts[1]),
                let found = taskDefinitions[EcsArn.taskDefinition(parts[0], revision, scope)]
            else { throw Self.missingTaskDefinition(reference) }
            return found
        }
        let revisions = taskDefinitions.children(of: TaskDefinition.familyKey(text, scope))
        guard let latest = revisions.filter({ $0.status == "ACTIVE" }).max(by: { $0.revision < $1.revision }) else {
            throw Self.missingTaskDefinition(reference)
        }
        return latest
    }

    private static func missingTaskDefinition(_ reference: String) -> NetctlError {
        NetctlError(
            .clientException,
            "Unable to describe task definition '\(reference)': no such family or revision (or it is INACTIVE). "
                + "Register it with `netctl ecs task-definition register --file FILE`.")
    }

    /// The cluster with its counts filled in from its instances, services and tasks.
    func clusterView(_ cluster: EcsCluster) -> EcsCluster {
        var view = cluster
        let tasks = ecsTasks.children(of: cluster.clusterArn)
        view.runningTasksCount = tasks.filter { $0.lastStatus == TaskStatus.running }.count
        view.pendingTasksCount = tasks.filter { $0.isPending }.count
        view.activeServicesCount = ecsServices.children(of: cluster.clusterArn).filter { $0.status == "ACTIVE" }.count
        view.registeredContainerInstancesCount =
            containerInstances.children(of: cluster.clusterArn).filter { $0.status != "INACTIVE" }.count
        return view
    }

    /// What the instance's tasks reserve, taken from what it registered.
    func instanceView(_ instance: ContainerInstance) -> ContainerInstance {
        var view = instance
        let tasks = ecsTasks.children(of: instance.containerInstanceArn).filter { $0.lastStatus != TaskStatus.stopped }
        view.remainingResources = EcsResources(
            cpu: instance.registeredResources.cpu - tasks.reduce(0) { $0 + $1.cpu },
            memory: instance.registeredResources.memory - tasks.reduce(0) { $0 + $1.memory })
        view.runningTasksCount = tasks.filter { $0.lastStatus == TaskStatus.running }.count
        view.pendingTasksCount = tasks.filter { $0.isPending }.count
        return view
    }

    /// What the cluster's tasks that have not stopped reserve (Container Insights' CpuReserved and MemoryReserved).
    public func clusterReservation(_ clusterArn: String) -> EcsResources {
        let tasks = ecsTasks.children(of: clusterArn).filter { $0.lastStatus != TaskStatus.stopped }
        return EcsResources(cpu: tasks.reduce(0) { $0 + $1.cpu }, memory: tasks.reduce(0) { $0 + $1.memory })
    }

    /// The service with its running and pending counts, per deployment too.
    public func serviceView(_ service: EcsService) -> EcsService {
        var view = service
        let tasks = ecsTasks.children(of: EcsTask.serviceKey(service.clusterArn, service.serviceName)).filter(
            \.isActive)
        view.runningCount = tasks.filter { $0.lastStatus == TaskStatus.running }.count
        view.pendingCount = tasks.filter { $0.isPending }.count
        view.deployments = service.deployments.map { deployment in
            var counted = deployment
            let mine = tasks.filter { $0.deploymentId == deployment.id }
            counted.runningCount = mine.filter { $0.lastStatus == TaskStatus.running }.count
            counted.pendingCount = mine.filter { $0.isPending }.count
            return counted
        }
        return view
    }
}

extension SdService: StoredResource {
    public static let kind = ResourceKind.sdService
    public static var table: WritableKeyPath<State, Table<SdService>> { \.sdServices }
    public var parentId: String? { namespaceId }
    public var currentStatus: String? { nil }
    public var referenceName: String? { nil }
}

extension SdInstance: StoredResource {
    public static let kind = ResourceKind.sdInstance
    public static var table: WritableKeyPath<State, Table<SdInstance>> { \.sdInstances }
    /// Instance IDs are unique within their service only.
    public var id: String { Self.key(serviceId, instanceId) }
    public var parentId: String? { serviceId }
    public var currentStatus: String? { nil }
    public var referenceName: String? { nil }

    static func key(_ serviceId: String, _ instanceId: String) -> String { "\(serviceId)/\(instanceId)" }
}

extension SdOperation: StoredResource {
    public static let kind = ResourceKind.sdOperation
    public static var table: WritableKeyPath<State, Table<SdOperation>> { \.sdOperations }
    public var parentId: String? { nil }
    public var currentStatus: String? { status }
    public var referenceName: String? { nil }
}
