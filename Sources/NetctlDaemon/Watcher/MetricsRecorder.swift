import Foundation
import NetctlAPI
import NetctlCore

/// The gauges of API.md, recomputed from the committed state for whatever a batch of change events
/// touched: `Netctl/VPC` VpcCount, ActivePeeringConnections and PendingPeeringConnections per VpcId,
/// PeeringConnections per Status, RouteCount per RouteTableId, EndpointCount per Type; and
/// `Netctl/ECS` like Container Insights: DesiredTaskCount, RunningTaskCount and PendingTaskCount per
/// ClusterName and ServiceName, CpuReserved and MemoryReserved per ClusterName; and `Netctl/EKS`
/// DesiredNodeCount and ReadyNodeCount per ClusterName and NodegroupName; and `Netctl/TransitGateway`
/// (`TransitGatewayGauges`).
enum NetctlGauges {
    static let namespace = "Netctl/VPC"
    static let ecsNamespace = "Netctl/ECS"
    static let eksNamespace = "Netctl/EKS"

    /// The account-level gauges of every account and region, sampled each minute so graphs have a
    /// datapoint per period even when nothing changes.
    static func minuteSamples(_ state: State, now: Int64) -> [StreamStore.MetricEntry] {
        var scopes = Set<Scope>()
        for vpc in state.vpcs.all { scopes.insert(vpc.scope) }
        var transitScopes = Set<Scope>()
        for hub in state.transitGateways.all { transitScopes.insert(hub.scope) }
        for connection in state.vpnConnections.all { transitScopes.insert(connection.scope) }
        // An empty resource ID stands for every hub or VPN connection of the scope.
        let transit = transitScopes.flatMap { scope in
            [ResourceKind.transitGateway, .vpnConnection].map { kind in
                ChangeEvent(
                    at: Date(), accountId: scope.accountId, region: scope.region,
                    resourceType: kind, resourceId: "", action: .sample, status: nil, detail: "{}")
            }
        }
        let synthetic = transit + scopes.flatMap { scope in
            [
                ChangeEvent(
                    at: Date(), accountId: scope.accountId, region: scope.region,
                    resourceType: .vpc, resourceId: "", action: .sample, status: nil, detail: "{}"
                ),
                ChangeEvent(
                    at: Date(), accountId: scope.accountId, region: scope.region,
                    resourceType: .peering, resourceId: "", action: .sample, status: nil,
                    detail: "{}"),
                ChangeEvent(
                    at: Date(), accountId: scope.accountId, region: scope.region,
                    resourceType: .endpoint, resourceId: "", action: .sample, status: nil,
                    detail: "{}"),
            ]
        }
        return samples(for: synthetic, in: state, now: now)
    }

    static func samples(for events: [ChangeEvent], in state: State, now: Int64) -> [StreamStore.MetricEntry] {
        var result: [StreamStore.MetricEntry] = []
        func add(
            _ scope: Scope, _ name: String, _ dimensions: [MetricDimension], _ value: Int,
            namespace: String = namespace,
            unit: String = "Count"
        ) {
            result.append(
                StreamStore.MetricEntry(
                    scope: scope, namespace: namespace,
                    sample: MetricRules.Sample(
                        metricName: name, dimensions: dimensions, timestamp: now, value: Double(value), unit: unit,
                        storageResolution: 60)))
        }
        var ecsServices = Set<String>()
        var eksNodegroups: [String: Scope] = [:]
        var ecsClusters = Set<String>()
        var vpcScopes = Set<Scope>()
        var peeringScopes = Set<Scope>()
        var endpointScopes = Set<Scope>()
        var peeredVpcs = Set<String>()
        var tables = Set<String>()
        for event in events {
            let scope = Scope(accountId: event.accountId, region: event.region)
            switch event.resourceType {
            case .vpc: vpcScopes.insert(scope)
            case .routeTable: tables.insert(event.resourceId)
            case .endpoint: endpointScopes.insert(scope)
            case .ecsService: ecsServices.insert(event.resourceId)
            case .eksNodegroup: eksNodegroups[event.resourceId] = scope
            case .ecsTask:
                if let task = state.ecsTasks[event.resourceId] {
                    ecsClusters.insert(task.clusterArn)
                    if let name = task.serviceName, let cluster = state.ecsClusters[task.clusterArn] {
                        ecsServices.insert(
                            "arn:aws:ecs:\(task.region):\(task.accountId):service/\(cluster.clusterName)/\(name)")
                    }
                }
            case .peering:
                if let peering = state.peerings[event.resourceId] {
                    peeredVpcs.formUnion([peering.requester.vpcId, peering.accepter.vpcId])
                    peeringScopes.formUnion([peering.requesterScope, peering.accepterScope])
                } else {
                    peeringScopes.insert(scope)
                }
            default: break
            }
        }
        for scope in vpcScopes { add(scope, "VpcCount", [], state.vpcs.countInScope(scope)) }
        for vpcId in peeredVpcs.sorted() {
            guard let vpc = state.vpcs[vpcId] else { continue }
            let peerings = state.peerings.children(of: vpcId)
            let dimension = [MetricDimension(name: "VpcId", value: vpcId)]
            add(
                vpc.scope, "ActivePeeringConnections", dimension,
                peerings.filter { $0.status.code == PeeringStatus.active }.count)
            add(
                vpc.scope, "PendingPeeringConnections", dimension,
                peerings.filter { $0.status.code == PeeringStatus.pendingAcceptance }.count)
        }
        for scope in peeringScopes {
            var counts: [String: Int] = [:]
            // Counted unordered: sorting every peering of the scope by creation (all 50,000 at issue
            // 15's scale, each minute and at every start) was most of the watcher's CPU while
            // netctld started.
            for id in state.peerings.childIds(of: Peering.scopeKey(scope)) {
                guard let peering = state.peerings[id] else { continue }
                counts[peering.status.code, default: 0] += 1
            }
            for status in [PeeringStatus.pendingAcceptance, PeeringStatus.active] where counts[status] == nil {
                counts[status] = 0
            }
            for (status, count) in counts.sorted(by: { $0.key < $1.key }) {
                add(scope, "PeeringConnections", [MetricDimension(name: "Status", value: status)], count)
            }
        }
        for tableId in tables.sorted() {
            guard let table = state.routeTables[tableId] else { continue }
            add(table.scope, "RouteCount", [MetricDimension(name: "RouteTableId", value: tableId)], table.routes.count)
        }
        for scope in endpointScopes {
            let endpoints = state.endpoints.inScope(scope)
            for type in [Endpoint.gateway, Endpoint.interface] {
                add(
                    scope, "EndpointCount", [MetricDimension(name: "Type", value: type)],
                    endpoints.filter { $0.type == type }.count)
            }
        }
        for arn in ecsServices.sorted() {
            guard let stored = state.ecsServices[arn], let cluster = state.ecsClusters[stored.clusterArn] else {
                continue
            }
            let service = state.serviceView(stored)
            let dimensions = [
                MetricDimension(name: "ClusterName", value: cluster.clusterName),
                MetricDimension(name: "ServiceName", value: service.serviceName),
            ]
            add(service.scope, "DesiredTaskCount", dimensions, service.desiredCount, namespace: ecsNamespace)
            add(service.scope, "RunningTaskCount", dimensions, service.runningCount, namespace: ecsNamespace)
            add(service.scope, "PendingTaskCount", dimensions, service.pendingCount, namespace: ecsNamespace)
        }
        for arn in ecsClusters.sorted() {
            guard let cluster = state.ecsClusters[arn] else { continue }
            let reserved = state.clusterReservation(arn)
            let dimensions = [MetricDimension(name: "ClusterName", value: cluster.clusterName)]
            add(cluster.scope, "CpuReserved", dimensions, reserved.cpu, namespace: ecsNamespace, unit: "None")
            add(
                cluster.scope, "MemoryReserved", dimensions, reserved.memory, namespace: ecsNamespace, unit: "Megabytes"
            )
        }
        for (arn, scope) in eksNodegroups.sorted(by: { $0.key < $1.key }) {
            // A deleted node group is named by its ARN and counts nothing any more.
            guard let names = EksArn.nodegroupNames(arn) else { continue }
            let nodegroup = state.eksNodegroups[arn]
            let dimensions = [
                MetricDimension(name: "ClusterName", value: names.cluster),
                MetricDimension(name: "NodegroupName", value: names.nodegroup),
            ]
            add(
                scope, "DesiredNodeCount", dimensions, nodegroup?.scalingConfig.desiredSize ?? 0,
                namespace: eksNamespace)
            add(scope, "ReadyNodeCount", dimensions, nodegroup?.nodes.count ?? 0, namespace: eksNamespace)
        }
        return result + TransitGatewayGauges.samples(for: events, in: state, now: now)
    }
}
