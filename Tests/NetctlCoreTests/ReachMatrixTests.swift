import NetctlAPI
import Testing

@testable import NetctlCore

/// `reach.matrix`: every ordered pair of a set of endpoints, each answered as `reach.analyze` would.
@Suite("reach.matrix")
struct ReachMatrixTests {
    typealias Tiers = ReachSecurityTests.Tiers

    static func matrix(_ t: Tiers, _ request: ReachMatrix) throws(NetctlError) -> ReachMatrixResult {
        try t.f.state.reachMatrix(request, t.f.query())
    }

    static func pair(_ result: ReachMatrixResult, _ source: String, _ destination: String) throws -> ReachMatrixPair {
        try #require(result.pairs.first { $0.source == source && $0.destination == destination })
    }

    @Test("vpc: its instances in ID order, every ordered pair once, each with reach.analyze's verdict and first reason")
    func vpc() throws {
        var t = try Tiers()
        let ids = [t.w, t.w2, t.d].map(\.instanceId).sorted()
        let denied = try Self.matrix(t, ReachMatrix(vpc: "app", protocol: "tcp", port: 5432))
        #expect(denied.endpoints == ids)
        #expect(denied.pairs.count == 6)
        #expect(Set(denied.pairs.map { "\($0.source)>\($0.destination)" }).count == 6)
        #expect(!denied.pairs.contains { $0.source == $0.destination })
        #expect(denied.pairs.map(\.source) == ids.flatMap { id in [id, id] }, "by source, then destination")
        let blocked = try Self.pair(denied, t.w.instanceId, t.d.instanceId)
        let analysis = try t.reach(t.w, t.d)
        #expect(!blocked.reachable)
        #expect(blocked.explanation == analysis.explanations.first)
        #expect(blocked.explanation?.code == ReachExplanation.securityGroupDeniesIngress)

        _ = try t.f.authorize(
            t.db.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: t.web.groupId)])
        let allowed = try Self.matrix(t, ReachMatrix(vpc: "app", protocol: "tcp", port: 5432))
        let open = try Self.pair(allowed, t.w.instanceId, t.d.instanceId)
        #expect(open.reachable && open.explanation == nil)
        #expect(try Self.pair(allowed, t.w2.instanceId, t.d.instanceId).reachable)
        // db admits web, not the other way round; web admits nothing, not even web.
        #expect(try Self.pair(allowed, t.d.instanceId, t.w.instanceId).explanation?.code
            == ReachExplanation.securityGroupDeniesIngress)
        #expect(try Self.pair(allowed, t.w.instanceId, t.w2.instanceId).reachable == false)
        // Another port is another question.
        #expect(try Self.pair(Self.matrix(t, ReachMatrix(vpc: "app", protocol: "tcp", port: 22)), t.w.instanceId, t.d.instanceId)
            .reachable == false)
    }

    @Test("subnets and instances as endpoints, in the order given, duplicates once; a terminated instance is left out")
    func endpoints() throws {
        var t = try Tiers()
        let subnets = try Self.matrix(t, ReachMatrix(subnets: ["db", "web"], protocol: "icmp"))
        let web = try t.f.state.subnet("web", in: testScope)
        let db = try t.f.state.subnet("db", in: testScope)
        #expect(subnets.endpoints == [db.subnetId, web.subnetId])
        #expect(subnets.pairs.count == 2)
        for pair in subnets.pairs {
            let analysis = try t.f.state.analyzeReach(
                ReachAnalyze(source: pair.source, destination: pair.destination, protocol: "icmp"), t.f.query())
            #expect(pair.reachable == analysis.reachable)
            #expect(pair.explanation == analysis.explanations.first)
        }
        let some = try Self.matrix(
            t, ReachMatrix(instances: [t.d.instanceId, t.w.instanceId, t.d.instanceId], protocol: "-1"))
        #expect(some.endpoints == [t.d.instanceId, t.w.instanceId])
        #expect(some.pairs.map(\.source) == [t.d.instanceId, t.w.instanceId])

        _ = try t.f.run { s, c throws(NetctlError) in
            try s.terminateInstance(InstanceTerminate(instance: t.w2.instanceId), &c)
        }
        t.f.runDueWork(at: t.f.context.now.addingTimeInterval(600))
        #expect(t.f.state.instances[t.w2.instanceId].map { $0.state == .terminated } ?? true)
        #expect(try Self.matrix(t, ReachMatrix(vpc: "app", protocol: "-1")).endpoints.contains(t.w2.instanceId) == false)
        #expect(throws: NetctlError.self) { try Self.matrix(t, ReachMatrix(instances: [t.w2.instanceId])) }
    }

    @Test("exactly one of vpc, subnets and instances; bad traffic is refused as reach.analyze refuses it")
    func refusals() throws {
        let t = try Tiers()
        let none = expectError(.missingParameter) { () throws(NetctlError) in try Self.matrix(t, ReachMatrix()) }
        #expect(none?.message.contains("vpc, subnets or instances") == true)
        let both = expectError(.invalidParameterCombination) { () throws(NetctlError) in
            try Self.matrix(t, ReachMatrix(vpc: "app", subnets: ["web"]))
        }
        #expect(both?.message.contains("vpc and subnets") == true)
        expectError(.invalidParameterValue) { () throws(NetctlError) in try Self.matrix(t, ReachMatrix(subnets: [])) }
        expectError(.missingParameter, "tcp needs a port") { () throws(NetctlError) in
            try Self.matrix(t, ReachMatrix(vpc: "app", protocol: "tcp"))
        }
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try Self.matrix(t, ReachMatrix(vpc: "app", protocol: "gre"))
        }
        #expect(throws: NetctlError.self) { try Self.matrix(t, ReachMatrix(vpc: "nope")) }
        #expect(throws: NetctlError.self) { try Self.matrix(t, ReachMatrix(subnets: ["web", "nope"])) }
    }

    @Test("a VPC without instances is an empty matrix")
    func empty() throws {
        var t = try Tiers()
        _ = try t.f.vpc("10.9.0.0/16", name: "idle")
        let result = try Self.matrix(t, ReachMatrix(vpc: "idle", protocol: "-1"))
        #expect(result.endpoints.isEmpty && result.pairs.isEmpty)
    }
}
