import NetctlAPI

/// `topology.migrate`: a mesh moved onto a hub in one transaction. The hub (when created here) and the
/// attachments are `available` at once, not `pending` on the clock: reachability is verified inside
/// the transaction, and a pending attachment carries nothing, so a hub that had to wait would fail
/// the check it exists to pass. A hub given by `tgw` must be available already.
extension State {
    public mutating func migrateTopology(_ request: TopologyMigrate, _ context: inout CommandContext)
        throws(NetctlError) -> TopologyMigrateResponse
    {
        guard request.dryRun == true else { return try applyMigration(request, &context) }
        // The same work on a copy, with a copy of the ID source: the report, refusals included, is the
        // real run's, and nothing of it stays. Its new IDs are not the ones a real run will draw.
        var trial = self
        var trialContext = context
        var report = try trial.applyMigration(request, &trialContext)
        report.dryRun = true
        return report
    }

    private mutating func applyMigration(_ request: TopologyMigrate, _ context: inout CommandContext)
        throws(NetctlError) -> TopologyMigrateResponse
    {
        let members = try meshMembers(request.vpcs, context.scope)
        let bare = members.filter { subnets.childCount(of: $0.vpcId) == 0 }.map(\.vpcId)
        guard bare.isEmpty else {
            throw NetctlError(
                .invalidParameterValue,
                "\(bare.joined(separator: ", ")) \(bare.count == 1 ? "has" : "have") no subnet, and a hub attaches to a "
                    + "VPC through its subnets. Create one first (`netctl subnet create VPC --cidr CIDR`).")
        }
        let endpoints = topologyEndpoints(of: members)
        let before = try topologyReach(endpoints, context.scope)
        var steps: [TopologyStep] = []

        // The hub and its default route table.
        var hub: TransitGateway
        let hubCreated = request.tgw == nil
        if let reference = request.tgw {
            hub = try availableHub(reference, to: "take the mesh's VPCs", context.scope)
            steps.append(TopologyStep(action: "useHub", resourceId: hub.transitGatewayId, detail: "available"))
        } else {
            hub = try createTransitGateway(TransitGatewayCreate(), &context)
            hub.state = TransitGateway.available
            record(.transition, hub, at: context.now)
            steps.append(
                TopologyStep(
                    action: "createHub", resourceId: hub.transitGatewayId,
                    detail: "available at once, default route table \(hub.defaultRouteTableId ?? "-")"))
        }
        guard let tableId = hub.defaultRouteTableId else {
            throw NetctlError(
                .invalidParameterValue,
                "\(hub.transitGatewayId) has no default route table (both default options are off), and the migration "
                    + "associates and propagates every attachment there. Use another hub, or leave tgw out to create one.")
        }

        // One attachment per VPC, associated with and propagating into the default table.
        var attachments: [String] = []
        var created = 0
        for vpc in members {
            var attachment: TransitGatewayAttachment
            if let existing = transitGatewayAttachments.children(of: vpc.vpcId).first(where: {
                $0.transitGatewayId == hub.transitGatewayId && $0.state != TransitGateway.deleted
            }) {
                guard existing.state == TransitGateway.available else {
                    throw NetctlError(
                        .incorrectState,
                        "\(vpc.vpcId) is already attached to \(hub.transitGatewayId) by \(existing.attachmentId), which is "
                            + "\(existing.state). Wait until it is available (or gone), then migrate again.")
                }
                attachment = existing
                steps.append(TopologyStep(action: "useAttachment", resourceId: attachment.attachmentId, detail: vpc.vpcId))
            } else {
                let chosen = attachmentSubnets(of: vpc.vpcId)
                attachment = try attachVpc(
                    TransitGatewayAttachVpc(tgw: hub.transitGatewayId, vpc: vpc.vpcId, subnets: chosen), &context)
                attachment.state = TransitGateway.available
                record(.transition, attachment, at: context.now)
                refreshRouteStates(vpcId: vpc.vpcId, context)
                created += 1
                steps.append(
                    TopologyStep(
                        action: "attach", resourceId: attachment.attachmentId,
                        detail: "\(vpc.vpcId) through \(chosen.joined(separator: ", ")), available at once"))
            }
            if attachment.associatedRouteTableId == nil {
                _ = try associateTransitGatewayRouteTable(
                    TransitGatewayRouteTableAssociate(routeTable: tableId, attachment: attachment.attachmentId), &context)
                steps.append(TopologyStep(action: "associate", resourceId: attachment.attachmentId, detail: tableId))
            }
            if hub.options.propagationDefaultRouteTableId != tableId,
                transitGatewayRouteTables[tableId]?.propagations.contains(attachment.attachmentId) == false
            {
                _ = try enableTransitGatewayPropagation(
                    TransitGatewayRouteTableEnablePropagation(routeTable: tableId, attachment: attachment.attachmentId),
                    &context)
                steps.append(TopologyStep(action: "propagate", resourceId: attachment.attachmentId, detail: tableId))
            }
            attachments.append(attachment.attachmentId)
        }

        // Every route over an active peering between two VPCs of the set now goes to the hub, same destination.
        let meshPeerings = peeringsWithin(members)
        let meshPeeringIds = Set(meshPeerings.map(\.peeringId))
        let target = RouteTarget(type: RouteTarget.transitGateway, id: hub.transitGatewayId)
        var replaced = 0
        for vpc in members {
            let state = routeState(for: target, vpcId: vpc.vpcId)
            for var table in routeTables.children(of: vpc.vpcId) {
                var count = 0
                for index in table.routes.indices where meshPeeringIds.contains(table.routes[index].target.id) {
                    table.routes[index].target = target
                    table.routes[index].state = state
                    count += 1
                }
                guard count > 0 else { continue }
                record(.routeReplace, table, at: context.now)
                replaced += count
                steps.append(
                    TopologyStep(
                        action: "replaceRoutes", resourceId: table.routeTableId,
                        detail: "\(count) route\(count == 1 ? "" : "s") from pcx- to \(hub.transitGatewayId)"))
            }
        }

        let after = try topologyReach(endpoints, context.scope)
        var broken: [String] = []
        for (index, pair) in after.pairs.enumerated() where before.pairs[index].reachable && !pair.reachable {
            broken.append(
                "\(pair.source) → \(pair.destination) (\(pair.explanation?.code ?? "unreachable"): "
                    + "\(pair.explanation?.message ?? "no path"))")
        }
        guard broken.isEmpty else {
            throw NetctlError(
                .topologyMigrationWouldBreakReachability,
                "Moving the mesh onto \(hub.transitGatewayId) would leave \(broken.count) of the \(before.reachable) "
                    + "reachable pairs unreachable, so nothing was changed: "
                    + broken.prefix(5).joined(separator: "; ") + (broken.count > 5 ? "; …" : ".")
                    + " Fix what blocks them (see `netctl reach SOURCE DESTINATION` after a manual attach), then migrate "
                    + "again.")
        }
        steps.append(
            TopologyStep(
                action: "verify", resourceId: hub.transitGatewayId,
                detail: "\(before.reachable) of \(before.pairs.count) pairs reachable before, \(after.reachable) after"))

        var deleted = 0
        if request.deletePeerings == true {
            for peering in meshPeerings {
                _ = try deletePeering(PeeringDelete(peering: peering.peeringId), &context)
                deleted += 1
                steps.append(
                    TopologyStep(
                        action: "deletePeering", resourceId: peering.peeringId,
                        detail: "\(peering.requester.vpcId) ↔ \(peering.accepter.vpcId)"))
            }
        }
        return TopologyMigrateResponse(
            transitGatewayId: hub.transitGatewayId, routeTableId: tableId, hubCreated: hubCreated,
            attachments: attachments, attachmentsCreated: created, routesReplaced: replaced,
            peerings: meshPeerings.map(\.peeringId), peeringsDeleted: deleted, pairsChecked: before.pairs.count,
            reachableBefore: before.reachable, reachableAfter: after.reachable, steps: steps, dryRun: false)
    }

    /// One subnet per availability zone the VPC has subnets in: in each zone the one with the lowest
    /// addresses, so the same VPC always gets the same choice.
    func attachmentSubnets(of vpcId: String) -> [String] {
        var byZone: [String: Subnet] = [:]
        for subnet in subnets.children(of: vpcId) {
            let start = IPv4CIDR(subnet.cidrBlock)?.first.value ?? .max
            if let current = byZone[subnet.availabilityZone],
                IPv4CIDR(current.cidrBlock)?.first.value ?? .max <= start
            {
                continue
            }
            byZone[subnet.availabilityZone] = subnet
        }
        return byZone.keys.sorted().compactMap { byZone[$0]?.subnetId }
    }

    /// The active peerings between two VPCs of the set, each once, by ID. Routes over a pending or
    /// failed peering carry nothing, so they are left alone: pointed at the hub they would start to.
    func peeringsWithin(_ members: [Vpc]) -> [Peering] {
        let ids = Set(members.map(\.vpcId))
        var seen: Set<String> = []
        var found: [Peering] = []
        for vpc in members {
            for peering in activePeerings(of: vpc.vpcId)
            where ids.contains(peering.requester.vpcId) && ids.contains(peering.accepter.vpcId)
                && seen.insert(peering.peeringId).inserted
            {
                found.append(peering)
            }
        }
        return found.sorted { $0.peeringId < $1.peeringId }
    }

    /// What the migration compares: every subnet and every instance not terminated of each VPC.
    func topologyEndpoints(of members: [Vpc]) -> [(id: String, vpcId: String)] {
        members.flatMap { vpc in
            (subnets.children(of: vpc.vpcId).map(\.subnetId).sorted()
                + instances.children(of: vpc.vpcId).filter { $0.state != .terminated }.map(\.instanceId).sorted())
                .map { (id: $0, vpcId: vpc.vpcId) }
        }
    }

    /// `reach.matrix`'s verdict (all traffic) for every ordered pair of endpoints in different VPCs,
    /// in a fixed order, so two runs over the same endpoints compare pair by pair.
    func topologyReach(_ endpoints: [(id: String, vpcId: String)], _ scope: Scope) throws(NetctlError)
        -> (pairs: [ReachMatrixPair], reachable: Int)
    {
        var places: [ReachPlace] = []
        places.reserveCapacity(endpoints.count)
        for endpoint in endpoints { places.append(try reachPlace(endpoint.id, role: "endpoint", scope)) }
        let traffic = try ReachTraffic.of(ReachAnalyze(source: "", destination: ""), toService: false)
        var walk = ReachMatrixWalk(state: self, places: places, traffic: traffic)
        var pairs: [ReachMatrixPair] = []
        var reachable = 0
        for s in endpoints.indices {
            for d in endpoints.indices where endpoints[s].vpcId != endpoints[d].vpcId {
                let (open, explanation) = walk.answer(s, d)
                if open { reachable += 1 }
                pairs.append(
                    ReachMatrixPair(
                        source: endpoints[s].id, destination: endpoints[d].id, reachable: open, explanation: explanation))
            }
        }
        return (pairs, reachable)
    }
}
