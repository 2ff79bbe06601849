import Foundation
import NetctlAPI
import Testing

/// Golden JSON of customer gateways, virtual private gateways, VPN connections, a route table that
/// propagates a VGW, and the params of the VPN methods.
@Suite("Wire format of Site-to-Site VPN (golden JSON)")
struct VpnWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    static let time = Date(timeIntervalSince1970: 1_764_091_474.123)

    @Test("a customer gateway and a virtual private gateway, with API.md's ID fields and list members")
    func gateways() throws {
        let customer = CustomerGateway(
            customerGatewayId: "cgw-0123456789abcdef0", name: "office", accountId: "000000000000", region: "us-east-1",
            ipAddress: "203.0.113.12", bgpAsn: 65000, state: "available", tags: ["Name": "office"], createdAt: Self.time,
            stateChangedAt: Self.time)
        #expect(
            try json(VpnCustomerGatewayListResponse(customerGateways: [customer], nextToken: nil))
                == #"{"customerGateways":[{"accountId":"000000000000","bgpAsn":65000,"createdAt":"2025-11-25T17:24:34.123Z","customerGatewayId":"cgw-0123456789abcdef0","ipAddress":"203.0.113.12","name":"office","region":"us-east-1","state":"available","stateChangedAt":"2025-11-25T17:24:34.123Z","tags":{"Name":"office"},"type":"ipsec.1"}]}"#
        )
        let vgw = VpnGateway(
            vpnGatewayId: "vgw-0123456789abcdef0", name: nil, accountId: "000000000000", region: "us-east-1",
            state: "available", amazonSideAsn: 64512,
            vpcAttachments: [VpnGatewayVpcAttachment(vpcId: "vpc-1", state: "attached")], tags: [:], createdAt: Self.time,
            stateChangedAt: Self.time)
        #expect(
            try json(VpnGatewayListResponse(vpnGateways: [vgw], nextToken: "t"))
                == #"{"nextToken":"t","vpnGateways":[{"accountId":"000000000000","amazonSideAsn":64512,"createdAt":"2025-11-25T17:24:34.123Z","region":"us-east-1","state":"available","stateChangedAt":"2025-11-25T17:24:34.123Z","tags":{},"type":"ipsec.1","vpcAttachments":[{"state":"attached","vpcId":"vpc-1"}],"vpnGatewayId":"vgw-0123456789abcdef0"}]}"#
        )
        #expect(vgw.attachedVpcId == "vpc-1")
    }

    @Test("a VPN connection: two tunnels with outside IPs, /30 inside CIDRs and UP/DOWN, static routes")
    func connection() throws {
        let connection = VpnConnection(
            vpnConnectionId: "vpn-0123456789abcdef0", name: nil, accountId: "000000000000", region: "us-east-1",
            state: "available", customerGatewayId: "cgw-1", vpnGatewayId: nil, transitGatewayId: "tgw-1",
            transitGatewayAttachmentId: "tgw-attach-1", staticRoutesOnly: true, advertisedCidrs: ["192.168.0.0/16"],
            routes: [VpnStaticRoute(destinationCidrBlock: "192.168.1.0/24")],
            tunnels: [
                VpnTunnel(
                    outsideIpAddress: "3.1.2.3", insideCidr: "169.254.10.0/30", state: "UP", acceptedRouteCount: 0,
                    lastStatusChange: Self.time),
                VpnTunnel(
                    outsideIpAddress: "3.1.2.4", insideCidr: "169.254.10.4/30", state: "DOWN", acceptedRouteCount: 0,
                    lastStatusChange: Self.time),
            ], tags: [:], createdAt: Self.time, stateChangedAt: Self.time)
        #expect(
            try json(VpnConnectionListResponse(vpnConnections: [connection], nextToken: nil))
                == #"{"vpnConnections":[{"accountId":"000000000000","advertisedCidrs":["192.168.0.0/16"],"createdAt":"2025-11-25T17:24:34.123Z","customerGatewayId":"cgw-1","region":"us-east-1","routes":[{"destinationCidrBlock":"192.168.1.0/24","source":"Static","state":"available"}],"state":"available","stateChangedAt":"2025-11-25T17:24:34.123Z","staticRoutesOnly":true,"tags":{},"transitGatewayAttachmentId":"tgw-attach-1","transitGatewayId":"tgw-1","tunnels":[{"acceptedRouteCount":0,"insideCidr":"169.254.10.0/30","lastStatusChange":"2025-11-25T17:24:34.123Z","outsideIpAddress":"3.1.2.3","state":"UP"},{"acceptedRouteCount":0,"insideCidr":"169.254.10.4/30","lastStatusChange":"2025-11-25T17:24:34.123Z","outsideIpAddress":"3.1.2.4","state":"DOWN"}],"type":"ipsec.1","vpnConnectionId":"vpn-0123456789abcdef0"}]}"#
        )
        let decoded = try NetctlJSON.decoder.decode(VpnConnection.self, from: try NetctlJSON.encoder.encode(connection))
        #expect(decoded == connection)
    }

    @Test("a route table lists its propagating VGWs and their routes; without any, the member is absent")
    func propagatingTable() throws {
        var table = RouteTable(
            routeTableId: "rtb-1", vpcId: "vpc-1", name: nil, accountId: "000000000000", region: "us-east-1", main: true,
            routes: [
                Route(
                    destinationCidrBlock: "192.168.0.0/16", target: RouteTarget(type: "vgw", id: "vgw-1"), state: .active,
                    origin: "EnableVgwRoutePropagation")
            ], tags: [:], createdAt: Self.time, propagatingVgws: ["vgw-1"])
        #expect(
            try json(table)
                == #"{"accountId":"000000000000","associations":[],"createdAt":"2025-11-25T17:24:34.123Z","main":true,"propagatingVgws":["vgw-1"],"region":"us-east-1","routeTableId":"rtb-1","routes":[{"destinationCidrBlock":"192.168.0.0/16","origin":"EnableVgwRoutePropagation","state":"active","target":{"id":"vgw-1","type":"vgw"}}],"tags":{},"vpcId":"vpc-1"}"#
        )
        table.propagatingVgws = nil
        #expect(!(try json(table)).contains("propagatingVgws"))
    }

    @Test("the VPN methods' params as scripts send them")
    func params() throws {
        let create = try NetctlJSON.decoder.decode(
            VpnConnectionCreate.self,
            from: Data(
                #"{"customerGateway":"office","transitGateway":"hub","staticRoutesOnly":false,"advertisedCidrs":["192.168.0.0/16"]}"#
                    .utf8))
        #expect(create.customerGateway == "office" && create.transitGateway == "hub" && create.vpnGateway == nil)
        #expect(create.advertisedCidrs == ["192.168.0.0/16"] && create.staticRoutesOnly == false)
        let tunnel = try NetctlJSON.decoder.decode(
            VpnTunnelSetState.self, from: Data(#"{"vpnConnection":"vpn-1","tunnel":1,"state":"DOWN"}"#.utf8))
        #expect(tunnel.tunnel == 1 && tunnel.state == "DOWN")
        let propagation = try NetctlJSON.decoder.decode(
            RouteTableEnablePropagation.self, from: Data(#"{"routeTable":"rtb-1","vpnGateway":"vgw-1"}"#.utf8))
        #expect(propagation.routeTable == "rtb-1" && propagation.vpnGateway == "vgw-1")
        #expect(VpnTunnelSetState.method == "vpn.tunnel.setState")
        #expect(VpnCustomerGatewayCreate.method == "vpn.customerGateway.create")
        #expect(RouteTableDisablePropagation.method == "routeTable.disablePropagation")
    }
}
