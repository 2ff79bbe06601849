import Foundation
import NetctlAPI

/// One queue with its messages, oldest sequence first.
public struct SqsQueueState: Sendable {
    public var record: SqsQueueRecord
    public internal(set) var messages: [Int64: SqsMessageRecord] = [:]
    /// Sequences in send order; deleted ones linger until `compact` drops them.
    var order: [Int64] = []
    var dedup: [String: SqsDedupRecord] = [:]

    public func dedupEntry(_ key: String) -> SqsDedupRecord? { dedup[key] }

    public var key: SqsQueueKey { record.key }
    var retention: TimeInterval {
        TimeInterval(SqsAttributes.integer(record.attributes, SqsAttributes.messageRetentionPeriod))
    }
    var visibilityTimeout: Int { SqsAttributes.integer(record.attributes, SqsAttributes.visibilityTimeout) }

    mutating func append(_ message: SqsMessageRecord) {
        messages[message.sequence] = message
        order.append(message.sequence)
    }

    mutating func compact() {
        if order.count > 64 && order.count > messages.count * 2 { order.removeAll { messages[$0] == nil } }
    }

    /// ApproximateNumberOfMessages, …NotVisible, …Delayed; messages past retention, which the next
    /// receive drops, no longer count.
    public func counts(at now: Date) -> (visible: Int, notVisible: Int, delayed: Int) {
        var counts = (visible: 0, notVisible: 0, delayed: 0)
        let retention = self.retention
        for message in messages.values where now.timeIntervalSince(message.sentAt) < retention {
            if message.availableAt <= now {
                counts.visible += 1
            } else if message.receiptHandle != nil {
                counts.notVisible += 1
            } else {
                counts.delayed += 1
            }
        }
        return counts
    }
}

/// Every queue and message netctld holds, with SQS's rules (SEMANTICS-2 §5). Pure: the time and the
/// randomness for IDs and receipt handles come in; what a change touched accumulates in `changes`
/// for the store (queues.db) to write before the change is answered.
public struct SqsBook: Sendable {
    public internal(set) var queues: [SqsQueueKey: SqsQueueState] = [:]
    /// When each recently deleted name went: it may not be created again for 60 s.
    var deletedAt: [SqsQueueKey: Date] = [:]
    public var changes = SqsChanges()
    /// Counters for the minute's `AWS/SQS` metrics (SqsMetrics.swift).
    var activity: [SqsQueueKey: SqsActivity] = [:]

    public init() {}

    /// The book as queues.db holds it.
    public init(
        queues: [SqsQueueRecord], messages: [SqsQueueKey: [SqsMessageRecord]], dedup: [SqsQueueKey: [SqsDedupRecord]]
    ) {
        for record in queues {
            var state = SqsQueueState(record: record)
            for message in (messages[record.key] ?? []).sorted(by: { $0.sequence < $1.sequence }) {
                state.append(message)
            }
            for entry in dedup[record.key] ?? [] { state.dedup[entry.key] = entry }
            self.queues[record.key] = state
        }
    }

    public static let deletionQuarantine: TimeInterval = 60
    public static let purgeInterval: TimeInterval = 60

    // MARK: Queues

    /// The queue a `queue` parameter names: its name, or a URL whose last path segment is the name.
    public func key(_ scope: Scope, _ queue: String) throws(NetctlError) -> SqsQueueKey {
        let name = queue.split(separator: "/").last.map(String.init) ?? queue
        let key = SqsQueueKey(scope, name)
        guard queues[key] != nil else { throw SqsError.queueMissing(name) }
        return key
    }

    public func queue(_ key: SqsQueueKey) -> SqsQueueState? { queues[key] }

    func record(arn: String) -> SqsQueueRecord? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sqs" else { return nil }
        return queues[SqsQueueKey(accountId: String(parts[4]), region: String(parts[3]), name: String(parts[5]))]?
            .record
    }

    public static func validateName(_ name: String) throws(NetctlError) {
        let stem = name.hasSuffix(".fifo") ? String(name.dropLast(5)) : name
        guard (1...80).contains(name.count), !stem.isEmpty,
            stem.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw NetctlError(
                .invalidParameterValue,
                "Queue name \(name.prefix(100)) is not valid: use 1 to 80 letters, digits, hyphens and underscores; "
                    + "a FIFO queue's name ends in .fifo, which counts toward the 80.")
        }
    }

    /// CreateQueue: a new queue, or the existing one when its attributes are exactly those asked for.
    public mutating func create(
        _ key: SqsQueueKey, attributes given: [String: String], tags: [String: String]? = nil, now: Date
    ) throws(NetctlError) -> SqsQueueState {
        try Self.validateName(key.name)
        if let tags { try Self.checkTags(tags) }
        let attributes = try SqsAttributes.forNewQueue(key, given) { record(arn: $0) }
        if let existing = queues[key] {
            guard existing.record.attributes == attributes else {
                let differing = Set(attributes.keys).union(existing.record.attributes.keys)
                    .filter { attributes[$0] != existing.record.attributes[$0] }.sorted()
                throw NetctlError(
                    .queueNameExists,
                    "A queue named \(key.name) already exists with a different value for \(differing.joined(separator: ", ")). "
                        + "Use sqs.queue.setAttributes to change it, or another name.")
            }
            return existing
        }
        if let deleted = deletedAt[key], now.timeIntervalSince(deleted) < Self.deletionQuarantine {
            throw NetctlError(
                .queueDeletedRecently,
                "You must wait 60 seconds after deleting a queue before you can create another with the same name (\(key.name))."
            )
        }
        deletedAt[key] = nil
        let state = SqsQueueState(
            record: SqsQueueRecord(
                key: key, attributes: attributes, createdAt: now, lastModifiedAt: now, lastPurgeAt: nil,
                nextSequence: 1,
                tags: tags.flatMap { $0.isEmpty ? nil : $0 }))
        queues[key] = state
        changes.queues.insert(key)
        return state
    }

    public mutating func setAttributes(_ key: SqsQueueKey, _ changed: [String: String], now: Date) throws(NetctlError) {
        guard var state = queues[key] else { throw SqsError.queueMissing(key.name) }
        try SqsAttributes.apply(changed, to: &state.record.attributes, key: key) { record(arn: $0) }
        state.record.lastModifiedAt = now
        queues[key] = state
        changes.queues.insert(key)
    }

    public mutating func delete(_ key: SqsQueueKey, now: Date) throws(NetctlError) {
        guard queues.removeValue(forKey: key) != nil else { throw SqsError.queueMissing(key.name) }
        deletedAt[key] = now
        changes.queues.insert(key)
        changes.cleared.insert(key)
        deletedAt = deletedAt.filter { now.timeIntervalSince($0.value) < Self.deletionQuarantine }
    }

    public mutating func purge(_ key: SqsQueueKey, now: Date) throws(NetctlError) {
        guard var state = queues[key] else { throw SqsError.queueMissing(key.name) }
        if let last = state.record.lastPurgeAt, now.timeIntervalSince(last) < Self.purgeInterval {
            throw NetctlError(
                .purgeQueueInProgress,
                "Only one PurgeQueue operation on \(key.name) is allowed every 60 seconds; try again after "
                    + "\(Timestamp.format(last.addingTimeInterval(Self.purgeInterval))).")
        }
        // Deduplication outlives the messages, as it outlives their deletion on AWS.
        for message in state.messages.values { changes.messages.insert(.init(queue: key, sequence: message.sequence)) }
        state.messages = [:]
        state.order = []
        state.record.lastPurgeAt = now
        queues[key] = state
        changes.queues.insert(key)
    }

    /// The queues of a scope, by name, optionally with a name prefix.
    public func list(_ scope: Scope, prefix: String?) -> [SqsQueueState] {
        queues.values.filter { $0.key.scope == scope && (prefix.map($0.key.name.hasPrefix) ?? true) }
            .sorted { $0.key.name < $1.key.name }
    }

    /// Every attribute GetQueueAttributes reports: the settable ones, the counts and the times.
    public func attributes(_ key: SqsQueueKey, now: Date) -> [String: String] {
        guard let state = queues[key] else { return [:] }
        var attributes = state.record.attributes
        let counts = state.counts(at: now)
        attributes["ApproximateNumberOfMessages"] = String(counts.visible)
        attributes["ApproximateNumberOfMessagesNotVisible"] = String(counts.notVisible)
        attributes["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
        attributes["CreatedTimestamp"] = String(Int64(state.record.createdAt.timeIntervalSince1970))
        attributes["LastModifiedTimestamp"] = String(Int64(state.record.lastModifiedAt.timeIntervalSince1970))
        attributes["QueueArn"] = key.arn
        return attributes
    }

    /// Drops messages past the retention period and deduplication entries past their window.
    public mutating func expire(_ key: SqsQueueKey, now: Date) {
        guard var state = queues.removeValue(forKey: key) else { return }
        defer { queues[key] = state }
        let retention = state.retention
        var changed = false
        for message in state.messages.values where now.timeIntervalSince(message.sentAt) >= retention {
            state.messages[message.sequence] = nil
            changes.messages.insert(.init(queue: key, sequence: message.sequence))
            changed = true
        }
        for entry in state.dedup.values where entry.expiresAt <= now {
            state.dedup[entry.key] = nil
            changes.dedup.insert(.init(queue: key, key: entry.key))
            changed = true
        }
        if changed { state.compact() }
    }

    mutating func update(_ state: SqsQueueState) { queues[state.key] = state }
}
