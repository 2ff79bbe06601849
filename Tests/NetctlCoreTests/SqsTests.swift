import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// A book, a clock that moves only when told and seeded IDs: SQS's rules on the manual clock.
struct SqsFixture {
    var book = SqsBook()
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    var ids = IDGenerator(seed: 7)
    let scope = Scope(accountId: "123456789012", region: "us-east-1")

    func key(_ name: String) -> SqsQueueKey { SqsQueueKey(scope, name) }

    @discardableResult
    mutating func create(_ name: String, _ attributes: [String: String] = [:]) throws(NetctlError) -> SqsQueueKey {
        _ = try book.create(key(name), attributes: attributes, now: now)
        return key(name)
    }

    @discardableResult
    mutating func send(
        _ name: String, _ body: String, group: String? = nil, dedup: String? = nil, delay: Int? = nil
    ) throws(NetctlError) -> SqsSendResult {
        try book.send(
            key(name),
            SqsBook.Send(body: body, delaySeconds: delay, messageGroupId: group, messageDeduplicationId: dedup),
            now: now, ids: &ids)
    }

    mutating func receive(_ name: String, max: Int = 10, visibility: Int? = nil) throws(NetctlError) -> [SqsMessage] {
        try book.receive(key(name), maxNumberOfMessages: max, visibilityTimeout: visibility, now: now, ids: &ids)
    }

    mutating func advance(_ seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }
}

func sqsCode(_ body: () throws(NetctlError) -> Void) -> ErrorCode? {
    do throws(NetctlError) {
        try body()
        return nil
    } catch {
        return error.code
    }
}

@Suite("SQS queues")
struct SqsQueueTests {
    @Test("a new queue has AWS's defaults; read-only attributes report counts and the ARN")
    func defaults() throws {
        var f = SqsFixture()
        let key = try f.create("jobs")
        let attributes = f.book.attributes(key, now: f.now)
        #expect(attributes["VisibilityTimeout"] == "30")
        #expect(attributes["MessageRetentionPeriod"] == "345600")
        #expect(attributes["DelaySeconds"] == "0")
        #expect(attributes["ReceiveMessageWaitTimeSeconds"] == "0")
        #expect(attributes["MaximumMessageSize"] == "1048576")
        #expect(attributes["ApproximateNumberOfMessages"] == "0")
        #expect(attributes["QueueArn"] == "arn:aws:sqs:us-east-1:123456789012:jobs")
        #expect(attributes["FifoQueue"] == nil)
    }

    @Test("names, FIFO suffix and attribute ranges are checked")
    func validation() {
        var f = SqsFixture()
        #expect(sqsCode { () throws(NetctlError) in try f.create("bad name") } == .invalidParameterValue)
        #expect(
            sqsCode { () throws(NetctlError) in try f.create(String(repeating: "a", count: 81)) }
                == .invalidParameterValue)
        #expect(sqsCode { () throws(NetctlError) in try f.create("orders.fifo") } == .invalidParameterValue)
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("orders", ["FifoQueue": "true"]) }
                == .invalidParameterValue)
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("q", ["VisibilityTimeout": "43201"]) }
                == .invalidAttributeValue)
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("q", ["MessageRetentionPeriod": "59"]) }
                == .invalidAttributeValue)
        #expect(sqsCode { () throws(NetctlError) in try f.create("q", ["Bogus": "1"]) } == .invalidAttributeName)
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("q", ["ContentBasedDeduplication": "true"]) }
                == .invalidAttributeName)
        #expect(f.book.queues.isEmpty)
    }

    @Test("creating again: same attributes answer the queue, others are QueueNameExists; a deleted name waits 60 s")
    func recreate() throws {
        var f = SqsFixture()
        try f.create("jobs", ["VisibilityTimeout": "60"])
        try f.create("jobs", ["VisibilityTimeout": "60"])
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("jobs", ["VisibilityTimeout": "61"]) } == .queueNameExists)
        try f.book.delete(f.key("jobs"), now: f.now)
        f.advance(59)
        #expect(sqsCode { () throws(NetctlError) in try f.create("jobs") } == .queueDeletedRecently)
        f.advance(1)
        try f.create("jobs")
    }

    @Test("purge removes every message and refuses a second purge within 60 s")
    func purge() throws {
        var f = SqsFixture()
        try f.create("jobs")
        try f.send("jobs", "a")
        try f.send("jobs", "b")
        _ = try f.receive("jobs", max: 1)
        try f.book.purge(f.key("jobs"), now: f.now)
        #expect(f.book.queue(f.key("jobs"))?.messages.isEmpty == true)
        f.advance(30)
        #expect(
            sqsCode { () throws(NetctlError) in try f.book.purge(f.key("jobs"), now: f.now) } == .purgeQueueInProgress)
        f.advance(30)
        try f.book.purge(f.key("jobs"), now: f.now)
    }

    @Test("a redrive policy needs an existing queue of the same type that allows the source")
    func redrivePolicyChecks() throws {
        var f = SqsFixture()
        try f.create("dlq", ["RedriveAllowPolicy": #"{"redrivePermission":"denyAll"}"#])
        try f.create("fifo-dlq.fifo", ["FifoQueue": "true"])
        let policy = { (arn: String, count: Int) in #"{"deadLetterTargetArn":"\#(arn)","maxReceiveCount":\#(count)}"# }
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("a", ["RedrivePolicy": policy(f.key("dlq").arn, 3)]) }
                == .invalidAttributeValue)
        #expect(
            sqsCode { () throws(NetctlError) in
                try f.create("b", ["RedrivePolicy": policy(f.key("fifo-dlq.fifo").arn, 3)])
            }
                == .invalidAttributeValue)
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("c", ["RedrivePolicy": policy(f.key("nope").arn, 3)]) }
                == .invalidAttributeValue)
        try f.create("open-dlq")
        #expect(
            sqsCode { () throws(NetctlError) in try f.create("d", ["RedrivePolicy": policy(f.key("open-dlq").arn, 0)]) }
                == .invalidAttributeValue)
        try f.create(
            "e", ["RedrivePolicy": #"{"deadLetterTargetArn":"\#(f.key("open-dlq").arn)","maxReceiveCount":"5"}"#])
        #expect(
            f.book.attributes(f.key("e"), now: f.now)["RedrivePolicy"]
                == #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:open-dlq","maxReceiveCount":5}"#)
    }
}

@Suite("SQS messages")
struct SqsMessageTests {
    @Test("a received message is hidden for the visibility timeout, then comes back with a new handle")
    func visibility() throws {
        var f = SqsFixture()
        try f.create("jobs", ["VisibilityTimeout": "30"])
        try f.send("jobs", "hello")
        let first = try f.receive("jobs")
        #expect(first.map(\.body) == ["hello"])
        #expect(first[0].md5OfBody == "5d41402abc4b2a76b9719d911017c592")
        f.advance(29)
        #expect(try f.receive("jobs").isEmpty)
        f.advance(1)
        let second = try f.receive("jobs")
        #expect(second.map(\.body) == ["hello"])
        #expect(second[0].receiptHandle != first[0].receiptHandle)
        #expect(second[0].attributes["ApproximateReceiveCount"] == "2")
        // The old handle deletes nothing; the latest one deletes.
        try f.book.deleteMessage(f.key("jobs"), receiptHandle: first[0].receiptHandle)
        #expect(f.book.queue(f.key("jobs"))?.messages.count == 1)
        try f.book.deleteMessage(f.key("jobs"), receiptHandle: second[0].receiptHandle)
        #expect(f.book.queue(f.key("jobs"))?.messages.isEmpty == true)
        #expect(
            sqsCode { () throws(NetctlError) in try f.book.deleteMessage(f.key("jobs"), receiptHandle: "not-a-handle") }
                == .receiptHandleIsInvalid)
    }

    @Test("changeVisibility counts from now, 0 releases at once, and a visible message is MessageNotInflight")
    func changeVisibility() throws {
        var f = SqsFixture()
        try f.create("jobs")
        try f.send("jobs", "x")
        let handle = try f.receive("jobs")[0].receiptHandle
        try f.book.changeVisibility(f.key("jobs"), receiptHandle: handle, visibilityTimeout: 100, now: f.now)
        f.advance(99)
        #expect(try f.receive("jobs").isEmpty)
        f.advance(1)
        #expect(
            sqsCode { () throws(NetctlError) in
                try f.book.changeVisibility(f.key("jobs"), receiptHandle: handle, visibilityTimeout: 10, now: f.now)
            } == .messageNotInflight)
        let again = try f.receive("jobs")[0].receiptHandle
        try f.book.changeVisibility(f.key("jobs"), receiptHandle: again, visibilityTimeout: 0, now: f.now)
        #expect(try f.receive("jobs").count == 1)
        #expect(
            sqsCode { () throws(NetctlError) in
                try f.book.changeVisibility(f.key("jobs"), receiptHandle: again, visibilityTimeout: 43_201, now: f.now)
            } == .invalidParameterValue)
    }

    @Test("delays hold a message back: per message on standard queues, and the queue's DelaySeconds")
    func delays() throws {
        var f = SqsFixture()
        try f.create("jobs", ["DelaySeconds": "10"])
        try f.send("jobs", "queued")
        try f.send("jobs", "now", delay: 0)
        #expect(try f.receive("jobs").map(\.body) == ["now"])
        #expect(f.book.attributes(f.key("jobs"), now: f.now)["ApproximateNumberOfMessagesDelayed"] == "1")
        f.advance(10)
        #expect(try f.receive("jobs").map(\.body) == ["queued"])
        #expect(sqsCode { () throws(NetctlError) in try f.send("jobs", "x", delay: 901) } == .invalidParameterValue)
    }

    @Test("messages past the retention period are gone")
    func retention() throws {
        var f = SqsFixture()
        try f.create("jobs", ["MessageRetentionPeriod": "60"])
        try f.send("jobs", "old")
        f.advance(30)
        try f.send("jobs", "young")
        f.advance(30)
        #expect(f.book.attributes(f.key("jobs"), now: f.now)["ApproximateNumberOfMessages"] == "1")
        #expect(try f.receive("jobs").map(\.body) == ["young"])
    }

    @Test("FIFO: strict order per group, a group waits while one of its messages is in flight, others go on")
    func fifoOrder() throws {
        var f = SqsFixture()
        try f.create("o.fifo", ["FifoQueue": "true", "ContentBasedDeduplication": "true"])
        for body in ["a1", "a2", "a3"] { try f.send("o.fifo", body, group: "a") }
        try f.send("o.fifo", "b1", group: "b")
        let first = try f.receive("o.fifo", max: 2)
        #expect(first.map(\.body) == ["a1", "a2"])
        // Group a is blocked while a1 and a2 are in flight; b is not.
        #expect(try f.receive("o.fifo", max: 10).map(\.body) == ["b1"])
        #expect(try f.receive("o.fifo", max: 10).isEmpty)
        for message in first { try f.book.deleteMessage(f.key("o.fifo"), receiptHandle: message.receiptHandle) }
        let next = try f.receive("o.fifo", max: 10)
        #expect(next.map(\.body) == ["a3"])
        #expect(next[0].attributes["MessageGroupId"] == "a")
        #expect(next[0].attributes["SequenceNumber"]?.count == 20)
    }

    @Test("FIFO: a returning message is delivered before the rest of its group")
    func fifoRedelivery() throws {
        var f = SqsFixture()
        try f.create("o.fifo", ["FifoQueue": "true", "ContentBasedDeduplication": "true"])
        try f.send("o.fifo", "1", group: "g")
        try f.send("o.fifo", "2", group: "g")
        #expect(try f.receive("o.fifo", max: 1).map(\.body) == ["1"])
        f.advance(30)
        #expect(try f.receive("o.fifo", max: 1).map(\.body) == ["1"])
    }

    @Test("FIFO deduplication: 5 minutes, by ID or body hash, queue-wide or per group, and after deletion")
    func fifoDedup() throws {
        var f = SqsFixture()
        try f.create("o.fifo", ["FifoQueue": "true"])
        #expect(sqsCode { () throws(NetctlError) in try f.send("o.fifo", "x", group: "g") } == .invalidParameterValue)
        #expect(sqsCode { () throws(NetctlError) in try f.send("o.fifo", "x", dedup: "d") } == .missingParameter)
        #expect(
            sqsCode { () throws(NetctlError) in try f.send("o.fifo", "x", group: "g", dedup: "d", delay: 1) }
                == .invalidParameterValue)
        let first = try f.send("o.fifo", "x", group: "g", dedup: "d")
        let duplicate = try f.send("o.fifo", "other body", group: "h", dedup: "d")
        #expect(duplicate.messageId == first.messageId)
        #expect(duplicate.sequenceNumber == first.sequenceNumber)
        let received = try f.receive("o.fifo")
        #expect(received.map(\.body) == ["x"])
        try f.book.deleteMessage(f.key("o.fifo"), receiptHandle: received[0].receiptHandle)
        f.advance(299)
        #expect(try f.send("o.fifo", "x", group: "g", dedup: "d").messageId == first.messageId)
        #expect(try f.receive("o.fifo").isEmpty)
        f.advance(1)
        #expect(try f.send("o.fifo", "x", group: "g", dedup: "d").messageId != first.messageId)
        #expect(try f.receive("o.fifo").count == 1)

        try f.create(
            "c.fifo", ["FifoQueue": "true", "ContentBasedDeduplication": "true", "DeduplicationScope": "messageGroup"])
        let one = try f.send("c.fifo", "same", group: "a")
        #expect(try f.send("c.fifo", "same", group: "a").messageId == one.messageId)
        #expect(try f.send("c.fifo", "same", group: "b").messageId != one.messageId)
    }

    @Test("a message received more than maxReceiveCount times moves to the dead-letter queue, keeping its send time")
    func deadLetter() throws {
        var f = SqsFixture()
        try f.create("dlq")
        try f.create(
            "jobs",
            [
                "RedrivePolicy": #"{"deadLetterTargetArn":"\#(f.key("dlq").arn)","maxReceiveCount":2}"#,
                "VisibilityTimeout": "10",
            ])
        let sent = try f.send("jobs", "poison")
        let sentAt = f.now
        for _ in 0..<2 {
            #expect(try f.receive("jobs").map(\.body) == ["poison"])
            f.advance(10)
        }
        #expect(try f.receive("jobs").isEmpty)
        let moved = try f.receive("dlq")
        #expect(moved.map(\.messageId) == [sent.messageId])
        #expect(moved[0].attributes["SentTimestamp"] == String(Timestamp.epochMilliseconds(sentAt)))
        #expect(f.book.queue(f.key("jobs"))?.messages.isEmpty == true)
    }

    @Test("bodies, attributes and batches are checked as AWS checks them")
    func checks() throws {
        var f = SqsFixture()
        try f.create("jobs", ["MaximumMessageSize": "1024"])
        #expect(sqsCode { () throws(NetctlError) in try f.send("jobs", "") } == .invalidMessageContents)
        #expect(sqsCode { () throws(NetctlError) in try f.send("jobs", "a\u{1}b") } == .invalidMessageContents)
        #expect(
            sqsCode { () throws(NetctlError) in try f.send("jobs", String(repeating: "x", count: 1025)) }
                == .invalidParameterValue)
        #expect(sqsCode { () throws(NetctlError) in _ = try f.receive("jobs", max: 11) } == .invalidParameterValue)
        let batch = try f.book.sendBatch(
            f.key("jobs"), [SqsSendEntry(id: "ok", body: "fine"), SqsSendEntry(id: "bad", body: "")], now: f.now,
            ids: &f.ids)
        #expect(batch.successful.map(\.id) == ["ok"])
        #expect(batch.failed.map(\.code) == ["InvalidMessageContents"])
        #expect(
            sqsCode { () throws(NetctlError) in
                _ = try f.book.sendBatch(f.key("jobs"), [], now: f.now, ids: &f.ids)
            } == .emptyBatchRequest)
        #expect(
            sqsCode { () throws(NetctlError) in
                _ = try f.book.sendBatch(
                    f.key("jobs"), (0..<11).map { SqsSendEntry(id: "e\($0)", body: "x") }, now: f.now, ids: &f.ids)
            } == .tooManyEntriesInBatchRequest)
        #expect(
            sqsCode { () throws(NetctlError) in
                _ = try f.book.sendBatch(
                    f.key("jobs"), [SqsSendEntry(id: "a", body: "x"), SqsSendEntry(id: "a", body: "y")], now: f.now,
                    ids: &f.ids)
            } == .batchEntryIdsNotDistinct)
        #expect(
            sqsCode { () throws(NetctlError) in
                _ = try f.book.sendBatch(f.key("jobs"), [SqsSendEntry(id: "a b", body: "x")], now: f.now, ids: &f.ids)
            } == .invalidBatchEntryId)
        #expect(
            sqsCode { () throws(NetctlError) in
                _ = try f.book.sendBatch(
                    f.key("jobs"), (0..<2).map { SqsSendEntry(id: "e\($0)", body: String(repeating: "x", count: 600)) },
                    now: f.now, ids: &f.ids)
            } == .batchRequestTooLong)
    }

    @Test("changes name what they touched, so the store writes exactly that")
    func changes() throws {
        var f = SqsFixture()
        let key = try f.create("jobs")
        try f.send("jobs", "x")
        #expect(f.book.changes.queues == [key])
        #expect(f.book.changes.messages == [SqsChanges.MessageKey(queue: key, sequence: 1)])
        f.book.changes = SqsChanges()
        #expect(sqsCode { () throws(NetctlError) in try f.send("missing", "x") } == .queueDoesNotExist)
        #expect(f.book.changes.isEmpty)
    }
}

@Suite("SQS metrics")
struct SqsMetricsTests {
    @Test("each minute's AWS/SQS sample: counts by visibility, what was sent, received and deleted, the oldest age")
    func sample() throws {
        var f = SqsFixture()
        try f.create("jobs")
        try f.send("jobs", "a")
        try f.send("jobs", "b")
        try f.send("jobs", "c", delay: 60)
        let received = try f.receive("jobs", max: 1)
        try f.book.deleteMessage(f.key("jobs"), receiptHandle: received[0].receiptHandle)
        _ = try f.receive("jobs", max: 1)
        f.advance(10)
        let samples = f.book.sampleMetrics(now: f.now)
        let metrics = Dictionary(uniqueKeysWithValues: (samples.first?.metrics ?? []).map { ($0.name, $0.value) })
        #expect(samples.map(\.queue) == [f.key("jobs")])
        #expect(metrics["ApproximateNumberOfMessagesVisible"] == 0)
        #expect(metrics["ApproximateNumberOfMessagesNotVisible"] == 1)
        #expect(metrics["ApproximateNumberOfMessagesDelayed"] == 1)
        #expect(metrics["NumberOfMessagesSent"] == 3)
        #expect(metrics["NumberOfMessagesReceived"] == 2)
        #expect(metrics["NumberOfMessagesDeleted"] == 1)
        #expect(metrics["ApproximateAgeOfOldestMessage"] == 10)
        // The counters start again with the next minute.
        let next = Dictionary(
            uniqueKeysWithValues: (f.book.sampleMetrics(now: f.now).first?.metrics ?? []).map { ($0.name, $0.value) })
        #expect(next["NumberOfMessagesSent"] == 0)
        #expect(next["ApproximateNumberOfMessagesDelayed"] == 1)
    }
}

@Suite("SQS tags")
struct SqsTagTests {
    @Test("tags merge, come off by key, stay within 50 and AWS's key rules")
    func tags() throws {
        var f = SqsFixture()
        let key = try f.create("jobs")
        #expect(try f.book.tag(key, ["team": "web"]) == ["team": "web"])
        #expect(try f.book.tag(key, ["env": "prod", "team": "api"]) == ["env": "prod", "team": "api"])
        #expect(try f.book.untag(key, ["team", "absent"]) == ["env": "prod"])
        #expect(sqsCode { () throws(NetctlError) in _ = try f.book.tag(key, ["aws:x": "1"]) } == .invalidParameterValue)
        let many = Dictionary(uniqueKeysWithValues: (0..<50).map { ("k\($0)", "v") })
        #expect(sqsCode { () throws(NetctlError) in _ = try f.book.tag(key, many) } == .invalidParameterValue)
        #expect(f.book.queue(key)?.record.tags == ["env": "prod"])
        #expect(
            sqsCode { () throws(NetctlError) in
                _ = try f.book.create(f.key("t"), attributes: [:], tags: ["": "x"], now: f.now)
            }
                == .invalidParameterValue)
    }
}
