import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

func temporaryDatabasePath() throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netctl-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent("state.db").path
}

func context(_ account: String = "000000000000", seed: UInt64 = 1, quotas: Quotas = Quotas()) -> CommandContext {
    CommandContext(
        scope: Scope(accountId: account, region: "us-east-1"), now: Date(timeIntervalSince1970: 1_800_000_000),
        quotas: quotas, ids: IDGenerator(seed: seed))
}

@Suite("SQLite store")
struct StoreTests {
    @Test("what is committed loads back identically, with its change events in the events table")
    func roundTrip() async throws {
        let path = try temporaryDatabasePath()
        let store = try Store(path: path)
        var state = State()
        var ctx = context()
        let vpc = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx) }
        let subnet = try state.transact { s throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"), &ctx)
        }
        try await store.commit(state.takeChanges(), from: state)

        let loaded = try store.loadState()
        #expect(loaded.vpcs[vpc.vpcId] == vpc)
        #expect(loaded.subnets[subnet.subnetId] == subnet)
        #expect(loaded.routeTables[vpc.mainRouteTableId]?.main == true)
        let events = try store.events(after: 0)
        #expect(events.map(\.event.action) == [.create, .create, .create, .create])
        #expect(events.map(\.event.resourceType) == [.vpc, .routeTable, .securityGroup, .subnet])
        #expect(events.map(\.sequence) == [1, 2, 3, 4])

        // Deletion removes the rows.
        try state.transact { s throws(NetctlError) in _ = try s.deleteSubnet(SubnetDelete(subnet: subnet.subnetId), &ctx) }
        try await store.commit(state.takeChanges(), from: state)
        #expect(try store.loadState().subnets.count == 0)
        #expect(try store.integrityCheck() == "ok")
        try store.close()
    }

    @Test("start-up decoding in rowid pieces loads every row, whatever the piece size and the gaps deletions left")
    func loadsInPieces() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context(quotas: Quotas([.vpcsPerRegion: 100]))
        var vpcs: [Vpc] = []
        for index in 0..<30 {
            vpcs.append(
                try state.transact { s throws(NetctlError) in
                    try s.createVpc(VpcCreate(cidrBlock: "10.\(index).0.0/16"), &ctx)
                })
        }
        try await store.commit(state.takeChanges(), from: state)
        // Every third VPC goes, its route table with it: gaps in both tables' rowids.
        for vpc in vpcs.enumerated().filter({ $0.offset % 3 == 1 }).map(\.element) {
            try state.transact { s throws(NetctlError) in _ = try s.deleteVpc(VpcDelete(vpc: vpc.vpcId), &ctx) }
        }
        try await store.commit(state.takeChanges(), from: state)
        let expected = try ResourceCodecs.rows(of: state)
        for rowsPerPiece: Int64 in [1, 2, 4, 7, 4096] {
            let loaded = try store.loadState(rowsPerPiece: rowsPerPiece)
            #expect(try ResourceCodecs.rows(of: loaded) == expected, "pieces of \(rowsPerPiece) rows")
            #expect(loaded.vpcs.count == 20)
        }
        try store.close()
    }

    @Test(
        "stored events decode to the same action and resource type; a string netctld does not know fails naming the row",
        arguments: [("action", "create", "frobnicate"), ("resource_type", "vpc", "widget")])
    func unknownEventValues(column: String, known: String, unknown: String) async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16"), &ctx) }
        try await store.commit(state.takeChanges(), from: state)
        let stored = try await store.database.read { db in
            try String.fetchOne(db, sql: "SELECT \(column) FROM events WHERE seq = 1")
        }
        #expect(stored == known, "the column holds the raw value, as before the enums")
        try await store.database.write { db in
            try db.execute(sql: "UPDATE events SET \(column) = ? WHERE seq = 2", arguments: [unknown])
        }
        #expect(try store.events(after: 0, limit: 1).map(\.event.resourceType) == [.vpc], "rows before it still read")
        let error = try #require(throws: UnknownEventValue.self) { try store.events(after: 0) }
        #expect(
            error.description
                == "change event 2 in state.db has \(column) '\(unknown)', which this netctld does not know "
                + "(was the database written by a newer netctld?)")
        try store.close()
    }

    @Test("a client token forgotten and remembered again in one batch stays remembered in the database")
    func tokenForgottenThenRemembered() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func record(_ result: String, at date: Date) -> IdempotencyRecord {
            IdempotencyRecord(
                accountId: scope.accountId, region: scope.region, token: "t", method: "vpc.create", paramsHash: "h",
                result: result, createdAt: date)
        }
        var state = State()
        try state.transact { s throws(NetctlError) in s.remember(record("first", at: start)) }
        try await store.commit(state.takeChanges(), from: state)
        // One batch, as the writer makes it: due work expires the token, then a request reuses it.
        let later = start + Idempotency.lifetime
        try state.transact { s throws(NetctlError) in s.expireIdempotencyRecords(now: later) }
        try state.transact { s throws(NetctlError) in s.remember(record("second", at: later)) }
        try await store.commit(state.takeChanges(), from: state)
        #expect(try store.loadState().idempotency.values.map(\.result) == ["second"])
    }

    @Test("ECR repositories and images load back from the v4 migration's tables, lifecycle policy and timed index included")
    func ecrRoundTrip() async throws {
        let path = try temporaryDatabasePath()
        let store = try Store(path: path)
        var state = State()
        var ctx = context()
        let manifest = #"{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:\#(String(repeating: "a", count: 64))","size":1},"layers":[]}"#
        let policy = #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":3},"action":{"type":"expire"}}]}"#
        let image = try state.transact { s throws(NetctlError) in
            _ = try s.createEcrRepository(EcrRepositoryCreate(name: "web"), &ctx)
            let image = try s.putEcrImage(EcrImagePut(repository: "web", manifest: manifest), &ctx)
            _ = try s.putEcrLifecyclePolicy(EcrLifecyclePolicyPut(repository: "web", policy: policy), &ctx)
            return image
        }
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        let arn = "arn:aws:ecr:us-east-1:000000000000:repository/web"
        #expect(loaded.ecrRepositories[arn] == state.ecrRepositories[arn])
        #expect(loaded.ecrImages[image.id] == image)
        #expect(loaded.nextDeadline() == image.imagePushedAt.addingTimeInterval(3 * 86_400))
        let migrations = try await store.database.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.contains("v4: ECR repositories and images"))
        let imageRows = try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ecr_images") }
        #expect(imageRows == 1)
        try store.close()
    }

    @Test("the database runs in WAL mode with synchronous=FULL")
    func durabilitySettings() throws {
        let store = try Store(path: try temporaryDatabasePath())
        let (mode, synchronous) = try store.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 2)  // FULL
    }

    @Test("reopening an existing database keeps its data (migrations are idempotent)")
    func reopen() async throws {
        let path = try temporaryDatabasePath()
        var state = State()
        var ctx = context()
        _ = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16"), &ctx) }
        do {
            let store = try Store(path: path)
            try await store.commit(state.takeChanges(), from: state)
            try store.close()
        }
        let again = try Store(path: path)
        #expect(try again.loadState().vpcs.count == 1)
    }
}
