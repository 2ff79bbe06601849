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
                """)
    ]

    @Test func logsAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let report = try JSONConformance.check(service: "logs", scenarios: Self.scenarios, on: aws)
        // The probe itself works: what every build serves is found.
        #expect(Set(report.served).isSuperset(of: ["CreateLogGroup", "DescribeLogGroups"]), "\(report.served)")
    }
}
