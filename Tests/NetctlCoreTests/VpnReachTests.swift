import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Reachability to and from on-premises networks")
struct VpnReachTests {
    @Test("a1 reaches an on-premises address over the VGW's propagated route, and on-premises reaches a1")
    func overVgw() throws {
        let w = try VpnWorld()
        let there = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.destination.type == "onPremises" && there.destination.address == "192.168.1.10")
        #expect(there.path.contains { $0.component == "vpnGateway" && $0.id == w.vgw.vpnGatewayId })
        #expect(there.path.contains { $0.component == "vpnConnection" && $0.id == w.connection.vpnConnectionId })
        #expect(there.path.last?.component == "customerGateway")
        #expect(there.returnPath.contains { $0.component == "vpnGateway" })
        let back = try w.f.reach("onprem:192.168.1.10", "a1")
        #expect(back.reachable, "\(back.explanations)")
        #expect(back.path.first?.component == "onPremises")
        #expect(back.returnPath.contains { $0.component == "vpnConnection" })
        // A customer gateway stands for the network its connections advertise.
        let byGateway = try w.f.reach(w.connection.customerGatewayId, "a1")
        #expect(byGateway.reachable, "\(byGateway.explanations)")
        #expect(byGateway.source.address == "192.168.0.1")
    }

    @Test("without propagation or a static route: NO_ROUTE_PROPAGATION names the table and the fix, both ways")
    func noPropagation() throws {
        var w = try VpnWorld(propagate: false)
        let there = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(!there.reachable)
        #expect(there.codes == [ReachExplanation.noRoutePropagation])
        let finding = there.explanations[0]
        #expect(finding.component == w.mainTable)
        #expect(finding.message.contains("netctl route-table enable-propagation \(w.mainTable) \(w.vgw.vpnGatewayId)"))
        let back = try w.f.reach("onprem:192.168.1.10", "a1")
        #expect(back.codes == [ReachExplanation.noRoutePropagation])
        // A static route to the VGW does as well as propagation.
        try w.f.vgwRoute(w.mainTable, "192.168.0.0/16")
        #expect(try w.f.reach("a1", "onprem:192.168.1.10").reachable)
    }

    @Test("both tunnels DOWN: VPN_TUNNELS_DOWN names the connection and set-state, over BGP or a static route")
    func tunnelsDown() throws {
        var w = try VpnWorld()
        try w.f.tunnel("conn", 0, "DOWN")
        #expect(try w.f.reach("a1", "onprem:192.168.1.10").reachable, "one tunnel carries it")
        try w.f.tunnel("conn", 1, "DOWN")
        let withdrawn = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(withdrawn.codes == [ReachExplanation.vpnTunnelsDown])
        #expect(withdrawn.explanations[0].component == w.connection.vpnConnectionId)
        #expect(withdrawn.explanations[0].message.contains("netctl vpn tunnel set-state \(w.connection.vpnConnectionId)"))
        try w.f.vgwRoute(w.mainTable, "192.168.0.0/16")
        let overStatic = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(overStatic.codes == [ReachExplanation.vpnTunnelsDown])
        let inbound = try w.f.reach("onprem:192.168.1.10", "a1")
        #expect(inbound.codes == [ReachExplanation.vpnTunnelsDown])
        // An address the customer gateway does not advertise is not routed there.
        try w.f.tunnel("conn", 0, "UP")
        let elsewhere = try w.f.reach("a1", "onprem:192.169.0.1")
        #expect(!elsewhere.reachable)
        #expect(elsewhere.codes == [ReachExplanation.noRouteToDestination])
    }

    @Test("the VPC side's network ACL still applies to on-premises addresses")
    func aclApplies() throws {
        var w = try VpnWorld()
        let subnet = try w.f.state.subnet("a1", in: w.f.scope)
        let acl = try #require(w.f.state.effectiveNetworkAcl(of: subnet))
        try w.f.run { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(
                NetworkAclCreateEntry(
                    networkAcl: acl.networkAclId, ruleNumber: 10, egress: false, protocol: "-1", ruleAction: "deny",
                    cidrBlock: "192.168.0.0/16"), &c)
        }
        let inbound = try w.f.reach("onprem:192.168.1.10", "a1")
        #expect(inbound.codes == [ReachExplanation.naclDeniesInbound])
    }

    @Test("over a hub: to and from on-premises through the vpn attachment; static VPN with tunnels down")
    func overHub() throws {
        var w = try HubWorld()
        try w.f.customerGateway()
        let connection = try w.f.vpnConnection(hub: "hub")
        let aTable = try w.f.state.vpc("a", in: w.f.scope).mainRouteTableId
        try w.f.tgwRoute(aTable, "192.168.0.0/16", hub: "hub")
        let there = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.path.contains { $0.component == "transitGatewayAttachment" && $0.id == connection.transitGatewayAttachmentId })
        #expect(there.returnPath.contains { $0.component == "transitGatewayRouteTable" && $0.id == w.defaultTable })
        let back = try w.f.reach("onprem:192.168.1.10", "a1")
        #expect(back.reachable, "\(back.explanations)")
        try w.f.tunnel("conn", 0, "DOWN")
        #expect(try w.f.reach("a1", "onprem:192.168.1.10").reachable)
        try w.f.tunnel("conn", 1, "DOWN")
        // The hub table lost the BGP route: the tunnels are why, and the explanation names the table.
        let withdrawn = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(withdrawn.codes == [ReachExplanation.vpnTunnelsDown])
        #expect(withdrawn.explanations[0].component == connection.vpnConnectionId)
        #expect(withdrawn.explanations[0].message.contains(w.defaultTable), "\(withdrawn.explanations)")
        // A static hub route keeps the path, and the tunnels are what is missing.
        try w.f.hubRoute(w.defaultTable, "192.168.0.0/16", attachment: connection.transitGatewayAttachmentId)
        let down = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(down.codes == [ReachExplanation.vpnTunnelsDown])
        #expect(down.explanations[0].component == connection.vpnConnectionId)
    }

    @Test("over a hub, a VPN attachment that does not propagate into the table: NO_ROUTE_PROPAGATION names both")
    func hubWithoutPropagation() throws {
        var w = try HubWorld()
        try w.f.customerGateway()
        let connection = try w.f.vpnConnection(hub: "hub")
        let attachment = try #require(connection.transitGatewayAttachmentId)
        let aTable = try w.f.state.vpc("a", in: w.f.scope).mainRouteTableId
        try w.f.tgwRoute(aTable, "192.168.0.0/16", hub: "hub")
        try w.f.run { s, c throws(NetctlError) in
            try s.disableTransitGatewayPropagation(
                TransitGatewayRouteTableDisablePropagation(routeTable: w.defaultTable, attachment: attachment), &c)
        }
        let analysis = try w.f.reach("a1", "onprem:192.168.1.10")
        #expect(analysis.codes == [ReachExplanation.noRoutePropagation])
        let message = try #require(analysis.explanations.first?.message)
        #expect(message.contains(w.defaultTable) && message.contains(attachment), "\(message)")
        // Something else of the hub's, not a VPN's: the general explanation.
        #expect(try w.f.reach("a1", "10.200.0.1").codes.allSatisfy { $0 != ReachExplanation.noRoutePropagation })
    }

    @Test("on-premises references: onprem:CIDR, a bare address, an unknown customer gateway")
    func references() throws {
        let w = try VpnWorld()
        #expect(try w.f.reach("a1", "onprem:192.168.7.7/32").destination.address == "192.168.7.7")
        #expect(try w.f.reach("a1", "onprem:192.168.0.0/16").destination.address == "192.168.0.1")
        expectError(.customerGatewayNotFound) { () throws(NetctlError) in
            _ = try w.f.reach("a1", "cgw-00000000000000000")
        }
        expectError(.invalidParameterValue) { () throws(NetctlError) in _ = try w.f.reach("a1", "onprem:nowhere") }
        #expect(NetworkInsightsCodes.explanationCode(for: ReachExplanation.vpnTunnelsDown) == "BAD_STATE_VPN")
        #expect(NetworkInsightsCodes.explanationCode(for: ReachExplanation.noRoutePropagation) == "NO_ROUTE_TO_DESTINATION")
    }
}
