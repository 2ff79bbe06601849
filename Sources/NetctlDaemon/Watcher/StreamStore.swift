import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// Log groups, streams and events in `DATA_DIR/streams.db`, apart from the state database so that
/// retention sweeps and heavy log traffic never touch the file the control plane commits to.
///
/// This file holds the store itself: opening, the watcher's cursor, the append path every batch takes
/// and the transaction helpers. Its parts are in `StreamStore+Logs.swift` (groups, streams, events),
/// `+Metrics.swift`, `+Alarms.swift`, `+Retention.swift` (log retention) and `+Rollups.swift` (metric
/// retention tiers).
public final class StreamStore: Sendable {
    /// A pool on a file for netctld; a queue in memory for the fuzz harness (`RequestReplay`).
    let database: any DatabaseWriter
    public let path: String
    // The caches and the transaction helpers below are internal, not private, for the extensions in
    // the StreamStore+*.swift files.
    let groupIDs = RowIDCache<GroupKey>()
    let streamIDs = RowIDCache<StreamKey>()
    let seriesIDs = RowIDCache<SeriesKey>()
    /// Every group, for the writer (`CommandContext.logGroups`).
    public let logGroupNames = LogGroupNames()

    public convenience init(path: String, readOnly: Bool = false) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // NORMAL in WAL mode: a commit survives a crash of netctld; a power loss can take the last
            // transactions (the watcher's cursor goes with them, so change events are logged again from
            // state.db; user logs and metrics of those last moments are lost). Rarer checkpoints keep its
            // fsyncs from competing with the state database's.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            // A multi-row insert inside the watcher's transaction keeps a statement journal; on disk it
            // was rewritten on every batch, about a third of the watcher's writes.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        try self.init(
            path: path,
            database: DatabaseOpening.open(
                path: path, configuration: configuration, migrator: Self.migrator, readOnly: readOnly))
    }

    /// Log groups, streams, metrics and alarms held in memory, gone with this object.
    public static func inMemory() throws -> StreamStore {
        try StreamStore(path: ":memory:", database: try inMemoryTemplate.copy())
    }

    private static let inMemoryTemplate = DatabaseOpening.InMemoryTemplate(migrator: migrator)

    /// `database` comes migrated: by `DatabaseOpening` for a file, as a copy of a migrated one in memory.
    private init(path: String, database: any DatabaseWriter) throws {
        self.path = path
        self.database = database
        try database.read(logGroupNames.load)
    }

    /// One event bound for a group and stream of an account and region.
    public struct Entry: Sendable {
        public var scope: Scope
        public var group: String
        public var stream: String
        public var timestamp: Int64
        public var message: String
    }

    public func cursor() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT last_seq FROM watcher_cursor") ?? 0 }
    }

    /// Appends entries, creating their groups and streams as needed, and (for the watcher) moves the
    /// cursor in the same transaction: each change event is logged exactly once, even across crashes.
    @discardableResult
    public func append(_ entries: [Entry], metrics: [MetricEntry] = [], now: Int64, cursor: Int64? = nil) throws
        -> [LogEvent]
    {
        try write { db, found in
            try self.insert(metrics, db, found: &found)
            // One row update per stream of the batch, not per event.
            var streams: [StreamKey: (first: Int64, last: Int64, bytes: Int)] = [:]
            var streamOrder: [StreamKey] = []
            // IDs this batch uses; `found` holds only those looked up in the database, for the cache.
            var batchGroups: [GroupKey: Int64] = [:]
            var batchStreams: [StreamKey: Int64] = [:]
            var keys: [StreamKey] = []
            keys.reserveCapacity(entries.count)
            for entry in entries {
                let group = GroupKey(scope: entry.scope, name: entry.group)
                let groupID: Int64
                if let known = batchGroups[group] ?? self.groupIDs[group] {
                    groupID = known
                } else {
                    groupID = try self.insertGroup(group, now, db)
                    found.groups[group] = groupID
                }
                batchGroups[group] = groupID
                let stream = StreamKey(groupID: groupID, name: entry.stream)
                keys.append(stream)
                if let seen = streams[stream] {
                    streams[stream] = (
                        min(seen.first, entry.timestamp), max(seen.last, entry.timestamp),
                        seen.bytes + entry.message.utf8.count
                    )
                } else {
                    streams[stream] = (entry.timestamp, entry.timestamp, entry.message.utf8.count)
                    streamOrder.append(stream)
                }
            }
            var missing: [StreamKey] = []
            for stream in streamOrder {
                guard let totals = streams[stream] else { continue }
                guard let id = self.streamIDs[stream] else {
                    missing.append(stream)
                    continue
                }
                try db.cachedStatement(
                    sql: """
                        UPDATE log_streams SET
                            first_event = MIN(COALESCE(first_event, ?1), ?1), last_event = MAX(COALESCE(last_event, ?2), ?2),
                            stored_bytes = stored_bytes + ?3
                        WHERE id = ?4
                        """
                ).execute(arguments: [totals.first, totals.last, totals.bytes, id])
                batchStreams[stream] = id
            }
            // Streams not in the cache (usually new: one per new resource), many per statement.
            for chunk in missing.chunkedInPowersOfTwo(upTo: 64) {
                var arguments = StatementArguments()
                for stream in chunk {
                    let totals = streams[stream] ?? (first: now, last: now, bytes: 0)
                    arguments += [stream.groupID, stream.name, now, totals.first, totals.last, totals.bytes]
                }
                let rows = try Row.fetchAll(
                    db.cachedStatement(
                        sql: "INSERT INTO log_streams (group_id, name, created_at, first_event, last_event, stored_bytes) VALUES "
                            + Array(repeating: "(?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                            + """
                             ON CONFLICT (group_id, name) DO UPDATE SET
                                first_event = MIN(COALESCE(first_event, excluded.first_event), excluded.first_event),
                                last_event = MAX(COALESCE(last_event, excluded.last_event), excluded.last_event),
                                stored_bytes = stored_bytes + excluded.stored_bytes
                            RETURNING id, group_id, name
                            """),
                    arguments: arguments)
                for row in rows {
                    let stream = StreamKey(groupID: row["group_id"], name: row["name"])
                    found.streams[stream] = row["id"]
                    batchStreams[stream] = row["id"]
                }
            }
            for stream in missing where batchStreams[stream] == nil {
                throw NetctlError(.internalError, "streams.db returned no ID for the log stream \(stream.name)")
            }
            var stored: [LogEvent] = []
            stored.reserveCapacity(entries.count)
            var offset = 0
            for chunk in entries.chunkedInPowersOfTwo(upTo: 256) {
                let placeholders = Array(repeating: "(?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                var arguments = StatementArguments()
                for (index, entry) in chunk.enumerated() {
                    let stream = keys[offset + index]
                    arguments += [stream.groupID, batchStreams[stream], entry.timestamp, now, entry.message]
                }
                try db.cachedStatement(
                    sql: "INSERT INTO log_events (group_id, stream_id, timestamp, ingestion_time, message) VALUES "
                        + placeholders
                ).execute(arguments: arguments)
                // One statement, one writer: the rows got consecutive IDs ending at the last one.
                let first = db.lastInsertedRowID - Int64(chunk.count) + 1
                for (index, entry) in chunk.enumerated() {
                    stored.append(
                        LogEvent(
                            timestamp: entry.timestamp, ingestionTime: now, message: entry.message,
                            logStreamName: entry.stream, logGroupName: entry.group,
                            eventId: String(first + Int64(index))))
                }
                offset += chunk.count
            }
            if let cursor {
                try db.cachedStatement(sql: "UPDATE watcher_cursor SET last_seq = ? WHERE id = 1").execute(
                    arguments: [cursor])
            }
            return stored
        }
    }

    private func insertGroup(_ group: GroupKey, _ now: Int64, _ db: Database) throws -> Int64 {
        let arguments: StatementArguments = [group.scope.accountId, group.scope.region, group.name]
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM log_groups WHERE account = ? AND region = ? AND name = ?"),
            arguments: arguments)
        {
            return id
        }
        try db.cachedStatement(
            sql: "INSERT INTO log_groups (account, region, name, created_at) VALUES (?, ?, ?, ?)"
        ).execute(arguments: arguments + [now])
        return db.lastInsertedRowID
    }

    struct GroupKey: Hashable, Sendable {
        var scope: Scope
        var name: String
    }

    struct StreamKey: Hashable, Sendable {
        var groupID: Int64
        var name: String
    }

    struct SeriesKey: Hashable, Sendable {
        var scope: Scope
        var namespace: String
        var name: String
        var dimensions: [MetricDimension]
    }

    /// Row IDs a write looked up or created, remembered once it commits.
    struct FoundIDs {
        var groups: [GroupKey: Int64] = [:]
        var streams: [StreamKey: Int64] = [:]
        var series: [SeriesKey: Int64] = [:]
    }

    // MARK: Helpers

    /// A write that may look up or create groups, streams and series: what it found is cached once it
    /// committed.
    func write<T>(_ body: @escaping (Database, inout FoundIDs) throws -> T) throws -> T {
        let (result, found, generations) = try reloadingGroupsOnFailure {
            try database.write { db in
                let generations = (self.groupIDs.generation, self.streamIDs.generation, self.seriesIDs.generation)
                var found = FoundIDs()
                let result = try body(db, &found)
                // Groups an append created, among those it found; inside the transaction, so a group
                // deleted meanwhile is not put back.
                for group in found.groups.keys { self.logGroupNames.insert(group.scope, group.name) }
                return (result, found, generations)
            }
        }
        groupIDs.remember(found.groups, since: generations.0)
        streamIDs.remember(found.streams, since: generations.1)
        seriesIDs.remember(found.series, since: generations.2)
        return result
    }

    func run(_ body: @Sendable @escaping (Database) throws -> Void) throws(NetctlError) {
        do { try reloadingGroupsOnFailure { try database.write(body) } } catch let error as NetctlError {
            throw error
        } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
    }

    /// A write that failed was rolled back, and so must be what it changed in `logGroupNames`.
    private func reloadingGroupsOnFailure<T>(_ write: () throws -> T) throws -> T {
        do { return try write() } catch {
            try? database.read(logGroupNames.load)
            throw error
        }
    }

    func read<T>(_ body: @Sendable @escaping (Database) throws -> T) throws(NetctlError) -> T {
        do { return try database.read(body) } catch let error as NetctlError { throw error } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
    }
}

extension Array {
    /// Consecutive slices whose sizes are powers of two up to `limit`, largest first: a multi-row
    /// statement per slice then comes in a handful of shapes, each prepared once and cached, instead of
    /// one shape per batch size.
    func chunkedInPowersOfTwo(upTo limit: Int) -> [ArraySlice<Element>] {
        var slices: [ArraySlice<Element>] = []
        var start = 0
        while start < count {
            let left = count - start
            let size = Swift.min(limit, 1 << (Int.bitWidth - 1 - left.leadingZeroBitCount))
            slices.append(self[start..<start + size])
            start += size
        }
        return slices
    }
}
