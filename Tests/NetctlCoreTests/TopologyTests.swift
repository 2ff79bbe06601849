import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    func plan(_ vpcs: [String]) throws(NetctlError) -> TopologyPlanResponse {
        try state.planTopology(TopologyPlan(vpcs: vpcs), query())
    }

    @discardableResult
    mutating func mesh(_ vpcs: [String]) throws(NetctlError) -> PeeringMeshResponse {
        try run { s, c throws(NetctlError) in try s.meshPeerings(PeeringMesh(vpcs: vpcs, routes: true), &c) }
    }

    @discardableResult
    mutating func migrate(_ request: TopologyMigrate) throws(NetctlError) -> TopologyMigrateResponse {
        try run { s, c throws(NetctlError) in try s.migrateTopology(request, &c) }
    }

    /// Every ordered pair of the subnets given and whether it is reachable.
    func subnetReach(_ subnets: [String]) throws(NetctlError) -> [String: Bool] {
        let matrix = try state.reachMatrix(ReachMatrix(subnets: subnets), query())
        return Dictionary(uniqueKeysWithValues: matrix.pairs.map { ("\($0.source)>\($0.destination)", $0.reachable) })
    }
}

@Suite("topology.plan and topology.migrate")
struct TopologyTests {
    /// VPCs v0… (10.i.0.0/16), each with one subnet 10.i.1.0/24, meshed with routes when asked.
    static func world(_ count: Int, mesh: Bool = true) throws -> (Fixture, [String]) {
        var f = Fixture(quotas: Quotas([.vpcsPerRegion: 60]))
        var names: [String] = []
        for i in 0..<count {
            try f.vpc("10.\(i).0.0/16", name: "v\(i)")
            try f.subnet("v\(i)", "10.\(i).1.0/24", name: "v\(i)s")
            names.append("v\(i)")
        }
        if mesh { try f.mesh(names) }
        return (f, names)
    }

    @Test("a 6-VPC set: 15 peerings and 5 routes per table against 6 attachments, 7 failure points")
    func planNumbers() throws {
        var (f, names) = try Self.world(6, mesh: false)
        // A second table in v0 needs the mesh's routes too.
        try f.routeTable("v0", name: "extra")
        let plan = try f.plan(names)
        #expect(plan.pairs == 15)
        #expect(plan.mesh.peerings == 15)
        #expect(plan.mesh.existingPeerings == 0)
        #expect(plan.mesh.routesPerTable == 5)
        #expect(plan.mesh.routes == 35)
        #expect(plan.mesh.failurePoints == 15)
        #expect(plan.hub.attachments == 6)
        #expect(plan.hub.routes == 35)
        #expect(plan.hub.hubRoutes == 6)
        #expect(plan.hub.failurePoints == 7)
        #expect(plan.overlaps.isEmpty)
        let v0 = try f.state.vpc("v0", in: testScope).vpcId
        let peeringRow = try #require(
            plan.mesh.quotaHeadroom.first { $0.vpcId == v0 && $0.quota == QuotaName.activePeeringsPerVpc.rawValue })
        #expect(peeringRow.used == 5 && peeringRow.limit == 50 && peeringRow.headroom == 45)
        let routeRow = try #require(
            plan.mesh.quotaHeadroom.first { $0.vpcId == v0 && $0.quota == QuotaName.routesPerRouteTable.rawValue })
        #expect(routeRow.used == 5 && routeRow.headroom == 45)
        let hubPeerings = try #require(
            plan.hub.quotaHeadroom.first { $0.vpcId == v0 && $0.quota == QuotaName.activePeeringsPerVpc.rawValue })
        #expect(hubPeerings.used == 0)
        let attachments = try #require(
            plan.hub.quotaHeadroom.first { $0.vpcId == nil && $0.quota == QuotaName.attachmentsPerTransitGateway.rawValue })
        #expect(attachments.used == 6 && attachments.limit == 5000)

        // Once meshed, the plan counts the peerings that exist, and a tight quota shows as negative headroom.
        try f.mesh(names)
        f.context.quotas[.activePeeringsPerVpc] = 4
        let meshed = try f.plan(names)
        #expect(meshed.mesh.existingPeerings == 15)
        #expect(try f.state.planTopology(TopologyPlan(vpcs: names), f.query()).mesh.quotaHeadroom.contains {
            $0.quota == QuotaName.activePeeringsPerVpc.rawValue && $0.headroom == -1
        })
    }

    @Test("overlapping pairs are named, and neither topology counts them")
    func overlaps() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.0.0.0/16", name: "b")
        try f.vpc("10.1.0.0/16", name: "c")
        let plan = try f.plan(["a", "b", "c"])
        let (a, b) = (try f.state.vpc("a", in: testScope).vpcId, try f.state.vpc("b", in: testScope).vpcId)
        #expect(plan.overlaps.map(\.vpcIds) == [[a, b]])
        #expect(plan.overlaps.first?.cidrBlocks == ["10.0.0.0/16", "10.0.0.0/16"])
        #expect(plan.overlaps.first?.message.contains("neither topology") == true)
        #expect(plan.mesh.failurePoints == 2)
        #expect(plan.hub.hubRoutes == 2)
        expectError(.invalidParameterValue) { () throws(NetctlError) in try f.plan(["a", "a"]) }
        expectError(.invalidParameterValue) { () throws(NetctlError) in try f.plan(["a"]) }
    }

    @Test("migrate with deletePeerings: a new hub, every VPC attached, routes moved, peerings gone, reach kept")
    func migrates() throws {
        var (f, names) = try Self.world(4)
        let subnets = names.map { "\($0)s" }
        let before = try f.subnetReach(subnets)
        #expect(before.values.allSatisfy { $0 }, "the mesh connects every pair")
        let report = try f.migrate(TopologyMigrate(vpcs: names, deletePeerings: true))
        #expect(report.hubCreated && !report.dryRun)
        #expect(report.attachments.count == 4 && report.attachmentsCreated == 4)
        #expect(report.routesReplaced == 12)
        #expect(report.peerings.count == 6 && report.peeringsDeleted == 6)
        #expect(report.pairsChecked == 12 && report.reachableBefore == 12 && report.reachableAfter == 12)
        #expect(report.steps.first?.action == "createHub")
        #expect(report.steps.filter { $0.action == "deletePeering" }.count == 6)
        let hub = try #require(f.state.transitGateways[report.transitGatewayId])
        #expect(hub.state == TransitGateway.available)
        for id in report.attachments {
            #expect(f.state.transitGatewayAttachments[id]?.state == TransitGateway.available)
            #expect(f.state.transitGatewayAttachments[id]?.associatedRouteTableId == report.routeTableId)
        }
        for name in names {
            let vpc = try f.state.vpc(name, in: testScope)
            let routes = try f.table(vpc.mainRouteTableId).routes.filter { $0.target.type != RouteTarget.localTypeName }
            #expect(routes.count == 3)
            #expect(routes.allSatisfy { $0.target.id == hub.transitGatewayId && $0.state == .active })
            #expect(f.state.activePeerings(of: vpc.vpcId).isEmpty)
        }
        #expect(try f.subnetReach(subnets) == before)
        let path = try f.state.analyzeReach(ReachAnalyze(source: "v0s", destination: "v3s"), f.query()).path
        #expect(path.contains { $0.component == "transitGatewayRouteTable" })
        // The plan now counts the hub the VPCs are attached to.
        let plan = try f.plan(names)
        #expect(plan.hub.quotaHeadroom.contains { $0.quota == QuotaName.transitGatewaysPerVpc.rawValue && $0.used == 2 })
    }

    @Test("a hub whose table would drop a pair: refused with the pair named, nothing changed")
    func refuses() throws {
        var (f, names) = try Self.world(3)
        let hub = try f.hub("hub")
        try f.hubRoute(try #require(hub.defaultRouteTableId), "10.2.0.0/16", blackhole: true)
        let error = f.expectFailure(as: testScope, .topologyMigrationWouldBreakReachability) { s, c throws(NetctlError) in
            try s.migrateTopology(TopologyMigrate(vpcs: names, tgw: "hub", deletePeerings: true), &c)
        }
        let v2 = try f.state.subnet("v2s", in: testScope).subnetId
        #expect(error?.message.contains(v2) == true)
        #expect(error?.message.contains(ReachExplanation.tgwRouteBlackhole) == true)
        // The dry run says the same.
        f.expectFailure(.topologyMigrationWouldBreakReachability) { s, c throws(NetctlError) in
            try s.migrateTopology(TopologyMigrate(vpcs: names, tgw: "hub", dryRun: true), &c)
        }
        // A hub that is still pending, and a VPC with no subnet, are refused before anything is done.
        try f.hub("late", available: false)
        f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.migrateTopology(TopologyMigrate(vpcs: names, tgw: "late"), &c)
        }
        try f.vpc("10.9.0.0/16", name: "bare")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.migrateTopology(TopologyMigrate(vpcs: names + ["bare"]), &c)
        }
    }

    @Test("a dry run reports the migration and changes nothing")
    func dryRun() throws {
        var (f, names) = try Self.world(3)
        let before = PeeringSnapshot(f.state)
        _ = f.state.takeChanges()
        let report = try f.migrate(TopologyMigrate(vpcs: names, deletePeerings: true, dryRun: true))
        #expect(report.dryRun)
        #expect(report.routesReplaced == 6 && report.peeringsDeleted == 3 && report.attachmentsCreated == 3)
        #expect(report.reachableBefore == 6 && report.reachableAfter == 6)
        #expect(PeeringSnapshot(f.state) == before)
        #expect(f.state.takeChanges().events.isEmpty)
        #expect(f.state.transitGateways.inScope(testScope).isEmpty)
    }

    @Test("an existing available hub and attachment are reused")
    func reusesHub() throws {
        var (f, names) = try Self.world(3)
        try f.hub("hub")
        let existing = try f.attach("hub", "v0", ["v0s"])
        let report = try f.migrate(TopologyMigrate(vpcs: names, tgw: "hub"))
        #expect(!report.hubCreated)
        #expect(report.attachments.first == existing.attachmentId)
        #expect(report.attachmentsCreated == 2)
        #expect(report.peeringsDeleted == 0 && report.peerings.count == 3)
        #expect(report.steps.contains { $0.action == "useAttachment" && $0.resourceId == existing.attachmentId })
        #expect(report.reachableAfter == report.reachableBefore)
    }
}
