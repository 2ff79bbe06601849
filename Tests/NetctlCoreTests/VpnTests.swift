import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    @discardableResult
    mutating func customerGateway(_ ip: String = "203.0.113.12", asn: Int64 = 65000, name: String? = "office")
        throws(NetctlError) -> CustomerGateway
    {
        let created = try run { s, c throws(NetctlError) in
            try s.createCustomerGateway(VpnCustomerGatewayCreate(ipAddress: ip, bgpAsn: asn, name: name), &c)
        }
        try advance()
        return state.customerGateways[created.customerGatewayId] ?? created
    }

    @discardableResult
    mutating func vpnGateway(_ name: String = "vgw", attachTo vpc: String? = nil) throws(NetctlError) -> VpnGateway {
        let created = try run { s, c throws(NetctlError) in try s.createVpnGateway(VpnGatewayCreate(name: name), &c) }
        try advance()
        if let vpc {
            try run { s, c throws(NetctlError) in try s.attachVpnGateway(VpnGatewayAttach(vpnGateway: name, vpc: vpc), &c) }
        }
        return state.vpnGateways[created.vpnGatewayId] ?? created
    }

    @discardableResult
    mutating func vpnConnection(
        _ name: String = "conn", customerGateway: String = "office", vgw: String? = "vgw", hub: String? = nil,
        staticOnly: Bool = false, advertise: [String] = ["192.168.0.0/16"], available: Bool = true
    ) throws(NetctlError) -> VpnConnection {
        let created = try run { s, c throws(NetctlError) in
            try s.createVpnConnection(
                VpnConnectionCreate(
                    customerGateway: customerGateway, vpnGateway: hub == nil ? vgw : nil, transitGateway: hub,
                    staticRoutesOnly: staticOnly, advertisedCidrs: advertise, name: name), &c)
        }
        if available { try advance() }
        return state.vpnConnections[created.vpnConnectionId] ?? created
    }

    mutating func tunnel(_ connection: String, _ index: Int, _ state: String) throws(NetctlError) {
        try run { s, c throws(NetctlError) in
            try s.setVpnTunnelState(VpnTunnelSetState(vpnConnection: connection, tunnel: index, state: state), &c)
        }
    }

    mutating func propagate(_ table: String, _ vgw: String = "vgw", enable: Bool = true) throws(NetctlError) {
        try run { s, c throws(NetctlError) in
            enable
                ? try s.enableVgwRoutePropagation(RouteTableEnablePropagation(routeTable: table, vpnGateway: vgw), &c)
                : try s.disableVgwRoutePropagation(RouteTableDisablePropagation(routeTable: table, vpnGateway: vgw), &c)
        }
    }

    @discardableResult
    mutating func vgwRoute(_ table: String, _ cidr: String, vgw: String = "vgw") throws(NetctlError) -> RouteTable {
        try run { s, c throws(NetctlError) in
            try s.createRoute(RouteCreate(routeTable: table, destinationCidrBlock: cidr, vpnGateway: vgw), &c)
        }
    }

    func propagated(_ table: String) throws -> [String] {
        try self.table(table).routes.filter { $0.origin == Route.propagatedOrigin }.map(\.destination)
    }
}

/// VPC a (10.1/16, subnet a1) with VGW `vgw` attached, customer gateway `office` and a BGP connection
/// `conn` advertising 192.168.0.0/16; the main table propagates the VGW unless told not to.
struct VpnWorld {
    var f = Fixture()
    var mainTable: String
    var vgw: VpnGateway
    var connection: VpnConnection

    init(propagate: Bool = true, staticOnly: Bool = false) throws {
        try f.vpc("10.1.0.0/16", name: "a")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        mainTable = try f.state.vpc("a", in: f.scope).mainRouteTableId
        try f.customerGateway()
        vgw = try f.vpnGateway(attachTo: "a")
        connection = try f.vpnConnection(staticOnly: staticOnly)
        if propagate { try f.propagate(mainTable) }
    }
}

@Suite("Site-to-Site VPN")
struct VpnTests {
    @Test("gateways and connections are pending, then available; a connection has two UP tunnels with /30s")
    func lifecycle() throws {
        var f = Fixture()
        let cgw = try f.run { s, c throws(NetctlError) in
            try s.createCustomerGateway(VpnCustomerGatewayCreate(ipAddress: "203.0.113.12", bgpAsn: 65000), &c)
        }
        #expect(cgw.state == TransitGateway.pending)
        #expect(cgw.customerGatewayId.hasPrefix("cgw-"))
        try f.advance()
        #expect(f.state.customerGateways[cgw.customerGatewayId]?.state == TransitGateway.available)
        // An identical request answers with the same gateway.
        let again = try f.run { s, c throws(NetctlError) in
            try s.createCustomerGateway(VpnCustomerGatewayCreate(ipAddress: "203.0.113.12", bgpAsn: 65000), &c)
        }
        #expect(again.customerGatewayId == cgw.customerGatewayId)
        // A device name makes another gateway with the same address and ASN, as EC2's DeviceName does.
        let device = try f.run { s, c throws(NetctlError) in
            try s.createCustomerGateway(
                VpnCustomerGatewayCreate(ipAddress: "203.0.113.12", bgpAsn: 65000, deviceName: "router-2"), &c)
        }
        #expect(device.customerGatewayId != cgw.customerGatewayId && device.deviceName == "router-2")
        let deviceAgain = try f.run { s, c throws(NetctlError) in
            try s.createCustomerGateway(
                VpnCustomerGatewayCreate(ipAddress: "203.0.113.12", bgpAsn: 65000, deviceName: "router-2"), &c)
        }
        #expect(deviceAgain.customerGatewayId == device.customerGatewayId)
        let vgw = try f.vpnGateway()
        #expect(vgw.amazonSideAsn == 64512 && vgw.state == TransitGateway.available && vgw.vpcAttachments.isEmpty)
        let connection = try f.vpnConnection(customerGateway: cgw.customerGatewayId, available: false)
        #expect(connection.state == TransitGateway.pending)
        #expect(connection.vpnConnectionId.hasPrefix("vpn-"))
        #expect(connection.tunnels.count == 2)
        #expect(connection.tunnels.allSatisfy { $0.state == VpnTunnel.up })
        let insides = connection.tunnels.compactMap { IPv4CIDR($0.insideCidr) }
        #expect(insides.count == 2 && insides[0] != insides[1])
        #expect(insides.allSatisfy { $0.prefixLength == 30 && AddressRanges.linkLocal.contains($0) })
        #expect(insides.allSatisfy { !IPv4CIDR("169.254.0.0/21")!.contains($0) })
        // CreateVpnConnection is idempotent; another name, or other routing, makes another connection.
        let same = try f.vpnConnection(customerGateway: cgw.customerGatewayId, available: false)
        #expect(same.vpnConnectionId == connection.vpnConnectionId)
        let other = try f.vpnConnection("conn-2", customerGateway: cgw.customerGatewayId, available: false)
        let staticOne = try f.vpnConnection(
            "conn-2", customerGateway: cgw.customerGatewayId, staticOnly: true, available: false)
        #expect(Set([connection.vpnConnectionId, other.vpnConnectionId, staticOne.vpnConnectionId]).count == 3)
        try f.advance()
        #expect(f.state.vpnConnections[connection.vpnConnectionId]?.state == TransitGateway.available)
        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteVpnConnection(VpnConnectionDelete(vpnConnection: "conn"), &c)
        }
        #expect(deleted.state == TransitGateway.deleting)
        try f.advance()
        #expect(f.state.vpnConnections[connection.vpnConnectionId] == nil)
    }

    @Test("a propagating table gets the learned routes; both tunnels DOWN withdraw them, one UP brings them back")
    func tunnelOutageWithdrawsBgpRoutes() throws {
        var w = try VpnWorld()
        let table = try w.f.table(w.mainTable)
        #expect(table.propagatingVgws == [w.vgw.vpnGatewayId])
        let route = try w.f.route(in: w.mainTable, to: "192.168.0.0/16")
        #expect(route.target == RouteTarget(type: RouteTarget.vpnGateway, id: w.vgw.vpnGatewayId))
        #expect(route.origin == "EnableVgwRoutePropagation" && route.state == .active)
        try w.f.tunnel("conn", 0, "DOWN")
        #expect(try w.f.propagated(w.mainTable) == ["192.168.0.0/16"], "one tunnel is enough")
        try w.f.tunnel("conn", 1, "DOWN")
        #expect(try w.f.propagated(w.mainTable).isEmpty)
        let down = try #require(w.f.state.vpnConnections[w.connection.vpnConnectionId])
        #expect(down.tunnels.allSatisfy { $0.state == VpnTunnel.down && $0.acceptedRouteCount == 0 })
        #expect(w.f.state.learnedRoutes(ofVpnGateway: w.vgw.vpnGatewayId).isEmpty)
        try w.f.tunnel("conn", 1, "UP")
        #expect(try w.f.propagated(w.mainTable) == ["192.168.0.0/16"])
        try w.f.propagate(w.mainTable, enable: false)
        #expect(try w.f.propagated(w.mainTable).isEmpty)
        #expect(try w.f.table(w.mainTable).propagatingVgws == nil)
    }

    @Test("the local route and an identical static route win over propagated ones; propagated routes are not deleted")
    func routePreference() throws {
        var w = try VpnWorld(propagate: false)
        try w.f.vpnConnection("inside", advertise: ["10.1.5.0/24", "172.16.0.0/12"])
        try w.f.propagate(w.mainTable)
        #expect(try w.f.propagated(w.mainTable) == ["192.168.0.0/16", "172.16.0.0/12"], "10.1.5.0/24 is local")
        let gateway = try w.f.internetGateway("a")
        try w.f.route(w.mainTable, "172.16.0.0/12", gateway: gateway.internetGatewayId)
        #expect(try w.f.propagated(w.mainTable) == ["192.168.0.0/16"])
        #expect(try w.f.route(in: w.mainTable, to: "172.16.0.0/12").target.id == gateway.internetGatewayId)
        // A tunnel change recomputes the propagated routes; the static one stays in front.
        try w.f.tunnel("inside", 0, "DOWN")
        #expect(try w.f.route(in: w.mainTable, to: "172.16.0.0/12").origin == "CreateRoute")
        try w.f.run { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: w.mainTable, destinationCidrBlock: "172.16.0.0/12"), &c)
        }
        #expect(try w.f.route(in: w.mainTable, to: "172.16.0.0/12").origin == "EnableVgwRoutePropagation")
        let error = w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: w.mainTable, destinationCidrBlock: "192.168.0.0/16"), &c)
        }
        #expect(error?.message.contains("disable-propagation") == true)
    }

    @Test("a block leaving the VPC lets the on-premises routes inside it propagate")
    func disassociatedBlock() throws {
        var w = try VpnWorld(propagate: false)
        try w.f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.2.0.0/16"), &c)
        }
        try w.f.vpnConnection("branch", advertise: ["10.2.5.0/24"])
        try w.f.propagate(w.mainTable)
        #expect(try w.f.propagated(w.mainTable) == ["192.168.0.0/16"], "10.2.5.0/24 is inside the VPC's second block")
        try w.f.run { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.2.0.0/16"), &c)
        }
        #expect(try w.f.propagated(w.mainTable) == ["192.168.0.0/16", "10.2.5.0/24"])
    }

    @Test("static connections: their routes propagate whatever the tunnels; BGP connections take no static routes")
    func staticRoutes() throws {
        var w = try VpnWorld(staticOnly: true)
        #expect(try w.f.propagated(w.mainTable).isEmpty)
        try w.f.run { s, c throws(NetctlError) in
            try s.createVpnConnectionRoute(
                VpnConnectionCreateRoute(vpnConnection: "conn", destinationCidrBlock: "192.168.1.0/24"), &c)
        }
        #expect(try w.f.propagated(w.mainTable) == ["192.168.1.0/24"])
        try w.f.tunnel("conn", 0, "DOWN")
        try w.f.tunnel("conn", 1, "DOWN")
        #expect(try w.f.propagated(w.mainTable) == ["192.168.1.0/24"])
        w.f.expectFailure(.routeAlreadyExists) { s, c throws(NetctlError) in
            try s.createVpnConnectionRoute(
                VpnConnectionCreateRoute(vpnConnection: "conn", destinationCidrBlock: "192.168.1.0/24"), &c)
        }
        try w.f.run { s, c throws(NetctlError) in
            try s.deleteVpnConnectionRoute(
                VpnConnectionDeleteRoute(vpnConnection: "conn", destinationCidrBlock: "192.168.1.0/24"), &c)
        }
        #expect(try w.f.propagated(w.mainTable).isEmpty)
        try w.f.vpnConnection("bgp")
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createVpnConnectionRoute(
                VpnConnectionCreateRoute(vpnConnection: "bgp", destinationCidrBlock: "10.9.0.0/16"), &c)
        }
    }

    @Test("AWS's limits: 100 advertised or static routes per connection, 100 propagated routes per table")
    func limits() throws {
        var w = try VpnWorld(staticOnly: true)
        let many = (0..<101).map { "10.\(100 + $0 / 100).\($0 % 100).0/24" }
        w.f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.createVpnConnection(
                VpnConnectionCreate(customerGateway: "office", vpnGateway: "vgw", advertisedCidrs: many), &c)
        }
        for cidr in many.prefix(100) {
            try w.f.run { s, c throws(NetctlError) in
                try s.createVpnConnectionRoute(VpnConnectionCreateRoute(vpnConnection: "conn", destinationCidrBlock: cidr), &c)
            }
        }
        w.f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.createVpnConnectionRoute(VpnConnectionCreateRoute(vpnConnection: "conn", destinationCidrBlock: many[100]), &c)
        }
        #expect(try w.f.propagated(w.mainTable).count == 100)
        try w.f.vpnConnection("more", advertise: ["172.16.0.0/12"])
        let propagated = try w.f.propagated(w.mainTable)
        #expect(propagated.count == VpnLimits.propagatedRoutesPerTable)
        #expect(!propagated.contains("172.16.0.0/12"), "VPN static routes come first in the VGW")
    }

    @Test("error codes: unknown IDs, one VGW per VPC and one VPC per VGW, detach before delete, gateways in use")
    func errorCodes() throws {
        var w = try VpnWorld()
        try w.f.vpc("10.2.0.0/16", name: "b")
        w.f.expectFailure(.customerGatewayNotFound) { s, c throws(NetctlError) in
            try s.deleteCustomerGateway(VpnCustomerGatewayDelete(customerGateway: "cgw-00000000000000000"), &c)
        }
        w.f.expectFailure(.vpnGatewayNotFound) { s, c throws(NetctlError) in
            try s.attachVpnGateway(VpnGatewayAttach(vpnGateway: "vgw-00000000000000000", vpc: "b"), &c)
        }
        w.f.expectFailure(.vpnConnectionNotFound) { s, c throws(NetctlError) in
            try s.setVpnTunnelState(VpnTunnelSetState(vpnConnection: "vpn-00000000000000000", tunnel: 0, state: "UP"), &c)
        }
        w.f.expectFailure(.vpnGatewayAttachmentNotFound) { s, c throws(NetctlError) in
            try s.detachVpnGateway(VpnGatewayDetach(vpnGateway: "vgw", vpc: "b"), &c)
        }
        w.f.expectFailure(.vpnGatewayAttachmentLimitExceeded, "one VPC per VGW") { s, c throws(NetctlError) in
            try s.attachVpnGateway(VpnGatewayAttach(vpnGateway: "vgw", vpc: "b"), &c)
        }
        try w.f.vpnGateway("second")
        w.f.expectFailure(.vpnGatewayAttachmentLimitExceeded, "one VGW per VPC") { s, c throws(NetctlError) in
            try s.attachVpnGateway(VpnGatewayAttach(vpnGateway: "second", vpc: "a"), &c)
        }
        w.f.expectFailure(.incorrectState, "attached") { s, c throws(NetctlError) in
            try s.deleteVpnGateway(VpnGatewayDelete(vpnGateway: "vgw"), &c)
        }
        w.f.expectFailure(.incorrectState, "the customer gateway is in use") { s, c throws(NetctlError) in
            try s.deleteCustomerGateway(VpnCustomerGatewayDelete(customerGateway: "office"), &c)
        }
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.setVpnTunnelState(VpnTunnelSetState(vpnConnection: "conn", tunnel: 2, state: "UP"), &c)
        }
        w.f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createVpnConnection(
                VpnConnectionCreate(customerGateway: "office", vpnGateway: "vgw", transitGateway: "tgw-1", advertisedCidrs: []), &c)
        }
        let pending = try w.f.run { s, c throws(NetctlError) in try s.createVpnGateway(VpnGatewayCreate(name: "slow"), &c) }
        w.f.expectFailure(.incorrectState, "pending") { s, c throws(NetctlError) in
            try s.attachVpnGateway(VpnGatewayAttach(vpnGateway: pending.vpnGatewayId, vpc: "b"), &c)
        }
        let inUse = w.f.expectFailure(.dependencyViolation, "a VPC with a VGW attached") { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        #expect(inUse?.message.contains(w.vgw.vpnGatewayId) == true)
        // Detaching ends propagation and blackholes static routes to the gateway.
        try w.f.vgwRoute(w.mainTable, "172.16.0.0/12")
        try w.f.run { s, c throws(NetctlError) in try s.detachVpnGateway(VpnGatewayDetach(vpnGateway: "vgw", vpc: "a"), &c) }
        #expect(try w.f.propagated(w.mainTable).isEmpty)
        #expect(try w.f.table(w.mainTable).propagatingVgws == nil)
        #expect(try w.f.route(in: w.mainTable, to: "172.16.0.0/12").state == .blackhole)
        w.f.expectFailure(.incorrectState, "the VGW still has a connection") { s, c throws(NetctlError) in
            try s.deleteVpnGateway(VpnGatewayDelete(vpnGateway: "vgw"), &c)
        }
        w.f.expectFailure(.gatewayNotAttached) { s, c throws(NetctlError) in
            try s.enableVgwRoutePropagation(RouteTableEnablePropagation(routeTable: w.mainTable, vpnGateway: "vgw"), &c)
        }
        try w.f.run { s, c throws(NetctlError) in try s.deleteVpnConnection(VpnConnectionDelete(vpnConnection: "conn"), &c) }
        let gone = try w.f.run { s, c throws(NetctlError) in try s.deleteVpnGateway(VpnGatewayDelete(vpnGateway: "vgw"), &c) }
        #expect(gone.state == TransitGateway.deleting)
        try w.f.advance()
        #expect(w.f.state.vpnGateways[w.vgw.vpnGatewayId] == nil)
    }

    @Test("a connection to a hub makes a vpn attachment whose BGP routes propagate behind VPC routes and static ones")
    func hubAttachment() throws {
        var w = try HubWorld()
        try w.f.customerGateway()
        let connection = try w.f.vpnConnection(hub: "hub", advertise: ["192.168.0.0/16", "10.2.0.0/16"])
        let attachmentId = try #require(connection.transitGatewayAttachmentId)
        var attachment = try #require(w.f.state.transitGatewayAttachments[attachmentId])
        #expect(attachment.type == "vpn" && attachment.resourceId == connection.vpnConnectionId)
        #expect(attachment.associatedRouteTableId == w.defaultTable)
        #expect(attachment.state == TransitGateway.available)
        var routes = try w.f.hubRoutes(w.defaultTable)
        let onPremises = try #require(routes.first { $0.destinationCidrBlock == "192.168.0.0/16" })
        #expect(onPremises.type == "propagated" && onPremises.attachments.map(\.resourceType) == ["vpn"])
        // 10.2.0.0/16 is b's: the VPC propagation wins over the VPN one.
        #expect(routes.first { $0.destinationCidrBlock == "10.2.0.0/16" }?.attachments.first?.attachmentId == w.b.attachmentId)
        try w.f.tunnel(connection.vpnConnectionId, 0, "DOWN")
        try w.f.tunnel(connection.vpnConnectionId, 1, "DOWN")
        routes = try w.f.hubRoutes(w.defaultTable)
        #expect(!routes.contains { $0.destinationCidrBlock == "192.168.0.0/16" }, "withdrawn with both tunnels down")
        try w.f.hubRoute(w.defaultTable, "192.168.0.0/16", attachment: attachmentId)
        #expect(try w.f.hubRoutes(w.defaultTable).first { $0.destinationCidrBlock == "192.168.0.0/16" }?.type == "static")
        w.f.expectFailure(.invalidParameterValue, "the attachment goes with its connection") { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: attachmentId), &c)
        }
        try w.f.run { s, c throws(NetctlError) in
            try s.deleteVpnConnection(VpnConnectionDelete(vpnConnection: connection.vpnConnectionId), &c)
        }
        attachment = try #require(w.f.state.transitGatewayAttachments[attachmentId])
        #expect(attachment.state == TransitGateway.deleting && attachment.associatedRouteTableId == nil)
        #expect(try w.f.hubRoutes(w.defaultTable).first { $0.destinationCidrBlock == "192.168.0.0/16" }?.state == "blackhole")
        try w.f.advance()
        #expect(w.f.state.transitGatewayAttachments[attachmentId] == nil)
    }
}
