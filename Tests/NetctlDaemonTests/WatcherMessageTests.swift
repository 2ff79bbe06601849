import Foundation
import GRDB
import Logging
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Watcher log messages")
struct WatcherMessageTests {
    @Test("messages are valid JSON with the fields API.md promises, whatever the resource holds")
    func message() throws {
        let detail = #"{"name":"quote \" backslash \\ tab \t newline \n","vpcId":"vpc-1"}"#
        let event = ChangeEvent(
            at: Date(timeIntervalSince1970: 1_764_091_474.123), accountId: "000000000000", region: "us-east-1",
            resourceType: .vpc, resourceId: "vpc-1", action: .create, status: "available", detail: detail)
        let entry = Watcher.entry(for: event)
        #expect(entry.group == "/netctl/vpc")
        #expect(entry.stream == "vpc-1")
        #expect(entry.timestamp == 1_764_091_474_123)
        let parsed = try NetctlJSON.decoder.decode(JSONValue.self, from: Data(entry.message.utf8))
        #expect(parsed["action"] == "create")
        #expect(parsed["resourceType"] == "vpc")
        #expect(parsed["resourceId"] == "vpc-1")
        #expect(parsed["accountId"] == "000000000000")
        #expect(parsed["region"] == "us-east-1")
        #expect(parsed["status"] == "available")
        #expect(parsed["detail"]?["name"] == "quote \" backslash \\ tab \t newline \n")
    }

    @Test("quoting escapes every control character")
    func quoting() throws {
        let nasty = "a\u{0}b\u{1f}c\"d\\e\u{2028}é"
        let decoded = try JSONSerialization.jsonObject(with: Data(JSONText.quote(nasty).utf8), options: .fragmentsAllowed)
        #expect(decoded as? String == nasty)
    }
}

@Suite("Log retention")
struct LogRetentionTests {
    @Test("the sweep deletes events older than the group's retention and corrects storedBytes")
    func sweep() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netctl-streams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let streams = try StreamStore(path: directory.appendingPathComponent("streams.db").path)
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        let day: Int64 = 86_400_000
        let now: Int64 = 400 * day
        try streams.createGroup(scope, "app", now: 0)
        try streams.createStream(scope, group: "app", "web", now: 0)
        try streams.append(
            [
                StreamStore.Entry(scope: scope, group: "app", stream: "web", timestamp: now - 2 * day, message: "old!"),
                StreamStore.Entry(scope: scope, group: "app", stream: "web", timestamp: now - day / 2, message: "new"),
            ], now: now)
        #expect(try streams.sweepRetention(now: now) == 0, "no retention set: nothing expires")
        try streams.setRetention(scope, "app", days: 1)
        #expect(try streams.sweepRetention(now: now) == 1)
        let left = try streams.events(scope, group: "app", stream: "web", start: nil, end: nil, after: nil, limit: 10, matching: nil)
        #expect(left.events.map(\.message) == ["new"])
        #expect(try streams.streams(scope, group: "app", prefix: nil).first?.storedBytes == 3)
    }
}

@Suite("Metric retention tiers")
struct MetricRollupTests {
    @Test("old data is merged into coarser periods with exact count, sum, min and max, and dropped after 455 days")
    func rollup() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netctl-rollup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let streams = try StreamStore(path: directory.appendingPathComponent("streams.db").path)
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        let day: Int64 = 86_400_000
        let now: Int64 = 1000 * day
        func sample(_ timestamp: Int64, _ value: Double, resolution: Int = 60) -> StreamStore.MetricEntry {
            StreamStore.MetricEntry(
                scope: scope, namespace: "Shop",
                sample: MetricRules.Sample(
                    metricName: "Latency", dimensions: [], timestamp: timestamp, value: value, unit: "Milliseconds",
                    storageResolution: resolution))
        }
        // Four values in one 5-minute period, 20 days ago; one second-resolution value 4 hours ago; one
        // value 500 days ago; one fresh value.
        let old = now - 20 * day
        let period = old - old % 300_000
        try streams.appendMetrics(
            [sample(period + 1_000, 10), sample(period + 61_000, 20), sample(period + 121_000, 30), sample(period + 181_000, 40),
             sample(now - 4 * 3_600_000, 7, resolution: 1), sample(now - 500 * day, 1), sample(now - 1_000, 3)])
        try streams.rollUpMetrics(now: now)
        let rolled = try streams.metricSamples(scope, namespace: "Shop", name: "Latency", dimensions: [], start: 0, end: now)
        #expect(rolled.count == 3, "one 5-minute row, one minute row, one fresh value")
        let points = MetricRules.datapoints(
            rolled.map(\.observation), period: 300, statistics: ["SampleCount", "Sum", "Average", "Minimum", "Maximum", "p50"],
            unit: "Milliseconds")
        let merged = try #require(points.first { $0.timestamp == period })
        #expect(merged.sampleCount == 4 && merged.sum == 100 && merged.average == 25)
        #expect(merged.minimum == 10 && merged.maximum == 40)
        #expect(merged.extendedStatistics == nil, "percentiles need raw values")
        #expect(!rolled.contains { $0.observation.timestamp < now - 455 * day })
        #expect(rolled.contains { $0.observation.raw == 3 }, "fresh data stays raw")
        // Rolling up again changes nothing.
        try streams.rollUpMetrics(now: now)
        #expect(try streams.metricSamples(scope, namespace: "Shop", name: "Latency", dimensions: [], start: 0, end: now).count == 3)
    }
}

@Suite("Watcher backlog")
struct WatcherBacklogTests {
    @Test("a backlog is logged in batches, and a stop takes only a bounded part of it; the rest follows at the next start")
    func boundedCatchUp() async throws {
        let path = try temporaryDatabasePath()
        let store = try Store(path: path)
        var state = State()
        var ctx = context(quotas: Quotas([.vpcsPerRegion: 10_000]))
        // 2,000 VPCs: 6,000 change events (each VPC, its main route table and its default security
        // group), as a daemon run with --no-watcher would leave them.
        for index in 0..<2_000 {
            try state.transact { s throws(NetctlError) in
                _ = try s.createVpc(VpcCreate(cidrBlock: "10.\(index / 250).\(index % 250).0/24"), &ctx)
            }
        }
        try await store.commit(state.takeChanges(), from: state)
        let streamsPath = (path as NSString).deletingLastPathComponent + "/streams.db"
        func watcher() throws -> Watcher {
            let published = PublishedState(try store.loadState())
            let writer = Writer(
                store: store, published: published, clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
            return Watcher(
                store: store, streams: try StreamStore(path: streamsPath), hub: LiveHub(), writer: writer,
                published: published, clock: SystemClock(), emf: nil, logger: Logger(label: "test"))
        }

        var cursor: Int64?
        #expect(try watcher().catchUp(&cursor, maximumBatches: Watcher.batchesAtShutdown) == false)
        #expect(cursor == Int64(Watcher.batchesAtShutdown) * 1_000, "whole batches of 1,000 events, then it stops")
        // A new watcher (the next start) resumes from the stored cursor and logs the rest exactly once.
        var resumed: Int64?
        #expect(try watcher().catchUp(&resumed) == true)
        #expect(resumed == 6_000)
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        let streams = try StreamStore(path: streamsPath)
        // One stream per resource (VPCs, their route tables and groups share /netctl/vpc), each event logged once.
        let logged = try streams.streams(scope, group: "/netctl/vpc", prefix: nil)
        #expect(logged.count == 6_000)
        let events = try await DatabaseQueue(path: streamsPath).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM log_events JOIN log_groups g ON g.id = group_id WHERE g.name = '/netctl/vpc'")
        }
        #expect(events == 6_000)
        try store.close()
    }
}
