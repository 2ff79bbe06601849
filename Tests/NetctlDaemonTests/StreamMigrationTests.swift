import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

/// A streams.db written before events and datapoints were keyed by row ID opens with everything in
/// it readable, and goes on from where it was.
@Suite("streams.db migration to integer keys")
struct StreamMigrationTests {
    let scope = Scope(accountId: "111122223333", region: "eu-west-1")

    /// The layout of v4, filled the way that version's watcher and logs.put filled it.
    func writeVersion4(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try StreamStore.migrator.migrate(queue, upTo: "v4: rolled-up metric statistics")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO log_groups (account, region, name, retention_days, created_at) VALUES
                        ('111122223333', 'eu-west-1', '/netctl/vpc', NULL, 1000),
                        ('111122223333', 'eu-west-1', 'app', 7, 1000);
                    INSERT INTO log_streams (account, region, grp, name, created_at, first_event, last_event, stored_bytes) VALUES
                        ('111122223333', 'eu-west-1', '/netctl/vpc', 'vpc-1', 1000, 1000, 1001, 10),
                        ('111122223333', 'eu-west-1', 'app', 'web', 1000, 1002, 1002, 5),
                        ('111122223333', 'eu-west-1', 'app', 'empty', 1000, NULL, NULL, 0);
                    INSERT INTO log_events (id, account, region, grp, stream, timestamp, ingestion_time, message) VALUES
                        (1, '111122223333', 'eu-west-1', '/netctl/vpc', 'vpc-1', 1000, 1000, 'first'),
                        (2, '111122223333', 'eu-west-1', '/netctl/vpc', 'vpc-1', 1001, 1001, 'second'),
                        (7, '111122223333', 'eu-west-1', 'app', 'web', 1002, 1002, 'hello');
                    -- Events 8 and 9 were written and deleted by retention: their IDs stay used.
                    UPDATE sqlite_sequence SET seq = 9 WHERE name = 'log_events';
                    INSERT INTO metric_data (account, region, namespace, name, dims, timestamp, value, unit, resolution) VALUES
                        ('111122223333', 'eu-west-1', 'Netctl/VPC', 'VpcCount', '[]', 60000, 3, 'Count', 60),
                        ('111122223333', 'eu-west-1', 'Netctl/VPC', 'VpcCount', '[]', 120000, 4, 'Count', 60);
                    INSERT INTO metric_data (account, region, namespace, name, dims, timestamp, value, unit, resolution,
                                             sample_count, sum, minimum, maximum) VALUES
                        ('111122223333', 'eu-west-1', 'Netctl/RPC', 'Requests', '[{"name":"Method","value":"vpc.create"}]',
                         60000, 1, 'Count', 60, 5, 5, 1, 1);
                    """)
        }
    }

    @Test("groups, streams, events with their IDs, retention, datapoints and statistic sets survive")
    func migratesEverything() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("streams-v4-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("streams.db").path
        try writeVersion4(path)

        let streams = try StreamStore(path: path)
        #expect(try streams.groups(scope, prefix: nil).map(\.logGroupName) == ["/netctl/vpc", "app"])
        #expect(try streams.groups(scope, prefix: nil).map(\.storedBytes) == [10, 5])
        #expect(try streams.retention(scope, "app") == 7)
        let appStreams = try streams.streams(scope, group: "app", prefix: nil)
        #expect(appStreams.map(\.logStreamName) == ["empty", "web"])
        #expect(appStreams.last?.firstEventTimestamp == 1002)

        let vpcEvents = try streams.events(
            scope, group: "/netctl/vpc", stream: "vpc-1", start: nil, end: nil, after: nil, limit: 10, matching: nil)
        #expect(vpcEvents.events.map(\.eventId) == ["1", "2"])
        #expect(vpcEvents.events.map(\.message) == ["first", "second"])
        let afterFirst = try streams.events(
            scope, group: "/netctl/vpc", stream: nil, start: nil, end: nil, after: 1, limit: 10, matching: nil)
        #expect(afterFirst.events.map(\.message) == ["second"])
        #expect(try streams.recent(scope, groups: nil, limit: 10, matching: nil).map(\.eventId) == ["1", "2", "7"])

        // New events go on after the highest ID ever handed out, in existing and new streams.
        let stored = try streams.append(
            [
                .init(scope: scope, group: "app", stream: "web", timestamp: 1003, message: "again"),
                .init(scope: scope, group: "app", stream: "worker", timestamp: 1003, message: "new"),
            ], now: 1003)
        #expect(stored.map(\.eventId) == ["10", "11"])
        let web = try streams.streams(scope, group: "app", prefix: "web").first
        #expect(web?.lastEventTimestamp == 1003)
        #expect(web?.storedBytes == 10)

        let vpcCount = try streams.metricSamples(
            scope, namespace: "Netctl/VPC", name: "VpcCount", dimensions: [], start: 0, end: 1_000_000)
        #expect(vpcCount.map(\.observation.sum) == [3, 4])
        let requests = try streams.metricSamples(
            scope, namespace: "Netctl/RPC", name: "Requests",
            dimensions: [MetricDimension(name: "Method", value: "vpc.create")], start: 0, end: 1_000_000)
        #expect(requests.map(\.observation.count) == [5])
        #expect(
            try streams.listMetrics(scope, namespace: nil, name: nil, since: 0).map(\.metricName) == [
                "Requests", "VpcCount",
            ])
    }

    @Test("a dimension set's key is the encoder's JSON of the sorted set, as v4 stored it")
    func dimensionsKey() throws {
        let sets: [[MetricDimension]] = [
            [], [MetricDimension(name: "Method", value: "vpc.create")],
            [MetricDimension(name: "b", value: "quote \" tab \t bell \u{7} ü/🚀"), MetricDimension(name: "a", value: "")],
        ]
        for dimensions in sets {
            let encoded = String(decoding: try NetctlJSON.encoder.encode(dimensions.sorted()), as: UTF8.self)
            #expect(StreamStore.dimensionsKey(dimensions) == encoded)
        }
    }

    @Test("one dimension set given in two orders in one batch is one series")
    func dimensionOrder() throws {
        let streams = try StreamStore.inMemory()
        let a = MetricDimension(name: "a", value: "1")
        let b = MetricDimension(name: "b", value: "2")
        let entries = [[a, b], [b, a]].enumerated().map { index, dimensions in
            StreamStore.MetricEntry(
                scope: scope, namespace: "App",
                sample: MetricRules.Sample(
                    metricName: "Hits", dimensions: dimensions, timestamp: 60_000 + Int64(index), value: 1, unit: "Count",
                    storageResolution: 60))
        }
        try streams.appendMetrics(entries)
        #expect(try streams.listMetrics(scope, namespace: "App", name: nil, since: 0).count == 1)
        let samples = try streams.metricSamples(
            scope, namespace: "App", name: "Hits", dimensions: [b, a], start: 0, end: 120_000)
        #expect(samples.count == 2)
    }

    @Test("a deleted group's cached row IDs are not reused: logging to it again recreates it")
    func deletedGroupIsRecreated() throws {
        let streams = try StreamStore.inMemory()
        let entry = StreamStore.Entry(scope: scope, group: "app", stream: "web", timestamp: 1, message: "one")
        try streams.append([entry], now: 1)
        try streams.deleteGroup(scope, "app")
        try streams.append([entry], now: 2)
        let events = try streams.events(
            scope, group: "app", stream: "web", start: nil, end: nil, after: nil, limit: 10, matching: nil)
        #expect(events.events.map(\.message) == ["one"])
        #expect(try streams.streams(scope, group: "app", prefix: nil).map(\.storedBytes) == [3])
    }

    @Test("series whose datapoints all expired are forgotten, and a new datapoint brings them back")
    func expiredSeries() throws {
        let streams = try StreamStore.inMemory()
        let sample = MetricRules.Sample(
            metricName: "RouteCount", dimensions: [MetricDimension(name: "RouteTableId", value: "rtb-1")],
            timestamp: 60_000, value: 2, unit: "Count", storageResolution: 60)
        try streams.appendMetrics([.init(scope: scope, namespace: "Netctl/VPC", sample: sample)])
        let later = 60_000 + MetricRules.retention + 1
        try streams.rollUpMetrics(now: later)
        #expect(try streams.listMetrics(scope, namespace: nil, name: nil, since: 0).isEmpty)
        let count = try streams.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metric_series") }
        #expect(count == 0)
        var fresh = sample
        fresh.timestamp = later
        try streams.appendMetrics([.init(scope: scope, namespace: "Netctl/VPC", sample: fresh)])
        #expect(try streams.listMetrics(scope, namespace: nil, name: nil, since: 0).map(\.metricName) == ["RouteCount"])
    }
}
