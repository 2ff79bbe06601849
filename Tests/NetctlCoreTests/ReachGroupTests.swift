import NetctlAPI
import Testing

@testable import NetctlCore

/// Security groups as `reach.analyze` endpoints: every member interface, every pair must pass.
@Suite("Reachability between security groups")
struct ReachGroupTests {
    typealias Tiers = ReachSecurityTests.Tiers

    static func reach(_ t: Tiers, _ source: String, _ destination: String, port: Int? = 5432)
        throws(NetctlError) -> ReachAnalysis
    {
        try t.f.state.analyzeReach(
            ReachAnalyze(source: source, destination: destination, port: port, protocol: port == nil ? "-1" : "tcp"),
            t.f.query())
    }

    @Test("a group stands for its member interfaces: blocked until the rule admits the source group's members")
    func groups() throws {
        var t = try Tiers()
        let denied = try Self.reach(t, t.web.groupId, t.db.groupId)
        #expect(!denied.reachable)
        #expect(denied.codes == [ReachExplanation.securityGroupDeniesIngress])
        #expect(denied.source.type == "securityGroup" && denied.source.id == t.web.groupId)
        #expect(denied.destination.type == "securityGroup" && denied.destination.id == t.db.groupId)
        #expect(denied.destination.address == t.d.privateIpAddress, "the member the answer is about")
        let message = denied.explanations[0].message
        let first = try #require([t.w, t.w2].min { $0.networkInterfaceId < $1.networkInterfaceId })
        #expect(message.hasPrefix("From \(first.networkInterfaceId) (a member of web, \(t.web.groupId)) to "
            + "\(t.d.networkInterfaceId) (a member of db, \(t.db.groupId)): "), "\(message)")
        _ = try t.f.authorize(
            t.db.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: t.web.groupId)])
        let allowed = try Self.reach(t, t.web.groupId, t.db.groupId)
        #expect(allowed.reachable, "\(allowed.explanations)")
        #expect(allowed.explanations.isEmpty)
        // A group on one side only: the other side is what it names.
        #expect(try Self.reach(t, t.web.groupId, t.d.instanceId).reachable)
        #expect(try Self.reach(t, t.d.instanceId, t.web.groupId).codes == [ReachExplanation.securityGroupDeniesIngress])
    }

    @Test("one failing member pair is the answer, and it names the member")
    func everyPair() throws {
        var t = try Tiers()
        // db admits w's address only: w passes, w2 (the other member of web) does not.
        _ = try t.f.authorize(
            t.db.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "\(t.w.privateIpAddress)/32")])
        #expect(try t.reach(t.w, t.d).reachable)
        let analysis = try Self.reach(t, t.web.groupId, t.db.groupId)
        #expect(!analysis.reachable)
        #expect(analysis.source.address == t.w2.privateIpAddress)
        #expect(analysis.explanations[0].message.contains(t.w2.networkInterfaceId))
        #expect(analysis.explanations[0].message.contains(t.w2.privateIpAddress))
        // Within one group, every member to every other member.
        #expect(try Self.reach(t, t.web.groupId, t.web.groupId).codes == [ReachExplanation.securityGroupDeniesIngress])
        _ = try t.f.authorize(
            t.web.groupId, .ingress, [SecurityGroupPermission(protocol: "-1", referencedGroupId: t.web.groupId)])
        #expect(try Self.reach(t, t.web.groupId, t.web.groupId, port: nil).reachable)
    }

    @Test("by name when the name is a group's only; a group without interfaces is refused with what to do")
    func names() throws {
        var t = try Tiers()
        let backend = try t.f.securityGroup("app", "backend")
        let empty = expectError(.invalidParameterValue) { () throws(NetctlError) in
            try Self.reach(t, t.web.groupId, "backend")
        }
        #expect(empty?.message.contains("has no network interfaces") == true)
        #expect(empty?.message.contains(backend.groupId) == true)
        #expect(empty?.message.contains("netctl instance run") == true)
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "db", securityGroups: [backend.groupId]), &c)
        }
        let named = try Self.reach(t, "backend", t.web.groupId)
        #expect(named.source.id == backend.groupId)
        // `default` is a group of every VPC: a name two of them use needs the ID.
        _ = try t.f.vpc("10.1.0.0/16", name: "other")
        expectError(.invalidParameterValue) { () throws(NetctlError) in try Self.reach(t, "default", t.web.groupId) }
        // A subnet, instance or VPC of the same name is taken first, as before groups were endpoints.
        #expect(try Self.reach(t, "web", "db", port: nil).source.type == "subnet")
        expectError(.securityGroupNotFound) { () throws(NetctlError) in
            try Self.reach(t, "sg-0123456789abcdef0", t.web.groupId)
        }
    }
}
