import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("SQS through the socket and the CLI")
struct SqsTests {
    func code(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch ClientError.rpc(let error) {
            return error.domainCode
        } catch {
            return "\(error)"
        }
    }

    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test("a long poll is answered by a later send, without holding other calls on other connections")
    func longPoll() async throws {
        let daemon = try await DaemonProcess.start()
        let client = daemon.client
        _ = try await client.send(SqsQueueCreate(name: "jobs"))
        let started = ContinuousClock.now
        async let polled = client.send(SqsReceive(queue: "jobs", waitTimeSeconds: 20))
        try await Task.sleep(for: .milliseconds(500))
        // Other calls go on meanwhile: the writer and the queue thread are free.
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let queue = try await client.send(SqsQueueGet(queue: "jobs"))
        #expect(queue.attributes["ApproximateNumberOfMessages"] == "0")
        _ = try await client.send(SqsSend(queue: "jobs", body: "wake up"))
        let received = try await polled
        #expect(received.messages.map(\.body) == ["wake up"])
        #expect(started.duration(to: .now) < .seconds(10))

        // A poll that nothing answers ends empty after its wait.
        let empty = ContinuousClock.now
        #expect(try await client.send(SqsReceive(queue: "jobs", waitTimeSeconds: 1)).messages.isEmpty)
        #expect(empty.duration(to: .now) >= .milliseconds(900))
        await daemon.terminate()
    }

    @Test("an acknowledged send survives kill -9; a received, undeleted message reappears after a restart")
    func durability() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try await client.send(SqsQueueCreate(name: "jobs", attributes: ["VisibilityTimeout": "60"]))
        _ = try await client.send(SqsQueueCreate(name: "o.fifo", attributes: ["FifoQueue": "true"]))
        var sent: [String] = []
        for index in 0..<20 { sent.append(try await client.send(SqsSend(queue: "jobs", body: "m\(index)")).messageId) }
        let fifo = try await client.send(
            SqsSend(queue: "o.fifo", body: "f", messageGroupId: "g", messageDeduplicationId: "d"))
        let inFlight = try await client.send(SqsReceive(queue: "jobs", maxNumberOfMessages: 5))
        #expect(inFlight.messages.count == 5)
        await daemon.killHard()

        try await daemon.start()
        let client2 = daemon.client
        let queue = try await client2.send(SqsQueueGet(queue: "jobs"))
        #expect(queue.attributes["ApproximateNumberOfMessages"] == "15")
        #expect(queue.attributes["ApproximateNumberOfMessagesNotVisible"] == "5")
        // Deduplication survives too.
        let again = try await client2.send(
            SqsSend(queue: "o.fifo", body: "f", messageGroupId: "g", messageDeduplicationId: "d"))
        #expect(again.messageId == fifo.messageId)
        _ = try await client2.send(DebugClockAdvance(seconds: 60))
        var seen: Set<String> = []
        for _ in 0..<3 {
            let batch = try await client2.send(SqsReceive(queue: "jobs", maxNumberOfMessages: 10))
            for message in batch.messages {
                seen.insert(message.messageId)
                _ = try await client2.send(SqsDelete(queue: "jobs", receiptHandle: message.receiptHandle))
            }
        }
        #expect(seen == Set(sent))
        #expect(Set(inFlight.messages.map(\.messageId)).isSubset(of: seen))
        await daemon.terminate()
    }

    @Test("errors are AWS's codes; a purge twice within 60 s is PurgeQueueInProgress; dead letters land in the DLQ")
    func errorsAndDeadLetters() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        #expect(await code { _ = try await client.send(SqsSend(queue: "nope", body: "x")) } == "QueueDoesNotExist")
        let dlq = try await client.send(SqsQueueCreate(name: "dlq"))
        let jobs = try await client.send(
            SqsQueueCreate(
                name: "jobs",
                attributes: ["RedrivePolicy": #"{"deadLetterTargetArn":"\#(dlq.queueArn)","maxReceiveCount":1}"#]))
        #expect(jobs.queueUrl == "https://sqs.us-east-1.amazonaws.com/\(jobs.queueArn.split(separator: ":")[4])/jobs")
        _ = try await client.send(SqsSend(queue: jobs.queueUrl, body: "poison"))
        #expect(try await client.send(SqsReceive(queue: "jobs")).messages.count == 1)
        _ = try await client.send(DebugClockAdvance(seconds: 30))
        #expect(try await client.send(SqsReceive(queue: "jobs")).messages.isEmpty)
        #expect(try await client.send(SqsReceive(queue: "dlq")).messages.map(\.body) == ["poison"])
        _ = try await client.send(SqsQueuePurge(queue: "dlq"))
        #expect(await code { _ = try await client.send(SqsQueuePurge(queue: "dlq")) } == "PurgeQueueInProgress")
        #expect(
            await code {
                _ = try await client.send(SqsQueueCreate(name: "jobs", attributes: ["VisibilityTimeout": "5"]))
            }
                == "QueueNameExists")
        let listed = try await client.send(SqsQueueList(prefix: "j"))
        #expect(listed.queues.map(\.queueName) == ["jobs"])
        await daemon.terminate()
    }

    @Test("netctl sqs: create, send, receive, change visibility, delete, purge, set attributes, list, delete the queue")
    func cli() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        #expect(
            try ok(["sqs", "queue", "create", "orders.fifo", "--attribute", "ContentBasedDeduplication=true"], daemon)
                .contains("FifoQueue"))
        _ = try ok(["sqs", "queue", "create", "jobs", "--attribute", "VisibilityTimeout=45"], daemon)
        #expect(try ok(["sqs", "send", "orders.fifo", "first", "--group", "g"], daemon).contains("Sequence number"))
        _ = try ok(["sqs", "send", "jobs", "hello", "--attribute", "kind=greeting"], daemon)
        let json = try ok(["--output", "json", "sqs", "receive", "jobs", "--wait", "1", "--max", "10"], daemon)
        let received = try JSONDecoder().decode(SqsReceiveResponse.self, from: Data(json.utf8))
        #expect(received.messages.map(\.body) == ["hello"])
        #expect(received.messages.first?.messageAttributes?["kind"]?.stringValue == "greeting")
        let handle = try #require(received.messages.first?.receiptHandle)
        _ = try ok(["sqs", "change-visibility", "jobs", handle, "0"], daemon)
        let again = try JSONDecoder().decode(
            SqsReceiveResponse.self, from: Data(try ok(["--output", "json", "sqs", "receive", "jobs"], daemon).utf8))
        let latest = try #require(again.messages.first?.receiptHandle)
        #expect(try ok(["sqs", "delete", "jobs", latest], daemon).contains("Deleted"))
        _ = try ok(["sqs", "queue", "set-attributes", "jobs", "--attribute", "DelaySeconds=5"], daemon)
        #expect(try ok(["sqs", "queue", "tag", "jobs", "team=web", "env=prod"], daemon).contains("team"))
        _ = try ok(["sqs", "queue", "untag", "jobs", "env"], daemon)
        let tags = try ok(["sqs", "queue", "tags", "jobs"], daemon)
        #expect(tags.contains("web") && !tags.contains("prod"))
        #expect(try ok(["sqs", "queue", "get", "jobs"], daemon).contains("DelaySeconds"))
        let list = try ok(["sqs", "queue", "list"], daemon)
        #expect(list.contains("orders.fifo") && list.contains("fifo") && list.contains("jobs"))
        _ = try ok(["sqs", "queue", "purge", "orders.fifo"], daemon)
        let refused = try runCLI(["sqs", "queue", "purge", "orders.fifo"], socket: daemon.socketPath)
        #expect(refused.status == 1 && refused.stderr.contains("PurgeQueueInProgress"))
        _ = try ok(["sqs", "queue", "delete", "jobs"], daemon)
        let gone = try runCLI(["sqs", "queue", "get", "jobs"], socket: daemon.socketPath)
        #expect(gone.status == 1 && gone.stderr.contains("QueueDoesNotExist"))
        await daemon.terminate()
    }
    @Test("AWS/SQS metrics per QueueName each minute of the daemon's clock")
    func metrics() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        _ = try await client.send(SqsQueueCreate(name: "jobs"))
        for index in 0..<3 { _ = try await client.send(SqsSend(queue: "jobs", body: "m\(index)")) }
        _ = try await client.send(SqsReceive(queue: "jobs", maxNumberOfMessages: 2))
        let moved = try await client.send(DebugClockAdvance(seconds: 61))
        let now = Int64(moved.now.timeIntervalSince1970 * 1000)
        var sent: [Double] = []
        var inFlight: [Double] = []
        for _ in 0..<40 {
            func get(_ name: String) async throws -> [Double] {
                try await client.send(
                    MetricsGet(
                        namespace: "AWS/SQS", metricName: name,
                        dimensions: [MetricDimension(name: "QueueName", value: "jobs")],
                        startTime: now - 600_000, endTime: now + 120_000, period: 60, statistics: ["Maximum"])
                ).datapoints.compactMap(\.maximum)
            }
            sent = try await get("NumberOfMessagesSent")
            inFlight = try await get("ApproximateNumberOfMessagesNotVisible")
            // A sample taken before the sends (the first look, 5 s after start) would read 0.
            if sent.contains(3) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(sent.last == 3)
        #expect(inFlight.last == 0, "the visibility timeout (30 s) ended within the minute")
        // Queue changes (not messages) are logged under /netctl/sqs, one stream per queue ARN.
        _ = try await client.send(SqsQueuePurge(queue: "jobs"))
        let arn = try await client.send(SqsQueueGet(queue: "jobs")).queueArn
        #expect(try await client.send(LogsStreams(group: "/netctl/sqs")).logStreams.map(\.logStreamName) == [arn])
        let events = try await client.send(LogsGet(group: "/netctl/sqs", stream: arn)).events.map(\.message)
        #expect(
            events.count == 2 && events[0].contains(#""action":"create""#) && events[1].contains(#""action":"purge""#),
            "\(events)")
        await daemon.terminate()
    }
}
