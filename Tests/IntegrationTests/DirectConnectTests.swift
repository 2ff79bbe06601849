import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("Direct Connect gateways through the socket and the CLI")
struct DirectConnectTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("a data centre behind a DX gateway on a hub: propagation, the allowed-prefix filter in reach, the store and the logs")
    func dataCentre() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try ok(["vpc", "create", "a", "--cidr", "10.0.0.0/16"], daemon)
        _ = try ok(["subnet", "create", "a1", "--vpc", "a", "--cidr", "10.0.1.0/24", "--az", "us-east-1a"], daemon)
        _ = try ok(["tgw", "create", "hub"], daemon)
        let created = try ok(["dx", "gateway", "create", "dc", "--onprem", "172.16.0.0/12"], daemon)
        #expect(created.contains("pending"))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        _ = try ok(["tgw", "attach", "hub", "a", "--subnet", "a1"], daemon)
        let narrow = try ok(["dx", "gateway", "associate", "dc", "--transit-gateway", "hub", "--allowed-prefix", "10.9.0.0/16"], daemon)
        #expect(narrow.contains("10.9.0.0/16"))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let vpc = try await client.send(VpcGet(vpc: "a"))
        _ = try ok(["route", "create", vpc.mainRouteTableId, "--destination", "172.16.0.0/12", "--transit-gateway", "hub"], daemon)
        let hub = try await client.send(TransitGatewayGet(tgw: "hub"))
        let routes = try await client.send(TransitGatewayRouteSearch(routeTable: hub.defaultRouteTableId ?? ""))
        #expect(routes.routes.contains { $0.destinationCidrBlock == "172.16.0.0/12" && $0.attachments.first?.resourceType == "direct-connect-gateway" })

        let refused = try runCLI(["reach", "onprem:172.16.1.1", "a1"], socket: daemon.socketPath)
        #expect(refused.status == 4)
        #expect(refused.stdout.contains("DX_PREFIX_NOT_ALLOWED"), "\(refused.stdout)")
        _ = try ok(["dx", "gateway", "disassociate", "dc", "--transit-gateway", "hub"], daemon)
        _ = try ok(["dx", "gateway", "associate", "dc", "--transit-gateway", "hub", "--allowed-prefix", "10.0.0.0/16"], daemon)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let there = try runCLI(["reach", "onprem:172.16.1.1", "a1"], socket: daemon.socketPath)
        #expect(there.status == 0, "\(there.stdout) \(there.stderr)")
        #expect(try await client.send(ReachAnalyze(source: "a1", destination: "onprem:172.16.1.1")).reachable)

        let inUse = try runCLI(["dx", "gateway", "delete", "dc"], socket: daemon.socketPath)
        #expect(inUse.status == 1 && inUse.stderr.contains("DependencyViolation"))
        let listed = try ok(["--output", "json", "dx", "gateway", "list", "--transit-gateway", "hub"], daemon)
        #expect(listed.contains("\"dxGateways\""))
        let gateway = try await client.send(DxGatewayGet(dxGateway: "dc"))
        #expect(gateway.associations.count == 1)
        #expect(try ok(["dx", "gateway", "get", gateway.dxGatewayId], daemon).contains("10.0.0.0/16"))
        // netctl graph: the gateway as a folder of its on-premises CIDRs, joined to the hub by its attachment.
        let graph = try ok(["graph"], daemon)
        #expect(graph.contains("\"\(gateway.dxGatewayId)\" [label=\"Direct Connect dc\\n\(gateway.dxGatewayId)\\n172.16.0.0/12\""), "\(graph)")
        let hubId = try await client.send(TransitGatewayGet(tgw: "hub")).transitGatewayId
        #expect(graph.contains("\"\(hubId)\" -- \"\(gateway.dxGatewayId)\""), "\(graph)")

        // The watcher logs DX gateway changes under /netctl/transit, one stream per gateway.
        var streams: [String] = []
        for _ in 0..<50 {
            streams = try await client.send(LogsStreams(group: "/netctl/transit")).logStreams.map(\.logStreamName)
            if streams.contains(gateway.dxGatewayId) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(streams.contains(gateway.dxGatewayId))

        // It survives a restart, associations and all.
        #expect(await daemon.terminate() == 0)
        try await daemon.start()
        let reloaded = try await daemon.client.send(DxGatewayGet(dxGateway: "dc"))
        #expect(reloaded == gateway)
        await daemon.terminate()
    }
}
