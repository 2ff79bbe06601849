import NetctlAPI
import Testing

@testable import NetctlCore

/// `reach.matrix` caches what pairs share; these topologies check that the caching never changes an
/// answer: every pair is exactly what `reach.analyze` says about it, verdict and first explanation.
@Suite("reach.matrix agrees with reach.analyze")
struct ReachMatrixPropertyTests {
    static let traffics: [(String, Int?)] = [("tcp", 5432), ("tcp", 22), ("udp", 53), ("icmp", nil), ("-1", nil)]

    @Test("on random topologies every pair of every matrix is reach.analyze's reachable and first explanation")
    func agrees() throws {
        var seen: [String: Int] = [:]
        var mismatches: [String] = []
        for seed in UInt64(1)...24 {
            var random = SeededRandom(seed: seed)
            let world = try Self.topology(&random)
            let vpcs = world.f.state.vpcs.inScope(testScope).map(\.vpcId)
            let instances = world.f.state.instances.inScope(testScope).map(\.instanceId)
            let subnets = world.f.state.subnets.inScope(testScope).map(\.subnetId)
            for _ in 0..<2 {
                let (proto, port) = Self.traffics.randomElement(using: &random)!
                var requests = [
                    ReachMatrix(instances: instances, protocol: proto, port: port),
                    ReachMatrix(subnets: subnets, protocol: proto, port: port),
                ]
                requests += vpcs.map { ReachMatrix(vpc: $0, protocol: proto, port: port) }
                for request in requests {
                    let matrix = try world.f.state.reachMatrix(request, world.f.query())
                    #expect(matrix.pairs.count == matrix.endpoints.count * (matrix.endpoints.count - 1))
                    for pair in matrix.pairs {
                        let analysis = try world.f.state.analyzeReach(
                            ReachAnalyze(source: pair.source, destination: pair.destination, port: port, protocol: proto),
                            world.f.query())
                        seen[pair.reachable ? "reachable" : pair.explanation?.code ?? "unexplained", default: 0] += 1
                        if pair.reachable != analysis.reachable || pair.explanation != analysis.explanations.first {
                            mismatches.append(
                                "seed \(seed) \(proto) \(port.map(String.init) ?? "-") \(pair.source) → "
                                    + "\(pair.destination): matrix \(pair.reachable) \(pair.explanation?.code ?? "-"), "
                                    + "analyze \(analysis.reachable) \(analysis.codes)")
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) pairs differ: \(mismatches.prefix(5).joined(separator: "; "))")
        // The topologies are varied enough to mean something: both verdicts, routes and each layer.
        for kind in [
            "reachable", ReachExplanation.securityGroupDeniesIngress, ReachExplanation.noRouteToDestination,
            ReachExplanation.naclDeniesInbound, ReachExplanation.naclDeniesOutbound, ReachExplanation.naclDeniesReturn,
            ReachExplanation.securityGroupDeniesEgress,
        ] {
            #expect(seen[kind, default: 0] > 0, "no pair was \(kind): \(seen)")
        }
    }

    @Test("with a hub added to the random topologies, every pair still agrees, zones included")
    func agreesThroughHubs() throws {
        var seen: [String: Int] = [:]
        var mismatches: [String] = []
        for seed in UInt64(1)...16 {
            var random = SeededRandom(seed: seed)
            var world = try Self.topology(&random)
            try Self.addHub(&world, &random)
            let instances = world.f.state.instances.inScope(testScope).map(\.instanceId)
            let subnets = world.f.state.subnets.inScope(testScope).map(\.subnetId)
            let (proto, port) = Self.traffics.randomElement(using: &random)!
            for request in [
                ReachMatrix(instances: instances, protocol: proto, port: port),
                ReachMatrix(subnets: subnets, protocol: proto, port: port),
            ] {
                let matrix = try world.f.state.reachMatrix(request, world.f.query())
                for pair in matrix.pairs {
                    let analysis = try world.f.state.analyzeReach(
                        ReachAnalyze(source: pair.source, destination: pair.destination, port: port, protocol: proto),
                        world.f.query())
                    seen[pair.reachable ? "reachable" : pair.explanation?.code ?? "unexplained", default: 0] += 1
                    if analysis.path.contains(where: { $0.component == "transitGatewayRouteTable" }) {
                        seen["through a hub", default: 0] += 1
                    }
                    if pair.reachable != analysis.reachable || pair.explanation != analysis.explanations.first {
                        mismatches.append(
                            "seed \(seed) \(pair.source) → \(pair.destination): matrix \(pair.reachable) "
                                + "\(pair.explanation?.code ?? "-"), analyze \(analysis.reachable) \(analysis.codes)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) pairs differ: \(mismatches.prefix(5).joined(separator: "; "))")
        for kind in ["reachable", "through a hub", ReachExplanation.tgwNoAttachmentInAz] {
            #expect(seen[kind, default: 0] > 0, "no pair was \(kind): \(seen)")
        }
    }

    /// A hub every VPC attaches to through one us-east-1a subnet, a us-east-1b subnet with an instance
    /// in each VPC (outside the attachment's zones), routes to the hub for the other VPCs' CIDRs where
    /// no peering route holds them, and now and then a blackhole or a missing association.
    static func addHub(_ world: inout World, _ random: inout SeededRandom) throws {
        let vpcs = world.f.state.vpcs.inScope(testScope)
        for (v, vpc) in vpcs.enumerated() {
            let outside = try world.f.subnet(vpc.vpcId, "10.\(v).9.0/24", zone: "us-east-1b", name: "v\(v)b")
            _ = try world.f.run { s, c throws(NetctlError) in try s.runInstances(InstanceRun(subnet: outside.subnetId), &c) }
        }
        let hub = try world.f.hub("hub")
        for vpc in vpcs {
            let inside = world.f.state.subnets.children(of: vpc.vpcId).filter { $0.availabilityZone != "us-east-1b" }
            guard let subnet = inside.randomElement(using: &random) else { continue }
            try world.f.attach("hub", vpc.vpcId, [subnet.subnetId], available: false)
        }
        try world.f.advance()
        for (v, vpc) in vpcs.enumerated() {
            for table in world.f.state.routeTables.children(of: vpc.vpcId) {
                for (w, _) in vpcs.enumerated() where w != v && Double.random(in: 0..<1, using: &random) < 0.8 {
                    _ = try? world.f.tgwRoute(table.routeTableId, "10.\(w).0.0/16", hub: "hub")
                }
            }
        }
        let table = try #require(hub.defaultRouteTableId)
        if Double.random(in: 0..<1, using: &random) < 0.4 {
            try world.f.hubRoute(table, "10.\(Int.random(in: 0..<vpcs.count, using: &random)).1.0/24", blackhole: true)
        }
        if Double.random(in: 0..<1, using: &random) < 0.3,
            let attachment = world.f.state.transitGatewayAttachments.children(of: hub.transitGatewayId).randomElement(using: &random)
        {
            try world.f.run { s, c throws(NetctlError) in
                try s.disassociateTransitGatewayRouteTable(
                    TransitGatewayRouteTableDisassociate(routeTable: table, attachment: attachment.attachmentId), &c)
            }
        }
    }

    struct World {
        var f = Fixture()
    }

    /// VPCs 10.i.0.0/16 with /24 subnets, some with a table of their own; peerings, some accepted, with
    /// routes that may or may not lead anywhere; groups with random rules; ACLs with random entries;
    /// instances in every subnet with random groups.
    static func topology(_ random: inout SeededRandom) throws -> World {
        var world = World()
        let vpcCount = Int.random(in: 2...3, using: &random)
        var vpcs: [Vpc] = []
        var subnetsByVpc: [[Subnet]] = []
        var tablesByVpc: [[String]] = []
        var groupsByVpc: [[String]] = []
        for v in 0..<vpcCount {
            let vpc = try world.f.vpc("10.\(v).0.0/16", name: "v\(v)")
            vpcs.append(vpc)
            var subnets: [Subnet] = []
            for s in 0..<Int.random(in: 1...3, using: &random) {
                subnets.append(try world.f.subnet(vpc.vpcId, "10.\(v).\(s).0/24", name: "v\(v)s\(s)"))
            }
            subnetsByVpc.append(subnets)
            var tables = [vpc.mainRouteTableId]
            if Bool.random(using: &random) {
                let table = try world.f.routeTable(vpc.vpcId)
                try world.f.associate(table.routeTableId, subnets.randomElement(using: &random)!.subnetId)
                tables.append(table.routeTableId)
            }
            tablesByVpc.append(tables)
            var groups: [String] = []
            for g in 0..<2 { groups.append(try world.f.securityGroup(vpc.vpcId, "g\(g)").groupId) }
            groupsByVpc.append(groups)
        }
        // Peerings and routes over them: to the peer's whole CIDR, one of its subnets, or (not
        // transitive) a third VPC's.
        for a in 0..<vpcCount {
            for b in (a + 1)..<vpcCount where Double.random(in: 0..<1, using: &random) < 0.7 {
                let peering = try world.f.createPeering(vpcs[a].vpcId, vpcs[b].vpcId)
                if Double.random(in: 0..<1, using: &random) < 0.8 { try world.f.acceptPeering(peering.peeringId) }
                for (from, to) in [(a, b), (b, a)] {
                    for table in tablesByVpc[from] where Double.random(in: 0..<1, using: &random) < 0.75 {
                        let target = Int.random(in: 0..<(vpcCount + 1), using: &random)
                        let destination =
                            target == vpcCount
                            ? "10.\(to).\(Int.random(in: 0...2, using: &random)).0/24"
                            : target == from ? "10.\(to).0.0/16" : "10.\(target).0.0/16"
                        _ = try? world.f.peeringRoute(table, destination, peering: peering.peeringId)
                    }
                }
            }
        }
        let cidrs = ["0.0.0.0/0"] + (0..<vpcCount).flatMap { ["10.\($0).0.0/16", "10.\($0).1.0/24"] }
        let ports: [ClosedRange<Int>] = [22...22, 5432...5432, 53...53, 0...65535, 1000...6000, 1024...65535]
        for v in 0..<vpcCount {
            let referencable = groupsByVpc[v] + [world.f.state.defaultSecurityGroup(ofVpc: vpcs[v].vpcId)!.groupId]
            func permission() -> SecurityGroupPermission {
                let proto = ["tcp", "udp", "icmp", "-1"].randomElement(using: &random)!
                let range = ports.randomElement(using: &random)!
                let (from, to): (Int?, Int?) =
                    proto == "tcp" || proto == "udp" ? (range.lowerBound, range.upperBound) : proto == "icmp" ? (-1, -1) : (nil, nil)
                if Bool.random(using: &random) {
                    return SecurityGroupPermission(
                        protocol: proto, fromPort: from, toPort: to, referencedGroupId: referencable.randomElement(using: &random)!)
                }
                return SecurityGroupPermission(
                    protocol: proto, fromPort: from, toPort: to, cidrIpv4: cidrs.randomElement(using: &random)!)
            }
            for group in groupsByVpc[v] {
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    _ = try? world.f.authorize(group, .ingress, [permission()])
                }
                if Double.random(in: 0..<1, using: &random) < 0.35 {
                    _ = try world.f.revoke(group, .egress, [SecurityGroupPermission(protocol: "-1", cidrIpv4: "0.0.0.0/0")])
                    for _ in 0..<Int.random(in: 0...2, using: &random) {
                        _ = try? world.f.authorize(group, .egress, [permission()])
                    }
                }
            }
            // An ACL of random entries on one subnet, now and then.
            if Double.random(in: 0..<1, using: &random) < 0.6 {
                let acl = try world.f.run { s, c throws(NetctlError) in
                    try s.createNetworkAcl(NetworkAclCreate(vpc: vpcs[v].vpcId), &c)
                }
                var numbers = Set<Int>()
                for _ in 0..<Int.random(in: 1...5, using: &random) {
                    let number = Int.random(in: 1...200, using: &random)
                    let egress = Bool.random(using: &random)
                    guard numbers.insert(number * 2 + (egress ? 1 : 0)).inserted else { continue }
                    let proto = ["tcp", "udp", "-1"].randomElement(using: &random)!
                    let range = ports.randomElement(using: &random)!
                    let entry = NetworkAclCreateEntry(
                        networkAcl: acl.networkAclId, ruleNumber: number, egress: egress, protocol: proto,
                        ruleAction: Double.random(in: 0..<1, using: &random) < 0.75 ? "allow" : "deny",
                        cidrBlock: cidrs.randomElement(using: &random)!, fromPort: proto == "-1" ? nil : range.lowerBound,
                        toPort: proto == "-1" ? nil : range.upperBound)
                    _ = try world.f.run { s, c throws(NetctlError) in try s.createNetworkAclEntry(entry, &c) }
                }
                let subnet = subnetsByVpc[v].randomElement(using: &random)!.subnetId
                _ = try world.f.run { s, c throws(NetctlError) in
                    try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: acl.networkAclId, subnet: subnet), &c)
                }
            }
            for subnet in subnetsByVpc[v] {
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    let groups = groupsByVpc[v].filter { _ in Bool.random(using: &random) }
                    _ = try world.f.run { s, c throws(NetctlError) in
                        try s.runInstances(
                            InstanceRun(subnet: subnet.subnetId, securityGroups: groups.isEmpty ? nil : groups), &c)
                    }
                }
            }
        }
        return world
    }
}
