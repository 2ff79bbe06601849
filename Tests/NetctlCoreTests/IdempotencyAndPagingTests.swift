import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

private func json(_ text: String) throws -> JSONValue {
    try NetctlJSON.decoder.decode(JSONValue.self, from: Data(text.utf8))
}

@Suite("Idempotency (clientToken)")
struct IdempotencyTests {
    @Test("the fingerprint ignores object key order, at every depth")
    func fingerprintStableUnderKeyOrder() throws {
        let a = try json(#"{"vpc":"a","cidrBlock":"10.0.0.0/16","tags":{"x":"1","y":"2"}}"#)
        let b = try json(#"{"tags":{"y":"2","x":"1"},"cidrBlock":"10.0.0.0/16","vpc":"a"}"#)
        let one = Idempotency.fingerprint(method: "subnet.create", params: a)
        #expect(one == Idempotency.fingerprint(method: "subnet.create", params: b))
        #expect(one == Idempotency.fingerprint(method: "subnet.create", params: a), "deterministic")
        #expect(one.wholeMatch(of: /[0-9a-f]{16}/) != nil, "got \(one)")
    }

    @Test("the fingerprint changes with any parameter and with the method")
    func fingerprintDistinguishes() throws {
        let base = Idempotency.fingerprint(method: "vpc.create", params: ["cidrBlock": "10.0.0.0/16", "name": "a"])
        let variants: [(String, JSONValue)] = [
            ("vpc.create", ["cidrBlock": "10.0.0.0/16", "name": "b"]),
            ("vpc.create", ["cidrBlock": "10.1.0.0/16", "name": "a"]),
            ("vpc.create", ["cidrBlock": "10.0.0.0/16"]),
            ("vpc.create", ["cidrBlock": "10.0.0.0/16", "name": "a", "tags": ["k": "v"]]),
            ("vpc.create", [:]),
            ("vpc.create", .null),
            ("subnet.create", ["cidrBlock": "10.0.0.0/16", "name": "a"]),
        ]
        var seen: Set<String> = [base]
        for (method, params) in variants {
            let print = Idempotency.fingerprint(method: method, params: params)
            #expect(print != base, "\(method) \(params)")
            seen.insert(print)
        }
        #expect(seen.count == variants.count + 1, "all variants differ from each other too")
    }

    @Test("tokens are 1 to 64 ASCII characters")
    func tokenValidation() throws {
        try Idempotency.validate(token: "a")
        try Idempotency.validate(token: String(repeating: "x", count: 64))
        try Idempotency.validate(token: "Case-Sensitive_token.1~!")
        for bad in [String(repeating: "x", count: 65), String(repeating: "y", count: 200), "", "tökén"] {
            let error = expectError(.invalidParameterValue, "\(bad.count) characters") { () throws(NetctlError) in
                try Idempotency.validate(token: bad)
            }
            #expect(error?.message.contains("64") == true)
        }
    }

    private func record(
        token: String, method: String = "vpc.create", hash: String, result: String, scope: Scope = testScope,
        at date: Date = testEpoch
    ) -> IdempotencyRecord {
        IdempotencyRecord(
            accountId: scope.accountId, region: scope.region, token: token, method: method, paramsHash: hash,
            result: result, createdAt: date)
    }

    @Test("same token and params replays the stored result; other params is IdempotentParameterMismatch")
    func replay() throws {
        var state = State()
        let params: JSONValue = ["cidrBlock": "10.0.0.0/16"]
        let hash = Idempotency.fingerprint(method: "vpc.create", params: params)
        let stored = #"{"vpcId":"vpc-0123456789abcdef0"}"#
        try state.transact { s throws(NetctlError) in s.remember(record(token: "t1", hash: hash, result: stored)) }
        let changes = state.takeChanges()
        #expect(changes.idempotencyKeys.map(\.token) == ["t1"], "the token is handed to the store")

        let later = testEpoch + 3600
        func replay(_ token: String, _ hash: String, method: String = "vpc.create") throws(NetctlError) -> String? {
            try state.replay(token: token, method: method, paramsHash: hash, scope: testScope, now: later)
        }
        #expect(try replay("t1", hash) == stored)
        #expect(try replay("t2", hash) == nil)
        #expect(try replay("T1", hash) == nil, "tokens are case-sensitive")

        let otherHash = Idempotency.fingerprint(method: "vpc.create", params: ["cidrBlock": "10.1.0.0/16"])
        let error = expectError(.idempotentParameterMismatch) { () throws(NetctlError) in try replay("t1", otherHash) }
        #expect(error?.message.contains("same client token") == true)
        expectError(.idempotentParameterMismatch, "same token for another method") { () throws(NetctlError) in
            try replay("t1", hash, method: "subnet.create")
        }
    }

    @Test("tokens are scoped per account and region")
    func tokenScope() throws {
        var state = State()
        try state.transact { s throws(NetctlError) in s.remember(record(token: "t", hash: "h", result: "1")) }
        let otherRegion = Scope(accountId: testScope.accountId, region: "eu-west-1")
        for scope in [otherRegion, otherAccountScope] {
            let replayed = try state.replay(
                token: "t", method: "vpc.create", paramsHash: "other", scope: scope, now: testEpoch)
            #expect(replayed == nil, "\(scope)")
        }
    }

    @Test("tokens are forgotten after the lifetime (7 days)")
    func tokenLifetime() throws {
        var state = State()
        try state.transact { s throws(NetctlError) in s.remember(record(token: "t", hash: "h", result: "1")) }
        _ = state.takeChanges()
        let almost = testEpoch + Idempotency.lifetime - 1
        #expect(try state.replay(token: "t", method: "vpc.create", paramsHash: "h", scope: testScope, now: almost) == "1")
        let expired = testEpoch + Idempotency.lifetime
        let replayed = try state.replay(
            token: "t", method: "vpc.create", paramsHash: "other", scope: testScope, now: expired)
        #expect(replayed == nil, "an expired token is a new request, even with other params")

        try state.transact { s throws(NetctlError) in s.expireIdempotencyRecords(now: almost) }
        #expect(state.idempotency.count == 1)
        try state.transact { s throws(NetctlError) in s.expireIdempotencyRecords(now: expired) }
        #expect(state.idempotency.isEmpty)
        let key = IdempotencyKey(accountId: testScope.accountId, region: testScope.region, token: "t")
        #expect(state.takeChanges().idempotencyKeys == [key], "the store is told to look at it")
        #expect(state.idempotency[key] == nil, "and finds it gone")
    }

    @Test("a token remembered in a failed transaction is rolled back")
    func rememberRolledBack() throws {
        var state = State()
        expectError(.internalError) { () throws(NetctlError) in
            try state.transact { s throws(NetctlError) in
                s.remember(record(token: "t", hash: "h", result: "1"))
                throw NetctlError(.internalError, "boom")
            }
        }
        #expect(state.idempotency.isEmpty)
        // The token may stay listed; the store writes what the state holds for it, which is nothing.
        #expect(state.takeChanges().idempotencyKeys.allSatisfy { state.idempotency[$0] == nil })
    }
}

@Suite("Pagination (maxResults / nextToken)")
struct PaginationTests {
    /// VPC values created one second apart, in creation order.
    static func vpcs(_ count: Int, spacing: TimeInterval = 1) -> [Vpc] {
        (0..<count).map { i in
            Vpc(
                vpcId: String(format: "vpc-%017x", 0xfff - i), name: "v\(i)", accountId: testScope.accountId,
                region: testScope.region, cidrBlocks: ["10.\(i).0.0/16"], mainRouteTableId: "rtb-\(i)", tags: [:],
                createdAt: testEpoch + Double(i) * spacing)
        }
    }

    /// Pages through `items` and returns the pages; stops after `limit` pages in case paging loops.
    static func allPages(_ items: [Vpc], maxResults: Int, limit: Int = 100) throws(NetctlError) -> [Page<Vpc>] {
        var pages: [Page<Vpc>] = []
        var token: String?
        repeat {
            let page = try Pagination.page(items, maxResults: maxResults, nextToken: token)
            pages.append(page)
            token = page.nextToken
        } while token != nil && pages.count < limit
        return pages
    }

    @Test("12 items at maxResults 5 come in pages of 5, 5 and 2; the last page has no nextToken")
    func threePages() throws {
        let items = Self.vpcs(12)
        let pages = try Self.allPages(items, maxResults: 5)
        #expect(pages.map(\.items.count) == [5, 5, 2])
        #expect(pages[0].nextToken != nil && pages[1].nextToken != nil)
        #expect(pages[2].nextToken == nil)
        #expect(pages.flatMap(\.items).map(\.vpcId) == items.map(\.vpcId), "every item once, in order")
    }

    @Test("an exact multiple of maxResults ends without an empty extra page")
    func exactMultiple() throws {
        let pages = try Self.allPages(Self.vpcs(10), maxResults: 5)
        #expect(pages.map(\.items.count) == [5, 5])
        #expect(pages.last?.nextToken == nil)
    }

    @Test("without maxResults everything comes at once")
    func noMaxResults() throws {
        let page = try Pagination.page(Self.vpcs(12), maxResults: nil, nextToken: nil)
        #expect(page.items.count == 12)
        #expect(page.nextToken == nil)
    }

    @Test("maxResults outside 5...1000 is InvalidParameterValue", arguments: [4, 0, -1, 1001])
    func badMaxResults(maxResults: Int) {
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try Pagination.page(Self.vpcs(12), maxResults: maxResults, nextToken: nil)
        }
    }

    @Test("maxResults 5 and 1000 are accepted", arguments: [5, 1000])
    func goodMaxResults(maxResults: Int) throws {
        let page = try Pagination.page(Self.vpcs(3), maxResults: maxResults, nextToken: nil)
        #expect(page.items.count == 3)
    }

    @Test(
        "a malformed nextToken is InvalidNextToken",
        arguments: [
            "garbage!!", "", Data("no separator".utf8).base64EncodedString(),
            Data("abc|vpc-1".utf8).base64EncodedString(),
        ])
    func badToken(token: String) {
        expectError(.invalidNextToken) { () throws(NetctlError) in
            try Pagination.page(Self.vpcs(12), maxResults: 5, nextToken: token)
        }
    }

    @Test("paging continues correctly when the last returned item is deleted between calls")
    func deletionBetweenPages() throws {
        var items = Self.vpcs(12)
        let first = try Pagination.page(items, maxResults: 5, nextToken: nil)
        items.remove(at: 4)  // the item the token names
        items.remove(at: 0)
        let second = try Pagination.page(items, maxResults: 5, nextToken: first.nextToken)
        #expect(second.items.map(\.name) == ["v5", "v6", "v7", "v8", "v9"])
    }

    /// Items within one millisecond: the page order (millisecond, then ID) and the token (millisecond,
    /// then ID) must agree whatever order the caller passes them in, or items are skipped or repeated.
    @Test("items created within the same millisecond are neither skipped nor repeated")
    func subMillisecondTimes() throws {
        // IDs descend while times ascend by 0.1 ms: all 12 items fall in two milliseconds.
        let items = Self.vpcs(12, spacing: 0.0001)
        let pages = try Self.allPages(items, maxResults: 5, limit: 4)
        #expect(pages.map(\.items.count) == [5, 5, 2])
        let names = pages.flatMap(\.items).compactMap(\.name)
        #expect(names.count == 12)
        #expect(Set(names) == Set(items.compactMap(\.name)))
    }

    /// `page(ordered:…)` reads items lazily from sorted keys; it must give the very pages and tokens of
    /// `page(_:…)` over the filtered items, whatever the filter, ties within a millisecond and page size.
    @Test("paging on creation keys gives the same pages and tokens as paging on the items", arguments: 0..<40)
    func orderedKeysMatchItems(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        let items = Self.vpcs(Int.random(in: 0...40, using: &random), spacing: [0.0004, 0.3, 1][seed % 3]).shuffled(
            using: &random)
        let keep = Set(items.filter { _ in Int.random(in: 0..<4, using: &random) > 0 }.map(\.vpcId))
        let byId = Dictionary(uniqueKeysWithValues: items.map { ($0.vpcId, $0) })
        let keys = items.map { Pagination.Key(millis: Timestamp.epochMilliseconds($0.createdAt), id: $0.vpcId) }.sorted()
        let maxResults = [5, 6, 7, 1000][seed % 4]
        var token: String?
        var pages = 0
        repeat {
            let expected = try Pagination.page(
                items.filter { keep.contains($0.vpcId) }, maxResults: maxResults, nextToken: token)
            let lazy = try Pagination.page(ordered: keys, maxResults: maxResults, nextToken: token) { id -> Vpc? in
                keep.contains(id) ? byId[id] : nil
            }
            #expect(lazy.items.map(\.vpcId) == expected.items.map(\.vpcId))
            #expect(lazy.nextToken == expected.nextToken)
            token = expected.nextToken
            pages += 1
        } while token != nil && pages < 50
        let all = try Pagination.page(ordered: keys, maxResults: nil, nextToken: nil) { id -> Vpc? in
            keep.contains(id) ? byId[id] : nil
        }
        #expect(all.items.map(\.vpcId) == items.filter { keep.contains($0.vpcId) }.sorted(by: creationOrder).map(\.vpcId))
    }

    @Test("vpc.list pages through the caller's VPCs only")
    func listVpcs() throws {
        var f = Fixture(quotas: Quotas([.vpcsPerRegion: 12]))
        var created: [String] = []
        for i in 0..<12 { created.append(try f.vpc("10.\(i).0.0/16", name: "v\(i)").vpcId) }
        f.scope = otherAccountScope
        try f.vpc("10.0.0.0/16", name: "foreign")
        let query = QueryContext(scope: testScope, now: f.context.now, quotas: Quotas())

        var seen: [String] = []
        var token: String?
        var pageSizes: [Int] = []
        repeat {
            let response = try f.state.listVpcs(VpcList(maxResults: 5, nextToken: token), query)
            pageSizes.append(response.vpcs.count)
            seen += response.vpcs.map(\.vpcId)
            token = response.nextToken
        } while token != nil && pageSizes.count < 10
        #expect(pageSizes == [5, 5, 2])
        #expect(seen == created)

        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.state.listVpcs(VpcList(maxResults: 4), query)
        }
        expectError(.invalidNextToken) { () throws(NetctlError) in
            try f.state.listVpcs(VpcList(maxResults: 5, nextToken: "%%%"), query)
        }
    }

    @Test("vpc.list filters by tag, CIDR and state; unknown filters are refused")
    func listFilters() throws {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let query = QueryContext(scope: testScope, now: f.context.now, quotas: Quotas())
        func ids(_ filters: [Filter]) throws(NetctlError) -> [String] {
            try f.state.listVpcs(VpcList(filters: filters), query).vpcs.map(\.vpcId)
        }
        #expect(try ids([Filter(name: "tag:Name", values: ["a"])]) == [a.vpcId])
        #expect(try ids([Filter(name: "cidr", values: ["10.0.0.0/16"])]) == [a.vpcId])
        #expect(try ids([Filter(name: "state", values: ["available"])]).count == 2)
        #expect(try ids([Filter(name: "vpc-id", values: [a.vpcId]), Filter(name: "tag:Name", values: ["b"])]).isEmpty)
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try ids([Filter(name: "colour", values: ["red"])])
        }
    }

    @Test("routeTable.list pages 5 to 100 at a time")
    func routeTableRange() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let query = QueryContext(scope: testScope, now: f.context.now, quotas: Quotas())
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.state.listRouteTables(RouteTableList(maxResults: 101), query)
        }
        #expect(try f.state.listRouteTables(RouteTableList(maxResults: 100), query).routeTables.count == 1)
    }
}

/// SplitMix64: the same numbers for the same seed, so a failing case can be run again by its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
