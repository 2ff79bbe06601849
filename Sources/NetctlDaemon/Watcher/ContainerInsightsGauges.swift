import Foundation
import NetctlAPI
import NetctlCore

/// `ECS/ContainerInsights`, published each minute for the clusters whose `containerInsights` setting
/// is `enabled` (or `enhanced`), as ECS publishes it: per ClusterName the counts of the whole cluster
/// and per ClusterName and ServiceName those of each service. Reservations are in CPU units and MiB
/// of the tasks that have not stopped; a cluster with the setting off publishes nothing.
enum ContainerInsightsGauges {
    static let namespace = "ECS/ContainerInsights"

    static func minuteSamples(_ state: State, now: Int64) -> [StreamStore.MetricEntry] {
        var result: [StreamStore.MetricEntry] = []
        func add(_ scope: Scope, _ name: String, _ dimensions: [MetricDimension], _ value: Int, unit: String = "Count") {
            result.append(
                StreamStore.MetricEntry(
                    scope: scope, namespace: namespace,
                    sample: MetricRules.Sample(
                        metricName: name, dimensions: dimensions, timestamp: now, value: Double(value), unit: unit,
                        storageResolution: 60)))
        }
        for cluster in state.ecsClusters.all where cluster.status == "ACTIVE" && isEnabled(cluster) {
            let clusterDimension = [MetricDimension(name: "ClusterName", value: cluster.clusterName)]
            let tasks = state.ecsTasks.children(of: cluster.clusterArn).filter { $0.lastStatus != TaskStatus.stopped }
            let services = state.ecsServices.children(of: cluster.clusterArn)
                .filter { $0.status == "ACTIVE" || $0.status == "DRAINING" }
                .map(state.serviceView)
            let instances = state.containerInstances.children(of: cluster.clusterArn).filter { $0.status != "INACTIVE" }
            let scope = cluster.scope
            add(scope, "TaskCount", clusterDimension, tasks.count)
            add(scope, "RunningTaskCount", clusterDimension, tasks.filter { $0.lastStatus == TaskStatus.running }.count)
            add(scope, "PendingTaskCount", clusterDimension, tasks.filter(\.isPending).count)
            add(scope, "DesiredTaskCount", clusterDimension, services.reduce(0) { $0 + $1.desiredCount })
            add(scope, "DeploymentCount", clusterDimension, services.reduce(0) { $0 + $1.deployments.count })
            add(scope, "ServiceCount", clusterDimension, services.count)
            add(scope, "ContainerInstanceCount", clusterDimension, instances.count)
            add(scope, "CpuReserved", clusterDimension, tasks.reduce(0) { $0 + $1.cpu }, unit: "None")
            add(scope, "MemoryReserved", clusterDimension, tasks.reduce(0) { $0 + $1.memory }, unit: "Megabytes")
            for service in services.sorted(by: { $0.serviceName < $1.serviceName }) {
                let dimensions = clusterDimension + [MetricDimension(name: "ServiceName", value: service.serviceName)]
                let own = tasks.filter { $0.serviceName == service.serviceName }
                add(scope, "RunningTaskCount", dimensions, service.runningCount)
                add(scope, "PendingTaskCount", dimensions, service.pendingCount)
                add(scope, "DesiredTaskCount", dimensions, service.desiredCount)
                add(scope, "DeploymentCount", dimensions, service.deployments.count)
                add(scope, "CpuReserved", dimensions, own.reduce(0) { $0 + $1.cpu }, unit: "None")
                add(scope, "MemoryReserved", dimensions, own.reduce(0) { $0 + $1.memory }, unit: "Megabytes")
            }
        }
        return result
    }

    private static func isEnabled(_ cluster: EcsCluster) -> Bool {
        cluster.containerInsights == "enabled" || cluster.containerInsights == "enhanced"
    }
}
