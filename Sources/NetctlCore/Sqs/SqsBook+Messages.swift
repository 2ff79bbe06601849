import Foundation
import NetctlAPI

extension SqsBook {
    /// The in-flight limits of SEMANTICS-2 §5.2 (FIFO: the 2023 figure, answered with no error).
    public static let standardInFlightLimit = 120_000
    public static let fifoInFlightLimit = 20_000

    /// What one message send asks for.
    public struct Send: Sendable {
        public var body: String
        public var delaySeconds: Int?
        public var messageGroupId: String?
        public var messageDeduplicationId: String?
        public var messageAttributes: [String: SqsMessageAttribute]?

        public init(
            body: String, delaySeconds: Int? = nil, messageGroupId: String? = nil,
            messageDeduplicationId: String? = nil,
            messageAttributes: [String: SqsMessageAttribute]? = nil
        ) {
            self.body = body
            self.delaySeconds = delaySeconds
            self.messageGroupId = messageGroupId
            self.messageDeduplicationId = messageDeduplicationId
            self.messageAttributes = messageAttributes
        }

        /// Body and attributes count toward MaximumMessageSize.
        var size: Int { body.utf8.count }
    }

    /// SendMessage. A FIFO duplicate inside the deduplication window answers the first send and
    /// enqueues nothing.
    public mutating func send(_ key: SqsQueueKey, _ send: Send, now: Date, ids: inout IDGenerator) throws(NetctlError)
        -> SqsSendResult
    {
        guard var state = queues.removeValue(forKey: key) else { throw SqsError.queueMissing(key.name) }
        // Taken out while it changes, so that its messages are not copied; put back however this ends.
        defer { queues[key] = state }
        try SqsMessageRules.checkBody(send.body)
        let attributeBytes = try SqsMessageRules.checkAttributes(send.messageAttributes)
        let maximum = SqsAttributes.integer(state.record.attributes, SqsAttributes.maximumMessageSize)
        guard send.size + attributeBytes <= maximum else {
            throw NetctlError(
                .invalidParameterValue,
                "The message is \(send.size + attributeBytes) bytes with its attributes; \(key.name) takes at most \(maximum) "
                    + "(its MaximumMessageSize).")
        }
        var delay = SqsAttributes.integer(state.record.attributes, SqsAttributes.delaySeconds)
        if let asked = send.delaySeconds {
            guard !key.isFifo else {
                throw NetctlError(
                    .invalidParameterValue,
                    "The request includes DelaySeconds, which FIFO queues do not take per message; set the queue's "
                        + "DelaySeconds attribute instead.")
            }
            guard (0...900).contains(asked) else {
                throw SqsError.invalidValue("DelaySeconds", String(asked), "must be between 0 and 900 seconds")
            }
            delay = asked
        }
        var dedupKey: String?
        if key.isFifo {
            guard let group = send.messageGroupId else {
                throw NetctlError(.missingParameter, "The request must contain the parameter MessageGroupId.")
            }
            try SqsMessageRules.checkTag("MessageGroupId", group)
            let dedupId: String
            if let explicit = send.messageDeduplicationId {
                try SqsMessageRules.checkTag("MessageDeduplicationId", explicit)
                dedupId = explicit
            } else if state.record.attributes[SqsAttributes.contentBasedDeduplication] == "true" {
                dedupId = SqsMessageRules.sha256(send.body)
            } else {
                throw NetctlError(
                    .invalidParameterValue,
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly."
                )
            }
            let scoped = state.record.attributes[SqsAttributes.deduplicationScope] == "messageGroup"
            dedupKey = scoped ? "\(group)\u{0}\(dedupId)" : dedupId
            if let entry = state.dedup[dedupKey!], entry.expiresAt > now {
                return SqsSendResult(
                    messageId: entry.messageId, md5OfBody: SqsMessageRules.md5(send.body),
                    sequenceNumber: entry.sequenceNumber)
            }
        } else if let id = send.messageDeduplicationId {
            throw SqsError.invalidValue("MessageDeduplicationId", id, "only FIFO queues deduplicate messages")
        }
        if let group = send.messageGroupId, !key.isFifo { try SqsMessageRules.checkTag("MessageGroupId", group) }
        let sequence = state.record.nextSequence
        state.record.nextSequence += 1
        let message = SqsMessageRecord(
            sequence: sequence, messageId: Self.messageId(&ids), body: send.body,
            md5OfBody: SqsMessageRules.md5(send.body),
            messageAttributes: send.messageAttributes, groupId: send.messageGroupId,
            deduplicationId: key.isFifo ? send.messageDeduplicationId ?? SqsMessageRules.sha256(send.body) : nil,
            sentAt: now, availableAt: now.addingTimeInterval(TimeInterval(delay)), receiveCount: 0,
            firstReceivedAt: nil,
            receivedAt: nil, receiptHandle: nil)
        state.append(message)
        let sequenceNumber = key.isFifo ? SqsMessageRules.sequenceNumber(sequence) : nil
        if let dedupKey {
            state.dedup[dedupKey] = SqsDedupRecord(
                key: dedupKey, messageId: message.messageId, sequenceNumber: sequenceNumber ?? "",
                expiresAt: now.addingTimeInterval(SqsMessageRules.dedupWindow))
            changes.dedup.insert(.init(queue: key, key: dedupKey))
        }
        changes.queues.insert(key)
        changes.messages.insert(.init(queue: key, sequence: sequence))
        count(key) { $0.sent += 1 }
        return SqsSendResult(messageId: message.messageId, md5OfBody: message.md5OfBody, sequenceNumber: sequenceNumber)
    }

    /// SendMessageBatch: batch-wide checks throw; each entry then succeeds or fails on its own.
    public mutating func sendBatch(_ key: SqsQueueKey, _ entries: [SqsSendEntry], now: Date, ids: inout IDGenerator)
        throws(NetctlError) -> SqsSendBatchResponse
    {
        guard let state = queues[key] else { throw SqsError.queueMissing(key.name) }
        try Self.checkBatchIds(entries.map(\.id))
        let maximum = SqsAttributes.integer(state.record.attributes, SqsAttributes.maximumMessageSize)
        let total = entries.reduce(0) { $0 + $1.body.utf8.count }
        guard total <= maximum else {
            throw NetctlError(
                .batchRequestTooLong,
                "The batch's messages total \(total) bytes; \(key.name) takes at most \(maximum) in one batch.")
        }
        var response = SqsSendBatchResponse(successful: [], failed: [])
        for entry in entries {
            let send = Send(
                body: entry.body, delaySeconds: entry.delaySeconds, messageGroupId: entry.messageGroupId,
                messageDeduplicationId: entry.messageDeduplicationId, messageAttributes: entry.messageAttributes)
            do throws(NetctlError) {
                let result = try self.send(key, send, now: now, ids: &ids)
                response.successful.append(
                    SqsSendBatchSuccess(
                        id: entry.id, messageId: result.messageId, md5OfBody: result.md5OfBody,
                        sequenceNumber: result.sequenceNumber))
            } catch {
                response.failed.append(
                    SqsBatchFailure(id: entry.id, code: error.code.rawValue, message: error.message, senderFault: true))
            }
        }
        return response
    }

    /// 1 to 10 entries with distinct IDs of up to 80 letters, digits, hyphens and underscores.
    public static func checkBatchIds(_ ids: [String]) throws(NetctlError) {
        guard !ids.isEmpty else {
            throw NetctlError(.emptyBatchRequest, "There should be at least one entry in the request.")
        }
        guard ids.count <= 10 else {
            throw NetctlError(
                .tooManyEntriesInBatchRequest,
                "Maximum number of entries per request are 10. You have sent \(ids.count).")
        }
        for id in ids {
            guard (1...80).contains(id.count),
                id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else {
                throw NetctlError(
                    .invalidBatchEntryId,
                    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."
                )
            }
        }
        guard Set(ids).count == ids.count else {
            throw NetctlError(.batchEntryIdsNotDistinct, "Two or more batch entries in the request have the same Id.")
        }
    }

    /// ReceiveMessage, once (long polling is the caller's loop). A message received more often than
    /// its redrive policy's maxReceiveCount moves to the dead-letter queue instead of being delivered.
    public mutating func receive(
        _ key: SqsQueueKey, maxNumberOfMessages: Int?, visibilityTimeout: Int?, now: Date, ids: inout IDGenerator
    ) throws(NetctlError) -> [SqsMessage] {
        let maximum = maxNumberOfMessages ?? 1
        guard (1...10).contains(maximum) else {
            throw SqsError.invalidValue(
                "MaxNumberOfMessages", String(maximum), "Must be between 1 and 10, if provided.")
        }
        if let visibilityTimeout { try SqsMessageRules.checkVisibility(visibilityTimeout) }
        guard queues[key] != nil else { throw SqsError.queueMissing(key.name) }
        expire(key, now: now)
        guard var state = queues.removeValue(forKey: key) else { throw SqsError.queueMissing(key.name) }
        // Taken out while it changes, so that its messages are not copied; put back however this ends.
        defer { queues[key] = state }
        let hidden = TimeInterval(visibilityTimeout ?? state.visibilityTimeout)
        let redrive = SqsRedrive.stored(state.record.attributes[SqsAttributes.redrivePolicy])
        let deadLetter = redrive.flatMap { record(arn: $0.deadLetterTargetArn)?.key }
        var inFlight = 0
        var blocked = Set<String>()
        for message in state.messages.values where message.inFlight(at: now) {
            inFlight += 1
            if key.isFifo, let group = message.groupId { blocked.insert(group) }
        }
        let limit = key.isFifo ? Self.fifoInFlightLimit : Self.standardInFlightLimit
        if !key.isFifo && inFlight >= limit {
            throw NetctlError(
                .overLimit,
                "\(key.name) has \(inFlight) messages in flight, the most a standard queue allows; delete or release some first."
            )
        }
        var delivered: [SqsMessage] = []
        var moved: [SqsMessageRecord] = []
        for sequence in state.order where delivered.count < maximum && inFlight < limit {
            guard var message = state.messages[sequence] else { continue }
            let group = key.isFifo ? message.groupId : nil
            if let group, blocked.contains(group) { continue }
            guard message.availableAt <= now else {
                // A FIFO group delivers in order: nothing behind a message that is not available.
                if let group { blocked.insert(group) }
                continue
            }
            if let redrive, deadLetter != nil, message.receiveCount >= redrive.maxReceiveCount {
                state.messages[sequence] = nil
                changes.messages.insert(.init(queue: key, sequence: sequence))
                moved.append(message)
                continue
            }
            message.receiveCount += 1
            message.firstReceivedAt = message.firstReceivedAt ?? now
            message.receivedAt = now
            message.availableAt = now.addingTimeInterval(hidden)
            message.receiptHandle = SqsMessageRules.handle(key, sequence, nonce: ids.make("", digits: 32))
            state.messages[sequence] = message
            changes.messages.insert(.init(queue: key, sequence: sequence))
            inFlight += 1
            delivered.append(Self.delivery(message, key))
        }
        state.compact()
        if !moved.isEmpty, let deadLetter { moveToDeadLetter(moved, deadLetter, now: now) }
        if !delivered.isEmpty { count(key) { $0.received += delivered.count } }
        return delivered
    }

    /// Moved messages keep their ID, body and first send time (retention runs from it) and arrive visible.
    private mutating func moveToDeadLetter(_ messages: [SqsMessageRecord], _ target: SqsQueueKey, now: Date) {
        guard var state = queues.removeValue(forKey: target) else { return }
        // Taken out while it changes, so that its messages are not copied; put back however this ends.
        defer { queues[target] = state }
        for var message in messages {
            message.sequence = state.record.nextSequence
            state.record.nextSequence += 1
            message.availableAt = now
            message.receiptHandle = nil
            message.receivedAt = nil
            state.append(message)
            changes.messages.insert(.init(queue: target, sequence: message.sequence))
        }
        changes.queues.insert(target)
    }

    static func delivery(_ message: SqsMessageRecord, _ key: SqsQueueKey) -> SqsMessage {
        var attributes: [String: String] = [
            "SentTimestamp": String(Timestamp.epochMilliseconds(message.sentAt)),
            "ApproximateReceiveCount": String(message.receiveCount),
            "ApproximateFirstReceiveTimestamp": String(
                Timestamp.epochMilliseconds(message.firstReceivedAt ?? message.sentAt)),
            "SenderId": key.accountId,
        ]
        if let group = message.groupId { attributes["MessageGroupId"] = group }
        if key.isFifo {
            attributes["MessageDeduplicationId"] = message.deduplicationId
            attributes["SequenceNumber"] = SqsMessageRules.sequenceNumber(message.sequence)
        }
        return SqsMessage(
            messageId: message.messageId, receiptHandle: message.receiptHandle ?? "", body: message.body,
            md5OfBody: message.md5OfBody, attributes: attributes, messageAttributes: message.messageAttributes)
    }

    /// DeleteMessage: the latest handle deletes; an older handle of a message received again since,
    /// or of one already gone, succeeds and does nothing, as on AWS.
    public mutating func deleteMessage(_ key: SqsQueueKey, receiptHandle: String) throws(NetctlError) {
        guard var state = queues.removeValue(forKey: key) else { throw SqsError.queueMissing(key.name) }
        // Taken out while it changes, so that its messages are not copied; put back however this ends.
        defer { queues[key] = state }
        let sequence = try SqsMessageRules.sequence(of: receiptHandle, in: key)
        guard let message = state.messages[sequence], message.receiptHandle == receiptHandle else { return }
        state.messages[sequence] = nil
        state.compact()
        changes.messages.insert(.init(queue: key, sequence: sequence))
        count(key) { $0.deleted += 1 }
    }

    /// DeleteMessageBatch over receipt handles; results name entries by position.
    public mutating func deleteBatch(_ key: SqsQueueKey, receiptHandles: [String]) throws(NetctlError)
        -> SqsDeleteBatchResponse
    {
        guard queues[key] != nil else { throw SqsError.queueMissing(key.name) }
        try Self.checkBatchIds(receiptHandles.indices.map(String.init))
        var response = SqsDeleteBatchResponse(successful: [], failed: [])
        for (index, handle) in receiptHandles.enumerated() {
            do throws(NetctlError) {
                try deleteMessage(key, receiptHandle: handle)
                response.successful.append(SqsBatchSuccess(id: String(index)))
            } catch {
                response.failed.append(
                    SqsBatchFailure(
                        id: String(index), code: error.code.rawValue, message: error.message, senderFault: true))
            }
        }
        return response
    }

    /// ChangeMessageVisibility: counted from now, at most 12 hours after the receive.
    public mutating func changeVisibility(
        _ key: SqsQueueKey, receiptHandle: String, visibilityTimeout: Int, now: Date
    ) throws(NetctlError) {
        guard var state = queues.removeValue(forKey: key) else { throw SqsError.queueMissing(key.name) }
        // Taken out while it changes, so that its messages are not copied; put back however this ends.
        defer { queues[key] = state }
        try SqsMessageRules.checkVisibility(visibilityTimeout)
        let sequence = try SqsMessageRules.sequence(of: receiptHandle, in: key)
        guard var message = state.messages[sequence], message.receiptHandle == receiptHandle else {
            throw SqsError.handleInvalid(receiptHandle, "the receipt handle has expired")
        }
        guard message.inFlight(at: now) else {
            throw NetctlError(
                .messageNotInflight,
                "The message is not in flight (its visibility timeout passed); receive it again first.")
        }
        let until = now.addingTimeInterval(TimeInterval(visibilityTimeout))
        if let received = message.receivedAt,
            until > received.addingTimeInterval(TimeInterval(SqsMessageRules.maximumVisibility))
        {
            throw SqsError.invalidValue(
                "VisibilityTimeout", String(visibilityTimeout),
                "Total VisibilityTimeout for the message is beyond the limit [43200 seconds] from its receive")
        }
        message.availableAt = until
        state.messages[sequence] = message
        changes.messages.insert(.init(queue: key, sequence: sequence))
    }

    /// When something in the queue next becomes visible (a delay or a visibility timeout ending).
    public func nextAvailable(_ key: SqsQueueKey, after now: Date) -> Date? {
        queues[key]?.messages.values.lazy.map(\.availableAt).filter { $0 > now }.min()
    }

    /// A message ID as AWS shapes them: a UUID.
    static func messageId(_ ids: inout IDGenerator) -> String {
        let hex = Array(ids.make("", digits: 32))
        return [hex[0..<8], hex[8..<12], hex[12..<16], hex[16..<20], hex[20..<32]].map { String($0) }.joined(
            separator: "-")
    }
}
