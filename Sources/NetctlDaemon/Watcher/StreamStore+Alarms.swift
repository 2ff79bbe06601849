import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// Metric alarms: their definitions and last state, one JSON body per alarm.
extension StreamStore {
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
}
