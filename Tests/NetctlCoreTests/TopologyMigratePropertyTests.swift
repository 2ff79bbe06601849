import NetctlAPI
import Testing

@testable import NetctlCore

/// `topology.migrate` on random meshes: whatever the mesh (partial, some peerings pending, routes to
/// a peer's whole CIDR or one of its subnets, extra route tables, subnets in several zones,
/// instances), reach between every pair of subnets and every pair of instances is the same after the
/// migration as before, and the peerings are gone.
@Suite("topology.migrate preserves reach.matrix")
struct TopologyMigratePropertyTests {
    @Test("on random meshes every pair of subnets and of instances keeps its verdict")
    func preservesReach() throws {
        var migrated = 0
        var reachablePairs = 0
        for seed in UInt64(1)...20 {
            var random = SeededRandom(seed: seed)
            var f = try Self.mesh(&random)
            let subnets = f.state.subnets.inScope(testScope).map(\.subnetId)
            let instances = f.state.instances.inScope(testScope).map(\.instanceId)
            let names = f.state.vpcs.inScope(testScope).map(\.vpcId)
            let before = try Self.matrices(f, subnets: subnets, instances: instances)
            let report = try f.migrate(TopologyMigrate(vpcs: names, deletePeerings: true))
            let after = try Self.matrices(f, subnets: subnets, instances: instances)
            #expect(after == before, "seed \(seed): reach changed")
            #expect(report.reachableAfter == report.reachableBefore, "seed \(seed)")
            for vpc in names {
                let peers = f.state.activePeerings(of: vpc).filter { names.contains($0.requester.vpcId) && names.contains($0.accepter.vpcId) }
                #expect(peers.isEmpty, "seed \(seed): \(vpc) still has mesh peerings")
            }
            migrated += 1
            reachablePairs += before.values.count { $0 }
        }
        #expect(migrated == 20)
        // The meshes are not trivial: many pairs were reachable, through the peerings.
        #expect(reachablePairs > 100, "only \(reachablePairs) reachable pairs over all seeds")
    }

    /// Every ordered pair of the subnets, then of the instances, with its verdict.
    static func matrices(_ f: Fixture, subnets: [String], instances: [String]) throws -> [String: Bool] {
        var verdicts: [String: Bool] = [:]
        for request in [ReachMatrix(subnets: subnets), ReachMatrix(instances: instances, protocol: "icmp")] {
            for pair in try f.state.reachMatrix(request, f.query()).pairs {
                verdicts["\(pair.source)>\(pair.destination)"] = pair.reachable
            }
        }
        return verdicts
    }

    /// 2 to 5 VPCs 10.i.0.0/16 with 1 to 3 subnets in random zones, sometimes a second route table;
    /// peerings between most pairs, most accepted; routes over them in random tables to the peer's
    /// CIDR or one of its subnets; an instance per subnet in a group that admits icmp from 10/8.
    static func mesh(_ random: inout SeededRandom) throws -> Fixture {
        var f = Fixture(quotas: Quotas([.vpcsPerRegion: 10]))
        let count = Int.random(in: 2...5, using: &random)
        var vpcs: [Vpc] = []
        var tables: [[String]] = []
        var subnetsByVpc: [[Subnet]] = []
        for v in 0..<count {
            let vpc = try f.vpc("10.\(v).0.0/16", name: "v\(v)")
            vpcs.append(vpc)
            var subnets: [Subnet] = []
            for s in 0..<Int.random(in: 1...3, using: &random) {
                let zone = ["us-east-1a", "us-east-1b", "us-east-1c"].randomElement(using: &random)!
                subnets.append(try f.subnet(vpc.vpcId, "10.\(v).\(s).0/24", zone: zone, name: "v\(v)s\(s)"))
            }
            subnetsByVpc.append(subnets)
            var own = [vpc.mainRouteTableId]
            if Bool.random(using: &random) {
                let table = try f.routeTable(vpc.vpcId)
                try f.associate(table.routeTableId, subnets.randomElement(using: &random)!.subnetId)
                own.append(table.routeTableId)
            }
            tables.append(own)
            let group = try f.securityGroup(vpc.vpcId, "icmp")
            _ = try f.authorize(
                group.groupId, .ingress,
                [SecurityGroupPermission(protocol: "icmp", fromPort: -1, toPort: -1, cidrIpv4: "10.0.0.0/8")])
            for subnet in subnets {
                _ = try f.run { s, c throws(NetctlError) in
                    try s.runInstances(InstanceRun(subnet: subnet.subnetId, securityGroups: [group.groupId]), &c)
                }
            }
        }
        for a in 0..<count {
            for b in (a + 1)..<count where Double.random(in: 0..<1, using: &random) < 0.85 {
                let peering = try f.createPeering(vpcs[a].vpcId, vpcs[b].vpcId)
                if Double.random(in: 0..<1, using: &random) < 0.85 { try f.acceptPeering(peering.peeringId) }
                for (from, to) in [(a, b), (b, a)] {
                    for table in tables[from] where Double.random(in: 0..<1, using: &random) < 0.8 {
                        let destination =
                            Bool.random(using: &random)
                            ? "10.\(to).0.0/16" : subnetsByVpc[to].randomElement(using: &random)!.cidrBlock
                        _ = try? f.peeringRoute(table, destination, peering: peering.peeringId)
                    }
                }
            }
        }
        return f
    }
}
