import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import NIOConcurrencyHelpers

/// The only part of netctl that knows SQLite: the schema, loading State at start, and writing each
/// batch of changes with its change events in one transaction.
public final class Store: Sendable {
    public let path: String
    /// A pool on a file for netctld; a queue in memory for the fuzz harness (`RequestReplay`).
    let database: any DatabaseWriter
    /// True when opened from a data directory netctld cannot write: reads work, every change is refused.
    public let readOnly: Bool

    /// Opens (creating if needed) the database at `path`, in WAL mode with `synchronous=FULL` so a
    /// commit that returned survives a power loss, and brings the schema up to date. `readOnly` opens
    /// an existing, up-to-date file without writing anything.
    public convenience init(path: String, readOnly: Bool = false) throws {
        var configuration = Self.configuration
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try self.init(
            path: path,
            database: DatabaseOpening.open(
                path: path, configuration: configuration, migrator: Schema.migrator, readOnly: readOnly),
            readOnly: readOnly)
    }

    /// A database that lives in memory and goes with this object: the same schema and the same SQL,
    /// without the file system.
    public static func inMemory() throws -> Store {
        Store(path: ":memory:", database: try inMemoryTemplate.copy(), readOnly: false)
    }

    private static let inMemoryTemplate = DatabaseOpening.InMemoryTemplate(
        migrator: Schema.migrator, configuration: configuration)

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// `database` comes migrated: by `DatabaseOpening` for a file, as a copy of a migrated one in memory.
    private init(path: String, database: any DatabaseWriter, readOnly: Bool) {
        self.path = path
        self.database = database
        self.readOnly = readOnly
    }

    /// What every change is told while the store is read-only.
    public var readOnlyRefusal: NetctlError? {
        guard readOnly else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        return NetctlError(
            .unavailable,
            "netctld is serving read-only: its data directory \(directory) was not writable when it started. Nothing "
                + "was changed and reads still work. Make the directory writable by netctld's user (is the file "
                + "system mounted read-only?), then restart netctld (systemctl restart netctld).")
    }

    /// Reads every resource and live idempotency record into a fresh State. `rowsPerPiece`: how many
    /// rows each piece of the decoding takes, small enough that two cores share a large table evenly,
    /// large enough that a piece's read transaction and statement cost nothing beside its decoding.
    public func loadState(rowsPerPiece: Int64 = 4096) throws -> State {
        // A few tables hold most rows (peerings, route tables): rows are decoded in pieces of a rowid
        // range each, on as many threads as there are cores. Nothing else writes while netctld starts
        // (it holds the socket), so the pieces' read transactions see one state.
        let pieces = try database.read { db in
            try ResourceCodecs.all.flatMap { codec in try Self.pieces(of: codec, rowsPerPiece: rowsPerPiece, db) }
        }
        let decoded = NIOLockedValueBox<[Result<DecodedRows, any Error>?]>(Array(repeating: nil, count: pieces.count))
        DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
            let (codec, rows) = pieces[index]
            let result = Result { try database.read { db in try codec.decodeAll(db, rows) } }
            decoded.withLockedValue { $0[index] = result }
        }
        // Then the tables' parts (a table's IDs, its indexes) are built on every core, the largest
        // tables' first so that the smaller ones fill the cores at the end.
        var kinds: [(codec: ResourceCodec, pieces: [DecodedRows], rows: Int)] = []
        for (index, result) in decoded.withLockedValue({ $0 }).enumerated() {
            guard let result else { continue }
            let codec = pieces[index].0
            let rows = try result.get()
            if kinds.last?.codec.kind != codec.kind { kinds.append((codec, [], 0)) }
            kinds[kinds.count - 1].pieces.append(rows)
            kinds[kinds.count - 1].rows += rows.count
        }
        let tables = kinds.sorted { $0.rows > $1.rows }.map { $0.codec.loading($0.pieces) }
        let parts = tables.flatMap(\.parts)
        DispatchQueue.concurrentPerform(iterations: parts.count) { parts[$0]() }
        var state = State()
        for table in tables { table.install(&state) }
        return try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT result, account, region, token, method, params_hash, at FROM idempotency")
            while let row = try rows.next() {
                let result: String = row["result"]
                state.load(
                    IdempotencyRecord(
                        accountId: row["account"], region: row["region"], token: row["token"], method: row["method"],
                        paramsHash: row["params_hash"], result: result,
                        createdAt: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0)))
            }
            return state
        }
    }

    /// A table's rowid ranges of about `rowsPerPiece` rows each (more rows where rowids have gaps).
    private static func pieces(of codec: ResourceCodec, rowsPerPiece: Int64, _ db: Database) throws
        -> [(ResourceCodec, ClosedRange<Int64>)]
    {
        guard let row = try Row.fetchOne(db, sql: "SELECT MIN(rowid), MAX(rowid), COUNT(*) FROM \(codec.tableName)"),
            let first: Int64 = row[0], let last: Int64 = row[1], let count: Int64 = row[2], count > 0
        else { return [] }
        let pieceCount = (count + rowsPerPiece - 1) / rowsPerPiece
        let span = (last - first) / pieceCount + 1
        return stride(from: first, through: last, by: Int(span)).map { start in
            (codec, start...min(start + span - 1, last))
        }
    }

    /// Writes one batch: changed rows, their change events and new idempotency records, all in one
    /// transaction. Nothing of the batch is visible to anyone unless this returns. Returns the sequence
    /// number of the batch's last change event (they are consecutive: one writer, AUTOINCREMENT).
    @discardableResult
    public func commit(_ changes: ChangeSet, from state: State) async throws -> Int64? {
        let encoder = NetctlJSON.encoder
        // Encode outside the write lock; the transaction then only does SQLite work.
        var rows: [(table: String, row: ResourceRow)] = []
        var missing: [(table: String, id: String)] = []
        for ref in changes.touched {
            let codec = ResourceCodecs.codec(for: ref.kind)
            if let row = try codec.row(state, ref.id, changes.bodies[ref], encoder) {
                rows.append((codec.tableName, row))
            } else {
                missing.append((codec.tableName, ref.id))
            }
        }
        let upserts = rows
        let deletions = missing
        let events = changes.events.map { ($0, $0.detail) }
        let tokens = changes.idempotencyKeys.map { ($0, state.idempotency[$0]) }
        return try await database.write { db -> Int64? in
            for (table, row) in upserts {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO \(table) (id, account_id, region, parent_id, status, created_at, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, region = excluded.region,
                            parent_id = excluded.parent_id, status = excluded.status, body = excluded.body
                        """
                ).execute(arguments: [row.id, row.accountId, row.region, row.parentId, row.status, row.createdAt, row.body])
            }
            for (table, id) in deletions {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE id = ?").execute(arguments: [id])
            }
            for (event, detail) in events {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO events (at, account, region, resource_type, resource_id, action, status, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(
                    arguments: [
                        Timestamp.format(event.at), event.accountId, event.region, event.resourceType.rawValue,
                        event.resourceId, event.action.rawValue, event.status, detail,
                    ])
            }
            let lastSequence = events.isEmpty ? nil : db.lastInsertedRowID
            for (key, record) in tokens {
                if let record {
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO idempotency (token, account, region, method, params_hash, result, at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            record.token, record.accountId, record.region, record.method, record.paramsHash,
                            record.result, Timestamp.format(record.createdAt),
                        ])
                } else {
                    try db.execute(
                        sql: "DELETE FROM idempotency WHERE account = ? AND region = ? AND token = ?",
                        arguments: [key.accountId, key.region, key.token])
                }
            }
            return lastSequence
        }
    }

    /// The change events after `sequence`, oldest first: how a consumer catches up after a restart.
    /// Only this daemon writes events, so a `resource_type` or `action` it does not know (a newer
    /// netctld's, or a damaged row) throws `UnknownEventValue` naming the row instead of being guessed
    /// at or skipped: the watcher reports it and retries, and its cursor never moves past that row.
    public func events(after sequence: Int64, limit: Int = 1000) throws -> [(sequence: Int64, event: ChangeEvent)] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, at, account, region, resource_type, resource_id, action, status, detail
                    FROM events WHERE seq > ? ORDER BY seq LIMIT ?
                    """,
                arguments: [sequence, limit])
            return try rows.map { row in
                let sequence: Int64 = row["seq"]
                let detail: String = row["detail"]
                let event = ChangeEvent(
                    at: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0), accountId: row["account"],
                    region: row["region"], resourceType: try UnknownEventValue.known(row, "resource_type", sequence),
                    resourceId: row["resource_id"], action: try UnknownEventValue.known(row, "action", sequence),
                    status: row["status"], detail: detail)
                return (sequence, event)
            }
        }
    }

    /// The time of the newest change event (RFC 3339 strings sort as times).
    public func latestEventTime() throws -> Date? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(at) FROM events").flatMap(Timestamp.parse)
        }
    }

    /// The sequence number and time of the newest change event (0 and nil before the first commit).
    public func lastCommit() throws -> (sequence: Int64, at: Date?) {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT seq, at FROM events ORDER BY seq DESC LIMIT 1") else {
                return (0, nil)
            }
            return (row["seq"], Timestamp.parse(row["at"]))
        }
    }

    /// What a client whose change could not be committed is told: what happened and what to do. The
    /// transaction was rolled back, so nothing of the change exists; reads keep being answered from
    /// the published state.
    public func explainWriteFailure(_ error: any Error) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let code = (error as? DatabaseError)?.resultCode
        switch code {
        case .SQLITE_FULL?:
            return "The change could not be written: the file system holding \(directory) is full. Nothing was "
                + "changed and reads still work. Free space there (df \(directory)), then retry."
        case .SQLITE_READONLY?, .SQLITE_PERM?, .SQLITE_CANTOPEN?, .SQLITE_AUTH?:
            return "The change could not be written: \(path) cannot be written (\(error)). Nothing was changed and "
                + "reads still work. Make the data directory \(directory) and its files writable by netctld's user "
                + "(is the file system mounted read-only?), then retry."
        default:
            return "The change could not be written to \(path) (\(error)). Nothing was changed and reads still "
                + "work. Check the disk (free space, dmesg for I/O errors), then retry."
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    public func close() throws {
        try database.close()
    }
}

/// A stored change event whose `resource_type` or `action` this netctld has no case for.
struct UnknownEventValue: Error, CustomStringConvertible {
    var sequence: Int64
    var column: String
    var value: String

    var description: String {
        "change event \(sequence) in state.db has \(column) '\(value)', which this netctld does not know "
            + "(was the database written by a newer netctld?)"
    }

    /// The column's value as `Value`, or this error naming the row.
    static func known<Value: RawRepresentable<String>>(
        _ row: Row, _ column: String, _ sequence: Int64
    ) throws -> Value {
        let value: String = row[column]
        guard let known = Value(rawValue: value) else {
            throw UnknownEventValue(sequence: sequence, column: column, value: value)
        }
        return known
    }
}
