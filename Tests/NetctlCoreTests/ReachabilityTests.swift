import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    /// `reach.analyze` as `scope` (default: the fixture's), now.
    func reach(_ source: String, _ destination: String, as scope: Scope? = nil) throws(NetctlError) -> ReachAnalysis {
        try state.analyzeReach(ReachAnalyze(source: source, destination: destination), query(as: scope))
    }

    /// A same-account peering from `a` to `b`, accepted.
    @discardableResult
    mutating func activePeering(_ a: String, _ b: String) throws(NetctlError) -> Peering {
        let created = try createPeering(a, b)
        return try acceptPeering(created.peeringId)
    }

    /// The main route table of a VPC named `name` in the fixture's scope.
    func mainTable(_ name: String) throws -> String { try state.vpc(name, in: scope).mainRouteTableId }
}

extension ReachAnalysis {
    var codes: [String] { explanations.map(\.code) }

    /// The peerings the forward path crosses, in order.
    var peeringsCrossed: [String] { path.filter { $0.component == "peering" }.map(\.id) }

    func explanation(_ code: String) -> ReachExplanation? { explanations.first { $0.code == code } }
}

@Suite("Reachability")
struct ReachabilityTests {
    /// a (10.1/16) – b (10.2/16) – c (10.3/16), one account, routes both ways on each peering.
    struct Chain {
        var f = Fixture()
        var ab: Peering
        var bc: Peering

        init() throws {
            try f.vpc("10.1.0.0/16", name: "a")
            try f.vpc("10.2.0.0/16", name: "b")
            try f.vpc("10.3.0.0/16", name: "c")
            ab = try f.activePeering("a", "b")
            bc = try f.activePeering("b", "c")
            try f.peeringRoute(f.mainTable("a"), "10.2.0.0/16", peering: ab.peeringId)
            try f.peeringRoute(f.mainTable("b"), "10.1.0.0/16", peering: ab.peeringId)
            try f.peeringRoute(f.mainTable("b"), "10.3.0.0/16", peering: bc.peeringId)
            try f.peeringRoute(f.mainTable("c"), "10.2.0.0/16", peering: bc.peeringId)
        }
    }

    @Test("in a chain a–b–c, a reaches b over the peering, with a way back")
    func chainNeighbour() throws {
        let chain = try Chain()
        let analysis = try chain.f.reach("a", "b")
        #expect(analysis.reachable)
        #expect(analysis.explanations.isEmpty)
        #expect(analysis.peeringsCrossed == [chain.ab.peeringId])
        #expect(!analysis.returnPath.isEmpty)
        #expect(analysis.returnPath.contains { $0.component == "peering" && $0.id == chain.ab.peeringId })
        #expect(analysis.destination.vpcId == chain.ab.accepter.vpcId)
        #expect(try chain.f.reach("c", "b").reachable)
        #expect(try chain.f.reach("b", "a").reachable)
    }

    @Test("a does not reach c: with no route, NO_ROUTE_TO_DESTINATION and PEERING_NOT_TRANSITIVE naming both peerings")
    func chainNoRoute() throws {
        let chain = try Chain()
        let analysis = try chain.f.reach("a", "c")
        #expect(!analysis.reachable)
        #expect(analysis.codes.contains(ReachExplanation.noRouteToDestination))
        let transitive = try #require(analysis.explanation(ReachExplanation.peeringNotTransitive))
        #expect(transitive.message.contains(chain.ab.peeringId))
        #expect(transitive.message.contains(chain.bc.peeringId))
        #expect(analysis.peeringsCrossed.isEmpty)
        #expect(!(try chain.f.reach("c", "a").reachable))
    }

    @Test("a does not reach c even with a route to c over a–b: PEERING_NOT_TRANSITIVE naming both peerings")
    func chainRouteThroughMiddle() throws {
        var chain = try Chain()
        try chain.f.peeringRoute(chain.f.mainTable("a"), "10.3.0.0/16", peering: chain.ab.peeringId)
        let analysis = try chain.f.reach("a", "c")
        #expect(!analysis.reachable)
        #expect(analysis.codes == [ReachExplanation.peeringNotTransitive])
        let message = try #require(analysis.explanations.first?.message)
        #expect(message.contains(chain.ab.peeringId))
        #expect(message.contains(chain.bc.peeringId))
        #expect(analysis.peeringsCrossed == [chain.ab.peeringId], "the packet gets to b and stops there")
        // The same for an address in c.
        let byAddress = try chain.f.reach("a", "10.3.7.7")
        #expect(!byAddress.reachable)
        #expect(byAddress.codes == [ReachExplanation.peeringNotTransitive])
    }

    @Test("shared services: each app reaches the hub, the apps do not reach each other")
    func hubAndSpokes() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "hub")
        try f.vpc("10.1.0.0/16", name: "app1")
        try f.vpc("10.2.0.0/16", name: "app2")
        for (app, cidr) in [("app1", "10.1.0.0/16"), ("app2", "10.2.0.0/16")] {
            let peering = try f.activePeering("hub", app)
            try f.peeringRoute(f.mainTable("hub"), cidr, peering: peering.peeringId)
            try f.peeringRoute(f.mainTable(app), "10.0.0.0/16", peering: peering.peeringId)
        }
        #expect(try f.reach("app1", "hub").reachable)
        #expect(try f.reach("app2", "hub").reachable)
        #expect(try f.reach("hub", "app1").reachable)
        #expect(try f.reach("hub", "app2").reachable)
        let across = try f.reach("app1", "app2")
        #expect(!across.reachable)
        #expect(across.codes.contains(ReachExplanation.peeringNotTransitive))
        #expect(!(try f.reach("app2", "app1").reachable))
    }

    @Test("a full mesh of 5 with routes: every ordered pair is reachable over its own peering")
    func fullMesh() throws {
        var f = Fixture()
        let names = (1...5).map { "m\($0)" }
        for (index, name) in names.enumerated() { try f.vpc("10.\(index + 1).0.0/16", name: name) }
        let mesh = try f.run { s, c throws(NetctlError) in
            try s.meshPeerings(PeeringMesh(vpcs: names, routes: true), &c)
        }
        #expect(mesh.created == 10)
        for source in names {
            for destination in names where destination != source {
                let analysis = try f.reach(source, destination)
                #expect(analysis.reachable, "\(source) → \(destination): \(analysis.explanations)")
                let crossed = try #require(analysis.peeringsCrossed.first)
                let peering = try f.peering(crossed)
                let ends = Set([peering.requester.vpcId, peering.accepter.vpcId])
                let expected = Set([
                    try f.state.vpc(source, in: f.scope).vpcId, try f.state.vpc(destination, in: f.scope).vpcId,
                ])
                #expect(ends == expected)
            }
        }
    }

    @Test("a route there but none back is NO_RETURN_ROUTE")
    func noReturnRoute() throws {
        var f = Fixture()
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        let ab = try f.activePeering("a", "b")
        try f.peeringRoute(f.mainTable("a"), "10.2.0.0/16", peering: ab.peeringId)
        let analysis = try f.reach("a", "b")
        #expect(!analysis.reachable)
        #expect(analysis.codes == [ReachExplanation.noReturnRoute])
        #expect(analysis.peeringsCrossed == [ab.peeringId], "the way there works")
        try f.peeringRoute(f.mainTable("b"), "10.1.0.0/16", peering: ab.peeringId)
        #expect(try f.reach("a", "b").reachable)
    }

    @Test("a route over a pending peering is ROUTE_BLACKHOLE and PEERING_NOT_ACTIVE; so is one over a deleted peering")
    func blackholedRoute() throws {
        var f = Fixture()
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        let pending = try f.createPeering("a", "b")
        try f.peeringRoute(f.mainTable("a"), "10.2.0.0/16", peering: pending.peeringId)
        try f.peeringRoute(f.mainTable("b"), "10.1.0.0/16", peering: pending.peeringId)
        let analysis = try f.reach("a", "b")
        #expect(!analysis.reachable)
        #expect(analysis.codes.contains(ReachExplanation.routeBlackhole))
        let inactive = try #require(analysis.explanation(ReachExplanation.peeringNotActive))
        #expect(inactive.message.contains(pending.peeringId))
        #expect(inactive.message.contains(PeeringStatus.pendingAcceptance))

        try f.acceptPeering(pending.peeringId)
        #expect(try f.reach("a", "b").reachable)
        try f.deletePeering(pending.peeringId)
        let afterDelete = try f.reach("a", "b")
        #expect(!afterDelete.reachable)
        #expect(afterDelete.codes.contains(ReachExplanation.routeBlackhole))
        #expect(afterDelete.codes.contains(ReachExplanation.peeringNotActive))
    }

    /// a (10.0/16) peered with b (10.1.0.0/17) and c (10.1.128.0/17); a routes 10.1.0.0/16 over
    /// a–b and the more specific 10.1.128.0/17 over a–c.
    struct TwoPeers {
        var f = Fixture()
        var ab: Peering
        var ac: Peering

        init() throws {
            try f.vpc("10.0.0.0/16", name: "a")
            try f.vpc("10.1.0.0/17", name: "b")
            try f.vpc("10.1.128.0/17", name: "c")
            ab = try f.activePeering("a", "b")
            ac = try f.activePeering("a", "c")
            try f.peeringRoute(f.mainTable("a"), "10.1.0.0/16", peering: ab.peeringId)
            try f.peeringRoute(f.mainTable("a"), "10.1.128.0/17", peering: ac.peeringId)
            try f.peeringRoute(f.mainTable("b"), "10.0.0.0/16", peering: ab.peeringId)
            try f.peeringRoute(f.mainTable("c"), "10.0.0.0/16", peering: ac.peeringId)
        }
    }

    @Test("the longest prefix wins: an address in c goes over a–c although 10.1.0.0/16 → a–b matches too")
    func longestPrefix() throws {
        var n = try TwoPeers()
        let toC = try n.f.reach("a", "10.1.200.10")
        #expect(toC.reachable)
        #expect(toC.peeringsCrossed == [n.ac.peeringId])
        #expect(toC.destination.vpcId == n.ac.accepter.vpcId)
        let toB = try n.f.reach("a", "10.1.5.5")
        #expect(toB.reachable)
        #expect(toB.peeringsCrossed == [n.ab.peeringId])
        #expect(try n.f.reach("a", "c").peeringsCrossed == [n.ac.peeringId])

        // A blackholed more specific route still wins: traffic is dropped, not sent to b.
        try n.f.deletePeering(n.ac.peeringId)
        let dropped = try n.f.reach("a", "10.1.200.10")
        #expect(!dropped.reachable)
        #expect(dropped.codes.contains(ReachExplanation.routeBlackhole))
        #expect(dropped.peeringsCrossed.isEmpty)
    }

    /// a (10.1/16) with subnets s1 (own table `rt-s1`, routed to b) and s2 (main table, no route);
    /// b (10.2/16) with subnet sb, routed back to all of a.
    struct Subnets {
        var f = Fixture()
        var s1: Subnet
        var s2: Subnet
        var sb: Subnet
        var custom: RouteTable
        var ab: Peering

        init() throws {
            try f.vpc("10.1.0.0/16", name: "a")
            try f.vpc("10.2.0.0/16", name: "b")
            s1 = try f.subnet("a", "10.1.1.0/24", name: "s1")
            s2 = try f.subnet("a", "10.1.2.0/24", name: "s2")
            sb = try f.subnet("b", "10.2.1.0/24", name: "sb")
            custom = try f.routeTable("a", name: "rt-s1")
            try f.run { s, c throws(NetctlError) in
                try s.associateRouteTable(RouteTableAssociate(routeTable: "rt-s1", subnet: "s1"), &c)
            }
            ab = try f.activePeering("a", "b")
            try f.peeringRoute("rt-s1", "10.2.0.0/16", peering: ab.peeringId)
            try f.peeringRoute(f.mainTable("b"), "10.1.0.0/16", peering: ab.peeringId)
        }
    }

    @Test("a subnet with its own route table routes with it, not with the main table")
    func subnetTable() throws {
        let n = try Subnets()
        let fromS1 = try n.f.reach(n.s1.subnetId, "b")
        #expect(fromS1.reachable)
        let tables = fromS1.path.filter { $0.component == "routeTable" }.map(\.id)
        #expect(tables == [n.custom.routeTableId])

        let fromS2 = try n.f.reach(n.s2.subnetId, "b")
        #expect(!fromS2.reachable)
        #expect(fromS2.codes.contains(ReachExplanation.noRouteToDestination))
        #expect(fromS2.path.filter { $0.component == "routeTable" }.map(\.id) == [try n.f.mainTable("a")])
        #expect(!(try n.f.reach("a", "b").reachable), "the VPC itself stands for its main table")
    }

    @Test("sources and destinations may be IP addresses and subnet IDs")
    func addressesAndSubnets() throws {
        let n = try Subnets()
        let byAddress = try n.f.reach("10.1.1.50", n.sb.subnetId)
        #expect(byAddress.reachable)
        #expect(byAddress.source.type == "ipAddress")
        #expect(byAddress.source.subnetId == n.s1.subnetId)
        #expect(byAddress.destination.type == "subnet")
        #expect(byAddress.destination.subnetId == n.sb.subnetId)
        #expect(byAddress.path.last?.component == "subnet")
        #expect(byAddress.path.last?.id == n.sb.subnetId)

        let toAddress = try n.f.reach(n.s1.subnetId, "10.2.1.9")
        #expect(toAddress.reachable)
        #expect(toAddress.destination.type == "ipAddress")
        #expect(toAddress.destination.subnetId == n.sb.subnetId)
        #expect(!(try n.f.reach("10.1.2.50", "10.2.1.9").reachable), "an address in s2 uses the main table")
    }

    @Test("an address in a peer VPC of another account is delivered over the peering")
    func crossAccountAddress() throws {
        var f = Fixture()
        let a = try f.vpc("10.1.0.0/16", name: "a")
        let b = try f.vpc("10.2.0.0/16", name: "b", as: otherAccountScope)
        let sb = try f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "b", cidrBlock: "10.2.3.0/24"), &c)
        }
        // Another account's VPC that is not peered: its addresses are not reachable.
        try f.vpc("10.9.0.0/16", name: "z", as: otherAccountScope)
        let created = try f.createPeering("a", b.vpcId, accepterAccountId: otherAccountScope.accountId)
        let peering = try f.acceptPeering(created.peeringId, as: otherAccountScope)
        try f.peeringRoute(a.mainRouteTableId, "10.2.0.0/16", peering: peering.peeringId)

        let oneWay = try f.reach("a", "10.2.3.4")
        #expect(!oneWay.reachable)
        #expect(oneWay.codes == [ReachExplanation.noReturnRoute], "b has no route back yet")

        try f.peeringRoute(b.mainRouteTableId, "10.1.0.0/16", peering: peering.peeringId, as: otherAccountScope)
        let analysis = try f.reach("a", "10.2.3.4")
        #expect(analysis.reachable, "\(analysis.explanations)")
        #expect(analysis.peeringsCrossed == [peering.peeringId])
        #expect(analysis.destination.vpcId == b.vpcId)
        #expect(analysis.destination.subnetId == sb.subnetId)
        #expect(try f.reach("a", b.vpcId).reachable, "a peer VPC's ID works as well")
        #expect(!(try f.reach("a", "10.9.0.4").reachable))
    }

    /// a (10.1/16) with an internet gateway; `pub` (10.1.0.0/24) routes 0.0.0.0/0 to it; `priv`
    /// (10.1.1.0/24) routes 0.0.0.0/0 to a NAT gateway in `pub`.
    struct Internet {
        var f = Fixture()
        var igw: InternetGateway
        var nat: NatGateway
        var pub: Subnet
        var priv: Subnet

        init() throws {
            try f.vpc("10.1.0.0/16", name: "a")
            igw = try f.internetGateway("a")
            pub = try f.subnet("a", "10.1.0.0/24", name: "pub")
            priv = try f.subnet("a", "10.1.1.0/24", name: "priv")
            try f.routeTable("a", name: "public")
            try f.routeTable("a", name: "private")
            for (table, subnet) in [("public", "pub"), ("private", "priv")] {
                try f.run { s, c throws(NetctlError) in
                    try s.associateRouteTable(RouteTableAssociate(routeTable: table, subnet: subnet), &c)
                }
            }
            try f.route("public", "0.0.0.0/0", gateway: igw.internetGatewayId)
            nat = try f.natGateway("pub")
            try f.route("private", "0.0.0.0/0", natGateway: nat.natGatewayId)
        }
    }

    @Test("a subnet routed to the internet gateway reaches 8.8.8.8; without the gateway the route is a blackhole")
    func internetGateway() throws {
        var n = try Internet()
        let out = try n.f.reach(n.pub.subnetId, "8.8.8.8")
        #expect(out.reachable, "\(out.explanations)")
        #expect(out.path.contains { $0.component == "internetGateway" && $0.id == n.igw.internetGatewayId })
        #expect(out.path.last?.component == "internet")

        try n.f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: n.igw.internetGatewayId), &c)
        }
        let detached = try n.f.reach(n.pub.subnetId, "8.8.8.8")
        #expect(!detached.reachable)
        #expect(detached.codes.contains(ReachExplanation.routeBlackhole))
        #expect(!(try n.f.reach(n.priv.subnetId, "8.8.8.8").reachable), "the NAT gateway has no way out either")
    }

    @Test("a private subnet reaches 8.8.8.8 through the NAT gateway, then the internet gateway")
    func natGateway() throws {
        let n = try Internet()
        let out = try n.f.reach(n.priv.subnetId, "8.8.8.8")
        #expect(out.reachable, "\(out.explanations)")
        let components = out.path.map(\.component)
        let natHop = try #require(components.firstIndex(of: "natGateway"))
        let igwHop = try #require(components.firstIndex(of: "internetGateway"))
        #expect(natHop < igwHop)
        #expect(out.path[natHop].id == n.nat.natGatewayId)
        #expect(out.path[igwHop].id == n.igw.internetGatewayId)
        #expect(components.last == "internet")
    }

    @Test("a peer cannot use the other VPC's internet gateway (no edge-to-edge routing)")
    func noEdgeToEdge() throws {
        var n = try Internet()
        try n.f.route(n.f.mainTable("a"), "0.0.0.0/0", gateway: n.igw.internetGatewayId)
        try n.f.vpc("10.2.0.0/16", name: "b")
        let ab = try n.f.activePeering("b", "a")
        try n.f.peeringRoute(n.f.mainTable("b"), "0.0.0.0/0", peering: ab.peeringId)
        // The way back from a's subnets (10.1.0.4, b's default destination in a, is in `pub`).
        try n.f.peeringRoute(n.f.mainTable("a"), "10.2.0.0/16", peering: ab.peeringId)
        try n.f.peeringRoute("public", "10.2.0.0/16", peering: ab.peeringId)
        let analysis = try n.f.reach("b", "8.8.8.8")
        #expect(!analysis.reachable)
        #expect(analysis.codes == [ReachExplanation.noEdgeToEdgeRouting])
        #expect(!analysis.path.contains { $0.component == "internetGateway" })
        #expect(try n.f.reach("b", "a").reachable, "the peering itself works")
    }
}
