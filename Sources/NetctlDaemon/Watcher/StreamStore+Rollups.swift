import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// CloudWatch's metric retention tiers.
extension StreamStore {
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
}
