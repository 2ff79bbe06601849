import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("Peering and reachability through the socket and the CLI")
struct PeeringTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("the A–B–C chain: a reaches b, not c, and the CLI says why with both peerings")
    func chain() async throws {
        let daemon = try await DaemonProcess.start()
        for (name, cidr) in [("a", "10.0.0.0/16"), ("b", "10.1.0.0/16"), ("c", "10.2.0.0/16")] {
            _ = try ok(["vpc", "create", name, "--cidr", cidr], daemon)
        }
        _ = try ok(["peer", "create", "a", "b", "--name", "a-b", "--accept"], daemon)
        _ = try ok(["peer", "create", "b", "c", "--name", "b-c", "--accept"], daemon)
        for (vpc, destination, peering) in [
            ("a", "10.1.0.0/16", "a-b"), ("b", "10.0.0.0/16", "a-b"), ("b", "10.2.0.0/16", "b-c"), ("c", "10.1.0.0/16", "b-c"),
        ] {
            _ = try ok(["route", "create", "--vpc", vpc, "--destination", destination, "--peering", peering], daemon)
        }
        let reachable = try runCLI(["reach", "a", "b"], socket: daemon.socketPath)
        #expect(reachable.status == 0, "\(reachable.stderr)")
        #expect(reachable.stdout.contains("can reach"))
        let ab = try await daemon.client.send(PeeringGet(peering: "a-b"))
        let bc = try await daemon.client.send(PeeringGet(peering: "b-c"))
        let blocked = try runCLI(["reach", "a", "c"], socket: daemon.socketPath)
        #expect(blocked.status == 4)
        #expect(blocked.stdout.contains("PEERING_NOT_TRANSITIVE"))
        #expect(blocked.stdout.contains(ab.peeringId) && blocked.stdout.contains(bc.peeringId))
        // Scripts get the same answer as JSON.
        let analysis = try await daemon.client.send(ReachAnalyze(source: "a", destination: "c"))
        #expect(!analysis.reachable)
        #expect(analysis.explanations.map(\.code).contains(ReachExplanation.peeringNotTransitive))
        let graph = try ok(["graph"], daemon)
        #expect(graph.hasPrefix("graph netctl {"))
        #expect(graph.contains(ab.peeringId) && graph.contains("active"))
        await daemon.terminate()
    }

    @Test("cross-account: only the accepter's account accepts; each side sees it; the requester's tags stay its own")
    func crossAccount() async throws {
        let daemon = try await DaemonProcess.start()
        let one = CallOptions(accountId: "111111111111")
        let two = CallOptions(accountId: "222222222222")
        let client = daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "mine"), options: one)
        let theirs = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "theirs"), options: two)
        let peering = try await client.send(
            PeeringCreate(
                requesterVpc: "mine", accepterVpc: theirs.vpcId, accepterAccountId: "222222222222", tags: ["team": "net"]),
            options: one)
        #expect(peering.status.code == PeeringStatus.pendingAcceptance)
        await #expect { try await client.send(PeeringAccept(peering: peering.peeringId), options: one) } throws: {
            ($0 as? ClientError).flatMap { if case .rpc(let e) = $0 { e.domainCode } else { nil } } == "InvalidStateTransition"
        }
        let seen = try await client.send(PeeringList(), options: two)
        #expect(seen.peerings.map(\.peeringId) == [peering.peeringId])
        #expect(seen.peerings[0].tags.isEmpty)
        let accepted = try await client.send(PeeringAccept(peering: peering.peeringId), options: two)
        #expect(accepted.status.code == PeeringStatus.active)
        // A third account cannot see it at all.
        await #expect { try await client.send(PeeringGet(peering: peering.peeringId), options: CallOptions(accountId: "333333333333")) } throws: {
            "\($0)".contains("InvalidVpcPeeringConnectionID.NotFound")
        }
        await daemon.terminate()
    }

    @Test("inter-region: accepted only in the accepter's region, MTU 1500")
    func interRegion() async throws {
        let daemon = try await DaemonProcess.start()
        let west = CallOptions(region: "eu-west-1")
        let client = daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "east"))
        let far = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "west"), options: west)
        let peering = try await client.send(PeeringCreate(requesterVpc: "east", accepterVpc: far.vpcId, accepterRegion: "eu-west-1"))
        #expect(peering.mtu == 1500)
        await #expect { try await client.send(PeeringAccept(peering: peering.peeringId)) } throws: {
            "\($0)".contains("OperationNotPermitted") && "\($0)".contains("eu-west-1")
        }
        #expect(try await client.send(PeeringAccept(peering: peering.peeringId), options: west).status.code == "active")
        await daemon.terminate()
    }

    @Test("pending requests expire after 7 days on the daemon's clock, routes blackhole, and the peering leaves listings")
    func expiry() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        _ = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        let peering = try await client.send(PeeringCreate(requesterVpc: "a", accepterVpc: "b"))
        let table = try await client.send(VpcGet(vpc: "a")).mainRouteTableId
        let routed = try await client.send(
            RouteCreate(routeTable: table, destinationCidrBlock: "10.1.0.0/16", peering: peering.peeringId))
        #expect(routed.routes.last?.state == .blackhole)
        _ = try await client.send(DebugClockAdvance(seconds: 7 * 24 * 3600 - 60))
        #expect(try await client.send(PeeringGet(peering: peering.peeringId)).status.code == "pending-acceptance")
        _ = try await client.send(DebugClockAdvance(seconds: 61))
        #expect(try await client.send(PeeringGet(peering: peering.peeringId)).status.code == "expired")
        await #expect { try await client.send(PeeringAccept(peering: peering.peeringId)) } throws: {
            "\($0)".contains("InvalidStateTransition")
        }
        // Expired peerings stay visible for 2 days, then leave; the state survives a restart in between.
        await daemon.terminate()
        try await daemon.start()
        _ = try await client.send(DebugClockAdvance(seconds: 2 * 24 * 3600 + 60))
        let list = try await client.send(PeeringList())
        #expect(list.peerings.isEmpty)
        #expect(try await client.send(RouteTableGet(routeTable: table)).routes.last?.state == .blackhole)
        await daemon.terminate()
    }

    @Test("peerings survive a restart; peering.list {vpc} finds them from either side")
    func persistence() async throws {
        let daemon = try await DaemonProcess.start()
        let client = daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        _ = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/24", name: "clash"))
        let peering = try await client.send(PeeringCreate(requesterVpc: "a", accepterVpc: "b"))
        let failed = try await client.send(PeeringCreate(requesterVpc: "a", accepterVpc: "clash"))
        #expect(failed.status.code == "failed")
        #expect(failed.status.message.contains("10.0.0.0/16") && failed.status.message.contains("10.0.0.0/24"))
        await #expect { try await client.send(PeeringCreate(requesterVpc: "b", accepterVpc: "a")) } throws: {
            "\($0)".contains("VpcPeeringConnectionAlreadyExists")
        }
        await daemon.terminate()
        try await daemon.start()
        #expect(try await client.send(PeeringList(vpc: "b")).peerings.map(\.peeringId) == [peering.peeringId])
        #expect(try await client.send(PeeringList(vpc: "a")).peerings.count == 2)
        #expect(try await client.send(PeeringList(status: "failed")).peerings.map(\.peeringId) == [failed.peeringId])
        await #expect { try await client.send(VpcDelete(vpc: "b")) } throws: { "\($0)".contains("DependencyViolation") }
        await daemon.terminate()
    }

    @Test("netctl peer mesh: a full mesh of 5 with routes, and everyone reaches everyone")
    func mesh() async throws {
        let daemon = try await DaemonProcess.start()
        let names = ["m1", "m2", "m3", "m4", "m5"]
        for (index, name) in names.enumerated() {
            _ = try ok(["vpc", "create", name, "--cidr", "10.\(index).0.0/16"], daemon)
        }
        let plan = try await daemon.client.send(PeeringMesh(vpcs: names, routes: true, dryRun: true))
        #expect(plan.required == 10 && plan.existing == 0 && plan.dryRun)
        let output = try ok(["peer", "mesh"] + names + ["--routes"], daemon)
        #expect(output.contains("10 created"))
        for source in names {
            for destination in names where destination != source {
                #expect(try runCLI(["reach", source, destination], socket: daemon.socketPath).status == 0)
            }
        }
        let again = try await daemon.client.send(PeeringMesh(vpcs: names, routes: true))
        #expect(again.created == 0 && again.existing == 10 && again.routesAdded == 0)
        await daemon.terminate()
    }

    @Test("a mesh that would break a quota names it and changes nothing")
    func meshQuota() async throws {
        let daemon = try await DaemonProcess.start(["--quota", "activePeeringsPerVpc=3"])
        let names = ["m1", "m2", "m3", "m4", "m5"]
        for (index, name) in names.enumerated() {
            _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.\(index).0.0/16", name: name))
        }
        let refused = try runCLI(["peer", "mesh"] + names, socket: daemon.socketPath)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("ActiveVpcPeeringConnectionPerVpcLimitExceeded"))
        #expect(refused.stderr.contains("activePeeringsPerVpc"))
        #expect(try await daemon.client.send(PeeringList()).peerings.isEmpty)
        await daemon.terminate()
    }
}
