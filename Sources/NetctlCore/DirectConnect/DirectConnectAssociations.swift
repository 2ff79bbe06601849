import Foundation
import NetctlAPI

/// Associations of a DX gateway with VGWs and hubs (SEMANTICS-2.md 3.4): what each one makes the
/// Amazon side learn (the on-premises CIDRs) and what it lets on-premises reach (the allowed prefixes).
extension State {
    public mutating func associateDxGateway(_ request: DxGatewayAssociate, _ context: inout CommandContext)
        throws(NetctlError) -> DirectConnectGateway
    {
        var gateway = try dxGateway(request.dxGateway, in: context.scope)
        try Self.requireAvailable(gateway.state, "Direct Connect gateway \(gateway.dxGatewayId)", to: "be associated")
        let prefixes = try Self.allowedPrefixes(request.allowedPrefixes)
        let associatedGateway: DirectConnectAssociatedGateway
        var attachmentId: String?
        switch (request.vpnGateway, request.transitGateway) {
        case (let reference?, nil):
            let vgw = try vpnGateway(reference, in: context.scope)
            try Self.requireAvailable(vgw.state, "Virtual private gateway \(vgw.vpnGatewayId)", to: "be associated")
            guard vgw.attachedVpcId != nil else {
                throw NetctlError(
                    .incorrectState,
                    "Virtual private gateway \(vgw.vpnGatewayId) is not attached to a VPC: a Direct Connect gateway "
                        + "connects to the VPC behind it. Attach it first (`netctl vpn gateway attach "
                        + "\(vgw.vpnGatewayId) VPC`).")
            }
            try refuseSecondAssociation(gateway, with: vgw.vpnGatewayId)
            let count = gateway.associations.count {
                $0.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway
            }
            guard count < context.quotas[.vpnGatewaysPerDirectConnectGateway] else {
                throw context.quotas.exceeded(
                    .vpnGatewaysPerDirectConnectGateway, code: .limitExceededException,
                    "Direct Connect gateway \(gateway.dxGatewayId) is already associated with \(count) virtual private "
                        + "gateways")
            }
            associatedGateway = DirectConnectAssociatedGateway(
                id: vgw.vpnGatewayId, type: DirectConnectAssociatedGateway.virtualPrivateGateway,
                ownerAccount: vgw.accountId, region: vgw.region)
        case (nil, let reference?):
            let hub = try availableHub(reference, to: "be associated with a Direct Connect gateway", context.scope)
            try refuseSecondAssociation(gateway, with: hub.transitGatewayId)
            let hubs = gateway.hubAssociations.count
            guard hubs < context.quotas[.transitGatewaysPerDirectConnectGateway] else {
                throw context.quotas.exceeded(
                    .transitGatewaysPerDirectConnectGateway, code: .limitExceededException,
                    "Direct Connect gateway \(gateway.dxGatewayId) is already associated with \(hubs) transit gateways")
            }
            let gateways = dxGateways.childCount(of: hub.transitGatewayId)
            guard gateways < context.quotas[.directConnectGatewaysPerTransitGateway] else {
                throw context.quotas.exceeded(
                    .directConnectGatewaysPerTransitGateway, code: .limitExceededException,
                    "\(hub.transitGatewayId) is already associated with \(gateways) Direct Connect gateways")
            }
            try refuseOverlap(prefixes, of: gateway, hubId: hub.transitGatewayId)
            attachmentId = try attachToHub(
                gateway.dxGatewayId, type: TransitGatewayAttachment.directConnectGatewayType, to: hub,
                routes: gateway.onPremisesCidrs.count, &context)
            associatedGateway = DirectConnectAssociatedGateway(
                id: hub.transitGatewayId, type: DirectConnectAssociatedGateway.transitGateway,
                ownerAccount: hub.accountId, region: hub.region)
        case (nil, nil):
            throw NetctlError(
                .missingParameter, "Name what to associate the Direct Connect gateway with: vpnGateway or transitGateway.")
        case (.some, .some):
            throw NetctlError(.invalidParameterCombination, "Pass either vpnGateway or transitGateway, not both.")
        }
        gateway.associations.append(
            DirectConnectGatewayAssociation(
                associationId: DirectConnectID.make(&context), associationState: DirectConnectGatewayAssociation.associated,
                associatedGateway: associatedGateway, allowedPrefixes: prefixes, transitGatewayAttachmentId: attachmentId))
        record(.associate, gateway, at: context.now)
        syncDxGatewayRoutes(gateway, context)
        return gateway
    }

    private func refuseSecondAssociation(_ gateway: DirectConnectGateway, with gatewayId: String) throws(NetctlError) {
        if let existing = gateway.association(with: gatewayId) {
            throw NetctlError(
                .resourceAlreadyAssociated,
                "Direct Connect gateway \(gateway.dxGatewayId) is already associated with \(gatewayId) (association "
                    + "\(existing.associationId)).")
        }
    }

    /// AWS: the allowed prefixes of a DX gateway's hub associations must not overlap.
    private func refuseOverlap(_ prefixes: [String], of gateway: DirectConnectGateway, hubId: String) throws(NetctlError) {
        let new = prefixes.compactMap { IPv4CIDR($0) }
        for association in gateway.hubAssociations {
            for text in association.allowedPrefixes {
                guard let other = IPv4CIDR(text), let clash = new.first(where: { $0.overlaps(other) }) else { continue }
                throw NetctlError(
                    .invalidParameterValue,
                    "Allowed prefix \(clash) overlaps \(other), which Direct Connect gateway \(gateway.dxGatewayId) "
                        + "already advertises for \(association.associatedGateway.id): the allowed prefixes of one "
                        + "Direct Connect gateway's transit gateways must not overlap. Use disjoint prefixes.")
            }
        }
    }

    /// The association ends at once: a VGW withdraws the DX routes from the VPC's tables; a hub's
    /// attachment leaves its tables and goes on to `deleted`.
    public mutating func disassociateDxGateway(_ request: DxGatewayDisassociate, _ context: inout CommandContext)
        throws(NetctlError) -> DirectConnectGateway
    {
        var gateway = try dxGateway(request.dxGateway, in: context.scope)
        let index = try associationIndex(
            in: gateway, vpnGateway: request.vpnGateway, transitGateway: request.transitGateway,
            associationId: request.associationId, context.scope)
        let association = gateway.associations.remove(at: index)
        record(.disassociate, gateway, at: context.now)
        if let attachmentId = association.transitGatewayAttachmentId,
            let attachment = transitGatewayAttachments[attachmentId],
            attachment.state == TransitGateway.available || attachment.state == TransitGateway.pending
        {
            try retireTransitGatewayAttachment(attachment, context)
        }
        if association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway {
            syncVpnGatewayPropagation(association.associatedGateway.id, context)
        }
        return gateway
    }

    /// The index of the association named by its VGW, its hub or its ID (exactly one of them).
    private func associationIndex(
        in gateway: DirectConnectGateway, vpnGateway: String?, transitGateway: String?, associationId: String?,
        _ scope: Scope
    ) throws(NetctlError) -> Int {
        let index: Int?
        let named: String
        switch (vpnGateway, transitGateway, associationId) {
        case (let reference?, nil, nil):
            let id = try self.vpnGateway(reference, in: scope).vpnGatewayId
            (index, named) = (gateway.associations.firstIndex { $0.associatedGateway.id == id }, id)
        case (nil, let reference?, nil):
            let id = try self.transitGateway(reference, in: scope).transitGatewayId
            (index, named) = (gateway.associations.firstIndex { $0.associatedGateway.id == id }, id)
        case (nil, nil, let id?):
            (index, named) = (gateway.associations.firstIndex { $0.associationId == id.lowercased() }, "association \(id)")
        case (nil, nil, nil):
            throw NetctlError(
                .missingParameter, "Name the association: vpnGateway, transitGateway or associationId.")
        default:
            throw NetctlError(
                .invalidParameterCombination, "Pass one of vpnGateway, transitGateway or associationId, not several.")
        }
        guard let index else {
            let current = gateway.associations.map { "\($0.associatedGateway.id) (\($0.associationId))" }
            throw NetctlError(
                .directConnectGatewayAssociationNotFound,
                "Direct Connect gateway \(gateway.dxGatewayId) has no association with \(named)"
                    + (current.isEmpty ? "; it has none." : "; it is associated with \(current.joined(separator: ", "))."))
        }
        return index
    }

    /// New allowed prefixes for an association (UpdateDirectConnectGatewayAssociation): what the VPC
    /// advertises on-premises changes at once; a hub's must still not overlap the other hubs'.
    public mutating func updateDxGatewayAssociation(
        _ request: DxGatewayUpdateAssociation, _ context: inout CommandContext
    ) throws(NetctlError) -> DirectConnectGateway {
        var gateway = try dxGateway(request.dxGateway, in: context.scope)
        let index = try associationIndex(
            in: gateway, vpnGateway: request.vpnGateway, transitGateway: request.transitGateway,
            associationId: request.associationId, context.scope)
        let prefixes = try Self.allowedPrefixes(request.allowedPrefixes)
        let association = gateway.associations[index]
        if association.associatedGateway.type == DirectConnectAssociatedGateway.transitGateway {
            var others = gateway
            others.associations.remove(at: index)
            try refuseOverlap(prefixes, of: others, hubId: association.associatedGateway.id)
        }
        gateway.associations[index].allowedPrefixes = prefixes
        record(.update, gateway, at: context.now)
        return gateway
    }

    /// Valid, distinct and not empty.
    private static func allowedPrefixes(_ texts: [String]) throws(NetctlError) -> [String] {
        guard !texts.isEmpty else {
            throw NetctlError(
                .missingParameter,
                "allowedPrefixes is empty: name the prefixes advertised to on-premises (for a virtual private gateway, "
                    + "its VPC's CIDR or a wider one).")
        }
        return try onPremisesCidrs(
            texts, parameter: "allowedPrefixes", limit: DirectConnectLimits.routesPerSession,
            advertiser: "one association").map(\.description)
    }
}
