import Foundation
import NetctlAPI

/// CloudWatch Logs' rules for names, retention and PutLogEvents (SEMANTICS.md 8.1, 8.2).
public enum LogRules {
    public static let allowedRetentionDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]
    public static let maximumBatchBytes = 1_048_576
    public static let perEventOverhead = 26
    public static let maximumEvents = 10_000
    public static let maximumSpan: TimeInterval = 24 * 3600
    public static let tooNew: TimeInterval = 2 * 3600
    public static let tooOld: TimeInterval = 14 * 24 * 3600
    /// Decision 3: one event may use the whole batch, 1,048,576 bytes including its 26-byte overhead.
    public static let maximumEventBytes = maximumBatchBytes - perEventOverhead

    public static func validateGroupName(_ name: String) throws(NetctlError) {
        guard (1...512).contains(name.count),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/#".contains($0)) })
        else {
            throw NetctlError(
                .invalidParameterException,
                "Log group name '\(name)' is invalid: use 1 to 512 letters, digits and . _ - / #.")
        }
        guard !name.hasPrefix("aws/") else {
            throw NetctlError(.invalidParameterException, "Log group names starting with 'aws/' are reserved.")
        }
    }

    public static func validateStreamName(_ name: String) throws(NetctlError) {
        guard (1...512).contains(name.count), !name.contains(":"), !name.contains("*") else {
            throw NetctlError(
                .invalidParameterException, "Log stream name '\(name)' is invalid: 1 to 512 characters, without ':' or '*'.")
        }
    }

    public static func validateRetention(_ days: Int) throws(NetctlError) {
        guard allowedRetentionDays.contains(days) else {
            throw NetctlError(
                .invalidParameterException,
                "retentionInDays \(days) is not allowed. Use one of \(allowedRetentionDays.map(String.init).joined(separator: ", ")).")
        }
    }

    public struct Accepted: Sendable {
        public var events: [LogEventInput]
        public var rejected: RejectedLogEventsInfo?
    }

    /// Checks a batch as PutLogEvents does: whole-batch errors throw; events too new, too old or past
    /// the group's retention are rejected one by one and reported, the rest are accepted.
    public static func checkBatch(_ events: [LogEventInput], now: Date, retentionDays: Int?) throws(NetctlError) -> Accepted {
        guard !events.isEmpty else {
            throw NetctlError(.invalidParameterException, "logEvents must hold at least one event.")
        }
        guard events.count <= maximumEvents else {
            throw NetctlError(
                .invalidParameterException, "\(events.count) events in one batch; PutLogEvents takes at most 10,000.")
        }
        var bytes = 0
        for (index, event) in events.enumerated() {
            let size = event.message.utf8.count
            guard size >= 1 else {
                throw NetctlError(.invalidParameterException, "logEvents[\(index)].message is empty; a message needs at least one character.")
            }
            guard size <= maximumEventBytes else {
                throw NetctlError(
                    .invalidParameterException, "logEvents[\(index)] is \(size) bytes; an event may have at most \(maximumEventBytes).")
            }
            guard event.timestamp >= 0 else {
                throw NetctlError(.invalidParameterException, "logEvents[\(index)].timestamp must be epoch milliseconds ≥ 0.")
            }
            if index > 0, event.timestamp < events[index - 1].timestamp {
                throw NetctlError(
                    .invalidParameterException,
                    "Log events in a single PutLogEvents request must be in chronological order: logEvents[\(index)] is "
                        + "older than logEvents[\(index - 1)].")
            }
            bytes += size + perEventOverhead
        }
        guard bytes <= maximumBatchBytes else {
            throw NetctlError(
                .invalidParameterException,
                "The batch is \(bytes) bytes (messages plus 26 bytes per event); the limit is \(maximumBatchBytes).")
        }
        let nowMillis = Timestamp.epochMilliseconds(now)
        let newest = nowMillis + Int64(tooNew * 1000)
        let oldest = nowMillis - Int64(tooOld * 1000)
        let expired = retentionDays.map { nowMillis - Int64($0) * 86_400_000 }
        var info = RejectedLogEventsInfo()
        var accepted: [LogEventInput] = []
        for (index, event) in events.enumerated() {
            if event.timestamp > newest {
                info.tooNewLogEventStartIndex = info.tooNewLogEventStartIndex ?? index
            } else if let expired, event.timestamp < expired {
                info.expiredLogEventEndIndex = index + 1
            } else if event.timestamp < oldest {
                info.tooOldLogEventEndIndex = index + 1
            } else {
                accepted.append(event)
            }
        }
        if let first = accepted.first, let last = accepted.last, last.timestamp - first.timestamp > Int64(maximumSpan * 1000) {
            throw NetctlError(
                .invalidParameterException,
                "The log events in a single PutLogEvents request cannot span more than 24 hours.")
        }
        let anyRejected =
            info.tooNewLogEventStartIndex != nil || info.tooOldLogEventEndIndex != nil || info.expiredLogEventEndIndex != nil
        return Accepted(events: accepted, rejected: anyRejected ? info : nil)
    }
}
