import Foundation
import NetctlAPI

/// Peering attachments between two hubs (SEMANTICS-2 3.1): requested by one hub's owner, accepted by
/// the other's (even within one account), static routes only, one per pair of hubs. Both hubs share
/// the one attachment; each associates it with a table of its own.
extension State {
    public mutating func attachPeering(_ request: TransitGatewayAttachPeering, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayAttachment
    {
        let hub = try availableHub(request.tgw, to: "request a peering", context.scope)
        let peerScope = Scope(accountId: request.peerAccountId ?? context.accountId, region: request.peerRegion)
        let peer = try transitGateway(request.peerTransitGateway, in: peerScope)
        guard peer.transitGatewayId != hub.transitGatewayId else {
            throw NetctlError(
                .invalidParameterValue, "A transit gateway cannot peer with itself (\(hub.transitGatewayId)).")
        }
        guard peer.state == TransitGateway.available else {
            throw NetctlError(
                .incorrectState,
                "The peer transit gateway \(peer.transitGatewayId) is \(peer.state), not available: wait until it is.")
        }
        if let existing = peeringAttachments(ofHub: hub.transitGatewayId).first(where: {
            $0.peerHub(of: hub.transitGatewayId) == peer.transitGatewayId && $0.isLive
        }) {
            throw NetctlError(
                .duplicateTransitGatewayAttachment,
                "\(hub.transitGatewayId) and \(peer.transitGatewayId) are already peered by \(existing.attachmentId) "
                    + "(\(existing.state)): two hubs have at most one peering attachment.")
        }
        for side in [hub, peer] {
            let count = peeringAttachments(ofHub: side.transitGatewayId).count
            guard count < context.quotas[.peeringAttachmentsPerTransitGateway] else {
                throw context.quotas.exceeded(
                    .peeringAttachmentsPerTransitGateway, code: .transitGatewayAttachmentLimitExceeded,
                    "\(side.transitGatewayId) already has \(count) peering attachments")
            }
            let attachments = transitGatewayAttachments.childCount(of: side.transitGatewayId)
            guard attachments < context.quotas[.attachmentsPerTransitGateway] else {
                throw context.quotas.exceeded(
                    .attachmentsPerTransitGateway, code: .transitGatewayAttachmentLimitExceeded,
                    "\(side.transitGatewayId) already has \(attachments) attachments")
            }
        }
        let waiting = peeringAttachments(ofHub: hub.transitGatewayId).count {
            $0.transitGatewayId == hub.transitGatewayId
                && ($0.state == TransitGatewayAttachment.initiatingRequest
                    || $0.state == TransitGatewayAttachment.pendingAcceptance)
        }
        guard waiting < context.quotas[.pendingPeeringAttachmentsPerTransitGateway] else {
            throw context.quotas.exceeded(
                .pendingPeeringAttachmentsPerTransitGateway, code: .transitGatewayAttachmentLimitExceeded,
                "\(hub.transitGatewayId) already has \(waiting) peering requests waiting for acceptance")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.transitGatewayAttachment)
        let tags = try Validation.tags(request.tags, name: name)
        let attachment = TransitGatewayAttachment(
            attachmentId: newID(for: TransitGatewayAttachment.self, prefix: IDPrefix.transitGatewayAttachment, &context),
            transitGatewayId: hub.transitGatewayId, name: name, accountId: context.accountId, region: context.region,
            type: TransitGatewayAttachment.peeringType, resourceId: peer.transitGatewayId,
            state: TransitGatewayAttachment.initiatingRequest, subnetIds: [], networkInterfaces: [],
            associatedRouteTableId: nil,
            peering: TransitGatewayPeeringInfo(
                requesterTgwInfo: TransitGatewayPeeringSide(hub), accepterTgwInfo: TransitGatewayPeeringSide(peer)),
            tags: tags, createdAt: context.now, stateChangedAt: context.now)
        record(.create, attachment, at: context.now)
        return attachment
    }

    /// The accepter hub's owner accepts; each hub associates the attachment with its default
    /// association table, if it has one. Peering attachments never propagate.
    public mutating func acceptPeeringAttachment(_ request: TransitGatewayAcceptPeering, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayAttachment
    {
        var attachment = try waitingPeering(request.attachment, to: "accept", context.scope)
        attachment.state = TransitGateway.pending
        attachment.stateChangedAt = context.now
        for hubId in attachment.hubIds {
            guard let tableId = transitGateways[hubId]?.options.associationDefaultRouteTableId,
                var table = transitGatewayRouteTables[tableId]
            else { continue }
            table.associations.append(attachment.attachmentId)
            attachment.setAssociatedRouteTable(tableId, onHub: hubId)
            record(.associate, table, at: context.now)
        }
        record(.accept, attachment, at: context.now)
        return attachment
    }

    public mutating func rejectPeeringAttachment(_ request: TransitGatewayRejectPeering, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayAttachment
    {
        var attachment = try waitingPeering(request.attachment, to: "reject", context.scope)
        attachment.state = TransitGatewayAttachment.rejected
        attachment.stateChangedAt = context.now
        record(.reject, attachment, at: context.now)
        return attachment
    }

    /// A peering attachment in `pendingAcceptance` (not `initiatingRequest` any more), answered only to its
    /// accepter hub's account and region.
    private func waitingPeering(_ reference: String, to action: String, _ scope: Scope) throws(NetctlError)
        -> TransitGatewayAttachment
    {
        let attachment = try transitGatewayAttachment(reference, in: scope)
        guard let peering = attachment.peering else {
            throw NetctlError(
                .invalidParameterValue,
                "\(attachment.attachmentId) is a \(attachment.type) attachment; only peering attachments are accepted "
                    + "or rejected.")
        }
        guard peering.accepterTgwInfo.scope == scope else {
            throw NetctlError(
                .incorrectState,
                "Only the owner of the accepter hub \(peering.accepterTgwInfo.transitGatewayId) (account "
                    + "\(peering.accepterTgwInfo.accountId) in \(peering.accepterTgwInfo.region)) can \(action) "
                    + "\(attachment.attachmentId).")
        }
        guard attachment.state != TransitGatewayAttachment.initiatingRequest else {
            throw NetctlError(
                .incorrectState,
                "Transit gateway attachment \(attachment.attachmentId) is initiatingRequest: the request has not reached "
                    + "the accepter yet. Wait a few seconds until it is pendingAcceptance, then \(action) it.")
        }
        guard attachment.state == TransitGatewayAttachment.pendingAcceptance else {
            throw NetctlError(
                .incorrectState,
                "Transit gateway attachment \(attachment.attachmentId) is \(attachment.state), not pendingAcceptance, so "
                    + "it cannot be \(action)ed.")
        }
        return attachment
    }

    /// The peering attachments either side of which is `hubId`, whatever their state.
    func peeringAttachments(ofHub hubId: String) -> [TransitGatewayAttachment] {
        transitGatewayAttachments.children(of: hubId).filter { $0.type == TransitGatewayAttachment.peeringType }
    }
}

extension TransitGatewayPeeringSide {
    init(_ hub: TransitGateway) {
        self.init(transitGatewayId: hub.transitGatewayId, accountId: hub.accountId, region: hub.region)
    }

    var scope: Scope { Scope(accountId: accountId, region: region) }
}

extension TransitGatewayAttachment {
    /// The hubs the attachment belongs to: its own, and for a peering the accepter too.
    public var hubIds: [String] {
        type == Self.peeringType ? [transitGatewayId, resourceId] : [transitGatewayId]
    }

    func belongs(toHub hubId: String) -> Bool { hubIds.contains(hubId) }

    /// The hub at the other end of a peering attachment, seen from `hubId`.
    func peerHub(of hubId: String) -> String? {
        guard type == Self.peeringType else { return nil }
        return hubId == transitGatewayId ? resourceId : hubId == resourceId ? transitGatewayId : nil
    }

    /// The table of `hubId` that routes traffic entering that hub from this attachment.
    func associatedRouteTable(onHub hubId: String) -> String? {
        type == Self.peeringType && hubId == resourceId ? peering?.accepterAssociatedRouteTableId : associatedRouteTableId
    }

    mutating func setAssociatedRouteTable(_ tableId: String?, onHub hubId: String) {
        if type == Self.peeringType && hubId == resourceId {
            peering?.accepterAssociatedRouteTableId = tableId
        } else {
            associatedRouteTableId = tableId
        }
    }

    /// What a route names as the attachment's resource when seen from `hubId`: the VPC, or the other hub.
    func resource(seenFrom hubId: String) -> String { peerHub(of: hubId) ?? resourceId }

    /// Not on its way out: one peering per pair of hubs counts these.
    var isLive: Bool {
        state != TransitGateway.deleting && state != TransitGateway.deleted && state != Self.rejected
    }
}
