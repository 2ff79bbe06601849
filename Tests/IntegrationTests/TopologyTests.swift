import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("The topology planner through the socket and the CLI")
struct TopologyIntegrationTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("plan a 4-VPC mesh, dry-run and then migrate it onto a hub, peerings deleted, reach kept")
    func planAndMigrate() async throws {
        let daemon = try await DaemonProcess.start(["--quota", "vpcsPerRegion=10"])
        let client = daemon.client
        let names = ["a", "b", "c", "d"]
        for (index, name) in names.enumerated() {
            _ = try ok(["vpc", "create", name, "--cidr", "10.\(index).0.0/16"], daemon)
            _ = try ok(["subnet", "create", "\(name)1", "--vpc", name, "--cidr", "10.\(index).1.0/24"], daemon)
        }
        _ = try ok(["peer", "mesh"] + names + ["--routes"], daemon)

        let plan = try ok(["topology", "plan"] + names, daemon)
        #expect(plan.contains("6 peerings (6 active now)") && plan.contains("4 attachments"))
        #expect(plan.contains("activePeeringsPerVpc") && plan.contains("No two of the 4 VPCs overlap"))
        let typed = try await client.send(TopologyPlan(vpcs: names))
        #expect(typed.mesh.peerings == 6 && typed.hub.failurePoints == 5 && typed.mesh.routesPerTable == 3)

        let dry = try ok(["topology", "migrate"] + names + ["--delete-peerings", "--dry-run"], daemon)
        #expect(dry.contains("dry run, nothing changed"))
        #expect(try await client.send(TransitGatewayList()).transitGateways.isEmpty)

        let moved = try ok(["topology", "migrate"] + names + ["--delete-peerings"], daemon)
        #expect(moved.contains("createHub") && moved.contains("deletePeering") && moved.contains("verify"))
        #expect(moved.contains("12 routes moved to the hub, 6 of 6 peerings deleted"))
        #expect(moved.contains("reachable pairs 12 before, 12 after"))
        let hubs = try await client.send(TransitGatewayList()).transitGateways
        #expect(hubs.count == 1 && hubs.first?.state == TransitGateway.available)
        #expect(try await client.send(PeeringList(status: PeeringStatus.active)).peerings.isEmpty)
        let reach = try runCLI(["reach", "a1", "d1"], socket: daemon.socketPath)
        #expect(reach.status == 0, "\(reach.stdout) \(reach.stderr)")

        // A second migration over the same hub has nothing left to move, and says so in JSON.
        let again = try await client.send(
            TopologyMigrate(vpcs: names, tgw: try #require(hubs.first?.transitGatewayId), deletePeerings: true))
        #expect(!again.hubCreated && again.attachmentsCreated == 0 && again.routesReplaced == 0)
        #expect(again.reachableBefore == 12 && again.reachableAfter == 12)

        let refused = try runCLI(["topology", "migrate", "a", "a"], socket: daemon.socketPath)
        #expect(refused.status == 1 && refused.stderr.contains("InvalidParameterValue"))
        await daemon.terminate()
    }
}
