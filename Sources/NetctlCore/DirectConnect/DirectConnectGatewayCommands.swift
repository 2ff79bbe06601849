import Foundation
import NetctlAPI

/// Direct Connect gateways themselves: their lifecycle and the on-premises networks behind them
/// (SEMANTICS-2.md 3.4).
extension State {
    /// A DX gateway by its UUID or its name, in the caller's scope.
    public func dxGateway(_ reference: String, in scope: Scope) throws(NetctlError) -> DirectConnectGateway {
        let reference = Self.trimmingWhitespace(reference)
        guard !reference.isEmpty else {
            throw NetctlError(.missingParameter, "The Direct Connect gateway reference is empty. Pass its ID or name.")
        }
        if DirectConnectID.isUUID(reference) {
            if let found = dxGateways[reference.lowercased()], found.scope == scope { return found }
            throw NetctlError(
                .directConnectGatewayNotFound,
                "The Direct Connect gateway ID '\(reference)' does not exist in \(scope). List them with "
                    + "`netctl dx gateway list`.")
        }
        let matches = dxGateways.named(reference, in: scope)
        switch matches.count {
        case 1: return matches[0]
        case 0:
            throw NetctlError(
                .directConnectGatewayNotFound,
                "No Direct Connect gateway named '\(reference)' exists in \(scope). List them with "
                    + "`netctl dx gateway list`, or pass an ID.")
        default:
            throw NetctlError(
                .invalidParameterValue,
                "The name '\(reference)' matches \(matches.count) Direct Connect gateways "
                    + "(\(matches.map(\.id).joined(separator: ", "))). Pass the ID instead.")
        }
    }

    public mutating func createDxGateway(_ request: DxGatewayCreate, _ context: inout CommandContext)
        throws(NetctlError) -> DirectConnectGateway
    {
        let asn = try Self.amazonSideAsn(request.amazonSideAsn)
        // AWS's names are not unique; netctld refuses a UUID as a name so references stay unambiguous.
        guard let name = try Validation.name(request.name, idPrefix: "dx"), !DirectConnectID.isUUID(name) else {
            throw NetctlError(
                .invalidParameterValue, "name '\(request.name)' looks like a Direct Connect gateway ID. Choose another.")
        }
        let cidrs = try Self.onPremisesCidrs(
            request.onPremisesCidrs ?? [], parameter: "onPremisesCidrs", limit: DirectConnectLimits.routesPerSession,
            advertiser: "a private or transit virtual interface's BGP session")
        var id = DirectConnectID.make(&context)
        while dxGateways[id] != nil { id = DirectConnectID.make(&context) }
        let gateway = DirectConnectGateway(
            dxGatewayId: id, name: name, accountId: context.accountId, region: context.region, amazonSideAsn: asn,
            state: TransitGateway.pending, onPremisesCidrs: cidrs.map(\.description), createdAt: context.now,
            stateChangedAt: context.now)
        record(.create, gateway, at: context.now)
        return gateway
    }

    public func listDxGateways(_ request: DxGatewayList, _ context: QueryContext) throws(NetctlError)
        -> DxGatewayListResponse
    {
        var candidates: [DirectConnectGateway]
        switch (request.vpnGateway, request.transitGateway) {
        case (let reference?, nil):
            candidates = dxGateways.children(of: try vpnGateway(reference, in: context.scope).vpnGatewayId)
        case (nil, let reference?):
            candidates = dxGateways.children(of: try transitGateway(reference, in: context.scope).transitGatewayId)
        case (nil, nil):
            candidates = dxGateways.inScope(context.scope)
        case (.some, .some):
            throw NetctlError(.invalidParameterCombination, "Pass either vpnGateway or transitGateway, not both.")
        }
        candidates = candidates.filter { $0.scope == context.scope }
        let page = try Pagination.page(candidates, maxResults: request.maxResults, nextToken: request.nextToken)
        return DxGatewayListResponse(dxGateways: page.items, nextToken: page.nextToken)
    }

    /// AWS refuses to delete a DX gateway that still has associations: disassociate first.
    public mutating func deleteDxGateway(_ request: DxGatewayDelete, _ context: inout CommandContext)
        throws(NetctlError) -> DirectConnectGateway
    {
        var gateway = try dxGateway(request.dxGateway, in: context.scope)
        try Self.requireAvailable(gateway.state, "Direct Connect gateway \(gateway.dxGatewayId)", to: "be deleted")
        guard gateway.associations.isEmpty else {
            let gateways = gateway.associations.map(\.associatedGateway.id)
            throw NetctlError(
                .dependencyViolation,
                "Direct Connect gateway \(gateway.dxGatewayId) is still associated with "
                    + "\(gateways.joined(separator: ", ")). Disassociate them first (`netctl dx gateway disassociate "
                    + "\(gateway.dxGatewayId) --vpn-gateway VGW | --transit-gateway TGW`).")
        }
        gateway.state = TransitGateway.deleting
        gateway.stateChangedAt = context.now
        record(.delete, gateway, at: context.now)
        return gateway
    }

    /// The BGP routes the virtual interfaces would advertise change: the associated VGWs re-propagate
    /// and the hubs' tables see the new set (refused if a hub's route quota would overflow).
    public mutating func setDxGatewayOnPremisesCidrs(
        _ request: DxGatewaySetOnPremisesCidrs, _ context: inout CommandContext
    ) throws(NetctlError) -> DirectConnectGateway {
        var gateway = try dxGateway(request.dxGateway, in: context.scope)
        guard gateway.state == TransitGateway.pending || gateway.state == TransitGateway.available else {
            throw NetctlError(
                .incorrectState, "Direct Connect gateway \(gateway.dxGatewayId) is \(gateway.state).")
        }
        let cidrs = try Self.onPremisesCidrs(
            request.onPremisesCidrs, parameter: "onPremisesCidrs", limit: DirectConnectLimits.routesPerSession,
            advertiser: "a private or transit virtual interface's BGP session").map(\.description)
        let added = cidrs.count - gateway.onPremisesCidrs.count
        if added > 0 {
            for association in gateway.hubAssociations {
                guard let hub = transitGateways[association.associatedGateway.id],
                    let attachmentId = association.transitGatewayAttachmentId
                else { continue }
                let tables = transitGatewayRouteTables.children(of: hub.transitGatewayId)
                    .count { $0.propagations.contains(attachmentId) }
                try checkRouteQuota(of: hub, adding: added * tables, context)
            }
        }
        gateway.onPremisesCidrs = cidrs
        record(.update, gateway, at: context.now)
        syncDxGatewayRoutes(gateway, context)
        return gateway
    }

    /// The VGWs the gateway is associated with re-propagate what they learn from it.
    mutating func syncDxGatewayRoutes(_ gateway: DirectConnectGateway, _ context: CommandContext) {
        for association in gateway.associations
        where association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway {
            syncVpnGatewayPropagation(association.associatedGateway.id, context)
        }
    }
}
