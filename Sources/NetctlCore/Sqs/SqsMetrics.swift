import Foundation
import NetctlAPI

/// What a queue did since its last sample: the counters of `AWS/SQS` (SEMANTICS-2 5.3). Kept in
/// memory only; a restart starts them again at zero, as a metric's minute would.
public struct SqsActivity: Sendable, Equatable {
    public var sent = 0
    public var received = 0
    public var deleted = 0
}

extension SqsBook {
    public static let metricsNamespace = "AWS/SQS"

    mutating func count(_ key: SqsQueueKey, _ update: (inout SqsActivity) -> Void) {
        update(&activity[key, default: SqsActivity()])
    }

    /// One minute's `AWS/SQS` values for each queue (dimension QueueName), and the counters start again.
    public mutating func sampleMetrics(now: Date) -> [(
        queue: SqsQueueKey, metrics: [(name: String, value: Double, unit: String)]
    )] {
        var samples: [(queue: SqsQueueKey, metrics: [(name: String, value: Double, unit: String)])] = []
        for key in queues.keys.sorted() {
            guard let state = queues[key] else { continue }
            let counts = state.counts(at: now)
            let activity = activity[key] ?? SqsActivity()
            let oldest = state.messages.values.lazy.map(\.sentAt).filter { now.timeIntervalSince($0) < state.retention }
                .min()
            samples.append(
                (
                    key,
                    [
                        ("ApproximateNumberOfMessagesVisible", Double(counts.visible), "Count"),
                        ("ApproximateNumberOfMessagesNotVisible", Double(counts.notVisible), "Count"),
                        ("ApproximateNumberOfMessagesDelayed", Double(counts.delayed), "Count"),
                        ("NumberOfMessagesSent", Double(activity.sent), "Count"),
                        ("NumberOfMessagesReceived", Double(activity.received), "Count"),
                        ("NumberOfMessagesDeleted", Double(activity.deleted), "Count"),
                        (
                            "ApproximateAgeOfOldestMessage",
                            oldest.map { max(0, now.timeIntervalSince($0).rounded(.down)) } ?? 0, "Seconds"
                        ),
                    ]
                ))
        }
        activity = [:]
        return samples
    }
}
