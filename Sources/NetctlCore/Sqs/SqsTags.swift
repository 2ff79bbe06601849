import Foundation
import NetctlAPI

/// Queue tags (TagQueue, UntagQueue, ListQueueTags): at most 50 per queue, keys 1–128 and values up
/// to 256 characters, `aws:` reserved. Tags change no attribute, so `LastModifiedTimestamp` stays.
extension SqsBook {
    public static let maximumTags = 50

    static func checkTags(_ tags: [String: String]) throws(NetctlError) {
        for (key, value) in tags {
            guard (1...128).contains(key.count), !key.lowercased().hasPrefix("aws:") else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Tag key \(key.prefix(140)) is not valid: 1 to 128 characters, not starting with aws:.")
            }
            guard value.count <= 256 else {
                throw NetctlError(.invalidParameterValue, "The value of tag \(key) is longer than 256 characters.")
            }
        }
        guard tags.count <= maximumTags else {
            throw NetctlError(
                .invalidParameterValue,
                "A queue may have at most \(maximumTags) tags; this would give it \(tags.count).")
        }
    }

    public mutating func tag(_ key: SqsQueueKey, _ tags: [String: String]) throws(NetctlError) -> [String: String] {
        guard var state = queues[key] else { throw SqsError.queueMissing(key.name) }
        let merged = (state.record.tags ?? [:]).merging(tags) { $1 }
        try Self.checkTags(merged)
        state.record.tags = merged
        queues[key] = state
        changes.queues.insert(key)
        return merged
    }

    public mutating func untag(_ key: SqsQueueKey, _ tagKeys: [String]) throws(NetctlError) -> [String: String] {
        guard var state = queues[key] else { throw SqsError.queueMissing(key.name) }
        var tags = state.record.tags ?? [:]
        for tagKey in tagKeys { tags[tagKey] = nil }
        state.record.tags = tags
        queues[key] = state
        changes.queues.insert(key)
        return tags
    }
}
