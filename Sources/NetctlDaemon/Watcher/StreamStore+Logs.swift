import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// Log groups, streams and events as the CloudWatch Logs methods see them: creating, listing, reading,
/// filtering and the recent events of `logs.tail`.
extension StreamStore {
    public func createGroup(_ scope: Scope, _ name: String, now: Int64) throws(NetctlError) {
        try run { db in
            guard try self.groupID(db, scope, name) == nil else {
                throw NetctlError(
                    "ResourceAlreadyExistsException", "The specified log group already exists: \(name).")
            }
            try db.execute(
                sql: "INSERT INTO log_groups (account, region, name, created_at) VALUES (?, ?, ?, ?)",
                arguments: [scope.accountId, scope.region, name, now])
            self.logGroupNames.insert(scope, name)
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
            self.logGroupNames.remove(scope, name)
        }
    }

    public func deleteStream(_ scope: Scope, group: String, _ name: String) throws(NetctlError) {
        try run { db in
            let groupID = try self.requireGroup(db, scope, group)
            guard let streamID = try self.streamID(db, groupID, name) else {
                throw NetctlError(
                    .resourceNotFoundException,
                    "The specified log stream does not exist: \(name) in \(group). List them with `netctl logs streams \(group)`.")
            }
            self.streamIDs.invalidate()
            try db.execute(sql: "DELETE FROM log_events WHERE stream_id = ?", arguments: [streamID])
            try db.execute(sql: "DELETE FROM log_streams WHERE id = ?", arguments: [streamID])
        }
    }

    /// `days` nil: events are kept forever.
    public func setRetention(_ scope: Scope, _ name: String, days: Int?) throws(NetctlError) {
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

    /// By name, or by the last event's timestamp (streams without events first, as if at 0), then name.
    public func streams(_ scope: Scope, group: String, prefix: String?, byLastEvent: Bool = false, descending: Bool = false)
        throws(NetctlError) -> [LogStream]
    {
        try read { db in
            let groupID = try self.requireGroup(db, scope, group)
            let direction = descending ? "DESC" : "ASC"
            let order = byLastEvent ? "COALESCE(last_event, 0) \(direction), name \(direction)" : "name \(direction)"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT name, created_at, first_event, last_event, stored_bytes FROM log_streams
                    WHERE group_id = ? AND name LIKE ? ESCAPE '\\' ORDER BY \(order)
                    """,
                arguments: [groupID, Self.likePrefix(prefix)])
            return rows.map { row in
                let name: String = row["name"]
                return LogStream(
                    logStreamName: name, createdAt: row["created_at"], firstEventTimestamp: row["first_event"],
                    lastEventTimestamp: row["last_event"], storedBytes: row["stored_bytes"],
                    arn: "arn:aws:logs:\(scope.region):\(scope.accountId):log-group:\(group):log-stream:\(name)")
            }
        }
    }

    /// Events in the order they were stored, after the event ID in `after` (or, `newestFirst`, the
    /// newest first, before the ID in `before`), at most `limit`. `streams` and `streamPrefix` narrow
    /// a group-wide read to some of its streams.
    public func events(
        _ scope: Scope, group: String, stream: String?, start: Int64?, end: Int64?, after: Int64?, limit: Int,
        matching pattern: FilterPattern?, streams: [String]? = nil, streamPrefix: String? = nil, before: Int64? = nil,
        newestFirst: Bool = false
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
            if let streams {
                let ids = try streams.compactMap { try self.streamID(db, groupID, $0) }
                guard !ids.isEmpty else { return ([], nil) }
                sql += " AND e.stream_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
                for id in ids { arguments += [id] }
            }
            if let streamPrefix {
                sql += " AND s.name LIKE ? ESCAPE '\\'"
                arguments += [Self.likePrefix(streamPrefix)]
            }
            if let before {
                sql += " AND e.id < ?"
                arguments += [before]
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
            sql += newestFirst ? " ORDER BY e.id DESC" : " ORDER BY e.id"
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
}
