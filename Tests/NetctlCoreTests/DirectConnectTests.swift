import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    @discardableResult
    mutating func dxGateway(_ name: String = "dc", onPrem: [String] = ["172.16.0.0/12"]) throws(NetctlError)
        -> DirectConnectGateway
    {
        let created = try run { s, c throws(NetctlError) in
            try s.createDxGateway(DxGatewayCreate(name: name, onPremisesCidrs: onPrem), &c)
        }
        try advance()
        return state.dxGateways[created.dxGatewayId] ?? created
    }

    /// Associates and lets the clock make a hub attachment available.
    @discardableResult
    mutating func dxAssociate(_ dx: String = "dc", vgw: String? = nil, hub: String? = nil, allowed: [String])
        throws(NetctlError) -> DirectConnectGateway
    {
        let gateway = try run { s, c throws(NetctlError) in
            try s.associateDxGateway(
                DxGatewayAssociate(dxGateway: dx, vpnGateway: vgw, transitGateway: hub, allowedPrefixes: allowed), &c)
        }
        try advance()
        return state.dxGateways[gateway.dxGatewayId] ?? gateway
    }

    @discardableResult
    mutating func dxDisassociate(_ dx: String = "dc", vgw: String? = nil, hub: String? = nil) throws(NetctlError)
        -> DirectConnectGateway
    {
        try run { s, c throws(NetctlError) in
            try s.disassociateDxGateway(DxGatewayDisassociate(dxGateway: dx, vpnGateway: vgw, transitGateway: hub), &c)
        }
    }

    mutating func dxOnPrem(_ cidrs: [String], dx: String = "dc") throws(NetctlError) {
        try run { s, c throws(NetctlError) in
            try s.setDxGatewayOnPremisesCidrs(DxGatewaySetOnPremisesCidrs(dxGateway: dx, onPremisesCidrs: cidrs), &c)
        }
    }
}

/// VPC a (10.1/16, subnet a1) with VGW `vgw` attached and propagated into the main table, and DX
/// gateway `dc` with 172.16.0.0/12 behind it, not yet associated.
struct DxVgwWorld {
    var f = Fixture()
    var mainTable: String
    var vgw: VpnGateway
    var dx: DirectConnectGateway

    init() throws {
        try f.vpc("10.1.0.0/16", name: "a")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        mainTable = try f.state.vpc("a", in: f.scope).mainRouteTableId
        vgw = try f.vpnGateway(attachTo: "a")
        try f.propagate(mainTable)
        dx = try f.dxGateway()
    }
}

@Suite("Direct Connect gateways")
struct DirectConnectTests {
    @Test("a gateway is pending, then available, with a UUID, ASN 64512 and at most 100 on-premises CIDRs")
    func lifecycle() throws {
        var f = Fixture()
        let created = try f.run { s, c throws(NetctlError) in
            try s.createDxGateway(DxGatewayCreate(name: "dc", onPremisesCidrs: ["172.16.0.0/12", "172.16.0.0/12"]), &c)
        }
        #expect(created.state == TransitGateway.pending)
        #expect(created.amazonSideAsn == 64512)
        #expect(created.onPremisesCidrs == ["172.16.0.0/12"])
        #expect(UUID(uuidString: created.dxGatewayId) != nil)
        try f.advance()
        #expect(try f.state.dxGateway("dc", in: f.scope).state == TransitGateway.available)
        #expect(try f.state.dxGateway(created.dxGatewayId.uppercased(), in: f.scope).name == "dc")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createDxGateway(DxGatewayCreate(name: "bad", amazonSideAsn: 100), &c)
        }
        let many = (0..<101).map { "10.\($0).0.0/16" }
        let error = f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.createDxGateway(DxGatewayCreate(name: "many", onPremisesCidrs: many), &c)
        }
        #expect(error?.message.contains("100") == true)
        f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.setDxGatewayOnPremisesCidrs(DxGatewaySetOnPremisesCidrs(dxGateway: "dc", onPremisesCidrs: many), &c)
        }
        expectError(.directConnectGatewayNotFound) { () throws(NetctlError) in
            _ = try f.state.dxGateway("00000000-0000-4000-8000-000000000000", in: f.scope)
        }
        expectError(.directConnectGatewayNotFound) { () throws(NetctlError) in
            _ = try f.state.dxGateway(created.dxGatewayId, in: otherAccountScope)
        }
        let listed = try f.state.listDxGateways(DxGatewayList(), f.query())
        #expect(listed.dxGateways.map(\.dxGatewayId) == [created.dxGatewayId])
        let deleting = try f.run { s, c throws(NetctlError) in try s.deleteDxGateway(DxGatewayDelete(dxGateway: "dc"), &c) }
        #expect(deleting.state == TransitGateway.deleting)
        try f.advance()
        #expect(f.state.dxGateways[created.dxGatewayId] == nil)
    }

    @Test("with a hub: a direct-connect-gateway attachment whose CIDRs propagate, behind VPC and before VPN routes")
    func hubPropagation() throws {
        var w = try HubWorld()
        try w.f.dxGateway(onPrem: ["172.16.0.0/12", "10.2.0.0/16"])
        let dx = try w.f.dxAssociate(hub: "hub", allowed: ["10.1.0.0/16"])
        let association = try #require(dx.associations.first)
        #expect(association.associatedGateway.type == DirectConnectAssociatedGateway.transitGateway)
        let attachmentId = try #require(association.transitGatewayAttachmentId)
        let attachment = try #require(w.f.state.transitGatewayAttachments[attachmentId])
        #expect(attachment.type == "direct-connect-gateway")
        #expect(attachment.resourceId == dx.dxGatewayId)
        #expect(attachment.state == TransitGateway.available)
        #expect(attachment.associatedRouteTableId == w.defaultTable)
        func via(_ cidr: String) throws -> TransitGatewayRouteAttachment? {
            try w.f.hubRoutes(w.defaultTable).first { $0.destinationCidrBlock == cidr }?.attachments.first
        }
        #expect(try via("172.16.0.0/12")?.attachmentId == attachmentId)
        #expect(try via("172.16.0.0/12")?.resourceType == "direct-connect-gateway")
        // Equal prefixes: VPC-propagated beats DX-propagated, which beats VPN-propagated.
        #expect(try via("10.2.0.0/16")?.attachmentId == w.b.attachmentId)
        try w.f.customerGateway()
        try w.f.vpnConnection(hub: "hub", advertise: ["172.16.0.0/12", "192.168.0.0/16"])
        #expect(try via("172.16.0.0/12")?.attachmentId == attachmentId)
        #expect(try via("192.168.0.0/16")?.resourceType == TransitGatewayAttachment.vpnType)
        // New on-premises CIDRs reach the hub's table at once.
        try w.f.dxOnPrem(["172.16.0.0/12", "192.168.0.0/16"])
        #expect(try via("192.168.0.0/16")?.attachmentId == attachmentId)
        // The attachment goes with the association, not on its own.
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: attachmentId), &c)
        }
        w.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteDxGateway(DxGatewayDelete(dxGateway: "dc"), &c)
        }
        w.f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc", transitGateway: "hub", allowedPrefixes: ["10.9.0.0/16"]), &c)
        }
        let after = try w.f.dxDisassociate(hub: "hub")
        #expect(after.associations.isEmpty)
        #expect(w.f.state.transitGatewayAttachments[attachmentId]?.state == TransitGateway.deleting)
        // The VPN routes DX hid come forward once it is withdrawn.
        #expect(try via("172.16.0.0/12")?.resourceType == TransitGatewayAttachment.vpnType)
        #expect(try via("192.168.0.0/16")?.resourceType == TransitGatewayAttachment.vpnType)
        try w.f.run { s, c throws(NetctlError) in try s.deleteDxGateway(DxGatewayDelete(dxGateway: "dc"), &c) }
    }

    @Test("allowed prefixes must not overlap across the hubs of one DX gateway")
    func hubPrefixOverlap() throws {
        var w = try HubWorld()
        try w.f.hub("hub2")
        try w.f.dxGateway()
        try w.f.dxAssociate(hub: "hub", allowed: ["10.0.0.0/8"])
        let error = w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.associateDxGateway(
                DxGatewayAssociate(dxGateway: "dc", transitGateway: "hub2", allowedPrefixes: ["10.1.0.0/16"]), &c)
        }
        #expect(error?.message.contains("10.0.0.0/8") == true)
        let dx = try w.f.dxAssociate(hub: "hub2", allowed: ["192.168.0.0/16"])
        #expect(dx.associations.count == 2)
        // An update is held to the same rule, against the other hubs only.
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.updateDxGatewayAssociation(
                DxGatewayUpdateAssociation(dxGateway: "dc", transitGateway: "hub2", allowedPrefixes: ["10.9.0.0/16"]), &c)
        }
        let updated = try w.f.run { s, c throws(NetctlError) in
            try s.updateDxGatewayAssociation(
                DxGatewayUpdateAssociation(dxGateway: "dc", transitGateway: "hub", allowedPrefixes: ["10.1.0.0/16"]), &c)
        }
        #expect(updated.association(with: w.hub.transitGatewayId)?.allowedPrefixes == ["10.1.0.0/16"])
        w.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.updateDxGatewayAssociation(DxGatewayUpdateAssociation(dxGateway: "dc", allowedPrefixes: ["10.1.0.0/16"]), &c)
        }
    }

    @Test("with a VGW: DX routes propagate into the VPC's tables and win over VPN static and BGP routes")
    func vgwPropagation() throws {
        var w = try VpnWorld(staticOnly: true)
        try w.f.run { s, c throws(NetctlError) in
            try s.createVpnConnectionRoute(
                VpnConnectionCreateRoute(vpnConnection: "conn", destinationCidrBlock: "172.16.0.0/12"), &c)
        }
        try w.f.vpnConnection("bgp", advertise: ["172.16.0.0/12", "10.200.0.0/16"])
        try w.f.dxGateway(onPrem: ["172.16.0.0/12", "10.100.0.0/16"])
        try w.f.dxAssociate(vgw: "vgw", allowed: ["10.1.0.0/16"])
        #expect(w.f.state.learnedRoutes(ofVpnGateway: w.vgw.vpnGatewayId) == ["172.16.0.0/12", "10.100.0.0/16", "10.200.0.0/16"])
        #expect(try Set(w.f.propagated(w.mainTable)) == ["172.16.0.0/12", "10.100.0.0/16", "10.200.0.0/16"])
        #expect(try w.f.route(in: w.mainTable, to: "10.100.0.0/16").target.id == w.vgw.vpnGatewayId)
        // Inside the VGW the DX route is the one taken for the shared prefix.
        #expect(w.f.state.dxGatewayWinning(atVpnGateway: w.vgw.vpnGatewayId, to: IPv4Address("172.16.1.1")!) != nil)
        // A longer VPN prefix still wins: longest prefix first.
        try w.f.run { s, c throws(NetctlError) in
            try s.createVpnConnectionRoute(
                VpnConnectionCreateRoute(vpnConnection: "conn", destinationCidrBlock: "172.16.1.0/24"), &c)
        }
        #expect(w.f.state.dxGatewayWinning(atVpnGateway: w.vgw.vpnGatewayId, to: IPv4Address("172.16.1.1")!) == nil)
        try w.f.dxOnPrem([])
        #expect(try !w.f.propagated(w.mainTable).contains("10.100.0.0/16"))
        try w.f.dxOnPrem(["10.100.0.0/16"])
        try w.f.dxDisassociate(vgw: "vgw")
        #expect(try !w.f.propagated(w.mainTable).contains("10.100.0.0/16"))
    }

    @Test("a VGW must be attached to a VPC to be associated; one association per gateway pair")
    func vgwRules() throws {
        var f = Fixture()
        try f.vpnGateway("loose")
        try f.dxGateway()
        f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc", vpnGateway: "loose", allowedPrefixes: ["10.0.0.0/8"]), &c)
        }
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.associateDxGateway(
                DxGatewayAssociate(dxGateway: "dc", vpnGateway: "loose", transitGateway: "hub", allowedPrefixes: ["10.0.0.0/8"]), &c)
        }
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc", allowedPrefixes: ["10.0.0.0/8"]), &c)
        }
        f.expectFailure(.directConnectGatewayAssociationNotFound) { s, c throws(NetctlError) in
            try s.disassociateDxGateway(DxGatewayDisassociate(dxGateway: "dc", vpnGateway: "loose"), &c)
        }
        var w = try DxVgwWorld()
        let dx = try w.f.dxAssociate(vgw: "vgw", allowed: ["10.0.0.0/15"])
        w.f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc", vpnGateway: "vgw", allowedPrefixes: ["10.1.0.0/16"]), &c)
        }
        // A VGW a DX gateway is associated with is not deleted, even once detached.
        try w.f.run { s, c throws(NetctlError) in try s.detachVpnGateway(VpnGatewayDetach(vpnGateway: "vgw", vpc: "a"), &c) }
        let inUse = w.f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.deleteVpnGateway(VpnGatewayDelete(vpnGateway: "vgw"), &c)
        }
        #expect(inUse?.message.contains("dx gateway disassociate") == true)
        // By association ID too.
        let associationId = try #require(dx.associations.first?.associationId)
        try w.f.run { s, c throws(NetctlError) in
            try s.disassociateDxGateway(DxGatewayDisassociate(dxGateway: "dc", associationId: associationId), &c)
        }
        #expect(try w.f.state.dxGateway("dc", in: w.f.scope).associations.isEmpty)
    }

    @Test("quotas: hubs per DX gateway, DX gateways per hub, VGWs per DX gateway")
    func quotas() throws {
        var quotas = Quotas()
        quotas[.transitGatewaysPerDirectConnectGateway] = 1
        quotas[.directConnectGatewaysPerTransitGateway] = 1
        quotas[.vpnGatewaysPerDirectConnectGateway] = 1
        var f = Fixture(quotas: quotas)
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        try f.vpnGateway("gwa", attachTo: "a")
        try f.vpnGateway("gwb", attachTo: "b")
        try f.hub("hub")
        try f.hub("hub2")
        try f.dxGateway("dc")
        try f.dxGateway("dc2")
        try f.dxAssociate("dc", hub: "hub", allowed: ["10.1.0.0/16"])
        let hubs = f.expectFailure(.limitExceededException) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc", transitGateway: "hub2", allowedPrefixes: ["10.2.0.0/16"]), &c)
        }
        #expect(hubs?.message.contains("transitGatewaysPerDirectConnectGateway") == true)
        let perHub = f.expectFailure(.limitExceededException) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc2", transitGateway: "hub", allowedPrefixes: ["10.2.0.0/16"]), &c)
        }
        #expect(perHub?.message.contains("directConnectGatewaysPerTransitGateway") == true)
        try f.dxAssociate("dc", vgw: "gwa", allowed: ["10.1.0.0/16"])
        let vgws = f.expectFailure(.limitExceededException) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "dc", vpnGateway: "gwb", allowedPrefixes: ["10.2.0.0/16"]), &c)
        }
        #expect(vgws?.message.contains("vpnGatewaysPerDirectConnectGateway") == true)
        #expect(throws: Never.self) { try Quotas.validate(.transitGatewaysPerDirectConnectGateway, 6) }
        #expect(throws: NetctlError.self) { try Quotas.validate(.vpnGatewaysPerDirectConnectGateway, 21) }
    }

    @Test("a hub's route quota counts the DX gateway's on-premises CIDRs, at association and when they grow")
    func hubRouteQuota() throws {
        var quotas = Quotas()
        quotas[.routesPerTransitGateway] = 2
        var f = Fixture(quotas: quotas)
        try f.hub("hub")
        try f.dxGateway("dc", onPrem: ["172.16.0.0/12"])
        try f.dxGateway("big", onPrem: ["172.16.0.0/16", "172.17.0.0/16", "172.18.0.0/16"])
        f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.associateDxGateway(DxGatewayAssociate(dxGateway: "big", transitGateway: "hub", allowedPrefixes: ["10.0.0.0/8"]), &c)
        }
        try f.dxAssociate("dc", hub: "hub", allowed: ["10.0.0.0/8"])
        try f.dxOnPrem(["172.16.0.0/12", "192.168.0.0/16"])
        let error = f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.setDxGatewayOnPremisesCidrs(
                DxGatewaySetOnPremisesCidrs(dxGateway: "dc", onPremisesCidrs: ["172.16.0.0/12", "192.168.0.0/16", "10.9.0.0/16"]),
                &c)
        }
        #expect(error?.message.contains("routesPerTransitGateway") == true)
        #expect(throws: NetctlError.self) { try Quotas.validate(.transitGatewaysPerDirectConnectGateway, 7) }
    }
}
