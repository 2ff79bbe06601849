import NetctlAPI

/// An on-premises network as reach sees it: a CIDR behind a VPN, maybe named by its customer gateway.
struct OnPremises {
    var cidr: IPv4CIDR
    var customerGatewayId: String?
}

/// To and from on-premises networks over Site-to-Site VPN: a VPC route to the VGW (static or
/// propagated) or to a hub whose table routes to a `vpn` attachment; a connection with a tunnel UP
/// whose on-premises side holds the address; and a route back on the other side.
extension State {
    /// `onprem:CIDR` (a bare address is a /32) or a customer gateway (the network its connections
    /// advertise); nil when the reference is neither.
    func onPremisesPlace(_ reference: String, _ scope: Scope) throws(NetctlError) -> ReachPlace? {
        let onPremises: OnPremises
        if reference.lowercased().hasPrefix("onprem:") {
            let text = reference.dropFirst("onprem:".count)
            guard let cidr = IPv4CIDR(text.contains("/") ? String(text) : "\(text)/32") else {
                throw NetctlError(
                    .invalidParameterValue,
                    "'\(reference)' is not an on-premises network: write onprem:CIDR (onprem:192.168.0.0/16) or "
                        + "onprem:ADDRESS.")
            }
            onPremises = OnPremises(cidr: cidr, customerGatewayId: nil)
        } else if reference.hasPrefix(IDPrefix.customerGateway + "-") {
            let gateway = try customerGateway(reference, in: scope)
            guard let cidr = vpnConnections.children(of: gateway.customerGatewayId).filter(\.isLive)
                .lazy.flatMap(\.onPremisesCidrs).first
            else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Customer gateway \(gateway.customerGatewayId) has no VPN connection that names an on-premises "
                        + "network: create one with advertisedCidrs (`netctl vpn connection create "
                        + "\(gateway.customerGatewayId) --vpn-gateway VGW --advertise CIDR`), or name the network as "
                        + "onprem:CIDR.")
            }
            onPremises = OnPremises(cidr: cidr, customerGatewayId: gateway.customerGatewayId)
        } else {
            return nil
        }
        // The network stands for its first usable address, as a subnet does.
        let address = onPremises.cidr.prefixLength >= 31
            ? onPremises.cidr.first : IPv4Address(onPremises.cidr.first.value + 1)
        return ReachPlace(
            endpoint: ReachEndpoint(
                type: "onPremises", id: reference, vpcId: nil, subnetId: nil, address: address.description,
                name: onPremises.customerGatewayId),
            vpc: nil, subnet: nil, address: address, onPremises: onPremises)
    }

    /// The live connections whose on-premises side holds `address` (of one customer gateway when the
    /// place names one), among `connections`.
    func connections(
        _ connections: [VpnConnection], holding address: IPv4Address, customerGateway: String?
    ) -> [VpnConnection] {
        connections.filter { connection in
            connection.state == TransitGateway.available
                && (customerGateway == nil || connection.customerGatewayId == customerGateway)
                && connection.onPremisesCidrs.contains { $0.contains(address) }
        }
    }

    /// The hops over a connection, or nil with `VPN_TUNNELS_DOWN` when neither tunnel is up.
    private func overTunnel(
        _ connection: VpnConnection, _ address: IPv4Address, returning: Bool, _ walk: inout ReachWalk
    ) -> Bool {
        guard let index = connection.tunnels.firstIndex(where: { $0.state == VpnTunnel.up }) else {
            walk.explain(
                ReachExplanation.vpnTunnelsDown,
                "Both tunnels of VPN connection \(connection.vpnConnectionId) are DOWN, so "
                    + (returning ? "replies to" : "traffic to") + " \(address) cannot cross it"
                    + (connection.staticRoutesOnly ? "." : " and its BGP routes are withdrawn.")
                    + " Bring a tunnel up (`netctl vpn tunnel set-state \(connection.vpnConnectionId) 0 UP`).",
                component: connection.vpnConnectionId)
            return false
        }
        let tunnel = connection.tunnels[index]
        let hop = (
            "vpnConnection", connection.vpnConnectionId,
            "tunnel \(index) (\(tunnel.outsideIpAddress), inside \(tunnel.insideCidr)) UP to "
                + "\(connection.customerGatewayId)"
        )
        walk.hop(hop, returning: returning)
        return true
    }

    /// Says why `table` has no route to on-premises `address`: the VGW learns it but does not propagate
    /// here, its BGP routes are withdrawn with the tunnels, or nothing routes it at all.
    func explainNoVpnRoute(
        from vpc: Vpc, table: RouteTable, to address: IPv4Address, customerGateway: String?, returning: Bool,
        _ walk: inout ReachWalk
    ) {
        let what = returning ? "Replies to \(address)" : "Traffic to \(address)"
        if let vgw = availableVpnGateway(ofVpc: vpc.vpcId) {
            let carrying = connections(
                vpnConnections.children(of: vgw.vpnGatewayId), holding: address, customerGateway: customerGateway)
            let learns = carrying.contains { $0.learnedCidrs.contains { IPv4CIDR($0)?.contains(address) ?? false } }
            if !carrying.isEmpty, !(table.propagatingVgws ?? []).contains(vgw.vpnGatewayId) {
                walk.explain(
                    ReachExplanation.noRoutePropagation,
                    "\(table.routeTableId) has no route to \(address): \(vgw.vpnGatewayId) "
                        + (learns ? "learns it" : "reaches it") + " over "
                        + "\(carrying.map(\.vpnConnectionId).joined(separator: ", ")) but does not propagate into "
                        + "\(table.routeTableId), and the table has no static route to it. Enable propagation (`netctl "
                        + "route-table enable-propagation \(table.routeTableId) \(vgw.vpnGatewayId)`) or add a route "
                        + "(`netctl route create \(table.routeTableId) --destination CIDR --vpn-gateway "
                        + "\(vgw.vpnGatewayId)`).",
                    component: table.routeTableId)
                return
            }
            if let down = carrying.first(where: { !$0.staticRoutesOnly && !$0.anyTunnelUp }), !learns {
                walk.explain(
                    ReachExplanation.vpnTunnelsDown,
                    "\(what) has no route in \(table.routeTableId): both tunnels of VPN connection "
                        + "\(down.vpnConnectionId) are DOWN, so \(vgw.vpnGatewayId) withdrew its BGP routes. Bring a "
                        + "tunnel up (`netctl vpn tunnel set-state \(down.vpnConnectionId) 0 UP`).",
                    component: down.vpnConnectionId)
                return
            }
            if let quiet = carrying.first(where: \.staticRoutesOnly), !learns {
                walk.explain(
                    returning ? ReachExplanation.noReturnRoute : ReachExplanation.noRouteToDestination,
                    "\(what) has no route in \(table.routeTableId): static VPN connection \(quiet.vpnConnectionId) has "
                        + "no route that covers it. Add one (`netctl vpn connection add-route \(quiet.vpnConnectionId) "
                        + "CIDR`).",
                    component: quiet.vpnConnectionId)
                return
            }
        }
        walk.explain(
            returning ? ReachExplanation.noReturnRoute : ReachExplanation.noRouteToDestination,
            "\(table.routeTableId) in \(vpc.vpcId) has no route to on-premises \(address). Route it to a virtual private "
                + "gateway (propagated, or `netctl route create \(table.routeTableId) --destination CIDR --vpn-gateway "
                + "VGW`) or to a transit gateway with a VPN attachment.",
            component: table.routeTableId)
    }

    /// Says why hub table `table` has no route to on-premises `address` when a VPN connection of the
    /// hub holds it: both tunnels of a BGP connection are down (its routes withdrawn), or the
    /// connection's attachment does not propagate into the table. False when no connection of the hub
    /// holds the address, for the caller's general explanation.
    func explainNoHubVpnRoute(
        in table: TransitGatewayRouteTable, to address: IPv4Address, returning: Bool, _ walk: inout ReachWalk
    ) -> Bool {
        let what = returning ? "Replies to \(address)" : "Traffic to \(address)"
        let carrying = connections(
            vpnConnections.children(of: table.transitGatewayId), holding: address, customerGateway: nil)
        if let down = carrying.first(where: { !$0.staticRoutesOnly && !$0.anyTunnelUp }) {
            walk.explain(
                ReachExplanation.vpnTunnelsDown,
                "\(what) has no route in \(table.routeTableId), the table of \(table.transitGatewayId) that decides it: "
                    + "both tunnels of VPN connection \(down.vpnConnectionId) are DOWN, so the BGP routes it "
                    + "propagated (\(down.advertisedCidrs.joined(separator: ", "))) are withdrawn. Bring a tunnel up "
                    + "(`netctl vpn tunnel set-state \(down.vpnConnectionId) 0 UP`).",
                component: down.vpnConnectionId)
            return true
        }
        if let unpropagated = carrying.first(where: { connection in
            connection.transitGatewayAttachmentId.map { !table.propagations.contains($0) } ?? false
        }), let attachmentId = unpropagated.transitGatewayAttachmentId {
            walk.explain(
                ReachExplanation.noRoutePropagation,
                "\(what) has no route in \(table.routeTableId): VPN connection \(unpropagated.vpnConnectionId) reaches "
                    + "it, but its attachment \(attachmentId) does not propagate into \(table.routeTableId). Enable "
                    + "propagation (`netctl tgw route-table enable-propagation \(table.routeTableId) \(attachmentId)`) "
                    + "or add a static route (`netctl tgw route add \(table.routeTableId) --destination CIDR "
                    + "--attachment \(attachmentId)`).",
                component: table.routeTableId)
            return true
        }
        return false
    }

    /// VPC → on-premises through the VPC's VGW; `returning` checks the way back of a reply instead.
    /// Returns the link used (a DX gateway whose route wins in the VGW, else a VPN connection), or nil
    /// with the explanation recorded.
    @discardableResult
    func leaveOverVpnGateway(
        _ route: Route, from vpc: Vpc, table: RouteTable, to address: IPv4Address, customerGateway: String?,
        returning: Bool, _ walk: inout ReachWalk
    ) -> OnPremisesLink? {
        let vgwId = route.target.id
        guard route.state == .active, let vgw = vpnGateways[vgwId], vgw.attachedVpcId == vpc.vpcId,
            vgw.state == TransitGateway.available
        else {
            walk.explain(
                ReachExplanation.routeBlackhole,
                "The route \(route.destination) → \(vgwId) in \(table.routeTableId) is a blackhole: \(vgwId) is not an "
                    + "available gateway attached to \(vpc.vpcId). Attach it (`netctl vpn gateway attach \(vgwId) "
                    + "\(vpc.vpcId)`).",
                component: table.routeTableId)
            return nil
        }
        let hop = ("vpnGateway", vgwId, "out of \(vpc.vpcId)")
        walk.hop(hop, returning: returning)
        if customerGateway == nil, let gateway = dxGatewayWinning(atVpnGateway: vgwId, to: address) {
            return leaveVgwOverDx(gateway, vgwId: vgwId, to: address, returning: returning, &walk)
        }
        let carrying = connections(vpnConnections.children(of: vgwId), holding: address, customerGateway: customerGateway)
        // A VGW forwards only to prefixes it knows: a static route or a BGP route learned now.
        let known = carrying.filter { $0.learnedCidrs.contains { IPv4CIDR($0)?.contains(address) ?? false } }
        guard let connection = known.first(where: \.anyTunnelUp) ?? known.first ?? carrying.first else {
            walk.explain(
                returning ? ReachExplanation.noReturnRoute : ReachExplanation.noRouteToDestination,
                "\(vgwId) has no VPN connection whose on-premises side holds \(address)"
                    + (customerGateway.map { " behind \($0)" } ?? "") + ". Advertise it from the customer gateway or "
                    + "add a static route to a static connection (`netctl vpn connection add-route VPN CIDR`).",
                component: vgwId)
            return nil
        }
        guard overTunnel(connection, address, returning: returning, &walk) else { return nil }
        guard !known.isEmpty else {
            walk.explain(
                returning ? ReachExplanation.noReturnRoute : ReachExplanation.noRouteToDestination,
                "\(vgwId) knows no route to \(address) over \(connection.vpnConnectionId): "
                    + (connection.staticRoutesOnly
                        ? "add a static route (`netctl vpn connection add-route \(connection.vpnConnectionId) CIDR`)."
                        : "the customer gateway does not advertise it."),
                component: connection.vpnConnectionId)
            return nil
        }
        return .vpn(connection)
    }

    /// The last hop to on-premises over a hub's `vpn` attachment: the connection must be up and its
    /// customer's side hold the address.
    func leaveHubOverVpn(
        _ egress: TransitGatewayAttachment, hubId: String, to address: IPv4Address, customerGateway: String?,
        returning: Bool, _ walk: inout ReachWalk
    ) -> VpnConnection? {
        guard let connection = vpnConnections[egress.resourceId], connection.state == TransitGateway.available else {
            walk.explain(
                ReachExplanation.tgwRouteBlackhole,
                "\(hubId) routes \(address) to \(egress.attachmentId), whose VPN connection \(egress.resourceId) is gone "
                    + "or not available.",
                component: egress.attachmentId)
            return nil
        }
        let hop = ("transitGatewayAttachment", egress.attachmentId, "out of \(hubId) into \(connection.vpnConnectionId)")
        walk.hop(hop, returning: returning)
        guard overTunnel(connection, address, returning: returning, &walk) else { return nil }
        let holds = connection.onPremisesCidrs.contains { $0.contains(address) }
        guard holds, customerGateway == nil || customerGateway == connection.customerGatewayId else {
            walk.explain(
                returning ? ReachExplanation.noReturnRoute : ReachExplanation.noRouteToDestination,
                "\(hubId) sends \(address) over \(connection.vpnConnectionId) to \(connection.customerGatewayId), whose "
                    + "on-premises networks (\(connection.advertisedCidrs.joined(separator: ", "))) do not hold it"
                    + (customerGateway.map { " (the destination is behind \($0))" } ?? "")
                    + ". Route it to the attachment of the connection that does.",
                component: egress.attachmentId)
            return nil
        }
        return connection
    }

    /// Delivery on-premises: the customer gateway's network.
    private func arriveOnPremises(_ connection: VpnConnection, _ address: IPv4Address, _ walk: inout ReachWalk) {
        let network = connection.onPremisesCidrs.first { $0.contains(address) }
        walk.hop(
            ("customerGateway", connection.customerGatewayId,
             "delivered on-premises" + (network.map { " (\($0))" } ?? "") + " at \(address)"))
    }

    /// The forward path from a VPC to on-premises over its VGW, with the way back: the VGW routes
    /// replies into the VPC it is attached to.
    func crossVpnGateway(
        _ route: Route, from vpc: Vpc, table: RouteTable, to destination: ReachPlace, _ walk: inout ReachWalk
    ) -> (vpc: Vpc?, subnet: Subnet?)? {
        let link = leaveOverVpnGateway(
            route, from: vpc, table: table, to: destination.address,
            customerGateway: destination.onPremises?.customerGatewayId, returning: false, &walk)
        guard let link else { return nil }
        guard case .vpn(let connection) = link else {
            guard case .dx(let gateway, let association) = link else { return nil }
            let back = walk.source ?? vpc.cidrBlocks.first.flatMap { IPv4CIDR($0) }.map { $0.first } ?? destination.address
            return crossDxToOnPremises(gateway, association, from: vpc, back: back, to: destination.address, &walk)
        }
        arriveOnPremises(connection, destination.address, &walk)
        walk.returnHop(
            ("vpnConnection", connection.vpnConnectionId, "replies from on-premises over \(route.target.id)"))
        walk.returnHop(("vpnGateway", route.target.id, "into \(vpc.vpcId), the VPC it is attached to"))
        return (nil, nil)
    }

    /// The forward path's end over a hub's `vpn` attachment, with the way back: the attachment's route
    /// table must route replies to the source VPC's attachment.
    func crossHubToOnPremises(
        _ egress: TransitGatewayAttachment, hubId: String, from vpc: Vpc, back source: IPv4Address,
        to destination: ReachPlace, _ walk: inout ReachWalk
    ) -> (vpc: Vpc?, subnet: Subnet?)? {
        guard let connection = leaveHubOverVpn(
            egress, hubId: hubId, to: destination.address, customerGateway: destination.onPremises?.customerGatewayId,
            returning: false, &walk)
        else { return nil }
        arriveOnPremises(connection, destination.address, &walk)
        walk.returnHop(("vpnConnection", connection.vpnConnectionId, "replies from on-premises into \(hubId)"))
        _ = hubRoute(from: egress, hubId: hubId, to: source, intoVpc: vpc.vpcId, returning: true, &walk)
        return (nil, nil)
    }

    /// Inside a hub from a `vpn` attachment to `vpcId`'s attachment: the attachment's route table must
    /// route `address` there. Returns the VPC attachment, or nil with the explanation recorded.
    func hubRoute(
        from ingress: TransitGatewayAttachment, hubId: String, to address: IPv4Address, intoVpc vpcId: String,
        returning: Bool, _ walk: inout ReachWalk
    ) -> TransitGatewayAttachment? {
        let what = returning ? "Replies to \(address)" : "Traffic to \(address)"
        guard ingress.state == TransitGateway.available, let tableId = ingress.associatedRouteTableId,
            let table = transitGatewayRouteTables[tableId]
        else {
            walk.explain(
                ReachExplanation.tgwAttachmentNotAssociated,
                "\(what) entered \(hubId) through \(ingress.attachmentId), which is associated with no route table of "
                    + "the hub, so the hub drops it. Associate it (`netctl tgw route-table associate TABLE "
                    + "\(ingress.attachmentId)`).",
                component: ingress.attachmentId)
            return nil
        }
        guard let route = transitGatewayRoute(in: table, to: address) else {
            walk.explain(
                returning ? ReachExplanation.noReturnRoute : ReachExplanation.tgwNoRoute,
                "\(table.routeTableId), the route table of \(hubId) associated with \(ingress.attachmentId), has no "
                    + "route that matches \(address). Propagate \(vpcId)'s attachment into it (`netctl tgw route-table "
                    + "enable-propagation \(table.routeTableId) ATTACHMENT`) or add a static route.",
                component: table.routeTableId)
            return nil
        }
        let targetId = route.attachments.first?.attachmentId ?? "blackhole"
        let hop = (
            "transitGatewayRouteTable", table.routeTableId,
            "\(route.destinationCidrBlock) → \(targetId) (\(route.type), \(route.state))"
        )
        walk.hop(hop, returning: returning)
        guard route.state == TransitGatewayRoute.active, let egress = transitGatewayAttachments[targetId],
            egress.state == TransitGateway.available, egress.resourceId == vpcId
        else {
            walk.explain(
                returning ? ReachExplanation.noReturnRoute : ReachExplanation.tgwRouteBlackhole,
                "The route \(route.destinationCidrBlock) in \(table.routeTableId) of \(hubId) sends \(address) to "
                    + "\(targetId), not to an available attachment of \(vpcId). Point it at \(vpcId)'s attachment.",
                component: table.routeTableId)
            return nil
        }
        let out = ("transitGatewayAttachment", egress.attachmentId, "out of \(hubId) into \(vpcId)")
        walk.hop(out, returning: returning)
        return egress
    }

    // MARK: From on-premises

    /// On-premises → VPC: a connection whose customer side holds the source and whose Amazon side (its
    /// VGW attached to the destination's VPC, or a hub that routes to the VPC's attachment) takes the
    /// traffic in; then the destination's route table must route replies back.
    func walkFromOnPremises(_ source: ReachPlace, _ request: ReachAnalyze, _ context: QueryContext)
        throws(NetctlError) -> (analysis: ReachAnalysis, facts: ReachFacts)
    {
        let destination = try reachPlace(request.destination, role: "destination", context.scope)
        guard let vpc = destination.vpc else {
            throw NetctlError(
                .invalidParameterValue,
                "From on-premises, the destination \(request.destination) must be inside one of your VPCs: name a VPC, "
                    + "subnet, instance, interface or an address inside one.")
        }
        let traffic = try ReachTraffic.of(request, toService: false)
        let customerGateway = source.onPremises?.customerGatewayId
        var walk = ReachWalk()
        walk.hop(("onPremises", source.endpoint.id, "source \(source.address)" + (customerGateway.map { " behind \($0)" } ?? "")))
        let candidates = connections(
            vpnConnections.inScope(context.scope), holding: source.address, customerGateway: customerGateway)
        let toVgw = candidates.filter { $0.vpnGatewayId != nil && $0.vpnGatewayId == availableVpnGateway(ofVpc: vpc.vpcId)?.vpnGatewayId }
        let toHub = candidates.filter { connection in
            connection.transitGatewayId.map { availableAttachment(of: $0, toVpc: vpc.vpcId) != nil } ?? false
        }
        var delivered: Subnet?
        var arrived = false
        let viaVpn = toVgw.first(where: \.anyTunnelUp) ?? toHub.first(where: \.anyTunnelUp) ?? toVgw.first ?? toHub.first
        // On-premises routes over the link that advertises the destination: a DX gateway whose allowed
        // prefixes do, else a VPN connection, else a DX gateway that does not (to say why).
        let viaDx = customerGateway == nil
            ? dxEntries(from: source.address, to: destination.address, in: vpc, context.scope) : []
        var hubAttachment: String?
        if let entry = viaDx.first(where: { $0.prefix != nil }) ?? (viaVpn == nil ? viaDx.first : nil) {
            arrived = enterOverDx(entry, to: destination.address, in: vpc, &walk)
            hubAttachment = entry.association.transitGatewayAttachmentId
        } else if let connection = viaVpn {
            hubAttachment = connection.transitGatewayAttachmentId
            walk.hop(("customerGateway", connection.customerGatewayId, "into \(connection.vpnConnectionId)"))
            if overTunnel(connection, destination.address, returning: false, &walk) {
                if let vgwId = connection.vpnGatewayId {
                    walk.hop(("vpnGateway", vgwId, "into \(vpc.vpcId)"))
                    arrived = true
                } else if let hubId = connection.transitGatewayId, let attachmentId = connection.transitGatewayAttachmentId,
                    let ingress = transitGatewayAttachments[attachmentId]
                {
                    walk.hop(("transitGatewayAttachment", attachmentId, "into \(hubId) from \(connection.vpnConnectionId)"))
                    arrived = hubRoute(
                        from: ingress, hubId: hubId, to: destination.address, intoVpc: vpc.vpcId, returning: false,
                        &walk) != nil
                }
            }
        } else {
            walk.explain(
                ReachExplanation.noRouteToDestination,
                "No available VPN connection or Direct Connect gateway carries \(source.address)"
                    + (customerGateway.map { " from \($0)" } ?? "")
                    + " to \(vpc.vpcId): none advertises or routes it and ends at \(vpc.vpcId)'s virtual private "
                    + "gateway or at a transit gateway attached to \(vpc.vpcId). Create one (`netctl vpn connection "
                    + "create CGW --vpn-gateway VGW --advertise CIDR`, or `netctl dx gateway create NAME --onprem CIDR` "
                    + "and associate it).",
                component: vpc.vpcId)
        }
        if arrived {
            if vpc.holds(destination.address) {
                delivered = destination.subnet ?? subnet(ofVpc: vpc.vpcId, holding: destination.address)
                walk.hop(delivered.map { ("subnet", $0.subnetId, "delivered in \(vpc.vpcId) (\($0.cidrBlock))") }
                    ?? ("vpc", vpc.vpcId, "delivered in \(vpc.vpcId); no subnet holds \(destination.address)"))
                returnToOnPremises(from: vpc, subnet: delivered, back: source, expecting: hubAttachment, &walk)
            } else {
                arrived = false
                walk.explain(
                    ReachExplanation.noRouteToDestination,
                    "\(destination.address) is not inside \(vpc.vpcId) (\(vpc.cidrBlocks.joined(separator: ", "))).",
                    component: vpc.vpcId)
            }
        }
        if arrived {
            var target = destination
            target.subnet = delivered ?? destination.subnet
            // On-premises addresses are only CIDRs to groups and ACLs: no group of theirs is referenced.
            checkSecurity(from: source, to: target, traffic: traffic, groupReferences: false, &walk)
        }
        var resolved = destination.endpoint
        resolved.vpcId = vpc.vpcId
        resolved.subnetId = delivered?.subnetId ?? resolved.subnetId
        let analysis = ReachAnalysis(
            reachable: arrived && walk.explanations.isEmpty, source: source.endpoint, destination: resolved,
            path: walk.path, returnPath: walk.returnPath, explanations: walk.explanations)
        return (analysis, walk.facts)
    }

    /// Replies from `subnet` back to on-premises: the subnet's table must route the source to the VGW
    /// or to a hub that routes it to the connection's attachment.
    private func returnToOnPremises(
        from vpc: Vpc, subnet: Subnet?, back source: ReachPlace, expecting hubAttachment: String?,
        _ walk: inout ReachWalk
    ) {
        let address = source.address
        let customerGateway = source.onPremises?.customerGatewayId
        guard let table = routeTable(for: vpc, subnet: subnet) else { return }
        guard let route = table.route(to: address, prefixListCidrs: { self.prefixListCidrs($0, region: table.region) })
        else {
            explainNoVpnRoute(
                from: vpc, table: table, to: address, customerGateway: customerGateway, returning: true, &walk)
            return
        }
        walk.routeHop(table, route, returning: true)
        switch route.target.type {
        case RouteTarget.vpnGateway:
            leaveOverVpnGateway(
                route, from: vpc, table: table, to: address, customerGateway: customerGateway, returning: true, &walk)
        case RouteTarget.transitGateway:
            guard let egress = transitHub(
                route, from: vpc, subnet: subnet, table: table, to: address, returning: true, &walk)
            else { return }
            if egress.type == TransitGatewayAttachment.directConnectGatewayType, customerGateway == nil {
                _ = leaveHubOverDx(egress, hubId: route.target.id, to: address, returning: true, &walk)
                return
            }
            guard egress.type == TransitGatewayAttachment.vpnType else {
                walk.explain(
                    ReachExplanation.noReturnRoute,
                    "Replies to \(address) leave \(route.target.id) over \(egress.attachmentId) to \(egress.resourceId), "
                        + "not to a VPN connection or a Direct Connect gateway. Route \(address) in the hub's table to "
                        + "the attachment the traffic came in by (\(hubAttachment ?? "of the connection")).",
                    component: egress.attachmentId)
                return
            }
            _ = leaveHubOverVpn(
                egress, hubId: route.target.id, to: address, customerGateway: customerGateway, returning: true, &walk)
        default:
            walk.explain(
                ReachExplanation.noReturnRoute,
                "Replies to on-premises \(address) follow \(route.destination) → \(route.target.id) in "
                    + "\(table.routeTableId), which does not lead to a VPN connection. Route it to the virtual private "
                    + "gateway or to a transit gateway with the VPN attachment.",
                component: table.routeTableId)
        }
    }
}
