import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// `reach.analyze` with the layers a route cannot show, each in turn the one that blocks.
@Suite("Reachability through security groups and network ACLs")
struct ReachSecurityTests {
    /// VPC app (10.0.0.0/16): instance `w` in web (10.0.1.0/24) with group web, instance `d` in db
    /// (10.0.2.0/24) with group db, and `w2` beside `w` in web.
    struct Tiers {
        var f = Fixture()
        var web: SecurityGroup
        var db: SecurityGroup
        var w: Instance
        var w2: Instance
        var d: Instance

        init() throws {
            let vpc = try f.vpc("10.0.0.0/16", name: "app")
            try f.subnet("app", "10.0.1.0/24", name: "web")
            try f.subnet("app", "10.0.2.0/24", name: "db")
            web = try f.securityGroup(vpc.vpcId, "web")
            db = try f.securityGroup(vpc.vpcId, "db")
            w = try #require(try InstanceRulesTests.run(&f, InstanceRun(subnet: "web", securityGroups: [web.groupId])).first)
            w2 = try #require(try InstanceRulesTests.run(&f, InstanceRun(subnet: "web", securityGroups: [web.groupId])).first)
            d = try #require(try InstanceRulesTests.run(&f, InstanceRun(subnet: "db", securityGroups: [db.groupId])).first)
        }

        func reach(_ source: Instance, _ destination: Instance, _ protocol: String? = "tcp", port: Int? = 5432)
            throws(NetctlError) -> ReachAnalysis
        {
            try f.state.analyzeReach(
                ReachAnalyze(source: source.instanceId, destination: destination.instanceId, port: port, protocol: `protocol`),
                f.query())
        }

        mutating func acl(_ subnet: String, _ entries: [(Int, Bool, String, String, Int?, Int?)]) throws -> String {
            let acl = try f.run { s, c throws(NetctlError) in try s.createNetworkAcl(NetworkAclCreate(vpc: "app"), &c) }
            for (rule, egress, cidr, action, from, to) in entries {
                _ = try f.run { s, c throws(NetctlError) in
                    try s.createNetworkAclEntry(
                        NetworkAclCreateEntry(
                            networkAcl: acl.networkAclId, ruleNumber: rule, egress: egress, protocol: "tcp",
                            ruleAction: action, cidrBlock: cidr, fromPort: from, toPort: to), &c)
                }
            }
            _ = try f.run { s, c throws(NetctlError) in
                try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: acl.networkAclId, subnet: subnet), &c)
            }
            return acl.networkAclId
        }
    }

    @Test("the destination's group admits nothing until a rule names the source's group; each hop names its rule")
    func ingress() throws {
        var t = try Tiers()
        let denied = try t.reach(t.w, t.d)
        #expect(denied.codes == [ReachExplanation.securityGroupDeniesIngress])
        #expect(denied.explanations[0].component == t.db.groupId)
        #expect(denied.explanations[0].message.contains("--source-group \(t.web.groupId)"))
        let db = try t.f.authorize(
            t.db.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: t.web.groupId)])
        let allowed = try t.reach(t.w, t.d)
        #expect(allowed.reachable, "\(allowed.explanations)")
        let rule = try #require(db.ingressRules.first)
        #expect(allowed.path.contains { $0.component == "securityGroup" && $0.id == t.db.groupId && $0.detail.contains(rule.ruleId) })
        #expect(allowed.path.contains { $0.component == "securityGroup" && $0.id == t.web.groupId && $0.detail.hasPrefix("egress") })
        #expect(allowed.path.filter { $0.component == "networkAcl" }.count == 2, "out of web, into db")
        #expect(allowed.returnPath.filter { $0.component == "networkAcl" }.count == 2, "the reply through both again")
        // Another port, or another protocol, is not what the rule allows.
        #expect(try t.reach(t.w, t.d, port: 22).codes == [ReachExplanation.securityGroupDeniesIngress])
        #expect(try t.reach(t.w, t.d, "udp", port: 5432).codes == [ReachExplanation.securityGroupDeniesIngress])
        #expect(try t.reach(t.w, t.d, nil, port: nil).codes == [ReachExplanation.securityGroupDeniesIngress], "all traffic")
        // The group's own members reach each other (every new group admits nothing, web included).
        #expect(try t.reach(t.w, t.w2).codes == [ReachExplanation.securityGroupDeniesIngress])
    }

    @Test("without an egress rule the source's group stops the flow")
    func egress() throws {
        var t = try Tiers()
        _ = try t.f.authorize(
            t.db.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.1.0/24")])
        _ = try t.f.revoke(t.web.groupId, .egress, [SecurityGroupPermission(protocol: "-1", cidrIpv4: "0.0.0.0/0")])
        #expect(try t.reach(t.w, t.d).codes == [ReachExplanation.securityGroupDeniesEgress])
    }

    @Test("ACLs: outbound, inbound and the stateless reply to ephemeral ports, each blocking in turn; none inside a subnet")
    func acls() throws {
        var t = try Tiers()
        _ = try t.f.authorize(
            t.db.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.1.0/24")])
        _ = try t.f.authorize(t.web.groupId, .ingress, [SecurityGroupPermission(protocol: "-1", referencedGroupId: t.web.groupId)])
        // db admits 5432 in, but nothing goes out: the reply is dropped.
        let dbAcl = try t.acl("db", [(100, false, "10.0.1.0/24", "allow", 5432, 5432)])
        let noReturn = try t.reach(t.w, t.d)
        #expect(noReturn.codes == [ReachExplanation.naclDeniesReturn])
        #expect(noReturn.explanations[0].component == dbAcl)
        #expect(noReturn.explanations[0].message.contains("32767"))
        // A reply rule for only part of the ephemeral range is not enough; the whole range is.
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(
                NetworkAclCreateEntry(
                    networkAcl: dbAcl, ruleNumber: 100, egress: true, protocol: "tcp", ruleAction: "allow",
                    cidrBlock: "10.0.1.0/24", fromPort: 32768, toPort: 61000), &c)
        }
        #expect(try t.reach(t.w, t.d).codes == [ReachExplanation.naclDeniesReturn])
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(
                NetworkAclCreateEntry(
                    networkAcl: dbAcl, ruleNumber: 110, egress: true, protocol: "tcp", ruleAction: "allow",
                    cidrBlock: "10.0.1.0/24", fromPort: 1024, toPort: 65535), &c)
        }
        #expect(try t.reach(t.w, t.d).reachable)
        // A deny numbered below the allow wins: db no longer takes 5432 from web.
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(
                NetworkAclCreateEntry(
                    networkAcl: dbAcl, ruleNumber: 90, egress: false, protocol: "tcp", ruleAction: "deny",
                    cidrBlock: "10.0.1.5/32", fromPort: 5432, toPort: 5432), &c)
        }
        #expect(try t.reach(t.w2, t.d).codes == [ReachExplanation.naclDeniesInbound], "w2 is 10.0.1.5")
        #expect(try t.reach(t.w, t.d).reachable, "w is 10.0.1.4")
        // web's own ACL lets nothing out.
        _ = try t.acl("web", [])
        #expect(try t.reach(t.w, t.d).codes.first == ReachExplanation.naclDeniesOutbound)
        // Inside web, no ACL is crossed.
        #expect(try t.reach(t.w, t.w2).reachable)
    }

    @Test("a tcp or udp question needs its port, except towards an AWS service (443)")
    func portRequired() throws {
        let t = try Tiers()
        #expect(throws: NetctlError.self) { try t.reach(t.w, t.d, "tcp", port: nil) }
        #expect(throws: NetctlError.self) { try t.reach(t.w, t.d, "icmp", port: 5) }
        #expect(throws: NetctlError.self) { try t.reach(t.w, t.d, "gre", port: nil) }
    }
}
