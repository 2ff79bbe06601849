import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// Log groups, streams and events in `DATA_DIR/streams.db`, apart from the state database so that
/// retention sweeps and heavy log traffic never touch the file the control plane commits to.
public final class StreamStore: Sendable {
    /// A pool on a file for netctld; a queue in memory for the fuzz harness (`RequestReplay`).
    let database: any DatabaseWriter
    public let path: String

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
        let database = try DatabaseQueue()
        try migratedInMemory.get().backup(to: database)
        return StreamStore(path: ":memory:", database: database)
    }

    /// Migrated once; every in-memory store starts as a copy of it, as `Store.inMemory` does.
    private static let migratedInMemory = Result { () throws -> DatabaseQueue in
        let database = try DatabaseQueue()
        try migrator.migrate(database)
        return database
    }

    /// `database` comes migrated: by `DatabaseOpening` for a file, as a copy of a migrated one in memory.
    private init(path: String, database: any DatabaseWriter) {
        self.path = path
        self.database = database
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: log groups, streams, events, watcher cursor") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log_groups (
                        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                        retention_days INTEGER, created_at INTEGER NOT NULL,
                        PRIMARY KEY (account, region, name));
                    CREATE TABLE log_streams (
                        account TEXT NOT NULL, region TEXT NOT NULL, grp TEXT NOT NULL, name TEXT NOT NULL,
                        created_at INTEGER NOT NULL, first_event INTEGER, last_event INTEGER,
                        stored_bytes INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (account, region, grp, name));
                    CREATE TABLE log_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL, region TEXT NOT NULL, grp TEXT NOT NULL, stream TEXT NOT NULL,
                        timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
                    CREATE INDEX log_events_group_time ON log_events (account, region, grp, timestamp);
                    CREATE INDEX log_events_stream_time ON log_events (account, region, grp, stream, timestamp);
                    CREATE TABLE watcher_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);
                    INSERT INTO watcher_cursor (id, last_seq) VALUES (1, 0);
                    """)
        }
        migrator.registerMigration("v2: metric datapoints") { db in
            try db.execute(
                sql: """
                    CREATE TABLE metric_data (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL, region TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                        dims TEXT NOT NULL, timestamp INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,
                        resolution INTEGER NOT NULL);
                    CREATE INDEX metric_data_series ON metric_data (account, region, namespace, name, dims, timestamp);
                    """)
        }
        migrator.registerMigration("v3: alarms") { db in
            try db.execute(
                sql: """
                    CREATE TABLE alarms (
                        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
                        PRIMARY KEY (account, region, name));
                    """)
        }
        migrator.registerMigration("v4: rolled-up metric statistics") { db in
            // Raw rows leave these NULL; a rollup row holds the statistics of the values it replaced.
            try db.execute(
                sql: """
                    ALTER TABLE metric_data ADD COLUMN sample_count REAL;
                    ALTER TABLE metric_data ADD COLUMN sum REAL;
                    ALTER TABLE metric_data ADD COLUMN minimum REAL;
                    ALTER TABLE metric_data ADD COLUMN maximum REAL;
                    """)
        }
        return migrator
    }

    public func putAlarm(_ scope: Scope, _ alarm: Alarm) throws(NetctlError) {
        let body = (try? NetctlJSON.encoder.encode(alarm)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try run { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO alarms (account, region, name, body) VALUES (?, ?, ?, ?)",
                arguments: [scope.accountId, scope.region, alarm.name, body])
        }
    }

    public func deleteAlarm(_ scope: Scope, _ name: String) throws(NetctlError) {
        try run { db in
            try db.execute(
                sql: "DELETE FROM alarms WHERE account = ? AND region = ? AND name = ?",
                arguments: [scope.accountId, scope.region, name])
            guard db.changesCount > 0 else {
                throw NetctlError(
                    .resourceNotFoundException, "No alarm named '\(name)' exists. List them with `netctl alarm list`.")
            }
        }
    }

    /// Alarms of one scope, or of every scope when nil.
    public func alarms(_ scope: Scope?) throws(NetctlError) -> [(scope: Scope, alarm: Alarm)] {
        try read { db in
            var sql = "SELECT account, region, body FROM alarms"
            var arguments: StatementArguments = []
            if let scope {
                sql += " WHERE account = ? AND region = ?"
                arguments = [scope.accountId, scope.region]
            }
            sql += " ORDER BY account, region, name"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                guard let alarm = try? NetctlJSON.decoder.decode(Alarm.self, from: Data((row["body"] as String).utf8))
                else {
                    return nil
                }
                return (Scope(accountId: row["account"], region: row["region"]), alarm)
            }
        }
    }

    /// One sample of a metric of an account and region.
    public struct MetricEntry: Sendable {
        public var scope: Scope
        public var namespace: String
        /// A single value, or (with `statistics`) the average of a statistic set.
        public var sample: MetricRules.Sample
        /// Many data points of one second stored as one row, as PutMetricData's StatisticValues are.
        public var statistics: Statistics?

        public init(scope: Scope, namespace: String, sample: MetricRules.Sample, statistics: Statistics? = nil) {
            self.scope = scope
            self.namespace = namespace
            self.sample = sample
            self.statistics = statistics
        }
    }

    public struct Statistics: Sendable, Hashable {
        public var sampleCount: Double
        public var sum: Double
        public var minimum: Double
        public var maximum: Double
    }

    static func dimensionsKey(_ dimensions: [MetricDimension]) -> String {
        (try? NetctlJSON.encoder.encode(dimensions.sorted())).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    public func appendMetrics(_ metrics: [MetricEntry]) throws {
        guard !metrics.isEmpty else { return }
        try database.write { db in try Self.insert(metrics, db) }
    }

    static func insert(_ metrics: [MetricEntry], _ db: Database) throws {
        // Many rows per statement: binding and stepping one statement per datum costs more than the B-tree work.
        // A batch repeats a few dimension sets many times: encode each once.
        var keys: [[MetricDimension]: String] = [:]
        for chunk in metrics.chunked(by: 200) {
            let placeholders = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(
                separator: ", ")
            var arguments = StatementArguments()
            for entry in chunk {
                arguments += [
                    entry.scope.accountId, entry.scope.region, entry.namespace, entry.sample.metricName,
                    keys[entry.sample.dimensions]
                        ?? {
                            let key = dimensionsKey(entry.sample.dimensions)
                            keys[entry.sample.dimensions] = key
                            return key
                        }(), entry.sample.timestamp, entry.sample.value, entry.sample.unit,
                    entry.sample.storageResolution,
                    entry.statistics?.sampleCount, entry.statistics?.sum, entry.statistics?.minimum,
                    entry.statistics?.maximum,
                ]
            }
            try db.cachedStatement(
                sql:
                    "INSERT INTO metric_data (account, region, namespace, name, dims, timestamp, value, unit, resolution, "
                    + "sample_count, sum, minimum, maximum) VALUES "
                    + placeholders
            ).execute(arguments: arguments)
        }
    }

    public func listMetrics(_ scope: Scope, namespace: String?, name: String?, since: Int64) throws(NetctlError)
        -> [MetricIdentity]
    {
        try read { db in
            var sql =
                "SELECT DISTINCT namespace, name, dims FROM metric_data WHERE account = ? AND region = ? AND timestamp >= ?"
            var arguments: StatementArguments = [scope.accountId, scope.region, since]
            if let namespace {
                sql += " AND namespace = ?"
                arguments += [namespace]
            }
            if let name {
                sql += " AND name = ?"
                arguments += [name]
            }
            sql += " ORDER BY namespace, name, dims"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let dims =
                    (try? NetctlJSON.decoder.decode([MetricDimension].self, from: Data((row["dims"] as String).utf8)))
                    ?? []
                return MetricIdentity(namespace: row["namespace"], metricName: row["name"], dimensions: dims)
            }
        }
    }

    public func metricSamples(
        _ scope: Scope, namespace: String, name: String, dimensions: [MetricDimension], start: Int64, end: Int64
    ) throws(NetctlError) -> [(observation: MetricRules.Observation, unit: String)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT timestamp, value, unit, sample_count, sum, minimum, maximum FROM metric_data
                    WHERE account = ? AND region = ? AND namespace = ? AND name = ? AND dims = ?
                      AND timestamp >= ? AND timestamp < ? ORDER BY timestamp
                    """,
                arguments: [scope.accountId, scope.region, namespace, name, Self.dimensionsKey(dimensions), start, end]
            ).map { row in
                let timestamp: Int64 = row["timestamp"]
                let observation: MetricRules.Observation
                if let count: Double = row["sample_count"] {
                    observation = MetricRules.Observation(
                        timestamp: timestamp, count: count, sum: row["sum"], minimum: row["minimum"],
                        maximum: row["maximum"])
                } else {
                    observation = MetricRules.Observation(timestamp: timestamp, value: row["value"])
                }
                return (observation, row["unit"])
            }
        }
    }

    /// CloudWatch's retention tiers: finer data past each tier's age is merged into one row per
    /// coarser period, keeping count, sum, minimum and maximum; data past 455 days is dropped. This is
    /// what keeps streams.db bounded on a long-running daemon.
    @discardableResult
    public func rollUpMetrics(now: Int64) throws -> Int {
        try database.write { db in
            var changed = 0
            for tier in MetricRules.tiers {
                let cutoff = now - tier.age
                let length = tier.period * 1000
                try db.execute(
                    sql: """
                        INSERT INTO metric_data (account, region, namespace, name, dims, timestamp, value, unit, resolution,
                                                 sample_count, sum, minimum, maximum)
                        SELECT account, region, namespace, name, dims, (timestamp / ?) * ?,
                               SUM(COALESCE(sum, value)) / SUM(COALESCE(sample_count, 1)), unit, ?,
                               SUM(COALESCE(sample_count, 1)), SUM(COALESCE(sum, value)),
                               MIN(COALESCE(minimum, value)), MAX(COALESCE(maximum, value))
                        FROM metric_data WHERE timestamp < ? AND resolution < ?
                        GROUP BY account, region, namespace, name, dims, unit, timestamp / ?
                        """,
                    arguments: [length, length, tier.period, cutoff, tier.period, length])
                let merged = db.changesCount
                guard merged > 0 else { continue }
                try db.execute(
                    sql: "DELETE FROM metric_data WHERE timestamp < ? AND resolution < ?",
                    arguments: [cutoff, tier.period])
                changed += db.changesCount
            }
            try db.execute(sql: "DELETE FROM metric_data WHERE timestamp < ?", arguments: [now - MetricRules.retention])
            return changed + db.changesCount
        }
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
        try database.write { db in
            try Self.insert(metrics, db)
            // One upsert per group and per stream of the batch, not per event.
            var groups: [GroupKey] = []
            var seenGroups = Set<GroupKey>()
            var streams: [StreamKey: (first: Int64, last: Int64, bytes: Int)] = [:]
            var streamOrder: [StreamKey] = []
            for entry in entries {
                let group = GroupKey(scope: entry.scope, name: entry.group)
                if seenGroups.insert(group).inserted { groups.append(group) }
                let stream = StreamKey(group: group, name: entry.stream)
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
            for group in groups {
                try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO log_groups (account, region, name, created_at) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [group.scope.accountId, group.scope.region, group.name, now])
            }
            for stream in streamOrder {
                guard let totals = streams[stream] else { continue }
                try db.cachedStatement(
                    sql: """
                        INSERT INTO log_streams (account, region, grp, name, created_at, first_event, last_event, stored_bytes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO UPDATE SET
                            first_event = MIN(COALESCE(first_event, excluded.first_event), excluded.first_event),
                            last_event = MAX(COALESCE(last_event, excluded.last_event), excluded.last_event),
                            stored_bytes = stored_bytes + excluded.stored_bytes
                        """
                ).execute(
                    arguments: [
                        stream.group.scope.accountId, stream.group.scope.region, stream.group.name, stream.name, now,
                        totals.first, totals.last, totals.bytes,
                    ])
            }
            var stored: [LogEvent] = []
            stored.reserveCapacity(entries.count)
            for chunk in entries.chunked(by: 300) {
                let placeholders = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                var arguments = StatementArguments()
                for entry in chunk {
                    arguments += [
                        entry.scope.accountId, entry.scope.region, entry.group, entry.stream, entry.timestamp, now,
                        entry.message,
                    ]
                }
                try db.cachedStatement(
                    sql:
                        "INSERT INTO log_events (account, region, grp, stream, timestamp, ingestion_time, message) VALUES "
                        + placeholders
                ).execute(arguments: arguments)
                // One statement, one writer: the rows got consecutive IDs ending at the last one.
                let first = db.lastInsertedRowID - Int64(chunk.count) + 1
                for (offset, entry) in chunk.enumerated() {
                    stored.append(
                        LogEvent(
                            timestamp: entry.timestamp, ingestionTime: now, message: entry.message,
                            logStreamName: entry.stream, logGroupName: entry.group,
                            eventId: String(first + Int64(offset))))
                }
            }
            if let cursor {
                try db.execute(sql: "UPDATE watcher_cursor SET last_seq = ? WHERE id = 1", arguments: [cursor])
            }
            return stored
        }
    }

    private struct GroupKey: Hashable {
        var scope: Scope
        var name: String
    }

    private struct StreamKey: Hashable {
        var group: GroupKey
        var name: String
    }

    public func createGroup(_ scope: Scope, _ name: String, now: Int64) throws(NetctlError) {
        try run { db in
            guard try self.groupExists(db, scope, name) == false else {
                throw NetctlError(
                    "ResourceAlreadyExistsException", "The specified log group already exists: \(name).")
            }
            try db.execute(
                sql: "INSERT INTO log_groups (account, region, name, created_at) VALUES (?, ?, ?, ?)",
                arguments: [scope.accountId, scope.region, name, now])
        }
    }

    public func createStream(_ scope: Scope, group: String, _ name: String, now: Int64) throws(NetctlError) {
        try run { db in
            try self.requireGroup(db, scope, group)
            let exists =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM log_streams WHERE account = ? AND region = ? AND grp = ? AND name = ?",
                    arguments: [scope.accountId, scope.region, group, name]) ?? false
            guard !exists else {
                throw NetctlError("ResourceAlreadyExistsException", "The specified log stream already exists: \(name).")
            }
            try db.execute(
                sql: "INSERT INTO log_streams (account, region, grp, name, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [scope.accountId, scope.region, group, name, now])
        }
    }

    public func deleteGroup(_ scope: Scope, _ name: String) throws(NetctlError) {
        try run { db in
            try self.requireGroup(db, scope, name)
            for table in ["log_events", "log_streams"] {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE account = ? AND region = ? AND grp = ?",
                    arguments: [scope.accountId, scope.region, name])
            }
            try db.execute(
                sql: "DELETE FROM log_groups WHERE account = ? AND region = ? AND name = ?",
                arguments: [scope.accountId, scope.region, name])
        }
    }

    public func setRetention(_ scope: Scope, _ name: String, days: Int) throws(NetctlError) {
        try run { db in
            try self.requireGroup(db, scope, name)
            try db.execute(
                sql: "UPDATE log_groups SET retention_days = ? WHERE account = ? AND region = ? AND name = ?",
                arguments: [days, scope.accountId, scope.region, name])
        }
    }

    public func retention(_ scope: Scope, _ group: String) throws(NetctlError) -> Int? {
        try read { db in
            try self.requireGroup(db, scope, group)
            return try Int.fetchOne(
                db, sql: "SELECT retention_days FROM log_groups WHERE account = ? AND region = ? AND name = ?",
                arguments: [scope.accountId, scope.region, group])
        }
    }

    public func requireStream(_ scope: Scope, group: String, stream: String) throws(NetctlError) {
        try read { db in
            try self.requireGroup(db, scope, group)
            let exists =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM log_streams WHERE account = ? AND region = ? AND grp = ? AND name = ?",
                    arguments: [scope.accountId, scope.region, group, stream]) ?? false
            guard exists else {
                throw NetctlError(
                    .resourceNotFoundException,
                    "The specified log stream does not exist: \(stream) in \(group). Create it with logs.createStream.")
            }
        }
    }

    public func groups(_ scope: Scope, prefix: String?) throws(NetctlError) -> [LogGroup] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT g.name, g.retention_days, g.created_at,
                        (SELECT COALESCE(SUM(stored_bytes), 0) FROM log_streams s
                         WHERE s.account = g.account AND s.region = g.region AND s.grp = g.name) AS bytes
                    FROM log_groups g WHERE g.account = ? AND g.region = ? AND g.name LIKE ? ESCAPE '\\' ORDER BY g.name
                    """,
                arguments: [scope.accountId, scope.region, Self.likePrefix(prefix)])
            return rows.map { row in
                LogGroup(
                    logGroupName: row["name"], retentionInDays: row["retention_days"], storedBytes: row["bytes"],
                    createdAt: row["created_at"],
                    arn: "arn:aws:logs:\(scope.region):\(scope.accountId):log-group:\(row["name"] as String):*")
            }
        }
    }

    public func streams(_ scope: Scope, group: String, prefix: String?) throws(NetctlError) -> [LogStream] {
        try read { db in
            try self.requireGroup(db, scope, group)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT name, created_at, first_event, last_event, stored_bytes FROM log_streams
                    WHERE account = ? AND region = ? AND grp = ? AND name LIKE ? ESCAPE '\\' ORDER BY name
                    """,
                arguments: [scope.accountId, scope.region, group, Self.likePrefix(prefix)])
            return rows.map { row in
                LogStream(
                    logStreamName: row["name"], createdAt: row["created_at"], firstEventTimestamp: row["first_event"],
                    lastEventTimestamp: row["last_event"], storedBytes: row["stored_bytes"])
            }
        }
    }

    /// Events in time order (then arrival), after the event ID in `after`, at most `limit`.
    public func events(
        _ scope: Scope, group: String, stream: String?, start: Int64?, end: Int64?, after: Int64?, limit: Int,
        matching pattern: FilterPattern?
    ) throws(NetctlError) -> (events: [LogEvent], last: Int64?) {
        try read { db in
            try self.requireGroup(db, scope, group)
            var sql =
                "SELECT id, stream, timestamp, ingestion_time, message FROM log_events WHERE account = ? AND region = ? AND grp = ?"
            var arguments: StatementArguments = [scope.accountId, scope.region, group]
            if let stream {
                sql += " AND stream = ?"
                arguments += [stream]
            }
            if let start {
                sql += " AND timestamp >= ?"
                arguments += [start]
            }
            if let end {
                sql += " AND timestamp <= ?"
                arguments += [end]
            }
            if let after {
                sql += " AND id > ?"
                arguments += [after]
            }
            sql += " ORDER BY id"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var events: [LogEvent] = []
            var last: Int64?
            while let row = try cursor.next() {
                let message: String = row["message"]
                last = row["id"]
                guard pattern?.matches(message) ?? true else { continue }
                events.append(
                    LogEvent(
                        timestamp: row["timestamp"], ingestionTime: row["ingestion_time"], message: message,
                        logStreamName: row["stream"], logGroupName: group, eventId: String(row["id"] as Int64)))
                if events.count >= limit { return (events, last) }
            }
            return (events, nil)
        }
    }

    /// The newest events of the scope's groups (all when `groups` is nil), oldest first.
    public func recent(_ scope: Scope, groups: [String]?, limit: Int, matching pattern: FilterPattern?)
        throws(NetctlError) -> [LogEvent]
    {
        try read { db in
            var sql =
                "SELECT id, grp, stream, timestamp, ingestion_time, message FROM log_events WHERE account = ? AND region = ?"
            var arguments: StatementArguments = [scope.accountId, scope.region]
            if let groups, !groups.isEmpty {
                sql += " AND grp IN (\(groups.map { _ in "?" }.joined(separator: ",")))"
                for group in groups { arguments += [group] }
            }
            sql += " ORDER BY id DESC"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var events: [LogEvent] = []
            while events.count < limit, let row = try cursor.next() {
                let message: String = row["message"]
                guard pattern?.matches(message) ?? true else { continue }
                events.append(
                    LogEvent(
                        timestamp: row["timestamp"], ingestionTime: row["ingestion_time"], message: message,
                        logStreamName: row["stream"], logGroupName: row["grp"], eventId: String(row["id"] as Int64)))
            }
            return events.reversed()
        }
    }

    /// Deletes events older than their group's retention; returns how many went.
    @discardableResult
    public func sweepRetention(now: Int64) throws -> Int {
        try database.write { db in
            try db.execute(
                sql: """
                    DELETE FROM log_events WHERE id IN (
                        SELECT e.id FROM log_events e JOIN log_groups g
                          ON g.account = e.account AND g.region = e.region AND g.name = e.grp
                        WHERE g.retention_days IS NOT NULL AND e.timestamp < ? - g.retention_days * 86400000)
                    """,
                arguments: [now])
            let deleted = db.changesCount
            if deleted > 0 {
                // Keep storedBytes true to what is left.
                try db.execute(
                    sql: """
                        UPDATE log_streams SET stored_bytes = (
                            SELECT COALESCE(SUM(length(CAST(e.message AS BLOB))), 0) FROM log_events e
                            WHERE e.account = log_streams.account AND e.region = log_streams.region
                              AND e.grp = log_streams.grp AND e.stream = log_streams.name)
                        WHERE EXISTS (
                            SELECT 1 FROM log_groups g WHERE g.account = log_streams.account
                              AND g.region = log_streams.region AND g.name = log_streams.grp AND g.retention_days IS NOT NULL)
                        """)
            }
            return deleted
        }
    }

    // MARK: Helpers

    private static func likePrefix(_ prefix: String?) -> String {
        (prefix ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    private func groupExists(_ db: Database, _ scope: Scope, _ name: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM log_groups WHERE account = ? AND region = ? AND name = ?",
            arguments: [scope.accountId, scope.region, name]) ?? false
    }

    private func requireGroup(_ db: Database, _ scope: Scope, _ name: String) throws {
        guard try groupExists(db, scope, name) else {
            throw NetctlError(
                .resourceNotFoundException,
                "The specified log group does not exist: \(name). List them with `netctl logs groups`.")
        }
    }

    private func run(_ body: @Sendable @escaping (Database) throws -> Void) throws(NetctlError) {
        do { try database.write(body) } catch let error as NetctlError { throw error } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
    }

    private func read<T>(_ body: @Sendable @escaping (Database) throws -> T) throws(NetctlError) -> T {
        do { return try database.read(body) } catch let error as NetctlError { throw error } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
