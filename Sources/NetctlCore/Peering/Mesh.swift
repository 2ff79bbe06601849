import Foundation
import NetctlAPI

extension State {
    /// Peers every pair of the given VPCs. Checks overlap and every quota it would touch first and
    /// refuses the whole mesh with an error that names the quota; otherwise creates, accepts and
    /// routes in one transaction.
    public mutating func meshPeerings(_ request: PeeringMesh, _ context: inout CommandContext) throws(NetctlError)
        -> PeeringMeshResponse
    {
        let members = try meshMembers(request.vpcs, context.scope)
        let accept = request.accept ?? true
        let addRoutes = request.routes ?? false
        var existing: [Peering] = []
        var missing: [(Vpc, Vpc)] = []
        for i in members.indices {
            for j in members.indices where j > i {
                if let (left, right) = Self.firstOverlap(members[i].cidrBlocks, members[j].cidrBlocks) {
                    throw NetctlError(
                        .invalidParameterValue,
                        "\(members[i].vpcId) (\(left)) and \(members[j].vpcId) (\(right)) overlap and cannot be peered; "
                            + "the mesh was not started. Re-address one of them or leave it out.")
                }
                if let peering = livePeering(between: members[i].vpcId, and: members[j].vpcId) {
                    existing.append(peering)
                } else {
                    missing.append((members[i], members[j]))
                }
            }
        }
        try checkMeshQuotas(members: members, existing: existing, missing: missing, accept: accept, routes: addRoutes, context)
        let required = members.count * (members.count - 1) / 2
        guard request.dryRun != true else {
            return PeeringMeshResponse(
                peerings: existing, required: required, created: 0, existing: existing.count, accepted: 0,
                routesAdded: 0, dryRun: true)
        }
        var result: [Peering] = []
        var accepted = 0
        for peering in existing {
            if accept, peering.status.code == PeeringStatus.pendingAcceptance, peering.accepterScope == context.scope {
                result.append(try acceptPeering(PeeringAccept(peering: peering.peeringId), &context))
                accepted += 1
            } else {
                result.append(peering)
            }
        }
        for (requester, accepter) in missing {
            var peering = try createPeering(
                PeeringCreate(requesterVpc: requester.vpcId, accepterVpc: accepter.vpcId), &context)
            if accept {
                peering = try acceptPeering(PeeringAccept(peering: peering.peeringId), &context)
                accepted += 1
            }
            result.append(peering)
        }
        var routesAdded = 0
        if addRoutes {
            for peering in result {
                for (local, remote) in [(peering.requester, peering.accepter), (peering.accepter, peering.requester)] {
                    guard let vpc = vpcs[local.vpcId] else { continue }
                    for cidr in remote.cidrBlocks {
                        routesAdded += try addMeshRoute(vpc: vpc, destination: cidr, peering: peering.peeringId, context)
                    }
                }
            }
        }
        return PeeringMeshResponse(
            peerings: result, required: required, created: missing.count, existing: existing.count, accepted: accepted,
            routesAdded: routesAdded, dryRun: false)
    }

    /// The VPCs of a mesh (or of the mesh a topology method plans or moves): two or more, each once.
    func meshMembers(_ references: [String], _ scope: Scope) throws(NetctlError) -> [Vpc] {
        var members: [Vpc] = []
        for reference in references {
            let vpc = try vpc(reference, in: scope)
            guard !members.contains(where: { $0.vpcId == vpc.vpcId }) else {
                throw NetctlError(.invalidParameterValue, "\(vpc.vpcId) is listed twice; name each VPC of the mesh once.")
            }
            members.append(vpc)
        }
        guard members.count >= 2 else {
            throw NetctlError(.invalidParameterValue, "A mesh needs at least two VPCs; got \(members.count).")
        }
        return members
    }

    private func checkMeshQuotas(
        members: [Vpc], existing: [Peering], missing: [(Vpc, Vpc)], accept: Bool, routes: Bool, _ context: CommandContext
    ) throws(NetctlError) {
        if accept {
            let limit = context.quotas[.activePeeringsPerVpc]
            for vpc in members {
                let afterwards = Set(activePeerings(of: vpc.vpcId).map(\.peeringId)).count
                    + existing.filter { $0.status.code != PeeringStatus.active && ($0.requester.vpcId == vpc.vpcId || $0.accepter.vpcId == vpc.vpcId) }.count
                    + missing.filter { $0.0.vpcId == vpc.vpcId || $0.1.vpcId == vpc.vpcId }.count
                guard afterwards <= limit else {
                    throw context.quotas.exceeded(
                        .activePeeringsPerVpc, code: .activePeeringLimitExceeded,
                        "The mesh would give \(vpc.vpcId) \(afterwards) active peerings; nothing was changed")
                }
            }
        } else {
            let pending = peerings.childCount(of: Peering.outstandingKey(context.scope))
            guard pending + missing.count <= context.quotas[.outstandingPeeringsPerAccount] else {
                throw context.quotas.exceeded(
                    .outstandingPeeringsPerAccount, code: .outstandingPeeringLimitExceeded,
                    "The mesh would leave \(pending + missing.count) requests pending in \(context.scope); nothing was changed")
            }
        }
        if routes {
            let limit = context.quotas[.routesPerRouteTable]
            for vpc in members {
                guard let table = routeTables[vpc.mainRouteTableId] else { continue }
                let present = Set(table.routes.map(\.destination))
                let wanted = members.filter { $0.vpcId != vpc.vpcId }.flatMap(\.cidrBlocks).filter { !present.contains($0) }
                let afterwards = table.routes.filter { $0.target.type != RouteTarget.localTypeName }.count + wanted.count
                guard afterwards <= limit else {
                    throw context.quotas.exceeded(
                        .routesPerRouteTable, code: .routeLimitExceeded,
                        "The mesh would put \(afterwards) routes in \(table.routeTableId), the main table of \(vpc.vpcId); "
                            + "nothing was changed")
                }
            }
        }
    }

    /// Adds `destination → peering` to the VPC's main table unless that exact route is there; 1 if added.
    private mutating func addMeshRoute(vpc: Vpc, destination: String, peering: String, _ context: CommandContext)
        throws(NetctlError) -> Int
    {
        guard var table = routeTables[vpc.mainRouteTableId] else { return 0 }
        if let route = table.routes.first(where: { $0.destination == destination }) {
            guard route.target.id == peering else {
                throw NetctlError(
                    .routeAlreadyExists,
                    "\(table.routeTableId) already routes \(destination) to \(route.target.id); the mesh would need it to "
                        + "go to \(peering). Delete that route first; nothing was changed.")
            }
            return 0
        }
        table.routes.append(
            Route(
                destinationCidrBlock: destination, target: RouteTarget(type: RouteTarget.peering, id: peering),
                state: routeState(for: RouteTarget(type: RouteTarget.peering, id: peering), vpcId: vpc.vpcId),
                origin: "CreateRoute"))
        record(.routeCreate, table, at: context.now)
        return 1
    }
}
