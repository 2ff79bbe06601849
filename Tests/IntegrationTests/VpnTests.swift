import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("Site-to-Site VPN through the socket and the CLI")
struct VpnTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("a VPC to an office over a VGW: propagation, a tunnel outage, reach both ways, and the logs")
    func office() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try ok(["vpc", "create", "a", "--cidr", "10.0.0.0/16"], daemon)
        _ = try ok(["subnet", "create", "a1", "--vpc", "a", "--cidr", "10.0.1.0/24", "--az", "us-east-1a"], daemon)
        _ = try ok(["vpn", "customer-gateway", "create", "203.0.113.12", "--asn", "65000", "--name", "office"], daemon)
        let created = try ok(["vpn", "gateway", "create", "edge"], daemon)
        #expect(created.contains("pending"))
        let early = try runCLI(["vpn", "gateway", "attach", "edge", "a"], socket: daemon.socketPath)
        #expect(early.status == 1 && early.stderr.contains("IncorrectState"))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        _ = try ok(["vpn", "gateway", "attach", "edge", "a"], daemon)
        let connection = try ok(
            ["vpn", "connection", "create", "office", "--vpn-gateway", "edge", "--advertise", "192.168.0.0/16",
             "--name", "office-vpn"], daemon)
        #expect(connection.contains("UP"))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let vpc = try await client.send(VpcGet(vpc: "a"))

        let before = try runCLI(["reach", "a1", "onprem:192.168.1.10"], socket: daemon.socketPath)
        #expect(before.status == 4)
        #expect(before.stdout.contains("NO_ROUTE_PROPAGATION") && before.stdout.contains("enable-propagation"))
        _ = try ok(["route-table", "enable-propagation", vpc.mainRouteTableId, "edge"], daemon)
        let table = try ok(["route-table", "get", vpc.mainRouteTableId], daemon)
        #expect(table.contains("192.168.0.0/16") && table.contains("EnableVgwRoutePropagation"))
        let there = try runCLI(["reach", "a1", "onprem:192.168.1.10"], socket: daemon.socketPath)
        #expect(there.status == 0, "\(there.stdout) \(there.stderr)")
        #expect(try await client.send(ReachAnalyze(source: "onprem:192.168.1.10", destination: "a1")).reachable)

        _ = try ok(["vpn", "tunnel", "set-state", "office-vpn", "0", "DOWN"], daemon)
        _ = try ok(["vpn", "tunnel", "set-state", "office-vpn", "1", "DOWN"], daemon)
        let down = try await client.send(ReachAnalyze(source: "a1", destination: "onprem:192.168.1.10"))
        #expect(down.explanations.map(\.code) == [ReachExplanation.vpnTunnelsDown])
        let withdrawn = try await client.send(RouteTableGet(routeTable: vpc.mainRouteTableId))
        #expect(!withdrawn.routes.contains { $0.destinationCidrBlock == "192.168.0.0/16" })
        // netctl graph: the VGW on its VPC, the office as a folder, the connection red with both tunnels down.
        let graph = try ok(["graph"], daemon)
        let vgwId = try await client.send(VpnGatewayGet(vpnGateway: "edge")).vpnGatewayId
        #expect(graph.contains("\"\(vgwId)\" [label=\"edge\\n\(vgwId)\", shape=invtriangle]"), "\(graph)")
        #expect(graph.contains("\"\(vgwId)\" -- \"\(vpc.vpcId)\""), "\(graph)")
        #expect(graph.contains("shape=folder") && graph.contains("192.168.0.0/16"), "\(graph)")
        #expect(graph.contains("tunnels DOWN/DOWN\\nBGP\", fontsize=9, color=\"#c62828\""), "\(graph)")
        _ = try ok(["vpn", "tunnel", "set-state", "office-vpn", "1", "UP"], daemon)
        #expect(try await client.send(ReachAnalyze(source: "a1", destination: "onprem:192.168.1.10")).reachable)

        // Deleting waits for what uses a gateway.
        let inUse = try runCLI(["vpn", "customer-gateway", "delete", "office"], socket: daemon.socketPath)
        #expect(inUse.status == 1 && inUse.stderr.contains("IncorrectState"))
        let attached = try await client.send(VpnGatewayGet(vpnGateway: "edge"))
        _ = try ok(["vpn", "connection", "delete", "office-vpn"], daemon)
        _ = try ok(["vpn", "gateway", "detach", "edge", "a"], daemon)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        _ = try ok(["vpn", "gateway", "delete", "edge"], daemon)
        _ = try ok(["vpn", "customer-gateway", "delete", "office"], daemon)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try await client.send(VpnConnectionList()).vpnConnections.isEmpty)
        #expect(try await client.send(VpnGatewayList()).vpnGateways.isEmpty)

        // The watcher logs VPN changes under /netctl/transit, one stream per resource.
        var streams: [String] = []
        for _ in 0..<50 {
            streams = try await client.send(LogsStreams(group: "/netctl/transit")).logStreams.map(\.logStreamName)
            if streams.contains(attached.vpnGatewayId) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(streams.contains(attached.vpnGatewayId))
        await daemon.terminate()
    }
}
