import NetctlAPI

/// `reach.analyze`'s `without`: the analysis of a state in which some peerings, gateways, endpoints or
/// routes are gone. The removal happens on a copy that is never published or stored; routes that
/// targeted a removed resource become blackholes, as AWS leaves them.
extension State {
    func withoutForAnalysis(_ references: [String], _ context: QueryContext) throws(NetctlError) -> State {
        var hypothetical = self
        try hypothetical.transact { state throws(NetctlError) in
            var removedTargets: Set<String> = []
            var touchedVpcs: Set<String> = []
            for reference in references {
                try state.removeForAnalysis(reference, context, &removedTargets, &touchedVpcs)
            }
            for vpcId in touchedVpcs {
                for var table in state.routeTables.children(of: vpcId) {
                    var changed = false
                    for index in table.routes.indices where removedTargets.contains(table.routes[index].target.id) {
                        table.routes[index].state = state.routeState(for: table.routes[index].target, vpcId: vpcId)
                        changed = true
                    }
                    if changed { state.save(table) }
                }
            }
        }
        _ = hypothetical.takeChanges()
        return hypothetical
    }

    private mutating func removeForAnalysis(
        _ reference: String, _ context: QueryContext, _ removedTargets: inout Set<String>, _ touchedVpcs: inout Set<String>
    ) throws(NetctlError) {
        if reference.hasPrefix(IDPrefix.routeTable + "-"), let colon = reference.firstIndex(of: ":") {
            // A route: `rtb-…:DESTINATION`, its CIDR or prefix-list ID.
            var table = try routeTable(String(reference[..<colon]), in: context.scope)
            let destination = String(reference[reference.index(after: colon)...])
            let before = table.routes.count
            table.routes.removeAll { $0.destination == destination && $0.target.type != RouteTarget.localTypeName }
            guard table.routes.count < before else {
                throw NetctlError(
                    .invalidParameterValue,
                    "\(table.routeTableId) has no route to \(destination) that can be removed (the local route stays). "
                        + "Name a route as ROUTE_TABLE:DESTINATION, as `netctl route-table get` lists them.")
            }
            save(table)
            return
        }
        switch String(reference.prefix(while: { $0 != "-" })) {
        case IDPrefix.peering:
            let peering = try visiblePeering(reference, context.scope, now: context.now)
            delete(peering)
            removedTargets.insert(peering.peeringId)
            touchedVpcs.formUnion([peering.requester.vpcId, peering.accepter.vpcId])
        case IDPrefix.internetGateway:
            let gateway = try internetGateway(reference, in: context.scope)
            delete(gateway)
            removedTargets.insert(gateway.internetGatewayId)
            if let vpcId = gateway.vpcId { touchedVpcs.insert(vpcId) }
        case IDPrefix.natGateway:
            let gateway = try natGateway(reference, in: context.scope)
            delete(gateway)
            removedTargets.insert(gateway.natGatewayId)
            touchedVpcs.insert(gateway.vpcId)
        case IDPrefix.endpoint:
            let endpoint = try endpoint(reference, in: context.scope)
            delete(endpoint)
            removedTargets.insert(endpoint.endpointId)
            touchedVpcs.insert(endpoint.vpcId)
        default:
            throw NetctlError(
                .invalidParameterValue,
                "without takes peering (pcx-…), internet gateway (igw-…), NAT gateway (nat-…) and endpoint (vpce-…) "
                    + "IDs, and routes as ROUTE_TABLE:DESTINATION (rtb-…:10.1.0.0/16); '\(reference)' is none of them.")
        }
    }
}
