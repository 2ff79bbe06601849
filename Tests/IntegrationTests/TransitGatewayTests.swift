import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("Transit gateways through the socket and the CLI")
struct TransitGatewayTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("two VPCs over a hub: attach, route, reach, an AZ that is not covered, and the hub's logs")
    func hub() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        for (name, cidr) in [("a", "10.0.0.0/16"), ("b", "10.1.0.0/16")] {
            _ = try ok(["vpc", "create", name, "--cidr", cidr], daemon)
        }
        _ = try ok(["subnet", "create", "a1", "--vpc", "a", "--cidr", "10.0.1.0/24", "--az", "us-east-1a"], daemon)
        _ = try ok(["subnet", "create", "a2", "--vpc", "a", "--cidr", "10.0.2.0/24", "--az", "us-east-1b"], daemon)
        _ = try ok(["subnet", "create", "b1", "--vpc", "b", "--cidr", "10.1.1.0/24", "--az", "us-east-1a"], daemon)
        let created = try ok(["tgw", "create", "hub"], daemon)
        #expect(created.contains("pending"))
        let early = try runCLI(["tgw", "attach", "hub", "a", "--subnet", "a1"], socket: daemon.socketPath)
        #expect(early.status == 1)
        #expect(early.stderr.contains("IncorrectState"))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try await client.send(TransitGatewayGet(tgw: "hub")).state == TransitGateway.available)
        _ = try ok(["tgw", "attach", "hub", "a", "--subnet", "a1", "--name", "a-att"], daemon)
        _ = try ok(["tgw", "attach", "hub", "b", "--subnet", "b1", "--name", "b-att"], daemon)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let listed = try ok(["tgw", "attachment", "list", "--tgw", "hub"], daemon)
        #expect(listed.contains("available") && !listed.contains("pending"))
        _ = try ok(["route", "create", "--vpc", "a", "--destination", "10.1.0.0/16", "--transit-gateway", "hub"], daemon)
        _ = try ok(["route", "create", "--vpc", "b", "--destination", "10.0.0.0/16", "--transit-gateway", "hub"], daemon)

        let hub = try await client.send(TransitGatewayGet(tgw: "hub"))
        let table = try #require(hub.defaultRouteTableId)
        let routes = try ok(["tgw", "route", "search", table], daemon)
        #expect(routes.contains("10.0.0.0/16") && routes.contains("10.1.0.0/16") && routes.contains("propagated"))

        // netctl graph: the hub as a hexagon, an edge per attachment naming it and its table.
        let graph = try ok(["graph"], daemon)
        #expect(graph.contains("\"\(hub.transitGatewayId)\" [label=\"hub\\n\(hub.transitGatewayId)\\nASN 64512\", shape=hexagon"))
        let vpcA = try await client.send(VpcGet(vpc: "a")).vpcId
        let attachmentA = try await client.send(TransitGatewayAttachmentGet(attachment: "a-att")).attachmentId
        #expect(
            graph.contains(
                "\"\(hub.transitGatewayId)\" -- \"\(vpcA)\" [label=\"\(attachmentA)\\navailable\\n\(table)\""),
            "\(graph)")

        let reachable = try runCLI(["reach", "a1", "b1"], socket: daemon.socketPath)
        #expect(reachable.status == 0, "\(reachable.stdout) \(reachable.stderr)")
        let blocked = try runCLI(["reach", "a2", "b1"], socket: daemon.socketPath)
        #expect(blocked.status == 4)
        #expect(blocked.stdout.contains("TGW_NO_ATTACHMENT_IN_AZ") && blocked.stdout.contains("us-east-1b"))

        _ = try ok(["tgw", "route", "add", table, "--destination", "10.1.1.0/24", "--blackhole"], daemon)
        let analysis = try await client.send(ReachAnalyze(source: "a1", destination: "b1"))
        #expect(analysis.explanations.map(\.code) == [ReachExplanation.tgwRouteBlackhole])
        _ = try ok(["tgw", "route", "delete", table, "10.1.1.0/24"], daemon)
        #expect(try await client.send(ReachAnalyze(source: "a1", destination: "b1")).reachable)

        // Deleting the hub waits for its attachments.
        let refused = try runCLI(["tgw", "delete", "hub"], socket: daemon.socketPath)
        #expect(refused.status == 1 && refused.stderr.contains("DependencyViolation"))
        _ = try ok(["tgw", "attachment", "delete", "a-att"], daemon)
        _ = try ok(["tgw", "attachment", "delete", "b-att"], daemon)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        _ = try ok(["tgw", "delete", "hub"], daemon)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try await client.send(TransitGatewayList()).transitGateways.isEmpty)

        // The watcher logs every change under /netctl/transit, one stream per resource.
        var streams: [String] = []
        for _ in 0..<50 {
            streams = try await client.send(LogsStreams(group: "/netctl/transit")).logStreams.map(\.logStreamName)
            if streams.contains(hub.transitGatewayId) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(streams.contains(hub.transitGatewayId))
        #expect(streams.contains(table))
        await daemon.terminate()
    }
}
