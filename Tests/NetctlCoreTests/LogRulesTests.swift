import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

// CloudWatch Logs names, retention and PutLogEvents batch rules (SEMANTICS.md 8.1, 8.2 and decision 3).

/// Durations in milliseconds, as PutLogEvents timestamps count them.
private let hourMs: Int64 = 3_600_000
private let dayMs: Int64 = 24 * hourMs
/// `testEpoch` in epoch milliseconds: the `now` every batch is checked at.
private let nowMs = Int64(testEpoch.timeIntervalSince1970 * 1000)

/// An event `offset` milliseconds from now.
private func event(_ offset: Int64, _ message: String = "m") -> LogEventInput {
    LogEventInput(timestamp: nowMs + offset, message: message)
}

/// `checkBatch` at `testEpoch`, recording an issue if the batch is refused.
private func accept(
    _ events: [LogEventInput], retentionDays: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> LogRules.Accepted? {
    do {
        return try LogRules.checkBatch(events, now: testEpoch, retentionDays: retentionDays)
    } catch {
        Issue.record("the batch should be accepted, but: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// `checkBatch` at `testEpoch`, expecting the whole call to fail with `InvalidParameterException`.
@discardableResult
private func refuse(
    _ events: [LogEventInput], retentionDays: Int? = nil, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> NetctlError? {
    expectError(.invalidParameterException, comment, sourceLocation: sourceLocation) {
        () throws(NetctlError) -> Int in
        // The count, not the whole result: a failure message listing 10,000 events helps nobody.
        try LogRules.checkBatch(events, now: testEpoch, retentionDays: retentionDays).events.count
    }
}

@Suite("CloudWatch Logs: PutLogEvents batch rules")
struct PutLogEventsRulesTests {
    // MARK: Count

    @Test("a batch may hold exactly 10,000 events, not 10,001")
    func eventCount() throws {
        let full = Array(repeating: event(0, "x"), count: 10_000)
        let result = try #require(accept(full))
        #expect(result.events.count == 10_000)
        #expect(result.rejected == nil)
        refuse(full + [event(0, "x")])
    }

    @Test("an empty batch is refused")
    func emptyBatch() {
        refuse([])
    }

    // MARK: Size

    @Test("batch size: Σ(UTF-8 bytes + 26) may be exactly 1,048,576, not one byte more")
    func batchBytesAtTheLimit() throws {
        // 4 × (262,118 + 26) = 1,048,576; each message stays within 256 KiB so only the batch limit is in play.
        let message = String(repeating: "a", count: 262_118)
        let batch = Array(repeating: event(0, message), count: 4)
        #expect(try #require(accept(batch)).events.count == 4)
        let over = Array(batch.dropLast()) + [event(0, message + "a")]
        refuse(over, "1,048,577 bytes")
    }

    @Test("the 26-byte overhead counts for every event (10,000 events, 1,048,576 bytes)")
    func overheadPerEvent() throws {
        // 8,576 messages of 79 bytes and 1,424 of 78: 788,576 + 10,000 × 26 = 1,048,576.
        let batch =
            Array(repeating: event(0, String(repeating: "b", count: 79)), count: 8_576)
            + Array(repeating: event(0, String(repeating: "b", count: 78)), count: 1_424)
        #expect(batch.count == 10_000)
        #expect(try #require(accept(batch)).events.count == 10_000)
        var over = batch
        over[0].message += "b"
        refuse(over, "1,048,577 bytes")
    }

    @Test("sizes are UTF-8 bytes, not characters")
    func utf8Bytes() throws {
        // "é" is 2 bytes: 4 × (131,059 × 2 + 26) = 1,048,576.
        let message = String(repeating: "é", count: 131_059)
        #expect(message.utf8.count == 262_118)
        let batch = Array(repeating: event(0, message), count: 4)
        #expect(try #require(accept(batch)).events.count == 4)
        refuse(Array(batch.dropLast()) + [event(0, message + "a")], "1,048,577 bytes in 524,237 characters")
    }

    @Test("one event may use the whole 1,048,576 bytes including its 26-byte overhead (decision 3)")
    func maximumEventSize() throws {
        // SEMANTICS decision 3: maximum event size 1,048,576 bytes including the 26-byte overhead.
        #expect(accept([event(0, String(repeating: "c", count: 300_000))])?.events.count == 1)
        #expect(accept([event(0, String(repeating: "c", count: 1_048_550))])?.events.count == 1)
        refuse([event(0, String(repeating: "c", count: 1_048_551))])
    }

    @Test("an empty message is refused; a one-character message is fine")
    func emptyMessage() throws {
        refuse([event(0, "")])
        refuse([event(0, "a"), event(1, ""), event(2, "c")])
        #expect(try #require(accept([event(0, "a")])).events.count == 1)
    }

    @Test("a negative timestamp is refused")
    func negativeTimestamp() {
        refuse([LogEventInput(timestamp: -1, message: "x")])
    }

    // MARK: Order

    @Test("events out of chronological order fail the whole call")
    func outOfOrder() throws {
        refuse([event(0), event(-1)])
        refuse([event(-3 * hourMs), event(-1 * hourMs), event(-2 * hourMs), event(0)])
        // Even when the misplaced events would be rejected individually (too new, too old).
        refuse([event(3 * hourMs), event(0)])
        refuse([event(0), event(-15 * dayMs)])
    }

    @Test("equal timestamps are in order")
    func equalTimestamps() throws {
        let result = try #require(accept([event(0, "a"), event(0, "b"), event(0, "c")]))
        #expect(result.events.map(\.message) == ["a", "b", "c"])
    }

    // MARK: Individually rejected events

    @Test("events more than 2 hours in the future are rejected; tooNewLogEventStartIndex is the first (inclusive)")
    func tooNew() throws {
        let batch = [event(0), event(1), event(2 * hourMs), event(2 * hourMs + 1), event(3 * hourMs)]
        let result = try #require(accept(batch))
        #expect(result.events == Array(batch.prefix(3)), "exactly 2 h ahead is still accepted")
        let rejected = try #require(result.rejected)
        #expect(rejected.tooNewLogEventStartIndex == 3)
        #expect(rejected.tooOldLogEventEndIndex == nil)
        #expect(rejected.expiredLogEventEndIndex == nil)
    }

    @Test("events older than 14 days are rejected; tooOldLogEventEndIndex is one past the last (exclusive)")
    func tooOld() throws {
        let batch = [event(-14 * dayMs - 2), event(-14 * dayMs - 1), event(-14 * dayMs), event(-14 * dayMs + hourMs)]
        let result = try #require(accept(batch))
        #expect(result.events == Array(batch.suffix(2)), "exactly 14 days old is still accepted")
        let rejected = try #require(result.rejected)
        #expect(rejected.tooOldLogEventEndIndex == 2)
        #expect(rejected.tooNewLogEventStartIndex == nil)
        #expect(rejected.expiredLogEventEndIndex == nil)
    }

    @Test("without a retention policy, events up to 14 days old are kept")
    func noRetention() throws {
        let result = try #require(accept([event(-10 * dayMs)], retentionDays: nil))
        #expect(result.events.count == 1)
        #expect(result.rejected == nil)
    }

    @Test("events older than the group's retention are rejected; expiredLogEventEndIndex is one past the last")
    func expired() throws {
        let batch = [event(-1 * dayMs - 1), event(-1 * dayMs), event(0)]
        let result = try #require(accept(batch, retentionDays: 1))
        #expect(result.events == Array(batch.suffix(2)), "exactly at the retention boundary is still accepted")
        let rejected = try #require(result.rejected)
        #expect(rejected.expiredLogEventEndIndex == 1)
        #expect(rejected.tooNewLogEventStartIndex == nil)

        let week = try #require(
            accept([event(-8 * dayMs), event(-7 * dayMs - 1), event(-7 * dayMs + hourMs)], retentionDays: 7))
        #expect(week.events.count == 1)
        #expect(week.rejected?.expiredLogEventEndIndex == 2)

        // A single event past retention: everything is rejected, and the call still succeeds.
        let none = try #require(accept([event(-10 * dayMs)], retentionDays: 7))
        #expect(none.events.isEmpty)
        #expect(none.rejected?.expiredLogEventEndIndex == 1)
    }

    @Test("with retention shorter than 14 days, events older than 14 days are rejected too")
    func expiredAndTooOld() throws {
        let result = try #require(accept([event(-20 * dayMs), event(-2 * dayMs), event(0)], retentionDays: 1))
        #expect(result.events == [event(0)])
        let rejected = try #require(result.rejected)
        // Both are past the 1-day retention; whichever field also names the first, the expired end is 2.
        #expect(rejected.expiredLogEventEndIndex == 2)
        #expect(rejected.tooNewLogEventStartIndex == nil)
    }

    @Test("expired, too old, accepted and too new in one batch")
    func allKinds() throws {
        let batch = [event(-31 * dayMs), event(-20 * dayMs), event(-1 * hourMs), event(0), event(3 * hourMs)]
        let result = try #require(accept(batch, retentionDays: 30))
        #expect(result.events == [event(-1 * hourMs), event(0)])
        let rejected = try #require(result.rejected)
        #expect(rejected.expiredLogEventEndIndex == 1)
        #expect(rejected.tooOldLogEventEndIndex == 2)
        #expect(rejected.tooNewLogEventStartIndex == 4)
    }

    @Test("a batch where nothing is rejected reports no rejectedLogEventsInfo")
    func nothingRejected() throws {
        let result = try #require(accept([event(-13 * dayMs), event(-13 * dayMs + 23 * hourMs)], retentionDays: 14))
        #expect(result.events.count == 2)
        #expect(result.rejected == nil)
    }

    // MARK: 24-hour span

    @Test("the accepted events may span exactly 24 hours, not a millisecond more")
    func span() throws {
        #expect(try #require(accept([event(-24 * hourMs), event(0)])).events.count == 2)
        refuse([event(-24 * hourMs - 1), event(0)])
        #expect(try #require(accept([event(-22 * hourMs), event(2 * hourMs)])).events.count == 2)
        refuse([event(-22 * hourMs - 1), event(2 * hourMs)])
        refuse([event(-3 * dayMs), event(-2 * dayMs), event(-1 * dayMs), event(0)])
    }

    @Test("rejected events do not count toward the 24-hourMs span")
    func spanOfValidEventsOnly() throws {
        let old = try #require(accept([event(-15 * dayMs), event(-1 * hourMs), event(0)]))
        #expect(old.events.count == 2)
        #expect(old.rejected?.tooOldLogEventEndIndex == 1)

        let new = try #require(accept([event(-23 * hourMs), event(3 * hourMs)]))
        #expect(new.events.count == 1)
        #expect(new.rejected?.tooNewLogEventStartIndex == 1)

        let expired = try #require(accept([event(-3 * dayMs), event(-1 * hourMs)], retentionDays: 1))
        #expect(expired.events.count == 1)
        #expect(expired.rejected?.expiredLogEventEndIndex == 1)
    }
}

@Suite("CloudWatch Logs: names and retention")
struct LogNameRulesTests {
    @Test("log group names: 1 to 512 characters of letters, digits and . _ - / #")
    func groupNames() {
        for name in [
            "a", "my-app", "my.group-name_1/x#y", "/netctl/vpc", "/aws/lambda/my-function", "aws",
            String(repeating: "g", count: 512),
        ] {
            #expect(throws: Never.self, "\(name)") { try LogRules.validateGroupName(name) }
        }
        for name in [
            "", String(repeating: "g", count: 513), "my group", "grp:1", "grp*", "café", "a\u{0}b", "tab\tname",
        ] {
            expectError(.invalidParameterException, "\(name.prefix(20)) (\(name.count) characters)") {
                () throws(NetctlError) in try LogRules.validateGroupName(name)
            }
        }
    }

    @Test("log group names must not start with aws/")
    func reservedPrefix() {
        for name in ["aws/", "aws/lambda/fn", "aws/x"] {
            expectError(.invalidParameterException, "\(name)") { () throws(NetctlError) in
                try LogRules.validateGroupName(name)
            }
        }
        for name in ["awsx/y", "my/aws/x", "/aws/ecs/cluster"] {
            #expect(throws: Never.self, "\(name)") { try LogRules.validateGroupName(name) }
        }
    }

    @Test("log stream names: 1 to 512 characters, without ':' or '*'")
    func streamNames() {
        for name in [
            "web", "i-0123456789abcdef0", "2024/01/01/[$LATEST]0123abcd", "with space", "ümlaut", "a#b.c-d_e",
            String(repeating: "s", count: 512),
        ] {
            #expect(throws: Never.self, "\(name)") { try LogRules.validateStreamName(name) }
        }
        for name in ["", String(repeating: "s", count: 513), "a:b", ":", "a*b", "*", "ecs:web*"] {
            expectError(.invalidParameterException, "\(name.prefix(20)) (\(name.count) characters)") {
                () throws(NetctlError) in try LogRules.validateStreamName(name)
            }
        }
    }

    static let awsRetentionDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    @Test("exactly AWS's 22 retention values are allowed")
    func retentionList() {
        #expect(LogRules.allowedRetentionDays == Self.awsRetentionDays)
        #expect(LogRules.allowedRetentionDays.count == 22)
    }

    @Test("each allowed retention value is accepted", arguments: awsRetentionDays)
    func retentionAccepted(days: Int) {
        #expect(throws: Never.self) { try LogRules.validateRetention(days) }
    }

    @Test(
        "other retention values are InvalidParameterException",
        arguments: [0, 2, 4, -1, 6, 10, 31, 366, 730, 3650, 3654])
    func retentionRejected(days: Int) {
        expectError(.invalidParameterException) { () throws(NetctlError) in try LogRules.validateRetention(days) }
    }
}
