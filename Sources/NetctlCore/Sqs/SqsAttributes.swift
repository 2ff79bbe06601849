import Foundation
import NetctlAPI

/// Queue attributes: names, ranges and defaults of SEMANTICS-2 §5.1. Values are strings, as on AWS.
public enum SqsAttributes {
    public static let visibilityTimeout = "VisibilityTimeout"
    public static let messageRetentionPeriod = "MessageRetentionPeriod"
    public static let delaySeconds = "DelaySeconds"
    public static let receiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds"
    public static let maximumMessageSize = "MaximumMessageSize"
    public static let redrivePolicy = "RedrivePolicy"
    public static let redriveAllowPolicy = "RedriveAllowPolicy"
    public static let fifoQueue = "FifoQueue"
    public static let contentBasedDeduplication = "ContentBasedDeduplication"
    public static let deduplicationScope = "DeduplicationScope"
    public static let fifoThroughputLimit = "FifoThroughputLimit"

    /// Whole-second attributes: range and default.
    static let integers: [String: (range: ClosedRange<Int>, default: Int)] = [
        visibilityTimeout: (0...43_200, 30),
        messageRetentionPeriod: (60...1_209_600, 345_600),
        delaySeconds: (0...900, 0),
        receiveMessageWaitTimeSeconds: (0...20, 0),
        maximumMessageSize: (1_024...1_048_576, 1_048_576),
    ]

    static let fifoOnly: Set<String> = [contentBasedDeduplication, deduplicationScope, fifoThroughputLimit]

    /// Reported by get, refused by create and setAttributes.
    public static let readOnly: Set<String> = [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    ]

    /// Every settable attribute with its value for a new queue: the given ones (checked) over the
    /// defaults. `lookup` finds other queues, for a redrive policy's dead-letter target.
    static func forNewQueue(
        _ key: SqsQueueKey, _ given: [String: String], lookup: (String) -> SqsQueueRecord?
    ) throws(NetctlError) -> [String: String] {
        let fifo = try fifoFlag(given[fifoQueue])
        if fifo != key.isFifo {
            throw NetctlError(
                .invalidParameterValue,
                key.isFifo
                    ? "The queue name \(key.name) ends in .fifo, so the queue must be FIFO: pass the attribute FifoQueue=true."
                    : "A FIFO queue's name must end in .fifo: name it \(key.name).fifo, or drop FifoQueue=true.")
        }
        var attributes: [String: String] = [:]
        for (name, limits) in integers { attributes[name] = String(limits.default) }
        if fifo {
            attributes[fifoQueue] = "true"
            attributes[contentBasedDeduplication] = "false"
            attributes[deduplicationScope] = "queue"
            attributes[fifoThroughputLimit] = "perQueue"
        }
        var changes = given
        changes[fifoQueue] = nil
        try apply(changes, to: &attributes, key: key, lookup: lookup)
        return attributes
    }

    /// Applies changed attributes to a queue's (setAttributes); `FifoQueue` cannot change.
    static func apply(
        _ changes: [String: String], to attributes: inout [String: String], key: SqsQueueKey,
        lookup: (String) -> SqsQueueRecord?
    ) throws(NetctlError) {
        for name in changes.keys.sorted() {
            let value = changes[name] ?? ""
            if let limits = integers[name] {
                guard let number = Int(value), limits.range.contains(number) else {
                    throw invalid(
                        name, value,
                        "must be a whole number from \(limits.range.lowerBound) to \(limits.range.upperBound)")
                }
                attributes[name] = String(number)
                continue
            }
            if fifoOnly.contains(name) && !key.isFifo {
                throw NetctlError(.invalidAttributeName, "Unknown Attribute \(name): it applies to FIFO queues only.")
            }
            switch name {
            case fifoQueue:
                throw NetctlError(
                    .invalidAttributeName,
                    "FifoQueue is fixed when a queue is created; create a new queue (name ending in .fifo) to change the type."
                )
            case contentBasedDeduplication:
                attributes[name] = try String(boolean(name, value))
            case deduplicationScope:
                guard value == "queue" || value == "messageGroup" else {
                    throw invalid(name, value, "must be queue or messageGroup")
                }
                attributes[name] = value
            case fifoThroughputLimit:
                guard value == "perQueue" || value == "perMessageGroupId" else {
                    throw invalid(name, value, "must be perQueue or perMessageGroupId")
                }
                attributes[name] = value
            case redrivePolicy:
                attributes[name] = value.isEmpty ? nil : try SqsRedrive.policy(value, source: key, lookup: lookup).text
            case redriveAllowPolicy:
                attributes[name] = value.isEmpty ? nil : try SqsRedrive.allowPolicy(value).text
            default:
                if readOnly.contains(name) {
                    throw NetctlError(.invalidAttributeName, "The attribute \(name) is read-only and cannot be set.")
                }
                throw NetctlError(
                    .invalidAttributeName,
                    "Unknown Attribute \(name). Settable attributes: \((integers.keys.sorted() + [redrivePolicy, redriveAllowPolicy] + (key.isFifo ? fifoOnly.sorted() : [])).joined(separator: ", "))."
                )
            }
        }
        // A FIFO throughput limit per group needs deduplication per group, as on AWS.
        if attributes[fifoThroughputLimit] == "perMessageGroupId" && attributes[deduplicationScope] != "messageGroup" {
            throw NetctlError(
                .invalidAttributeValue,
                "FifoThroughputLimit=perMessageGroupId needs DeduplicationScope=messageGroup; set both.")
        }
    }

    /// A name GetQueueAttributes may ask for, whether or not this queue has a value for it.
    public static func known(_ name: String) -> Bool {
        integers[name] != nil || fifoOnly.contains(name) || readOnly.contains(name)
            || [fifoQueue, redrivePolicy, redriveAllowPolicy].contains(name)
    }

    static func fifoFlag(_ value: String?) throws(NetctlError) -> Bool {
        guard let value else { return false }
        return try boolean(fifoQueue, value)
    }

    static func boolean(_ name: String, _ value: String) throws(NetctlError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw invalid(name, value, "must be true or false")
        }
    }

    static func invalid(_ name: String, _ value: String, _ reason: String) -> NetctlError {
        NetctlError(.invalidAttributeValue, "Invalid value for the parameter \(name): \(value.prefix(200)) \(reason).")
    }

    public static func integer(_ attributes: [String: String], _ name: String) -> Int {
        attributes[name].flatMap { Int($0) } ?? integers[name]?.default ?? 0
    }
}
