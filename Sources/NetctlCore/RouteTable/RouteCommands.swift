import NetctlAPI

extension State {
    public mutating func createRoute(_ request: RouteCreate, _ context: inout CommandContext) throws(NetctlError)
        -> RouteTable
    {
        var table = try routeTable(request.routeTable, in: context.scope)
        guard let vpc = vpcs[table.vpcId] else {
            throw NetctlError(.internalError, "Route table \(table.routeTableId) belongs to a missing VPC.")
        }
        let destination = try routeDestination(request.destinationCidrBlock, request.destinationPrefixListId)
        let target = try routeTarget(
            RouteTargetReferences(
                request.peering, request.gateway, request.natGateway, request.endpoint, request.transitGateway,
                request.vpnGateway), vpc: vpc,
            context)
        // An identical static route beats a propagated one: it takes the propagated route's place.
        table.routes.removeAll { $0.destination == destination.description && $0.origin == Route.propagatedOrigin }
        if let existing = table.routes.first(where: { $0.destination == destination.description }) {
            throw NetctlError(
                .routeAlreadyExists,
                "The route identified by \(destination) already exists in \(table.routeTableId) (→ "
                    + "\(existing.target.id)). Delete it first to point it elsewhere.")
        }
        try checkMoreSpecificThanLocal(destination, target: target, vpc: vpc)
        let userRoutes = table.routes.filter {
            $0.target.type != RouteTarget.localTypeName && $0.origin != Route.propagatedOrigin
        }.count
        guard userRoutes < context.quotas[.routesPerRouteTable] else {
            throw context.quotas.exceeded(
                .routesPerRouteTable, code: .routeLimitExceeded,
                "\(table.routeTableId) already has \(userRoutes) routes")
        }
        table.routes.append(
            Route(
                destinationCidrBlock: destination.description, target: target,
                state: routeState(for: target, vpcId: vpc.vpcId), origin: "CreateRoute"))
        record(.routeCreate, table, at: context.now)
        return table
    }

    /// Points an existing route at another target, in one change: the route keeps its destination and
    /// its place, and is never missing in between.
    public mutating func replaceRoute(_ request: RouteReplace, _ context: inout CommandContext) throws(NetctlError)
        -> RouteTable
    {
        var table = try routeTable(request.routeTable, in: context.scope)
        guard let vpc = vpcs[table.vpcId] else {
            throw NetctlError(.internalError, "Route table \(table.routeTableId) belongs to a missing VPC.")
        }
        let destination = try routeDestination(request.destinationCidrBlock, request.destinationPrefixListId)
        let index = try userRouteIndex(
            destination, in: table,
            change: "pointed elsewhere (netctld does not model middlebox routing of local traffic)")
        let target = try routeTarget(
            RouteTargetReferences(
                request.peering, request.gateway, request.natGateway, request.endpoint, request.transitGateway,
                request.vpnGateway), vpc: vpc,
            context)
        try checkMoreSpecificThanLocal(destination, target: target, vpc: vpc)
        table.routes[index] = Route(
            destinationCidrBlock: destination.description, target: target,
            state: routeState(for: target, vpcId: vpc.vpcId), origin: "CreateRoute")
        record(.routeReplace, table, at: context.now)
        return table
    }

    public mutating func deleteRoute(_ request: RouteDelete, _ context: inout CommandContext) throws(NetctlError)
        -> RouteTable
    {
        var table = try routeTable(request.routeTable, in: context.scope)
        let destination = try routeDestination(request.destinationCidrBlock, request.destinationPrefixListId)
        let index = try userRouteIndex(destination, in: table, change: "deleted")
        table.routes.remove(at: index)
        // A propagated route the static one hid comes back.
        if table.propagatingVgws != nil { syncPropagatedRoutes(&table) }
        record(.routeDelete, table, at: context.now)
        return table
    }

    /// Where the route to `destination` is in the table, refusing a missing one and the local route,
    /// which lasts as long as its CIDR block and is never `change`d.
    private func userRouteIndex(_ destination: IPv4CIDR, in table: RouteTable, change: String) throws(NetctlError)
        -> Int
    {
        guard let index = table.routes.firstIndex(where: { $0.destination == destination.description }) else {
            throw NetctlError(
                .routeNotFound,
                "No route with destination \(destination) exists in \(table.routeTableId). "
                    + "See its routes with `netctl route-table get \(table.routeTableId)`.")
        }
        if table.routes[index].origin == Route.propagatedOrigin {
            throw NetctlError(
                .invalidParameterValue,
                "The route \(destination) of \(table.routeTableId) is propagated by \(table.routes[index].target.id) and "
                    + "cannot be \(change): it leaves when the gateway stops learning it or when propagation is "
                    + "disabled (`netctl route-table disable-propagation \(table.routeTableId) "
                    + "\(table.routes[index].target.id)`). A static route to the same destination takes its place.")
        }
        guard table.routes[index].target.type != RouteTarget.localTypeName else {
            throw NetctlError(
                .invalidParameterValue,
                "The local route \(destination) of \(table.routeTableId) cannot be \(change); it exists as long as the "
                    + "VPC has that CIDR block.")
        }
        return index
    }

    /// Recomputes `active`/`blackhole` for every route of the VPC's tables, after a change to something
    /// routes point at (a gateway detached, a NAT gateway deleted, a peering activated…).
    mutating func refreshRouteStates(vpcId: String, _ context: CommandContext) {
        for var table in routeTables.children(of: vpcId) {
            var changed = false
            for index in table.routes.indices {
                let state = routeState(for: table.routes[index].target, vpcId: vpcId)
                if table.routes[index].state != state {
                    table.routes[index].state = state
                    changed = true
                }
            }
            if changed { record(.routeStateChange, table, at: context.now) }
        }
    }

    /// `active` when the target can carry traffic for this VPC right now, else `blackhole`.
    func routeState(for target: RouteTarget, vpcId: String) -> RouteState {
        let usable: Bool
        switch target.type {
        case RouteTarget.localTypeName: usable = true
        case RouteTarget.internetGateway: usable = internetGateways[target.id]?.vpcId == vpcId
        case RouteTarget.natGateway: usable = natGateways[target.id]?.state == .available
        case RouteTarget.endpoint: usable = endpoints[target.id]?.state == .available
        case RouteTarget.transitGateway: usable = availableAttachment(of: target.id, toVpc: vpcId) != nil
        case RouteTarget.vpnGateway: usable = availableVpnGateway(ofVpc: vpcId)?.vpnGatewayId == target.id
        case RouteTarget.peering:
            usable = peerings[target.id].map { peering in
                peering.status.code == PeeringStatus.active
                    && (peering.requester.vpcId == vpcId || peering.accepter.vpcId == vpcId)
            } ?? false
        default: usable = false
        }
        return usable ? .active : .blackhole
    }

    private func routeDestination(_ cidr: String?, _ prefixList: String?) throws(NetctlError) -> IPv4CIDR {
        switch (cidr, prefixList) {
        case (let cidr?, nil):
            let destination = try Validation.cidr(cidr, parameter: "destinationCidrBlock")
            if AddressRanges.reservedRouteDestination.contains(destination) {
                throw NetctlError(
                    .invalidParameterValue,
                    "The destination \(destination) lies in 169.254.168.0/22, which AWS reserves for its own "
                        + "services and never routes. Choose another destination.")
            }
            return destination
        case (nil, let prefixList?):
            throw NetctlError(
                .invalidParameterValue,
                "Routes to prefix list \(prefixList) belong to gateway endpoints and cannot be created, replaced or "
                    + "deleted through the route API: use endpoint.create, or endpoint.modify with addRouteTables / "
                    + "removeRouteTables (`netctl endpoint modify VPCE --add-route-table RTB`).")
        case (nil, nil):
            throw NetctlError(.missingParameter, "The request must contain the parameter destinationCidrBlock.")
        case (.some, .some):
            throw NetctlError(
                .invalidParameterCombination, "Pass either destinationCidrBlock or destinationPrefixListId, not both.")
        }
    }

    private func routeTarget(_ references: RouteTargetReferences, vpc: Vpc, _ context: CommandContext)
        throws(NetctlError) -> RouteTarget
    {
        let given = [
            references.peering.map { ("peering", $0) }, references.gateway.map { ("gateway", $0) },
            references.natGateway.map { ("natGateway", $0) }, references.endpoint.map { ("endpoint", $0) },
            references.transitGateway.map { ("transitGateway", $0) },
            references.vpnGateway.map { ("vpnGateway", $0) },
        ].compactMap { $0 }
        guard given.count == 1, let (kind, reference) = given.first else {
            throw NetctlError(
                given.isEmpty ? .missingParameter : .invalidParameterCombination,
                "A route needs exactly one target: peering, gateway, natGateway, endpoint, transitGateway or vpnGateway"
                    + (given.isEmpty ? "." : "; got \(given.map(\.0).joined(separator: " and "))."))
        }
        switch kind {
        case "gateway":
            let gateway: InternetGateway
            do {
                gateway = try internetGateway(reference, in: context.scope)
            } catch where error.code == .internetGatewayNotFound {
                // A route's gateway may be of several kinds, so AWS names the miss with the general code.
                throw NetctlError(
                    .gatewayNotFound,
                    "The gateway ID '\(reference)' does not exist in \(context.scope). List internet gateways with "
                        + "`netctl gateway list`.")
            }
            guard gateway.vpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Route table of \(vpc.vpcId) and internet gateway \(gateway.internetGatewayId) belong to different "
                        + "networks\(gateway.vpcId.map { " (it is attached to \($0))" } ?? " (it is detached)"). "
                        + "Attach it to \(vpc.vpcId) first.")
            }
            return RouteTarget(type: RouteTarget.internetGateway, id: gateway.internetGatewayId)
        case "natGateway":
            let nat = try natGateway(reference, in: context.scope)
            guard nat.vpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue,
                    "NAT gateway \(nat.natGatewayId) is in \(nat.vpcId), not \(vpc.vpcId). A route can only target "
                        + "a NAT gateway of its own VPC.")
            }
            return RouteTarget(type: RouteTarget.natGateway, id: nat.natGatewayId)
        case "peering":
            // Any state will do (AWS accepts a route to a pending request); it stays blackhole until active.
            let peering = try visiblePeering(reference, context.scope, now: context.now)
            guard peering.requester.vpcId == vpc.vpcId || peering.accepter.vpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Peering \(peering.peeringId) connects \(peering.requester.vpcId) and \(peering.accepter.vpcId), not "
                        + "\(vpc.vpcId): a route table can only send traffic over its own VPC's peerings.")
            }
            return RouteTarget(type: RouteTarget.peering, id: peering.peeringId)
        case "transitGateway":
            let hub = try transitGateway(reference, in: context.scope)
            // A pending attachment will do: the route stays blackhole until the attachment is available.
            guard transitGatewayAttachments.children(of: vpc.vpcId).contains(where: {
                $0.transitGatewayId == hub.transitGatewayId
                    && ($0.state == TransitGateway.available || $0.state == TransitGateway.pending)
            }) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Transit gateway \(hub.transitGatewayId) has no attachment to \(vpc.vpcId): a route table can only "
                        + "send traffic to a hub its VPC is attached to. Attach it first (`netctl tgw attach "
                        + "\(hub.transitGatewayId) \(vpc.vpcId) --subnet SUBNET`).")
            }
            return RouteTarget(type: RouteTarget.transitGateway, id: hub.transitGatewayId)
        case "vpnGateway":
            let vgw = try vpnGateway(reference, in: context.scope)
            guard vgw.attachedVpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Route table of \(vpc.vpcId) and virtual private gateway \(vgw.vpnGatewayId) belong to different "
                        + "networks\(vgw.attachedVpcId.map { " (it is attached to \($0))" } ?? " (it is detached)"). "
                        + "Attach it first (`netctl vpn gateway attach \(vgw.vpnGatewayId) \(vpc.vpcId)`).")
            }
            return RouteTarget(type: RouteTarget.vpnGateway, id: vgw.vpnGatewayId)
        default:
            let endpoint = try self.endpoint(reference, in: context.scope)
            throw NetctlError(
                .invalidParameterValue,
                "\(endpoint.endpointId) is a \(endpoint.type) endpoint: its routes are made by the endpoint itself "
                    + "(endpoint.create and endpoint.modify with routeTables), not by route.create.")
        }
    }

    /// Routes inside the VPC's own blocks are allowed only for a whole subnet through a NAT gateway
    /// (a middlebox); a route equal to a VPC block would duplicate its local route.
    private func checkMoreSpecificThanLocal(_ destination: IPv4CIDR, target: RouteTarget, vpc: Vpc) throws(NetctlError) {
        for block in vpc.cidrBlocks.compactMap({ IPv4CIDR($0) }) where block.contains(destination) {
            if block == destination {
                throw NetctlError(
                    .routeAlreadyExists,
                    "The route identified by \(destination) already exists: it is the VPC's local route.")
            }
            let isSubnet = subnets.children(of: vpc.vpcId).contains { $0.cidrBlock == destination.description }
            guard isSubnet && target.type == RouteTarget.natGateway else {
                throw NetctlError(
                    .invalidParameterValue,
                    "The destination CIDR block \(destination) is equal to or more specific than one of this VPC's "
                        + "CIDR blocks (\(block)). Such a route must match a subnet's CIDR exactly and target a NAT "
                        + "gateway.")
            }
        }
    }
}

/// The target members route.create and route.replace take; exactly one must be given.
private struct RouteTargetReferences {
    var peering: String?
    var gateway: String?
    var natGateway: String?
    var endpoint: String?
    var transitGateway: String?
    var vpnGateway: String?

    init(
        _ peering: String?, _ gateway: String?, _ natGateway: String?, _ endpoint: String?, _ transitGateway: String?,
        _ vpnGateway: String?
    ) {
        self.peering = peering
        self.gateway = gateway
        self.natGateway = natGateway
        self.endpoint = endpoint
        self.transitGateway = transitGateway
        self.vpnGateway = vpnGateway
    }
}

/// Longest-prefix match, as the VPC router does it.
extension RouteTable {
    /// The route that carries traffic to `address`: the longest matching prefix wins, and a CIDR
    /// route beats a prefix-list route of the same length. `prefixListCidrs` resolves `pl-` IDs.
    public func route(to address: IPv4Address, prefixListCidrs: (String) -> [IPv4CIDR] = { _ in [] }) -> Route? {
        var best: (route: Route, length: Int, isCidr: Bool)?
        for route in routes {
            let candidates: [IPv4CIDR]
            let isCidr: Bool
            if let text = route.destinationCidrBlock, let cidr = IPv4CIDR(text) {
                candidates = [cidr]
                isCidr = true
            } else if let list = route.destinationPrefixListId {
                candidates = prefixListCidrs(list)
                isCidr = false
            } else {
                continue
            }
            for cidr in candidates where cidr.contains(address) {
                if let current = best,
                    current.length > cidr.prefixLength || (current.length == cidr.prefixLength && (current.isCidr || !isCidr))
                {
                    continue
                }
                best = (route, cidr.prefixLength, isCidr)
            }
        }
        return best?.route
    }
}
