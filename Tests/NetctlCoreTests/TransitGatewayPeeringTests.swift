import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    /// Requests a peering and, unless `reached` is false, lets the clock take the request to the
    /// accepter (`initiatingRequest` → `pendingAcceptance`).
    @discardableResult
    mutating func peer(
        _ hub: String, _ peer: String, region: String = "us-east-1", account: String? = nil, reached: Bool = true
    ) throws(NetctlError) -> TransitGatewayAttachment {
        let requested = try run { s, c throws(NetctlError) in
            try s.attachPeering(
                TransitGatewayAttachPeering(tgw: hub, peerTransitGateway: peer, peerRegion: region, peerAccountId: account),
                &c)
        }
        guard reached else { return requested }
        try advance(TransitGatewayTiming.initiatingRequest)
        return state.transitGatewayAttachments[requested.attachmentId] ?? requested
    }

    @discardableResult
    mutating func accept(_ attachment: String) throws(NetctlError) -> TransitGatewayAttachment {
        try run { s, c throws(NetctlError) in
            try s.acceptPeeringAttachment(TransitGatewayAcceptPeering(attachment: attachment), &c)
        }
    }
}

/// a (10.1/16, a1 in us-east-1a) on hub `east` and b (10.2/16, b1 in us-east-1a) on hub `west`, each VPC
/// routing the other's CIDR to its own hub; the hubs are not peered yet.
struct TwoHubs {
    var f = Fixture()
    var east: TransitGateway
    var west: TransitGateway
    var a: TransitGatewayAttachment
    var b: TransitGatewayAttachment

    init() throws {
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        try f.subnet("b", "10.2.1.0/24", zone: "us-east-1a", name: "b1")
        east = try f.hub("east")
        west = try f.hub("west")
        a = try f.attach("east", "a", ["a1"])
        b = try f.attach("west", "b", ["b1"])
        try f.tgwRoute(f.state.vpc("a", in: f.scope).mainRouteTableId, "10.2.0.0/16", hub: "east")
        try f.tgwRoute(f.state.vpc("b", in: f.scope).mainRouteTableId, "10.1.0.0/16", hub: "west")
    }

    var eastTable: String { east.defaultRouteTableId ?? "" }
    var westTable: String { west.defaultRouteTableId ?? "" }
}

@Suite("Peering between transit gateways")
struct TransitGatewayPeeringTests {
    @Test("requested, accepted, available on the clock; each hub associates it with its default table")
    func lifecycle() throws {
        let w = try TwoHubs()
        var f = w.f
        let (eastTable, westTable, eastId) = (w.eastTable, w.westTable, w.east.transitGatewayId)
        let requested = try f.peer("east", w.west.transitGatewayId, reached: false)
        #expect(requested.state == TransitGatewayAttachment.initiatingRequest)
        f.expectFailure(.incorrectState, "not before the request reaches the accepter") { s, c throws(NetctlError) in
            try s.acceptPeeringAttachment(TransitGatewayAcceptPeering(attachment: requested.attachmentId), &c)
        }
        try f.advance(TransitGatewayTiming.initiatingRequest)
        #expect(f.state.transitGatewayAttachments[requested.attachmentId]?.state == TransitGatewayAttachment.pendingAcceptance)
        #expect(requested.type == TransitGatewayAttachment.peeringType)
        #expect(requested.resourceId == w.west.transitGatewayId)
        #expect(requested.peering?.requesterTgwInfo.transitGatewayId == w.east.transitGatewayId)
        #expect(requested.peering?.accepterTgwInfo.transitGatewayId == w.west.transitGatewayId)
        let id = requested.attachmentId
        // Both hubs list it, and a hub with it cannot be deleted.
        for hub in ["east", "west"] {
            let listed = try f.state.listTransitGatewayAttachments(TransitGatewayAttachmentList(tgw: hub), f.query())
            #expect(listed.attachments.contains { $0.attachmentId == id }, "\(hub)")
        }
        f.expectFailure(.duplicateTransitGatewayAttachment, "one peering per pair, either way") { s, c throws(NetctlError) in
            try s.attachPeering(
                TransitGatewayAttachPeering(tgw: "west", peerTransitGateway: eastId, peerRegion: "us-east-1"),
                &c)
        }
        f.expectFailure(.incorrectState, "no routes to a peering before it is accepted") { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(routeTable: eastTable, destinationCidrBlock: "10.2.0.0/16", attachment: id), &c)
        }
        let accepted = try f.accept(id)
        #expect(accepted.state == TransitGateway.pending)
        #expect(accepted.associatedRouteTableId == eastTable)
        #expect(accepted.peering?.accepterAssociatedRouteTableId == westTable)
        #expect(f.state.transitGatewayRouteTables[westTable]?.associations.contains(id) == true)
        f.expectFailure(.incorrectState, "accepted once") { s, c throws(NetctlError) in
            try s.acceptPeeringAttachment(TransitGatewayAcceptPeering(attachment: id), &c)
        }
        try f.advance()
        #expect(f.state.transitGatewayAttachments[id]?.state == TransitGateway.available)
        f.expectFailure(.invalidParameterValue, "hubs exchange no routes over a peering") { s, c throws(NetctlError) in
            try s.enableTransitGatewayPropagation(
                TransitGatewayRouteTableEnablePropagation(routeTable: westTable, attachment: id), &c)
        }
        f.expectFailure(.resourceAlreadyAssociated, "one table per side") { s, c throws(NetctlError) in
            try s.associateTransitGatewayRouteTable(TransitGatewayRouteTableAssociate(routeTable: westTable, attachment: id), &c)
        }
        // Each side disassociates its own table only.
        try f.run { s, c throws(NetctlError) in
            try s.disassociateTransitGatewayRouteTable(
                TransitGatewayRouteTableDisassociate(routeTable: westTable, attachment: id), &c)
        }
        let after = try #require(f.state.transitGatewayAttachments[id])
        #expect(after.associatedRouteTableId == eastTable)
        #expect(after.peering?.accepterAssociatedRouteTableId == nil)
    }

    @Test("traffic crosses two hubs only over static routes on both; reach names the peering and each table")
    func reachAcrossPeering() throws {
        var w = try TwoHubs()
        let id = try w.f.peer("east", w.west.transitGatewayId).attachmentId
        try w.f.accept(id)
        try w.f.advance()
        let none = try w.f.reach("a1", "b1")
        #expect(none.explanations.map(\.code) == [ReachExplanation.tgwNoRoute])
        #expect(none.explanations.first?.component == w.eastTable)
        try w.f.hubRoute(w.eastTable, "10.2.0.0/16", attachment: id)
        let oneWay = try w.f.reach("a1", "b1")
        #expect(!oneWay.reachable)
        #expect(oneWay.explanations.map(\.code) == [ReachExplanation.tgwNoRoute], "no static route back in west's table")
        #expect(oneWay.explanations.first?.component == w.westTable)
        #expect(oneWay.path.contains { $0.id == id && $0.detail.contains("over the peering") })
        try w.f.hubRoute(w.westTable, "10.1.0.0/16", attachment: id)
        let there = try w.f.reach("a1", "b1")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.path.contains { $0.component == "transitGatewayRouteTable" && $0.id == w.westTable
            && $0.detail.contains("10.2.0.0/16 → \(w.b.attachmentId) (propagated, active)") })
        #expect(there.returnPath.contains { $0.id == w.eastTable && $0.detail.contains("10.1.0.0/16 → \(w.a.attachmentId)") })
        #expect(try w.f.reach("b1", "a1").reachable)
        // The route's resource is the other hub, seen from each side.
        let eastRoute = try #require(try w.f.hubRoutes(w.eastTable).first { $0.destinationCidrBlock == "10.2.0.0/16" })
        #expect(eastRoute.attachments.first?.resourceId == w.west.transitGatewayId)
        let westRoute = try #require(try w.f.hubRoutes(w.westTable).first { $0.destinationCidrBlock == "10.1.0.0/16" })
        #expect(westRoute.attachments.first?.resourceId == w.east.transitGatewayId)

        // Deleting the peering turns both static routes into blackholes.
        try w.f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: id), &c)
        }
        let cut = try w.f.reach("a1", "b1")
        #expect(cut.explanations.map(\.code) == [ReachExplanation.tgwRouteBlackhole])
        #expect(w.f.state.transitGatewayRouteTables[w.westTable]?.associations.contains(id) == false)
        try w.f.advance()
        #expect(w.f.state.transitGatewayAttachments[id] == nil)
    }

    @Test("across accounts: only the accepter's owner accepts or rejects; rejected ones go on the clock")
    func acrossAccounts() throws {
        var f = Fixture()
        try f.hub("east")
        let far = try f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createTransitGateway(TransitGatewayCreate(name: "far"), &c)
        }
        try f.advance()
        f.expectFailure(.transitGatewayNotFound, "the peer is looked up in its own account") { s, c throws(NetctlError) in
            try s.attachPeering(
                TransitGatewayAttachPeering(tgw: "east", peerTransitGateway: far.transitGatewayId, peerRegion: "us-east-1"), &c)
        }
        f.expectFailure(.transitGatewayNotFound, "and its own region") { s, c throws(NetctlError) in
            try s.attachPeering(
                TransitGatewayAttachPeering(
                    tgw: "east", peerTransitGateway: far.transitGatewayId, peerRegion: "us-west-2",
                    peerAccountId: otherAccountScope.accountId), &c)
        }
        let id = try f.peer("east", far.transitGatewayId, account: otherAccountScope.accountId).attachmentId
        f.expectFailure(.incorrectState, "the requester cannot accept its own request") { s, c throws(NetctlError) in
            try s.acceptPeeringAttachment(TransitGatewayAcceptPeering(attachment: id), &c)
        }
        // The accepter sees it by ID and among its hub's attachments.
        #expect(try f.state.transitGatewayAttachment(id, in: otherAccountScope).attachmentId == id)
        let listed = try f.state.listTransitGatewayAttachments(
            TransitGatewayAttachmentList(tgw: far.transitGatewayId), f.query(as: otherAccountScope))
        #expect(listed.attachments.map(\.attachmentId) == [id])
        let rejected = try f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.rejectPeeringAttachment(TransitGatewayRejectPeering(attachment: id), &c)
        }
        #expect(rejected.state == TransitGatewayAttachment.rejected)
        // A rejected request no longer counts: the pair may be requested again.
        let again = try f.peer("east", far.transitGatewayId, account: otherAccountScope.accountId)
        try f.advance()
        #expect(f.state.transitGatewayAttachments[id] == nil)
        #expect(f.state.transitGatewayAttachments[again.attachmentId]?.state == TransitGatewayAttachment.pendingAcceptance)
    }

    @Test("a hub cannot peer with itself; pending requests per hub are limited")
    func limits() throws {
        var f = Fixture(quotas: Quotas([.pendingPeeringAttachmentsPerTransitGateway: 1]))
        let east = try f.hub("east")
        let west = try f.hub("west")
        let north = try f.hub("north")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.attachPeering(
                TransitGatewayAttachPeering(tgw: "east", peerTransitGateway: east.transitGatewayId, peerRegion: "us-east-1"), &c)
        }
        try f.peer("east", west.transitGatewayId)
        let refused = f.expectFailure(.transitGatewayAttachmentLimitExceeded) { s, c throws(NetctlError) in
            try s.attachPeering(
                TransitGatewayAttachPeering(tgw: "east", peerTransitGateway: north.transitGatewayId, peerRegion: "us-east-1"),
                &c)
        }
        #expect(refused?.message.contains("pendingPeeringAttachmentsPerTransitGateway") == true)
        // The other hub may still ask.
        try f.peer("north", east.transitGatewayId)
    }
}
