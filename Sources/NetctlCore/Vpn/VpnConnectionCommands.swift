import Foundation
import NetctlAPI

/// VPN connections, their tunnels and static routes, and the clock of every VPN resource
/// (SEMANTICS-2.md 3.1 and 3.3).
extension State {
    public func vpnConnection(_ reference: String, in scope: Scope) throws(NetctlError) -> VpnConnection {
        try resolve(
            reference, in: scope, prefix: IDPrefix.vpnConnection, code: .vpnConnectionNotFound,
            noun: "VPN connection", listHint: "netctl vpn connection list")
    }

    public mutating func createVpnConnection(_ request: VpnConnectionCreate, _ context: inout CommandContext)
        throws(NetctlError) -> VpnConnection
    {
        let customer = try customerGateway(request.customerGateway, in: context.scope)
        try Self.requireAvailable(
            customer.state, "Customer gateway \(customer.customerGatewayId)", to: "take a VPN connection")
        var vgw: VpnGateway?
        var hub: TransitGateway?
        switch (request.vpnGateway, request.transitGateway) {
        case (let reference?, nil):
            let gateway = try vpnGateway(reference, in: context.scope)
            try Self.requireAvailable(
                gateway.state, "Virtual private gateway \(gateway.vpnGatewayId)", to: "take a VPN connection")
            vgw = gateway
        case (nil, let reference?):
            hub = try availableHub(reference, to: "take a VPN connection", context.scope)
        case (nil, nil):
            throw NetctlError(
                .missingParameter, "A VPN connection needs its Amazon side: pass vpnGateway or transitGateway.")
        case (.some, .some):
            throw NetctlError(.invalidParameterCombination, "Pass either vpnGateway or transitGateway, not both.")
        }
        let advertised = try Self.onPremisesCidrs(request.advertisedCidrs, parameter: "advertisedCidrs")
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.vpnConnection)
        let tags = try Validation.tags(request.tags, name: name)
        let staticOnly = request.staticRoutesOnly ?? false
        // CreateVpnConnection is idempotent: an identical request answers the live connection it made
        // before (tags aside, as for customer gateways); a name makes another one.
        let cidrs = Set(advertised.map(\.description))
        if let existing = vpnConnections.children(of: customer.customerGatewayId).first(where: {
            $0.isLive && $0.vpnGatewayId == vgw?.vpnGatewayId && $0.transitGatewayId == hub?.transitGatewayId
                && $0.staticRoutesOnly == staticOnly && Set($0.advertisedCidrs) == cidrs && $0.name == name
        }) {
            return existing
        }
        let id = newID(for: VpnConnection.self, prefix: IDPrefix.vpnConnection, &context)
        var attachmentId: String?
        if let hub {
            attachmentId = try attachToHub(
                id, type: TransitGatewayAttachment.vpnType, to: hub, routes: staticOnly ? 0 : advertised.count, &context)
        }
        let connection = VpnConnection(
            vpnConnectionId: id, name: name, accountId: context.accountId, region: context.region,
            state: TransitGateway.pending, customerGatewayId: customer.customerGatewayId,
            vpnGatewayId: vgw?.vpnGatewayId, transitGatewayId: hub?.transitGatewayId,
            transitGatewayAttachmentId: attachmentId, staticRoutesOnly: staticOnly,
            advertisedCidrs: advertised.map(\.description),
            tunnels: newTunnels(staticOnly: staticOnly, routes: advertised.count, &context), tags: tags,
            createdAt: context.now, stateChangedAt: context.now)
        record(.create, connection, at: context.now)
        return connection
    }

    /// Valid, distinct IPv4 CIDRs, at most the `limit` routes `advertiser` takes (a customer gateway's
    /// 100 by default).
    static func onPremisesCidrs(
        _ texts: [String], parameter: String, limit: Int = VpnLimits.routesPerConnection,
        advertiser: String = "a customer gateway's BGP session with AWS"
    ) throws(NetctlError) -> [IPv4CIDR] {
        var cidrs: [IPv4CIDR] = []
        for text in texts {
            let cidr = try Validation.cidr(text, parameter: parameter)
            if !cidrs.contains(cidr) { cidrs.append(cidr) }
        }
        guard cidrs.count <= limit else {
            throw NetctlError(
                .routeLimitExceeded,
                "\(parameter) has \(cidrs.count) CIDRs; \(advertiser) takes at most \(limit) routes. "
                    + "Advertise a summary route instead.")
        }
        return cidrs
    }

    /// Two tunnels, each with an outside address of AWS's and an inside /30 of 169.254.0.0/16 that no
    /// other connection uses, outside the /30s AWS reserves (169.254.0.0/24–169.254.5.0/24 and
    /// 169.254.169.252/30).
    private func newTunnels(staticOnly: Bool, routes: Int, _ context: inout CommandContext) -> [VpnTunnel] {
        var used = Set(vpnConnections.all.filter(\.isLive).flatMap { $0.tunnels.map(\.insideCidr) })
        var tunnels: [VpnTunnel] = []
        while tunnels.count < 2 {
            let word = UInt32(context.ids.make("", digits: 8), radix: 16) ?? 0
            // 169.254.6.0 to 169.254.251.252: clear of the reserved blocks.
            let inside = IPv4CIDR(
                network: IPv4Address(0xA9FE_0600 + (word % (246 * 64)) * 4), prefixLength: 30)
            guard !used.contains(inside.description) else { continue }
            used.insert(inside.description)
            // AWS's tunnel endpoints come from its own public ranges; 3.x.x.x stands for them.
            let outside = IPv4Address(0x0300_0000 | (word >> 8 & 0x00FF_FFFF))
            tunnels.append(
                VpnTunnel(
                    outsideIpAddress: outside.description, insideCidr: inside.description, state: VpnTunnel.up,
                    acceptedRouteCount: staticOnly ? 0 : routes, lastStatusChange: context.now))
        }
        return tunnels
    }

    public func listVpnConnections(_ request: VpnConnectionList, _ context: QueryContext) throws(NetctlError)
        -> VpnConnectionListResponse
    {
        let page = try hubPage(
            \.vpnConnections, ofHub: nil, request.filters, VpnConnectionFilter.table, maxResults: request.maxResults,
            nextToken: request.nextToken, context.scope)
        return VpnConnectionListResponse(vpnConnections: page.items, nextToken: page.nextToken)
    }

    /// Its routes are withdrawn at once and its hub attachment leaves the hub's tables; the clock then
    /// takes both to `deleted`.
    public mutating func deleteVpnConnection(_ request: VpnConnectionDelete, _ context: inout CommandContext)
        throws(NetctlError) -> VpnConnection
    {
        var connection = try vpnConnection(request.vpnConnection, in: context.scope)
        guard connection.isLive else {
            throw NetctlError(
                .incorrectState,
                "VPN connection \(connection.vpnConnectionId) is \(connection.state) and cannot be deleted again.")
        }
        connection.state = TransitGateway.deleting
        connection.stateChangedAt = context.now
        record(.delete, connection, at: context.now)
        if let attachmentId = connection.transitGatewayAttachmentId, let attachment = transitGatewayAttachments[attachmentId],
            attachment.state == TransitGateway.available || attachment.state == TransitGateway.pending
        {
            try retireTransitGatewayAttachment(attachment, context)
        }
        if let vgwId = connection.vpnGatewayId { syncVpnGatewayPropagation(vgwId, context) }
        return connection
    }

    public mutating func createVpnConnectionRoute(_ request: VpnConnectionCreateRoute, _ context: inout CommandContext)
        throws(NetctlError) -> VpnConnection
    {
        var connection = try staticVgwConnection(request.vpnConnection, context.scope)
        let destination = try Validation.cidr(request.destinationCidrBlock, parameter: "destinationCidrBlock")
        guard !connection.routes.contains(where: { $0.destinationCidrBlock == destination.description }) else {
            throw NetctlError(
                .routeAlreadyExists,
                "The route \(destination) already exists on VPN connection \(connection.vpnConnectionId).")
        }
        guard connection.routes.count < VpnLimits.routesPerConnection else {
            throw NetctlError(
                .routeLimitExceeded,
                "VPN connection \(connection.vpnConnectionId) already has \(connection.routes.count) static routes, "
                    + "AWS's limit. Replace some with a summary route.")
        }
        connection.routes.append(VpnStaticRoute(destinationCidrBlock: destination.description))
        record(.routeCreate, connection, at: context.now)
        if let vgwId = connection.vpnGatewayId { syncVpnGatewayPropagation(vgwId, context) }
        return connection
    }

    public mutating func deleteVpnConnectionRoute(_ request: VpnConnectionDeleteRoute, _ context: inout CommandContext)
        throws(NetctlError) -> VpnConnection
    {
        var connection = try staticVgwConnection(request.vpnConnection, context.scope)
        let destination = try Validation.cidr(request.destinationCidrBlock, parameter: "destinationCidrBlock")
        guard let index = connection.routes.firstIndex(where: { $0.destinationCidrBlock == destination.description })
        else {
            throw NetctlError(
                .routeNotFound,
                "VPN connection \(connection.vpnConnectionId) has no static route \(destination). See its routes with "
                    + "`netctl vpn connection show \(connection.vpnConnectionId)`.")
        }
        connection.routes.remove(at: index)
        record(.routeDelete, connection, at: context.now)
        if let vgwId = connection.vpnGatewayId { syncVpnGatewayPropagation(vgwId, context) }
        return connection
    }

    /// A live static connection on a VGW: the only kind whose routes the connection itself holds (on a
    /// hub, static routes go into the hub's route table).
    private func staticVgwConnection(_ reference: String, _ scope: Scope) throws(NetctlError) -> VpnConnection {
        let connection = try vpnConnection(reference, in: scope)
        guard connection.isLive else {
            throw NetctlError(
                .incorrectState, "VPN connection \(connection.vpnConnectionId) is \(connection.state).")
        }
        if let hub = connection.transitGatewayId {
            throw NetctlError(
                .invalidParameterValue,
                "VPN connection \(connection.vpnConnectionId) ends at transit gateway \(hub): add static routes to the "
                    + "hub's route table instead (`netctl tgw route add TABLE CIDR --attachment "
                    + "\(connection.transitGatewayAttachmentId ?? "ATTACHMENT")`).")
        }
        guard connection.staticRoutesOnly else {
            throw NetctlError(
                .invalidParameterValue,
                "VPN connection \(connection.vpnConnectionId) uses BGP: its routes are the CIDRs the customer gateway "
                    + "advertises. Static routes belong to a connection created with staticRoutesOnly.")
        }
        return connection
    }

    public mutating func setVpnTunnelState(_ request: VpnTunnelSetState, _ context: inout CommandContext)
        throws(NetctlError) -> VpnConnection
    {
        var connection = try vpnConnection(request.vpnConnection, in: context.scope)
        try Self.requireAvailable(
            connection.state, "VPN connection \(connection.vpnConnectionId)", to: "change a tunnel's state")
        guard connection.tunnels.indices.contains(request.tunnel) else {
            throw NetctlError(
                .invalidParameterValue, "tunnel \(request.tunnel) does not exist: a VPN connection has tunnels 0 and 1.")
        }
        let state = request.state.uppercased()
        guard state == VpnTunnel.up || state == VpnTunnel.down else {
            throw NetctlError(.invalidParameterValue, "state '\(request.state)' is not UP or DOWN.")
        }
        guard connection.tunnels[request.tunnel].state != state else { return connection }
        connection.tunnels[request.tunnel].state = state
        connection.tunnels[request.tunnel].lastStatusChange = context.now
        connection.tunnels[request.tunnel].acceptedRouteCount =
            state == VpnTunnel.up && !connection.staticRoutesOnly ? connection.advertisedCidrs.count : 0
        record(.update, connection, at: context.now)
        if let vgwId = connection.vpnGatewayId { syncVpnGatewayPropagation(vgwId, context) }
        return connection
    }

    // MARK: The clock

    mutating func runVpnDueWork(_ context: inout CommandContext) {
        let now = context.now
        var due: [(at: Date, id: String)] = []
        for gateway in customerGateways.children(of: VpnTiming.timedKey) {
            if let at = gateway.nextTransitionAt, at <= now { due.append((at, gateway.customerGatewayId)) }
        }
        for gateway in vpnGateways.children(of: VpnTiming.timedKey) {
            if let at = gateway.nextTransitionAt, at <= now { due.append((at, gateway.vpnGatewayId)) }
        }
        for connection in vpnConnections.children(of: VpnTiming.timedKey) {
            if let at = connection.nextTransitionAt, at <= now { due.append((at, connection.vpnConnectionId)) }
        }
        for gateway in dxGateways.children(of: VpnTiming.timedKey) {
            if let at = gateway.nextTransitionAt, at <= now { due.append((at, gateway.dxGatewayId)) }
        }
        due.sort { $0.at != $1.at ? $0.at < $1.at : $0.id < $1.id }
        for (at, id) in due {
            context.now = at
            if let gateway = customerGateways[id] {
                advance(gateway, at: at)
            } else if let gateway = vpnGateways[id] {
                advance(gateway, at: at)
            } else if let connection = vpnConnections[id] {
                advance(connection, at: at)
                // Available, its routes are learned now; deleted, they are already gone.
                if let vgwId = connection.vpnGatewayId { syncVpnGatewayPropagation(vgwId, context) }
            } else if let gateway = dxGateways[id] {
                advance(gateway, at: at)
            }
        }
        context.now = now
    }

    /// Moves a resource on to the state after `pending` or `deleting`.
    private mutating func advance<R: VpnTimed>(_ resource: R, at: Date) {
        var resource = resource
        resource.stateChangedAt = at
        switch resource.state {
        case TransitGateway.pending:
            resource.state = TransitGateway.available
            record(.transition, resource, at: at)
        case TransitGateway.deleting:
            resource.state = TransitGateway.deleted
            recordDeletion(resource, at: at)
        default: break
        }
    }

    func nextVpnDeadline() -> Date? {
        (customerGateways.children(of: VpnTiming.timedKey).compactMap(\.nextTransitionAt)
            + vpnGateways.children(of: VpnTiming.timedKey).compactMap(\.nextTransitionAt)
            + vpnConnections.children(of: VpnTiming.timedKey).compactMap(\.nextTransitionAt)
            + dxGateways.children(of: VpnTiming.timedKey).compactMap(\.nextTransitionAt))
            .min()
    }
}

/// A VPN resource that the clock moves from `pending` and `deleting`.
protocol VpnTimed: StoredResource {
    var state: String { get set }
    var stateChangedAt: Date { get set }
}

extension CustomerGateway: VpnTimed {}
extension VpnGateway: VpnTimed {}
extension VpnConnection: VpnTimed {}
