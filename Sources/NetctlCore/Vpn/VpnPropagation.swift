import Foundation
import NetctlAPI

/// Where the on-premises routes go: from a VGW into the VPC route tables that propagate it, and from a
/// hub's VPN attachment into the hub's tables (SEMANTICS-2.md 3.2 and 3.3).
extension State {
    /// The CIDRs a VGW routes to on-premises now, without repeats: the BGP routes of its Direct Connect
    /// gateways first, then its connections' static routes, then their BGP routes (inside a VGW, DX BGP
    /// beats VPN static beats VPN BGP).
    public func learnedRoutes(ofVpnGateway vgwId: String) -> [String] {
        let connections = vpnConnections.children(of: vgwId)
        var seen: Set<String> = []
        var routes: [String] = []
        for gateway in dxGateways.children(of: vgwId) {
            for cidr in gateway.learnedCidrs where seen.insert(cidr).inserted { routes.append(cidr) }
        }
        for connection in connections.filter(\.staticRoutesOnly) + connections.filter({ !$0.staticRoutesOnly }) {
            for cidr in connection.learnedCidrs where seen.insert(cidr).inserted { routes.append(cidr) }
        }
        return routes
    }

    /// Recomputes the propagated routes of every table of the VGW's VPC that it propagates into.
    mutating func syncVpnGatewayPropagation(_ vgwId: String, _ context: CommandContext) {
        guard let vpcId = vpnGateways[vgwId]?.attachedVpcId else { return }
        for var table in routeTables.children(of: vpcId) where table.propagatingVgws?.contains(vgwId) == true {
            let before = table.routes
            syncPropagatedRoutes(&table)
            if table.routes != before { record(.routeStateChange, table, at: context.now) }
        }
    }

    /// The table's routes with its propagated ones rebuilt from its propagating VGWs: a route inside a
    /// VPC block is never propagated (the local route always wins), an identical static route hides the
    /// propagated one, and at most 100 are propagated.
    func syncPropagatedRoutes(_ table: inout RouteTable) {
        var routes = table.routes.filter { $0.origin != Route.propagatedOrigin }
        var taken = Set(routes.map(\.destination))
        let blocks = (vpcs[table.vpcId]?.cidrBlocks ?? []).compactMap { IPv4CIDR($0) }
        var propagated = 0
        for vgwId in table.propagatingVgws ?? [] {
            guard let vgw = vpnGateways[vgwId], vgw.attachedVpcId == table.vpcId, vgw.state == TransitGateway.available
            else { continue }
            for text in learnedRoutes(ofVpnGateway: vgwId) {
                guard propagated < VpnLimits.propagatedRoutesPerTable, let cidr = IPv4CIDR(text),
                    !blocks.contains(where: { $0.contains(cidr) }), taken.insert(text).inserted
                else { continue }
                routes.append(
                    Route(
                        destinationCidrBlock: text, target: RouteTarget(type: RouteTarget.vpnGateway, id: vgwId),
                        state: .active, origin: Route.propagatedOrigin))
                propagated += 1
            }
        }
        table.routes = routes
    }

    public mutating func enableVgwRoutePropagation(_ request: RouteTableEnablePropagation, _ context: inout CommandContext)
        throws(NetctlError) -> RouteTable
    {
        var table = try routeTable(request.routeTable, in: context.scope)
        let vgw = try vpnGateway(request.vpnGateway, in: context.scope)
        guard vgw.attachedVpcId == table.vpcId else {
            throw NetctlError(
                .gatewayNotAttached,
                "Virtual private gateway \(vgw.vpnGatewayId) is not attached to \(table.vpcId), the VPC of "
                    + "\(table.routeTableId)"
                    + (vgw.attachedVpcId.map { " (it is attached to \($0))" } ?? "")
                    + ". Attach it first (`netctl vpn gateway attach \(vgw.vpnGatewayId) \(table.vpcId)`).")
        }
        // EnableVgwRoutePropagation is idempotent.
        guard table.propagatingVgws?.contains(vgw.vpnGatewayId) != true else { return table }
        table.propagatingVgws = (table.propagatingVgws ?? []) + [vgw.vpnGatewayId]
        syncPropagatedRoutes(&table)
        record(.update, table, at: context.now)
        return table
    }

    public mutating func disableVgwRoutePropagation(
        _ request: RouteTableDisablePropagation, _ context: inout CommandContext
    ) throws(NetctlError) -> RouteTable {
        var table = try routeTable(request.routeTable, in: context.scope)
        let vgw = try vpnGateway(request.vpnGateway, in: context.scope)
        guard table.propagatingVgws?.contains(vgw.vpnGatewayId) == true else {
            throw NetctlError(
                .invalidParameterValue,
                "Virtual private gateway \(vgw.vpnGatewayId) does not propagate into \(table.routeTableId)"
                    + ((table.propagatingVgws ?? []).isEmpty
                        ? "; nothing does." : " (\(table.propagatingVgws?.joined(separator: ", ") ?? "") does)."))
        }
        table.propagatingVgws?.removeAll { $0 == vgw.vpnGatewayId }
        if table.propagatingVgws?.isEmpty == true { table.propagatingVgws = nil }
        syncPropagatedRoutes(&table)
        record(.update, table, at: context.now)
        return table
    }

    // MARK: Hubs

    /// An attachment without subnets (a VPN connection's or a DX gateway's) of `resourceId` to `hub`,
    /// associated with and propagating into the hub's default tables as a VPC attachment is. `routes`
    /// is how many routes it may propagate, counted against the hub's route quota.
    mutating func attachToHub(
        _ resourceId: String, type: String, to hub: TransitGateway, routes: Int, _ context: inout CommandContext
    ) throws(NetctlError) -> String {
        let count = transitGatewayAttachments.childCount(of: hub.transitGatewayId)
        guard count < context.quotas[.attachmentsPerTransitGateway] else {
            throw context.quotas.exceeded(
                .attachmentsPerTransitGateway, code: .transitGatewayAttachmentLimitExceeded,
                "\(hub.transitGatewayId) already has \(count) attachments")
        }
        let id = newID(for: TransitGatewayAttachment.self, prefix: IDPrefix.transitGatewayAttachment, &context)
        var attachment = TransitGatewayAttachment(
            attachmentId: id, transitGatewayId: hub.transitGatewayId, name: nil, accountId: context.accountId,
            region: context.region, type: type, resourceId: resourceId,
            state: TransitGateway.pending, subnetIds: [], networkInterfaces: [], associatedRouteTableId: nil, tags: [:],
            createdAt: context.now, stateChangedAt: context.now)
        if let tableId = hub.options.associationDefaultRouteTableId, var table = transitGatewayRouteTables[tableId] {
            table.associations.append(id)
            attachment.associatedRouteTableId = tableId
            record(.associate, table, at: context.now)
        }
        record(.create, attachment, at: context.now)
        if let tableId = hub.options.propagationDefaultRouteTableId, var table = transitGatewayRouteTables[tableId] {
            try checkRouteQuota(of: hub, adding: routes, context)
            table.propagations.append(id)
            record(.update, table, at: context.now)
        }
        return id
    }

    /// What an attachment propagates into a hub table now: a VPC's CIDRs, a VPN connection's BGP routes,
    /// a DX gateway's on-premises CIDRs.
    func propagatedCidrs(of attachment: TransitGatewayAttachment) -> [String] {
        switch attachment.type {
        case TransitGatewayAttachment.directConnectGatewayType:
            return dxGateways[attachment.resourceId]?.learnedCidrs ?? []
        case TransitGatewayAttachment.vpnType:
            guard let connection = vpnConnections[attachment.resourceId], !connection.staticRoutesOnly else { return [] }
            return connection.learnedCidrs
        default:
            return vpcs[attachment.resourceId]?.cidrBlocks ?? []
        }
    }

    /// How many routes an attachment may propagate, whatever its state and its tunnels': what the hub's
    /// route quota counts.
    func propagationSize(of attachment: TransitGatewayAttachment) -> Int {
        switch attachment.type {
        case TransitGatewayAttachment.directConnectGatewayType:
            return dxGateways[attachment.resourceId]?.onPremisesCidrs.count ?? 0
        case TransitGatewayAttachment.vpnType:
            guard let connection = vpnConnections[attachment.resourceId], !connection.staticRoutesOnly else { return 0 }
            return connection.advertisedCidrs.count
        default:
            return vpcs[attachment.resourceId]?.cidrBlocks.count ?? 0
        }
    }

    /// Among propagated hub routes of one prefix, VPC beats Direct Connect beats VPN (SEMANTICS-2 3.2).
    static func propagationRank(_ type: String) -> Int {
        switch type {
        case TransitGatewayAttachment.vpcType: 0
        case TransitGatewayAttachment.directConnectGatewayType: 1
        default: 2
        }
    }
}
