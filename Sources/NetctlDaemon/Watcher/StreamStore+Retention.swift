import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// Log retention: events older than their group's retention go.
extension StreamStore {
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
}
