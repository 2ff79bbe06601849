import Testing

/// CloudWatch Logs' answers checked against botocore's `logs` model (see `JSONConformance`).
@Suite struct AWSLogsConformanceTests {
    static let scenarios: [JSONConformance.Scenario] = [
        .init(
            name: "groups",
            python: """
                client.create_log_group(logGroupName="conformance/app")
                client.describe_log_groups()
                page = client.describe_log_groups(limit=1)
                if "nextToken" in page:
                    client.describe_log_groups(limit=1, nextToken=page["nextToken"])
                client.describe_log_groups(logGroupNamePrefix="conformance/")
                error_code(lambda: client.create_log_group(logGroupName="conformance/app"))
                """),
        .init(
            name: "streams and events",
            python: """
                import time
                client.create_log_group(logGroupName="conformance/events")
                client.create_log_stream(logGroupName="conformance/events", logStreamName="a")
                client.create_log_stream(logGroupName="conformance/events", logStreamName="b")
                now = int(time.time() * 1000)
                client.put_log_events(logGroupName="conformance/events", logStreamName="a",
                    logEvents=[{"timestamp": now, "message": "one"}, {"timestamp": now + 1, "message": "two"}])
                client.put_log_events(logGroupName="conformance/events", logStreamName="b",
                    logEvents=[{"timestamp": now - 20 * 86400000, "message": "old"}, {"timestamp": now, "message": "x"}])
                client.describe_log_streams(logGroupName="conformance/events", orderBy="LastEventTime", descending=True)
                client.describe_log_streams(logGroupName="conformance/events", limit=1)
                client.get_log_events(logGroupName="conformance/events", logStreamName="a")
                client.get_log_events(logGroupName="conformance/events", logStreamName="a", startFromHead=True, limit=1)
                client.filter_log_events(logGroupName="conformance/events", filterPattern="two", interleaved=True)
                client.filter_log_events(logGroupName="conformance/events", limit=1)
                client.put_retention_policy(logGroupName="conformance/events", retentionInDays=7)
                client.describe_log_groups(logGroupNamePrefix="conformance/events")
                client.delete_retention_policy(logGroupName="conformance/events")
                client.delete_log_stream(logGroupName="conformance/events", logStreamName="b")
                error_code(lambda: client.delete_log_stream(logGroupName="conformance/events", logStreamName="b"))
                client.delete_log_group(logGroupName="conformance/events")
                error_code(lambda: client.get_log_events(logGroupName="conformance/events", logStreamName="a"))
                """),
    ]

    @Test func logsAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let report = try JSONConformance.check(service: "logs", scenarios: Self.scenarios, on: aws)
        // The probe itself works: what every build serves is found.
        #expect(Set(report.served).isSuperset(of: ["CreateLogGroup", "DescribeLogGroups"]), "\(report.served)")
    }
}
