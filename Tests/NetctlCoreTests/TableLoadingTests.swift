import Foundation
import NetctlAPI
import PropertyBased
import Testing

@testable import NetctlCore

/// Start-up builds each table in parts (`TableLoading`); what they make must answer every lookup
/// exactly as the table `upsert` makes of the same resources one by one.
@Suite("Table loading")
struct TableLoadingTests {
    @Test("a loaded table answers every lookup as the table upsert makes, duplicate IDs included")
    func sameAsUpserts() async {
        await propertyCheck(count: 200, input: Self.peerings.array(of: 0...60), Gen.int(in: 0...60)) { peerings, cut in
            expectSameLookups(TableLoading.table(of: Self.pieces(peerings, cut)), upserting: peerings)
        }
        await propertyCheck(count: 200, input: Self.subnets.array(of: 0...60), Gen.int(in: 0...60)) { subnets, cut in
            expectSameLookups(TableLoading.table(of: Self.pieces(subnets, cut)), upserting: subnets)
        }
    }

    /// The table of `pieces`, its parts run on several threads at once, as the store runs them.
    static func inParallel<R: StoredResource>(_ pieces: [[R]]) -> Table<R> {
        let loading = R.loading(pieces)
        let parts = loading.parts
        DispatchQueue.concurrentPerform(iterations: parts.count) { parts[$0]() }
        return loading.table
    }

    @Test("a large table, its parts built on several threads at once, answers as upserts do")
    func large() {
        // 4,500 peerings, most in one scope: large sets for the scope, its scope key and the timed key,
        // beside the small ones of the VPCs and names.
        let peerings = (0..<4500).map { index in
            Self.peering(
                id: index, requester: index % 700, accepter: (index + 1) % 700, requesterScope: index % 50 == 0 ? 1 : 0,
                accepterScope: 0, status: index % 3 == 0 ? 1 : 3, name: index % 4, millis: Int64(index % 97))
        }
        expectSameLookups(Self.inParallel([Array(peerings[..<2500]), Array(peerings[2500...])]), upserting: peerings)
        let withDuplicate =
            peerings + [
                Self.peering(
                    id: 17, requester: 1, accepter: 2, requesterScope: 2, accepterScope: 2, status: 0, name: 1,
                    millis: 5)
            ]
        expectSameLookups(Self.inParallel([withDuplicate]), upserting: withDuplicate)
    }

    @Test("the protocol's loading entry point joins the pieces it is given")
    func loadsPieces() {
        let subnets = (0..<5).map { index in
            Self.subnet(id: "subnet-\(index)", vpc: "vpc-\(index % 2)", millis: 5 - index)
        }
        let loaded = Self.inParallel([Array(subnets[..<2]), [], Array(subnets[2...])])
        expectSameLookups(loaded, upserting: subnets)
        #expect(loaded.childKeysInCreationOrder(of: "vpc-0").map(\.id) == ["subnet-4", "subnet-2", "subnet-0"])
    }

    // MARK: Random resources from small pools, so IDs, parents, scopes and names repeat.

    static let scopes = [
        Scope(accountId: "111111111111", region: "us-east-1"), Scope(accountId: "222222222222", region: "us-east-1"),
        Scope(accountId: "111111111111", region: "eu-west-1"),
    ]

    static let peerings = zip(
        Gen.int(in: 0...40), Gen.int(in: 0...5), Gen.int(in: 0...5), Gen.int(in: 0...2), Gen.int(in: 0...2),
        Gen.int(in: 0...(PeeringStatus.all.count - 1)), Gen.int(in: 0...3), Gen.int64(in: 0...20)
    ).map(peering)

    static func peering(
        id: Int, requester: Int, accepter: Int, requesterScope: Int, accepterScope: Int, status: Int, name: Int,
        millis: Int64
    ) -> Peering {
        Peering(
            peeringId: "pcx-\(id)", status: PeeringStatus(code: PeeringStatus.all[status], message: ""),
            requester: info(vpc: requester, scope: scopes[requesterScope]),
            accepter: info(vpc: accepter, scope: scopes[accepterScope]), mtu: 1500, expirationTime: nil,
            tags: name == 0 ? [:] : ["Name": "p\(name)"], createdAt: Date(timeIntervalSince1970: Double(millis) / 1000),
            statusUpdatedAt: Date(timeIntervalSince1970: 0))
    }

    /// `resources` in two pieces, cut at `cut` (or whole).
    static func pieces<R>(_ resources: [R], _ cut: Int) -> [[R]] {
        cut >= resources.count ? [resources] : [Array(resources[..<cut]), Array(resources[cut...])]
    }

    static let subnets = zip(Gen.int(in: 0...40), Gen.int(in: 0...5), Gen.int(in: 0...3), Gen.int64(in: 0...20)).map {
        id, vpc, name, millis in
        subnet(id: "subnet-\(id)", vpc: "vpc-\(vpc)", name: name == 0 ? nil : "s\(name)", millis: millis)
    }

    static func info(vpc: Int, scope: Scope) -> PeeringVpcInfo {
        PeeringVpcInfo(vpcId: "vpc-\(vpc)", accountId: scope.accountId, region: scope.region, cidrBlocks: [])
    }

    static func subnet(id: String, vpc: String, name: String? = nil, millis: Int64) -> Subnet {
        Subnet(
            subnetId: id, vpcId: vpc, name: name, accountId: "000000000000", region: "us-east-1",
            cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a", availableIpAddressCount: 251, tags: [:],
            createdAt: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}

/// Every lookup of `loaded` against the table of `resources` upserted one by one, for every key,
/// scope and name any of them has.
private func expectSameLookups<R: StoredResource>(
    _ loaded: Table<R>, upserting resources: [R], sourceLocation: SourceLocation = #_sourceLocation
) {
    var expected = Table<R>()
    for resource in resources { expected.upsert(resource) }
    #expect(loaded.byId == expected.byId, sourceLocation: sourceLocation)
    for key in Set(resources.flatMap(\.indexKeys)) {
        #expect(loaded.children(of: key) == expected.children(of: key), "\(key)", sourceLocation: sourceLocation)
        #expect(loaded.childIds(of: key) == expected.childIds(of: key), "\(key)", sourceLocation: sourceLocation)
        #expect(
            loaded.childKeysInCreationOrder(of: key) == expected.childKeysInCreationOrder(of: key), "\(key)",
            sourceLocation: sourceLocation)
    }
    for scope in Set(resources.map(\.scope)) {
        #expect(loaded.inScope(scope) == expected.inScope(scope), "\(scope)", sourceLocation: sourceLocation)
        for name in Set(resources.compactMap(\.referenceName)) {
            #expect(
                loaded.named(name, in: scope) == expected.named(name, in: scope), "\(name) in \(scope)",
                sourceLocation: sourceLocation)
        }
    }
}
