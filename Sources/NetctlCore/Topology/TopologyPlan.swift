import NetctlAPI

/// `topology.plan`: what a full mesh and a hub would each take for a set of VPCs (SEMANTICS.md 4), on
/// the state as it is. The hub side is what `topology.migrate` builds, so the two agree: each VPC
/// route keeps its destination and gets the hub as target, so route counts are the mesh's; the hub
/// saves peerings (and each VPC's peering quota), not VPC routes.
extension State {
    public func planTopology(_ request: TopologyPlan, _ context: QueryContext) throws(NetctlError)
        -> TopologyPlanResponse
    {
        let members = try meshMembers(request.vpcs, context.scope)
        let quotas = context.quotas
        let n = members.count
        let pairs = n * (n - 1) / 2
        let overlaps = Self.overlaps(of: members)
        let overlapping = Set(overlaps.map { Set($0.vpcIds) })
        let memberIds = Set(members.map(\.vpcId))

        var meshHeadroom: [TopologyHeadroom] = []
        var hubHeadroom: [TopologyHeadroom] = []
        var routes = 0
        var routesPerTable = 0
        var existing = 0
        for vpc in members {
            let peers = members.filter { $0.vpcId != vpc.vpcId && !overlapping.contains([vpc.vpcId, $0.vpcId]) }
            let wanted = Set(peers.flatMap(\.cidrBlocks))
            let tables = routeTables.children(of: vpc.vpcId)
            // Each table after the change: its own routes elsewhere plus one per wanted CIDR.
            let largest = tables.map { table in
                table.routes.count {
                    $0.target.type != RouteTarget.localTypeName && !wanted.contains($0.destination)
                } + wanted.count
            }.max() ?? wanted.count
            routes += wanted.count * max(tables.count, 1)
            routesPerTable = max(routesPerTable, wanted.count)
            let active = activePeerings(of: vpc.vpcId)
            let outside = active.count { !memberIds.contains($0.requester.vpcId) || !memberIds.contains($0.accepter.vpcId) }
            existing += active.count - outside
            meshHeadroom.append(
                TopologyHeadroom(
                    vpcId: vpc.vpcId, quota: QuotaName.activePeeringsPerVpc.rawValue, used: outside + peers.count,
                    limit: quotas[.activePeeringsPerVpc]))
            let routeRow = TopologyHeadroom(
                vpcId: vpc.vpcId, quota: QuotaName.routesPerRouteTable.rawValue, used: largest,
                limit: quotas[.routesPerRouteTable])
            meshHeadroom.append(routeRow)
            hubHeadroom.append(routeRow)
            let hubs = transitGatewayAttachments.children(of: vpc.vpcId).count { $0.state != TransitGateway.deleted }
            hubHeadroom.append(
                TopologyHeadroom(
                    vpcId: vpc.vpcId, quota: QuotaName.transitGatewaysPerVpc.rawValue, used: hubs + 1,
                    limit: quotas[.transitGatewaysPerVpc]))
            hubHeadroom.append(
                TopologyHeadroom(
                    vpcId: vpc.vpcId, quota: QuotaName.activePeeringsPerVpc.rawValue, used: outside,
                    limit: quotas[.activePeeringsPerVpc]))
        }
        // A CIDR identical to one already propagated is not propagated again.
        let hubRoutes = Set(members.flatMap(\.cidrBlocks)).count
        hubHeadroom += [
            TopologyHeadroom(
                vpcId: nil, quota: QuotaName.attachmentsPerTransitGateway.rawValue, used: n,
                limit: quotas[.attachmentsPerTransitGateway]),
            TopologyHeadroom(
                vpcId: nil, quota: QuotaName.routesPerTransitGateway.rawValue, used: hubRoutes,
                limit: quotas[.routesPerTransitGateway]),
            TopologyHeadroom(
                vpcId: nil, quota: QuotaName.transitGatewaysPerRegion.rawValue,
                used: transitGateways.countInScope(context.scope) + 1, limit: quotas[.transitGatewaysPerRegion]),
        ]
        let working = pairs - overlaps.count
        let mesh = TopologyMeshPlan(
            peerings: pairs, existingPeerings: existing / 2, routes: routes, routesPerTable: routesPerTable,
            quotaHeadroom: meshHeadroom, failurePoints: working,
            failureImpact:
                "Each of the \(working) working peerings carries one pair: losing one cuts that pair only, and "
                + "traffic never goes around it (peering is not transitive).")
        let hub = TopologyHubPlan(
            attachments: n, routes: routes, routesPerTable: routesPerTable, hubRoutes: hubRoutes,
            quotaHeadroom: hubHeadroom, failurePoints: n + 1,
            failureImpact:
                "The hub carries all \(working) working pairs: losing it cuts every one; losing one of the \(n) "
                + "attachments cuts its VPC's \(n - 1) pairs.")
        return TopologyPlanResponse(
            vpcs: members.map(\.vpcId), pairs: pairs, mesh: mesh, hub: hub, overlaps: overlaps)
    }

    /// Pairs of the VPCs whose CIDRs overlap, each named once in the order given.
    static func overlaps(of members: [Vpc]) -> [TopologyOverlap] {
        var overlaps: [TopologyOverlap] = []
        for i in members.indices {
            for j in members.indices where j > i {
                guard let (left, right) = firstOverlap(members[i].cidrBlocks, members[j].cidrBlocks) else { continue }
                let (a, b) = (members[i].vpcId, members[j].vpcId)
                overlaps.append(
                    TopologyOverlap(
                        vpcIds: [a, b], cidrBlocks: [left, right],
                        message:
                            "\(a) (\(left)) and \(b) (\(right)) overlap: a peering between them fails, and a hub routes "
                            + "the overlap to one of them only, so neither topology connects this pair. Re-address "
                            + "one of them."))
            }
        }
        return overlaps
    }
}
