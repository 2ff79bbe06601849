import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// Metric series and datapoints: appending (alone or with a batch's log events), listing, and the samples
/// of one series over a time range.
extension StreamStore {
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

    func insert(_ metrics: [MetricEntry], _ db: Database, found: inout FoundIDs) throws {
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
}
