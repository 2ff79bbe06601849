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
    private let groupIDs = RowIDCache<GroupKey>()
    private let streamIDs = RowIDCache<StreamKey>()
    private let seriesIDs = RowIDCache<SeriesKey>()

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
        StreamStore(path: ":memory:", database: try inMemoryTemplate.copy())
    }

    private static let inMemoryTemplate = DatabaseOpening.InMemoryTemplate(migrator: migrator)

    /// `database` comes migrated: by `DatabaseOpening` for a file, as a copy of a migrated one in memory.
    private init(path: String, database: any DatabaseWriter) {
        self.path = path
        self.database = database
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

    /// The dimension set as stored in `metric_series.dims`: the JSON of the sorted set, written by hand
    /// (an encoder per new series was a tenth of the watcher's time) exactly as `NetctlJSON.encoder`
    /// writes it, so series stored by either find each other.
    static func dimensionsKey(_ dimensions: [MetricDimension]) -> String {
        "["
            + dimensions.sorted().map { #"{"name":"# + JSONText.quote($0.name) + #","value":"# + JSONText.quote($0.value) + "}" }
            .joined(separator: ",") + "]"
    }

    public func appendMetrics(_ metrics: [MetricEntry]) throws {
        guard !metrics.isEmpty else { return }
        try write { db, found in try self.insert(metrics, db, found: &found) }
    }

    private func insert(_ metrics: [MetricEntry], _ db: Database, found: inout FoundIDs) throws {
        guard !metrics.isEmpty else { return }
        let seriesIDs = try resolveSeries(metrics, db, found: &found)
        // Many rows per statement: binding and stepping one statement per datum costs more than the B-tree work.
        var offset = 0
        for chunk in metrics.chunkedInPowersOfTwo(upTo: 256) {
            let placeholders = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(
                separator: ", ")
            var arguments = StatementArguments()
            for (index, entry) in chunk.enumerated() {
                arguments += [
                    seriesIDs[offset + index], entry.sample.timestamp, entry.sample.value,
                    entry.sample.unit, entry.sample.storageResolution, entry.statistics?.sampleCount,
                    entry.statistics?.sum, entry.statistics?.minimum, entry.statistics?.maximum,
                ]
            }
            try db.cachedStatement(
                sql:
                    "INSERT INTO metric_data (series_id, timestamp, value, unit, resolution, sample_count, sum, minimum, maximum) VALUES "
                    + placeholders
            ).execute(arguments: arguments)
            offset += chunk.count
        }
    }

    /// The series ID of each entry, in order. Series neither in the cache nor seen in this batch are
    /// upserted together, many per statement (usually they are new: a new route table's RouteCount).
    private func resolveSeries(_ metrics: [MetricEntry], _ db: Database, found: inout FoundIDs) throws -> [Int64] {
        var keys: [SeriesKey] = []
        keys.reserveCapacity(metrics.count)
        var known: [SeriesKey: Int64] = [:]
        var missing: [(key: SeriesKey, dims: String)] = []
        for entry in metrics {
            // Sorted: one set given in two orders is one series, and must be upserted once.
            let key = SeriesKey(
                scope: entry.scope, namespace: entry.namespace, name: entry.sample.metricName,
                dimensions: entry.sample.dimensions.sorted())
            keys.append(key)
            guard known[key] == nil else { continue }
            if let id = seriesIDs[key] {
                known[key] = id
            } else {
                known[key] = -1
                missing.append((key, Self.dimensionsKey(key.dimensions)))
            }
        }
        for chunk in missing.chunkedInPowersOfTwo(upTo: 64) {
            var byColumns: [StoredSeries: SeriesKey] = [:]
            var arguments = StatementArguments()
            for (key, dims) in chunk {
                byColumns[StoredSeries(scope: key.scope, namespace: key.namespace, name: key.name, dims: dims)] = key
                arguments += [key.scope.accountId, key.scope.region, key.namespace, key.name, dims]
            }
            // An existing series (after a restart) is rewritten unchanged, so that it is returned too.
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "INSERT INTO metric_series (account, region, namespace, name, dims) VALUES "
                        + Array(repeating: "(?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                        + """
                         ON CONFLICT (account, region, namespace, name, dims) DO UPDATE SET name = excluded.name
                        RETURNING id, account, region, namespace, name, dims
                        """),
                arguments: arguments)
            for row in rows {
                let stored = StoredSeries(
                    scope: Scope(accountId: row["account"], region: row["region"]), namespace: row["namespace"],
                    name: row["name"], dims: row["dims"])
                guard let key = byColumns[stored] else { continue }
                known[key] = row["id"]
                found.series[key] = row["id"]
            }
        }
        return try keys.map { key in
            guard let id = known[key], id >= 0 else {
                throw NetctlError(.internalError, "streams.db returned no ID for the metric series \(key.name)")
            }
            return id
        }
    }

    /// A series as its row names it, to match RETURNING rows (in no set order) to the batch's keys.
    private struct StoredSeries: Hashable {
        var scope: Scope
        var namespace: String
        var name: String
        var dims: String
    }

    public func listMetrics(_ scope: Scope, namespace: String?, name: String?, since: Int64) throws(NetctlError)
        -> [MetricIdentity]
    {
        try read { db in
            var sql = "SELECT namespace, name, dims FROM metric_series s WHERE account = ? AND region = ?"
            var arguments: StatementArguments = [scope.accountId, scope.region]
            if let namespace {
                sql += " AND namespace = ?"
                arguments += [namespace]
            }
            if let name {
                sql += " AND name = ?"
                arguments += [name]
            }
            sql += " AND EXISTS (SELECT 1 FROM metric_data d WHERE d.series_id = s.id AND d.timestamp >= ?)"
            sql += " ORDER BY namespace, name, dims"
            arguments += [since]
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
                    SELECT d.timestamp, d.value, d.unit, d.sample_count, d.sum, d.minimum, d.maximum
                    FROM metric_series s CROSS JOIN metric_data d ON d.series_id = s.id
                    WHERE s.account = ? AND s.region = ? AND s.namespace = ? AND s.name = ? AND s.dims = ?
                      AND d.timestamp >= ? AND d.timestamp < ? ORDER BY d.timestamp
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
                        INSERT INTO metric_data (series_id, timestamp, value, unit, resolution,
                                                 sample_count, sum, minimum, maximum)
                        SELECT series_id, (timestamp / ?) * ?,
                               SUM(COALESCE(sum, value)) / SUM(COALESCE(sample_count, 1)), unit, ?,
                               SUM(COALESCE(sample_count, 1)), SUM(COALESCE(sum, value)),
                               MIN(COALESCE(minimum, value)), MAX(COALESCE(maximum, value))
                        FROM metric_data WHERE timestamp < ? AND resolution < ?
                        GROUP BY series_id, unit, timestamp / ?
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
            let expired = db.changesCount
            if expired > 0 {
                // A series with nothing left is not listed; a resource's series would otherwise pile up forever.
                seriesIDs.invalidate()
                try db.execute(
                    sql: """
                        DELETE FROM metric_series WHERE NOT EXISTS (
                            SELECT 1 FROM metric_data d WHERE d.series_id = metric_series.id)
                        """)
            }
            return changed + expired
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

    public func createGroup(_ scope: Scope, _ name: String, now: Int64) throws(NetctlError) {
        try run { db in
            guard try self.groupID(db, scope, name) == nil else {
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
            let groupID = try self.requireGroup(db, scope, group)
            guard try self.streamID(db, groupID, name) == nil else {
                throw NetctlError("ResourceAlreadyExistsException", "The specified log stream already exists: \(name).")
            }
            try db.execute(
                sql: "INSERT INTO log_streams (group_id, name, created_at) VALUES (?, ?, ?)",
                arguments: [groupID, name, now])
        }
    }

    public func deleteGroup(_ scope: Scope, _ name: String) throws(NetctlError) {
        try run { db in
            let groupID = try self.requireGroup(db, scope, name)
            self.groupIDs.invalidate()
            self.streamIDs.invalidate()
            for table in ["log_events", "log_streams"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE group_id = ?", arguments: [groupID])
            }
            try db.execute(sql: "DELETE FROM log_groups WHERE id = ?", arguments: [groupID])
        }
    }

    public func setRetention(_ scope: Scope, _ name: String, days: Int) throws(NetctlError) {
        try run { db in
            let groupID = try self.requireGroup(db, scope, name)
            try db.execute(sql: "UPDATE log_groups SET retention_days = ? WHERE id = ?", arguments: [days, groupID])
        }
    }

    public func retention(_ scope: Scope, _ group: String) throws(NetctlError) -> Int? {
        try read { db in
            let groupID = try self.requireGroup(db, scope, group)
            return try Int.fetchOne(db, sql: "SELECT retention_days FROM log_groups WHERE id = ?", arguments: [groupID])
        }
    }

    public func requireStream(_ scope: Scope, group: String, stream: String) throws(NetctlError) {
        try read { db in
            guard try self.streamID(db, self.requireGroup(db, scope, group), stream) != nil else {
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
                        (SELECT COALESCE(SUM(stored_bytes), 0) FROM log_streams s WHERE s.group_id = g.id) AS bytes
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
            let groupID = try self.requireGroup(db, scope, group)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT name, created_at, first_event, last_event, stored_bytes FROM log_streams
                    WHERE group_id = ? AND name LIKE ? ESCAPE '\\' ORDER BY name
                    """,
                arguments: [groupID, Self.likePrefix(prefix)])
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
            let groupID = try self.requireGroup(db, scope, group)
            var sql = """
                SELECT e.id, s.name AS stream, e.timestamp, e.ingestion_time, e.message
                FROM log_events e CROSS JOIN log_streams s ON s.id = e.stream_id WHERE e.group_id = ?
                """
            var arguments: StatementArguments = [groupID]
            if let stream {
                guard let streamID = try self.streamID(db, groupID, stream) else { return ([], nil) }
                sql += " AND e.stream_id = ?"
                arguments += [streamID]
            }
            if let start {
                sql += " AND e.timestamp >= ?"
                arguments += [start]
            }
            if let end {
                sql += " AND e.timestamp <= ?"
                arguments += [end]
            }
            if let after {
                sql += " AND e.id > ?"
                arguments += [after]
            }
            sql += " ORDER BY e.id"
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
            var sql = """
                SELECT e.id, g.name AS grp, s.name AS stream, e.timestamp, e.ingestion_time, e.message
                FROM log_events e CROSS JOIN log_streams s ON s.id = e.stream_id CROSS JOIN log_groups g ON g.id = e.group_id
                WHERE e.group_id IN (SELECT id FROM log_groups WHERE account = ? AND region = ?
                """
            var arguments: StatementArguments = [scope.accountId, scope.region]
            if let groups, !groups.isEmpty {
                sql += " AND name IN (\(groups.map { _ in "?" }.joined(separator: ",")))"
                for group in groups { arguments += [group] }
            }
            sql += ") ORDER BY e.id DESC"
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
                        SELECT e.id FROM log_groups g JOIN log_events e ON e.group_id = g.id
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
                            WHERE e.stream_id = log_streams.id)
                        WHERE group_id IN (SELECT id FROM log_groups WHERE retention_days IS NOT NULL)
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

    private func groupID(_ db: Database, _ scope: Scope, _ name: String) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM log_groups WHERE account = ? AND region = ? AND name = ?",
            arguments: [scope.accountId, scope.region, name])
    }

    private func streamID(_ db: Database, _ groupID: Int64, _ name: String) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM log_streams WHERE group_id = ? AND name = ?", arguments: [groupID, name])
    }

    private func requireGroup(_ db: Database, _ scope: Scope, _ name: String) throws -> Int64 {
        guard let id = try groupID(db, scope, name) else {
            throw NetctlError(
                .resourceNotFoundException,
                "The specified log group does not exist: \(name). List them with `netctl logs groups`.")
        }
        return id
    }

    /// A write that may look up or create groups, streams and series: what it found is cached once it
    /// committed.
    private func write<T>(_ body: @escaping (Database, inout FoundIDs) throws -> T) throws -> T {
        let (result, found, generations) = try database.write { db in
            let generations = (self.groupIDs.generation, self.streamIDs.generation, self.seriesIDs.generation)
            var found = FoundIDs()
            let result = try body(db, &found)
            return (result, found, generations)
        }
        groupIDs.remember(found.groups, since: generations.0)
        streamIDs.remember(found.streams, since: generations.1)
        seriesIDs.remember(found.series, since: generations.2)
        return result
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
