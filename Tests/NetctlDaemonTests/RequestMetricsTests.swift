import Foundation
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Netctl/RPC metrics of a batch of requests")
struct RequestMetricsTests {
    let scope = Scope(accountId: "111122223333", region: "us-east-1")

    func record(_ method: String, _ outcome: String, latency: Int64, at timestamp: Int64) -> Watcher.RequestRecord {
        Watcher.RequestRecord(
            method: method, scope: scope, uid: 0, outcome: outcome, latencyMicroseconds: latency, timestamp: timestamp)
    }

    @Test("Latency stays one value per request; Requests and Errors become one statistic set per method and second")
    func aggregation() {
        let records = [
            record("vpc.create", "ok", latency: 100, at: 5_000), record("vpc.create", "VpcLimitExceeded", latency: 300, at: 5_400),
            record("vpc.create", "ok", latency: 200, at: 5_999), record("vpc.create", "ok", latency: 50, at: 6_000),
            record("vpc.delete", "ok", latency: 70, at: 5_500),
        ]
        let metrics = Watcher.metrics(for: records)
        let latency = metrics.filter { $0.sample.metricName == "Latency" }
        #expect(latency.map(\.sample.value) == [100, 300, 200, 50, 70])
        #expect(latency.allSatisfy { $0.statistics == nil && $0.sample.unit == "Microseconds" })
        func set(_ name: String, _ method: String, _ second: Int64) -> StreamStore.Statistics? {
            metrics.first {
                $0.sample.metricName == name && $0.sample.dimensions.first?.value == method && $0.sample.timestamp == second * 1000
            }?.statistics
        }
        #expect(set("Requests", "vpc.create", 5) == .init(sampleCount: 3, sum: 3, minimum: 1, maximum: 1))
        #expect(set("Errors", "vpc.create", 5) == .init(sampleCount: 3, sum: 1, minimum: 0, maximum: 1))
        #expect(set("Requests", "vpc.create", 6) == .init(sampleCount: 1, sum: 1, minimum: 1, maximum: 1))
        #expect(set("Errors", "vpc.create", 6) == .init(sampleCount: 1, sum: 0, minimum: 0, maximum: 0))
        #expect(set("Requests", "vpc.delete", 5)?.sum == 1)
        #expect(metrics.count == 5 + 3 * 2)
    }

    @Test("a statistic set reads back with its count, sum, minimum and maximum")
    func storedStatistics() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rpc-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try StreamStore(path: path)
        let now: Int64 = 1_750_000_000_000
        let records = (0..<10).map { record("vpc.create", $0 == 3 ? "InternalError" : "ok", latency: Int64(100 + $0), at: now + Int64($0)) }
        try store.appendMetrics(Watcher.metrics(for: records))
        let requests = try store.metricSamples(
            scope, namespace: "Netctl/RPC", name: "Requests", dimensions: [MetricDimension(name: "Method", value: "vpc.create")],
            start: now - 60_000, end: now + 60_000)
        #expect(requests.map(\.observation.count).reduce(0, +) == 10)
        #expect(requests.map(\.observation.sum).reduce(0, +) == 10)
        let errors = try store.metricSamples(
            scope, namespace: "Netctl/RPC", name: "Errors", dimensions: [MetricDimension(name: "Method", value: "vpc.create")],
            start: now - 60_000, end: now + 60_000)
        #expect(errors.map(\.observation.sum).reduce(0, +) == 1)
        #expect(errors.map(\.observation.maximum).max() == 1)
    }
}
