import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Reachability over Direct Connect gateways")
struct DirectConnectReachTests {
    @Test("through a VGW: a1 reaches on-premises over DX and back; on-premises reaches a1 when a prefix allows it")
    func overVgw() throws {
        var w = try DxVgwWorld()
        // A /15 passes the /16 VPC.
        let dx = try w.f.dxAssociate(vgw: "vgw", allowed: ["10.0.0.0/15"])
        let there = try w.f.reach("a1", "onprem:172.16.5.5")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.path.contains { $0.component == "vpnGateway" && $0.id == w.vgw.vpnGatewayId })
        #expect(there.path.contains { $0.component == "directConnectGateway" && $0.id == dx.dxGatewayId })
        #expect(!there.path.contains { $0.component == "vpnConnection" })
        #expect(there.returnPath.contains { $0.detail.contains("10.0.0.0/15") })
        let back = try w.f.reach("onprem:172.16.5.5", "a1")
        #expect(back.reachable, "\(back.explanations)")
        #expect(back.path.contains { $0.component == "directConnectGateway" && $0.detail.contains("10.0.0.0/15") })
        #expect(back.returnPath.contains { $0.component == "directConnectGateway" })
    }

    @Test("through a VGW with a prefix narrower than the VPC: DX_PREFIX_NOT_ALLOWED names the gateway, association and prefixes")
    func vgwPrefixNotAllowed() throws {
        var w = try DxVgwWorld()
        let dx = try w.f.dxAssociate(vgw: "vgw", allowed: ["10.1.1.0/24"])
        let association = try #require(dx.associations.first)
        let back = try w.f.reach("onprem:172.16.5.5", "a1")
        #expect(!back.reachable)
        #expect(back.codes == [ReachExplanation.dxPrefixNotAllowed])
        let explanation = try #require(back.explanation(ReachExplanation.dxPrefixNotAllowed))
        #expect(explanation.component == association.associationId)
        #expect(explanation.message.contains(dx.dxGatewayId))
        #expect(explanation.message.contains("10.1.1.0/24"))
        #expect(explanation.message.contains("10.1.0.0/16"))
        // Out and back: replies from on-premises have no route either.
        let there = try w.f.reach("a1", "onprem:172.16.5.5")
        #expect(there.codes == [ReachExplanation.dxPrefixNotAllowed])
        #expect(NetworkInsightsCodes.explanationCode(for: ReachExplanation.dxPrefixNotAllowed) == "CANNOT_ROUTE")
        #expect(explanation.message.contains("update-association"))
        // The fix the message names: a prefix equal to the VPC's CIDR.
        try w.f.run { s, c throws(NetctlError) in
            try s.updateDxGatewayAssociation(
                DxGatewayUpdateAssociation(dxGateway: "dc", vpnGateway: "vgw", allowedPrefixes: ["10.1.0.0/16"]), &c)
        }
        #expect(try w.f.reach("onprem:172.16.5.5", "a1").reachable)
    }

    @Test("through a VGW with a VPN too: on-premises uses the VPN when DX does not advertise the VPC")
    func vpnWhenDxFilters() throws {
        var w = try DxVgwWorld()
        try w.f.customerGateway()
        try w.f.vpnConnection(advertise: ["172.16.0.0/12"])
        try w.f.dxAssociate(vgw: "vgw", allowed: ["10.1.1.0/24"])
        let back = try w.f.reach("onprem:172.16.5.5", "a1")
        #expect(back.reachable, "\(back.explanations)")
        #expect(back.path.contains { $0.component == "vpnConnection" })
        // The VGW still prefers the DX route out; replies come back over the VPN, which advertises a1.
        let there = try w.f.reach("a1", "onprem:172.16.5.5")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.path.contains { $0.component == "directConnectGateway" })
        #expect(there.returnPath.contains { $0.component == "vpnConnection" })
    }

    @Test("through a hub: to and from on-premises over the DX attachment; allowed prefixes decide what on-premises reaches")
    func overHub() throws {
        var w = try HubWorld()
        let dx = try w.f.dxGateway()
        let associated = try w.f.dxAssociate(hub: "hub", allowed: ["10.1.0.0/16"])
        let attachmentId = try #require(associated.associations.first?.transitGatewayAttachmentId)
        try w.f.tgwRoute(try w.f.mainTable("a"), "172.16.0.0/12", hub: "hub")
        try w.f.tgwRoute(try w.f.mainTable("b"), "172.16.0.0/12", hub: "hub")
        let there = try w.f.reach("a1", "onprem:172.16.5.5")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.path.contains { $0.component == "transitGatewayAttachment" && $0.id == attachmentId })
        #expect(there.path.contains { $0.component == "directConnectGateway" && $0.id == dx.dxGatewayId })
        #expect(there.returnPath.contains { $0.component == "transitGatewayRouteTable" && $0.id == w.defaultTable })
        let back = try w.f.reach("onprem:172.16.5.5", "a1")
        #expect(back.reachable, "\(back.explanations)")
        #expect(back.path.contains { $0.component == "transitGatewayAttachment" && $0.id == attachmentId })
        // b is behind the hub too, but no allowed prefix advertises it on-premises.
        let refused = try w.f.reach("onprem:172.16.5.5", "b1")
        #expect(refused.codes == [ReachExplanation.dxPrefixNotAllowed])
        #expect(refused.explanations.first?.message.contains("10.1.0.0/16") == true)
        let fromB = try w.f.reach("b1", "onprem:172.16.5.5")
        #expect(fromB.codes == [ReachExplanation.dxPrefixNotAllowed])
        // An address outside the DX gateway's networks is not routed to it.
        #expect(try !w.f.reach("a1", "onprem:192.168.1.1").reachable)
    }
}
