import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// `peering.list {filters, peerings}`: EC2's DescribeVpcPeeringConnections semantics on the core's index.
@Suite("Peering filters and named listings")
struct PeeringFilterTests {
    /// a–b pending (tagged), a–c active, a–d failed (overlap); e is another account's VPC peered from a.
    static func setUp() throws -> (Fixture, [String: Peering]) {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        try f.vpc("10.2.0.0/16", name: "c")
        try f.vpc("10.0.0.0/20", name: "d")
        try f.vpc("10.9.0.0/16", name: "e", as: otherAccountScope)
        let ab = try f.run { s, c throws(NetctlError) in
            try s.createPeering(PeeringCreate(requesterVpc: "a", accepterVpc: "b", tags: ["team": "net", "Name": "ab"]), &c)
        }
        let ac = try f.createPeering("a", "c")
        try f.acceptPeering(ac.peeringId)
        let ad = try f.createPeering("a", "d")
        let ae = try f.createPeering(
            a.vpcId, try #require(f.state.vpcs.inScope(otherAccountScope).first).vpcId,
            accepterAccountId: otherAccountScope.accountId)
        return (f, ["ab": ab, "ac": ac, "ad": ad, "ae": ae])
    }

    func ids(_ f: Fixture, _ request: PeeringList, as scope: Scope = testScope) throws(NetctlError) -> [String] {
        try f.state.listPeerings(request, f.query(as: scope)).peerings.map(\.peeringId)
    }

    @Test("status, side and tag filters combine with AND, with AWS's wildcards")
    func filters() throws {
        let (f, p) = try Self.setUp()
        let (ab, ac, ad, ae) = (p["ab"]!.peeringId, p["ac"]!.peeringId, p["ad"]!.peeringId, p["ae"]!.peeringId)
        #expect(try ids(f, PeeringList(filters: [Filter(name: "status-code", values: ["pending-acceptance"])])) == [ab, ae])
        #expect(try ids(f, PeeringList(filters: [Filter(name: "status-code", values: ["act*", "failed"])])) == [ac, ad])
        #expect(try ids(f, PeeringList(filters: [Filter(name: "tag:team", values: ["n?t"])])) == [ab])
        #expect(try ids(f, PeeringList(filters: [Filter(name: "tag-key", values: ["Name"])])) == [ab])
        #expect(
            try ids(f, PeeringList(filters: [Filter(name: "accepter-vpc-info.owner-id", values: [otherAccountScope.accountId])]))
                == [ae])
        #expect(
            try ids(
                f,
                PeeringList(filters: [
                    Filter(name: "requester-vpc-info.cidr-block", values: ["10.0.0.0/16"]),
                    Filter(name: "status-message", values: ["*Overlapping*"]),
                ])) == [ad])
        #expect(
            try ids(f, PeeringList(filters: [Filter(name: "expiration-time", values: ["*"])])) == [ab, ae],
            "only pending requests have an expiration time")
        let unknown = expectError(.invalidParameterValue) { () throws(NetctlError) in
            try ids(f, PeeringList(filters: [Filter(name: "accepter-vpc-info.colour", values: ["x"])]))
        }
        #expect(unknown?.message.contains("vpc-peering-connection-id") == true, "the known filters are named")
    }

    @Test("the accepter's CIDRs can be matched only once the request is accepted, as they are shown")
    func accepterCidrs() throws {
        let (f, p) = try Self.setUp()
        #expect(try ids(f, PeeringList(filters: [Filter(name: "accepter-vpc-info.cidr-block", values: ["10.*"])])) == [p["ac"]!.peeringId])
        #expect(!PeeringRules.showsAccepterCidrs(p["ab"]!))
        #expect(PeeringRules.showsAccepterCidrs(try f.peering(p["ac"]!.peeringId)))
    }

    @Test("the accepter side matches no tag: tags are the requester's")
    func tagsAreTheRequesters() throws {
        var (f, _) = try Self.setUp()
        let b = try #require(f.state.vpcs.named("b", in: testScope).first)
        let x = try f.vpc("10.50.0.0/16", name: "x", as: otherAccountScope)
        let tagged = try f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createPeering(
                PeeringCreate(
                    requesterVpc: x.vpcId, accepterVpc: b.vpcId, accepterAccountId: testScope.accountId,
                    tags: ["team": "net"]), &c)
        }
        #expect(try ids(f, PeeringList(filters: [Filter(name: "tag:team", values: ["net"])]), as: otherAccountScope) == [tagged.peeringId])
        #expect(!(try ids(f, PeeringList(filters: [Filter(name: "tag:team", values: ["net"])]))).contains(tagged.peeringId))
        #expect(try ids(f, PeeringList(filters: [Filter(name: "vpc-peering-connection-id", values: [tagged.peeringId])])) == [tagged.peeringId])
        let accepted = try f.acceptPeering(tagged.peeringId)
        #expect(accepted.tags.isEmpty, "the accepter's answer is its own view")
        #expect(try f.peering(tagged.peeringId).tags == ["team": "net"])
    }

    @Test("named peerings: in creation order, paged, intersected with an ID filter; an unknown one is not found")
    func named() throws {
        let (f, p) = try Self.setUp()
        let (ab, ac, ad) = (p["ab"]!.peeringId, p["ac"]!.peeringId, p["ad"]!.peeringId)
        #expect(try ids(f, PeeringList(peerings: [ad, "ab", ac])) == [ab, ac, ad], "IDs and names, in creation order")
        let first = try f.state.listPeerings(PeeringList(maxResults: 5, peerings: [ab, ac, ad]), f.query())
        #expect(first.peerings.count == 3 && first.nextToken == nil)
        #expect(
            try ids(f, PeeringList(filters: [Filter(name: "vpc-peering-connection-id", values: [ac, ad])], peerings: [ab, ac]))
                == [ac])
        #expect(try ids(f, PeeringList(vpc: "d", peerings: [ab, ad])) == [ad], "the vpc parameter still applies")
        expectError(.peeringNotFound) { () throws(NetctlError) in
            try ids(f, PeeringList(peerings: [ab, "pcx-0123456789abcdef0"]))
        }
    }

    @Test("an ID filter with plain IDs and one with a wildcard find the same peerings")
    func exactAndWildcardAgree() throws {
        let (f, p) = try Self.setUp()
        let all = p.values.map(\.peeringId).sorted()
        let exact = try ids(f, PeeringList(filters: [Filter(name: "vpc-peering-connection-id", values: all)]))
        let wildcard = try ids(f, PeeringList(filters: [Filter(name: "vpc-peering-connection-id", values: all + ["nomatch*"])]))
        #expect(exact == wildcard)
        #expect(Set(exact) == Set(all))
        #expect(PeeringFilter.exactIds([Filter(name: "vpc-peering-connection-id", values: ["pcx-1", "pcx-?"])]) == nil)
        #expect(
            PeeringFilter.exactIds([
                Filter(name: "vpc-peering-connection-id", values: ["pcx-1", "pcx-2"]),
                Filter(name: "vpc-peering-connection-id", values: ["pcx-2", "pcx-3"]),
            ]) == ["pcx-2"])
    }

    @Test("a peering of the caller's account seen from another region is not found by name, as a describe answers")
    func otherRegionIsNotFound() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let west = Scope(accountId: testScope.accountId, region: "us-west-2")
        let far = try f.vpc("10.1.0.0/16", name: "far", as: west)
        let peering = try f.createPeering("a", far.vpcId, accepterRegion: "us-west-2")
        let elsewhere = Scope(accountId: testScope.accountId, region: "eu-west-1")
        expectError(.peeringNotFound) { () throws(NetctlError) in
            try ids(f, PeeringList(peerings: [peering.peeringId]), as: elsewhere)
        }
        #expect(try ids(f, PeeringList(peerings: [peering.peeringId]), as: west) == [peering.peeringId])
    }
}
