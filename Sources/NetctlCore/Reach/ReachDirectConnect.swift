import NetctlAPI

/// How traffic crosses between the Amazon side and on-premises: a VPN connection or a DX gateway.
enum OnPremisesLink {
    case vpn(VpnConnection)
    case dx(DirectConnectGateway, DirectConnectGatewayAssociation)
}

/// A way in from on-premises over a DX gateway to a VPC: through its VGW or a hub attached to it.
struct DirectConnectEntry {
    var gateway: DirectConnectGateway
    var association: DirectConnectGatewayAssociation
    /// The allowed prefix that advertises the destination on-premises, if any does.
    var prefix: IPv4CIDR?
}

/// To and from on-premises over a Direct Connect gateway (SEMANTICS-2.md 3.3 and 3.4): a VGW forwards
/// to the DX gateway when a DX route is the longest it learns for the address (DX before VPN for
/// equal prefixes); a hub routes to the DX gateway's attachment. On-premises reaches only what the
/// association's allowed prefixes advertise.
extension State {
    /// The DX gateway `vgwId` sends `address` to, when a DX route wins there.
    func dxGatewayWinning(atVpnGateway vgwId: String, to address: IPv4Address) -> DirectConnectGateway? {
        func longest(_ cidrs: [String]) -> Int {
            cidrs.compactMap { IPv4CIDR($0) }.filter { $0.contains(address) }.map(\.prefixLength).max() ?? -1
        }
        let best = dxGateways.children(of: vgwId).map { ($0, longest($0.learnedCidrs)) }.filter { $0.1 >= 0 }
            .max { $0.1 < $1.1 }
        guard let best else { return nil }
        let vpn = longest(vpnConnections.children(of: vgwId).flatMap(\.learnedCidrs))
        return best.1 >= vpn ? best.0 : nil
    }

    /// The allowed prefix of `association` that advertises `address` on-premises: for a VGW, one that
    /// equals or contains the block of `vpc` holding it; for a hub, one that contains it.
    func advertisingPrefix(
        _ association: DirectConnectGatewayAssociation, for address: IPv4Address, in vpc: Vpc?
    ) -> IPv4CIDR? {
        if association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway {
            guard let block = vpc?.cidrBlocks.compactMap({ IPv4CIDR($0) }).first(where: { $0.contains(address) })
            else { return nil }
            return association.allowedPrefix(covering: block)
        }
        return association.allowedPrefix(covering: IPv4CIDR(network: address, prefixLength: 32))
    }

    /// Whether on-premises has a route to `address` over the association; `DX_PREFIX_NOT_ALLOWED` when not.
    func dxAdvertises(
        _ gateway: DirectConnectGateway, _ association: DirectConnectGatewayAssociation, _ address: IPv4Address,
        in vpc: Vpc?, returning: Bool, _ walk: inout ReachWalk
    ) -> Bool {
        if advertisingPrefix(association, for: address, in: vpc) != nil { return true }
        let through = association.associatedGateway.id
        let allowed = association.allowedPrefixes.joined(separator: ", ")
        let what = returning ? "Replies to \(address)" : "Traffic to \(address)"
        let reason: String
        let isVgw = association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway
        let flag = (isVgw ? "--vpn-gateway " : "--transit-gateway ") + through
        if isVgw {
            let block = vpc?.cidrBlocks.first { IPv4CIDR($0)?.contains(address) ?? false } ?? address.description
            reason =
                "Direct Connect gateway \(gateway.dxGatewayId) does not advertise \(block) of \(vpc?.vpcId ?? "the VPC") "
                + "on-premises: the allowed prefixes of its association \(association.associationId) with \(through) "
                + "(\(allowed)) filter the VPC's CIDRs, and none equals or contains \(block). "
        } else {
            reason =
                "Direct Connect gateway \(gateway.dxGatewayId) advertises only the allowed prefixes of its association "
                + "\(association.associationId) with \(through) (\(allowed)) on-premises, and none holds \(address). "
        }
        walk.explain(
            ReachExplanation.dxPrefixNotAllowed,
            reason + "\(what) from on-premises has no route. Allow a prefix that covers it (`netctl dx gateway "
                + "update-association \(gateway.dxGatewayId) \(flag) --allowed-prefix CIDR`).",
            component: association.associationId)
        return false
    }

    /// The last hop from a VGW whose DX route wins for `address`.
    func leaveVgwOverDx(
        _ gateway: DirectConnectGateway, vgwId: String, to address: IPv4Address, returning: Bool,
        _ walk: inout ReachWalk
    ) -> OnPremisesLink? {
        guard let association = gateway.association(with: vgwId) else { return nil }
        let network = gateway.onPremisesCidrs.compactMap { IPv4CIDR($0) }.filter { $0.contains(address) }
            .max { $0.prefixLength < $1.prefixLength }
        walk.hop(
            ("directConnectGateway", gateway.dxGatewayId,
             "\(vgwId) learns \(network.map(\.description) ?? address.description) over Direct Connect (BGP, "
                + "preferred over VPN) through association \(association.associationId)"),
            returning: returning)
        return .dx(gateway, association)
    }

    /// The last hop to on-premises over a hub's `direct-connect-gateway` attachment.
    func leaveHubOverDx(
        _ egress: TransitGatewayAttachment, hubId: String, to address: IPv4Address, returning: Bool,
        _ walk: inout ReachWalk
    ) -> OnPremisesLink? {
        guard let gateway = dxGateways[egress.resourceId], gateway.state == TransitGateway.available,
            let association = gateway.association(with: hubId)
        else {
            walk.explain(
                ReachExplanation.tgwRouteBlackhole,
                "\(hubId) routes \(address) to \(egress.attachmentId), whose Direct Connect gateway \(egress.resourceId) "
                    + "is gone, not available or no longer associated with the hub.",
                component: egress.attachmentId)
            return nil
        }
        let hop = ("transitGatewayAttachment", egress.attachmentId, "out of \(hubId) into \(gateway.dxGatewayId)")
        walk.hop(hop, returning: returning)
        guard gateway.onPremisesCidrs.contains(where: { IPv4CIDR($0)?.contains(address) ?? false }) else {
            walk.explain(
                returning ? ReachExplanation.noReturnRoute : ReachExplanation.noRouteToDestination,
                "\(hubId) sends \(address) to Direct Connect gateway \(gateway.dxGatewayId), whose on-premises networks "
                    + "(\(gateway.onPremisesCidrs.joined(separator: ", "))) do not hold it. Add it to them (`netctl dx "
                    + "gateway set-onprem \(gateway.dxGatewayId) CIDR…`) or route it elsewhere.",
                component: egress.attachmentId)
            return nil
        }
        walk.hop(
            ("directConnectGateway", gateway.dxGatewayId, "over association \(association.associationId) with \(hubId)"),
            returning: returning)
        return .dx(gateway, association)
    }

    /// Delivery on-premises behind a DX gateway.
    func arriveOverDx(_ gateway: DirectConnectGateway, _ address: IPv4Address, _ walk: inout ReachWalk) {
        let network = gateway.onPremisesCidrs.compactMap { IPv4CIDR($0) }.first { $0.contains(address) }
        walk.hop(
            ("onPremises", gateway.dxGatewayId,
             "delivered on-premises" + (network.map { " (\($0))" } ?? "") + " at \(address) over Direct Connect"))
    }

    /// The rest of a forward path that left for on-premises over a DX gateway: delivery, then the way
    /// back, which needs on-premises to know the source (an allowed prefix) and, through a hub, the
    /// DX attachment's table to route to the source VPC's attachment.
    func crossDxToOnPremises(
        _ gateway: DirectConnectGateway, _ association: DirectConnectGatewayAssociation, from vpc: Vpc,
        back source: IPv4Address, to destination: IPv4Address, _ walk: inout ReachWalk
    ) -> (vpc: Vpc?, subnet: Subnet?)? {
        arriveOverDx(gateway, destination, &walk)
        if advertisingPrefix(association, for: source, in: vpc) == nil,
            let connection = vpnReturn(from: destination, to: vpc)
        {
            // On-premises knows the source over a VPN only: replies take that way.
            returnOverVpn(connection, to: source, in: vpc, &walk)
            return (nil, nil)
        }
        guard dxAdvertises(gateway, association, source, in: vpc, returning: true, &walk) else { return (nil, nil) }
        let prefix = advertisingPrefix(association, for: source, in: vpc).map(\.description) ?? ""
        walk.returnHop(
            ("directConnectGateway", gateway.dxGatewayId, "replies from on-premises to \(source) (allowed prefix \(prefix))"))
        let through = association.associatedGateway.id
        if association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway {
            walk.returnHop(("vpnGateway", through, "into \(vpc.vpcId), the VPC it is attached to"))
        } else if let attachmentId = association.transitGatewayAttachmentId,
            let attachment = transitGatewayAttachments[attachmentId]
        {
            _ = hubRoute(from: attachment, hubId: through, to: source, intoVpc: vpc.vpcId, returning: true, &walk)
        }
        return (nil, nil)
    }

    /// A VPN connection with a tunnel up whose on-premises side holds `address` and that ends at the
    /// VGW of `vpc` or at a hub `vpc` is attached to: a way back on-premises knows besides DX.
    private func vpnReturn(from address: IPv4Address, to vpc: Vpc) -> VpnConnection? {
        let vgwId = availableVpnGateway(ofVpc: vpc.vpcId)?.vpnGatewayId
        return connections(vpnConnections.inScope(vpc.scope), holding: address, customerGateway: nil).first {
            $0.anyTunnelUp
                && ($0.vpnGatewayId.map { $0 == vgwId }
                    ?? $0.transitGatewayId.map { availableAttachment(of: $0, toVpc: vpc.vpcId) != nil } ?? false)
        }
    }

    private func returnOverVpn(_ connection: VpnConnection, to source: IPv4Address, in vpc: Vpc, _ walk: inout ReachWalk) {
        walk.returnHop(
            ("vpnConnection", connection.vpnConnectionId,
             "replies from on-premises to \(source) over the VPN: the Direct Connect gateway does not advertise it"))
        if let vgwId = connection.vpnGatewayId {
            walk.returnHop(("vpnGateway", vgwId, "into \(vpc.vpcId), the VPC it is attached to"))
        } else if let hubId = connection.transitGatewayId, let attachmentId = connection.transitGatewayAttachmentId,
            let attachment = transitGatewayAttachments[attachmentId]
        {
            _ = hubRoute(from: attachment, hubId: hubId, to: source, intoVpc: vpc.vpcId, returning: true, &walk)
        }
    }

    // MARK: From on-premises

    /// The DX gateways of the scope whose on-premises networks hold `source` and that are associated
    /// with `vpc`'s VGW or with a hub `vpc` is attached to: the ones that advertise `destination`
    /// first.
    func dxEntries(from source: IPv4Address, to destination: IPv4Address, in vpc: Vpc, _ scope: Scope)
        -> [DirectConnectEntry]
    {
        let vgwId = availableVpnGateway(ofVpc: vpc.vpcId)?.vpnGatewayId
        var entries: [DirectConnectEntry] = []
        for gateway in dxGateways.inScope(scope)
        where gateway.learnedCidrs.contains(where: { IPv4CIDR($0)?.contains(source) ?? false }) {
            for association in gateway.associations {
                let id = association.associatedGateway.id
                let reaches =
                    association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway
                    ? id == vgwId
                    : (availableAttachment(of: id, toVpc: vpc.vpcId) != nil
                        && association.transitGatewayAttachmentId.flatMap { transitGatewayAttachments[$0] }?.state
                            == TransitGateway.available)
                guard reaches else { continue }
                entries.append(
                    DirectConnectEntry(
                        gateway: gateway, association: association,
                        prefix: advertisingPrefix(association, for: destination, in: vpc)))
            }
        }
        return entries.filter { $0.prefix != nil } + entries.filter { $0.prefix == nil }
    }

    /// On-premises → `vpc` over a DX gateway: whether the traffic arrived in the VPC.
    func enterOverDx(
        _ entry: DirectConnectEntry, to destination: IPv4Address, in vpc: Vpc, _ walk: inout ReachWalk
    ) -> Bool {
        let (gateway, association) = (entry.gateway, entry.association)
        let through = association.associatedGateway.id
        guard let prefix = entry.prefix else {
            _ = dxAdvertises(gateway, association, destination, in: vpc, returning: false, &walk)
            return false
        }
        walk.hop(
            ("directConnectGateway", gateway.dxGatewayId,
             "into \(through) over association \(association.associationId) (allowed prefix \(prefix))"))
        if association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway {
            walk.hop(("vpnGateway", through, "into \(vpc.vpcId)"))
            return true
        }
        guard let attachmentId = association.transitGatewayAttachmentId,
            let ingress = transitGatewayAttachments[attachmentId]
        else { return false }
        walk.hop(("transitGatewayAttachment", attachmentId, "into \(through) from \(gateway.dxGatewayId)"))
        return hubRoute(from: ingress, hubId: through, to: destination, intoVpc: vpc.vpcId, returning: false, &walk) != nil
    }
}
