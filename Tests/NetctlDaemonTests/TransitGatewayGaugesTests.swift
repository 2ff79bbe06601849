import Foundation
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

/// Issue 19's `Netctl/TransitGateway` gauges, as the watcher computes them from committed state.
@Suite struct TransitGatewayGaugesTests {
    /// Hub `hub` with VPCs a (10.1/16) and b (10.2/16 plus 10.3/16) attached and propagating into its
    /// default table, a static blackhole route, and a BGP VPN connection `conn` to the hub.
    private static func world() throws -> (State, CommandContext) {
        var state = State()
        var ctx = context()
        func advance() throws {
            ctx.now += 10
            try state.transact { s throws(NetctlError) in s.runDueWork(&ctx) }
        }
        try state.transact { s throws(NetctlError) in
            _ = try s.createTransitGateway(TransitGatewayCreate(name: "hub"), &ctx)
            for (name, cidr) in [("a", "10.1.0.0/16"), ("b", "10.2.0.0/16")] {
                _ = try s.createVpc(VpcCreate(cidrBlock: cidr, name: name), &ctx)
                let subnet = cidr.replacingOccurrences(of: "0.0/16", with: "1.0/24")
                _ = try s.createSubnet(
                    SubnetCreate(vpc: name, cidrBlock: subnet, availabilityZone: "us-east-1a", name: "\(name)1"), &ctx)
            }
            _ = try s.associateVpcCidr(VpcAssociateCidr(vpc: "b", cidrBlock: "10.3.0.0/16"), &ctx)
            _ = try s.createCustomerGateway(VpnCustomerGatewayCreate(ipAddress: "203.0.113.12", bgpAsn: 65000, name: "office"), &ctx)
        }
        try advance()
        try state.transact { s throws(NetctlError) in
            _ = try s.attachVpc(TransitGatewayAttachVpc(tgw: "hub", vpc: "a", subnets: ["a1"]), &ctx)
            _ = try s.attachVpc(TransitGatewayAttachVpc(tgw: "hub", vpc: "b", subnets: ["b1"]), &ctx)
            _ = try s.createVpnConnection(
                VpnConnectionCreate(
                    customerGateway: "office", transitGateway: "hub", advertisedCidrs: ["192.168.0.0/16"], name: "conn"),
                &ctx)
        }
        try advance()
        let table = try #require(state.transitGateways.all.first?.defaultRouteTableId)
        try state.transact { s throws(NetctlError) in
            _ = try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(routeTable: table, destinationCidrBlock: "10.99.0.0/16", blackhole: true), &ctx)
        }
        _ = state.takeChanges()
        return (state, ctx)
    }

    /// The gauges of the minute's sample, by metric name and dimension values.
    private static func minute(_ state: State) -> [String: Double] {
        var values: [String: Double] = [:]
        for entry in NetctlGauges.minuteSamples(state, now: 0) where entry.namespace == "Netctl/TransitGateway" {
            let key = ([entry.sample.metricName] + entry.sample.dimensions.map { "\($0.name)=\($0.value)" })
                .joined(separator: " ")
            values[key] = entry.sample.value
        }
        return values
    }

    @Test("each minute: attachments per hub, routes per hub table, tunnel state per connection and tunnel")
    func minuteSample() throws {
        let (state, _) = try Self.world()
        let hub = try #require(state.transitGateways.all.first)
        let table = try #require(hub.defaultRouteTableId)
        let connection = try #require(state.vpnConnections.all.first)
        let gauges = Self.minute(state)
        #expect(gauges["AttachmentCount TransitGatewayId=\(hub.transitGatewayId)"] == 3)
        // 10.1/16, 10.2/16, 10.3/16 propagated by the VPCs, 192.168/16 by BGP over the VPN, the blackhole.
        #expect(gauges["RouteCount TransitGatewayRouteTableId=\(table)"] == 5)
        #expect(gauges["TunnelState VpnId=\(connection.vpnConnectionId)"] == 1)
        for tunnel in connection.tunnels {
            #expect(
                gauges["TunnelState VpnId=\(connection.vpnConnectionId) TunnelIpAddress=\(tunnel.outsideIpAddress)"] == 1)
        }
    }

    @Test("a tunnel down halves TunnelState; both down give 0 and withdraw the BGP route from the hub's count")
    func tunnelOutage() throws {
        var (state, ctx) = try Self.world()
        let connection = try #require(state.vpnConnections.all.first)
        let table = try #require(state.transitGateways.all.first?.defaultRouteTableId)
        try state.transact { s throws(NetctlError) in
            _ = try s.setVpnTunnelState(VpnTunnelSetState(vpnConnection: "conn", tunnel: 0, state: VpnTunnel.down), &ctx)
        }
        // The change event alone (not the minute) yields the connection's gauges.
        let events = state.takeChanges().events
        let samples = NetctlGauges.samples(for: events, in: state, now: 0)
        let mean = samples.first {
            $0.sample.metricName == "TunnelState" && $0.sample.dimensions.count == 1
        }
        #expect(mean?.sample.value == 0.5 && mean?.namespace == "Netctl/TransitGateway")
        #expect(Self.minute(state)["RouteCount TransitGatewayRouteTableId=\(table)"] == 5)

        try state.transact { s throws(NetctlError) in
            _ = try s.setVpnTunnelState(VpnTunnelSetState(vpnConnection: "conn", tunnel: 1, state: VpnTunnel.down), &ctx)
        }
        let gauges = Self.minute(state)
        #expect(gauges["TunnelState VpnId=\(connection.vpnConnectionId)"] == 0)
        #expect(gauges["RouteCount TransitGatewayRouteTableId=\(table)"] == 4)
    }

    @Test("a deleted attachment's event still names its hub, which now counts one fewer")
    func deletedAttachment() throws {
        var (state, ctx) = try Self.world()
        let hub = try #require(state.transitGateways.all.first)
        let attachment = try #require(state.transitGatewayAttachments.all.first { $0.type == TransitGatewayAttachment.vpcType })
        try state.transact { s throws(NetctlError) in
            _ = try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: attachment.attachmentId), &ctx)
        }
        ctx.now += 10
        try state.transact { s throws(NetctlError) in s.runDueWork(&ctx) }
        #expect(state.transitGatewayAttachments[attachment.attachmentId] == nil)
        let events = state.takeChanges().events.filter { $0.resourceType == .transitGatewayAttachment }
        let counts = NetctlGauges.samples(for: events, in: state, now: 0).filter { $0.sample.metricName == "AttachmentCount" }
        #expect(counts.map(\.sample.value) == [2])
        #expect(counts.first?.sample.dimensions == [MetricDimension(name: "TransitGatewayId", value: hub.transitGatewayId)])
    }
}
