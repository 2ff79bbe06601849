import Foundation
import NetctlAPI
import NetctlCore

// The sqs.* methods: each a call on the queue service, on its thread (MethodKinds.swift).

enum SqsMethods {
    /// AWS's URL for a queue; the AWS endpoint answers its own address instead.
    static func url(_ key: SqsQueueKey) -> String {
        "https://sqs.\(key.region).amazonaws.com/\(key.accountId)/\(key.name)"
    }

    static func queue(_ key: SqsQueueKey, _ book: SqsBook, now: Date) -> SqsQueue {
        SqsQueue(queueName: key.name, queueUrl: url(key), queueArn: key.arn, attributes: book.attributes(key, now: now))
    }

    /// Runs `body` and hands its outcome to `answer`.
    static func answer<R>(
        _ answer: @Sendable (Result<R, NetctlError>) -> Void, _ body: () throws(NetctlError) -> R
    ) {
        do throws(NetctlError) { answer(.success(try body())) } catch { answer(.failure(error)) }
    }
}

extension SqsQueueCreate: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueue, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            let (queue, created) = try call.queues.change { book, _, now throws(NetctlError) in
                let key = SqsQueueKey(call.caller.scope, name)
                let state = try book.create(key, attributes: attributes ?? [:], tags: tags, now: now)
                return (SqsMethods.queue(key, book, now: now), state.record.createdAt == now)
            }
            if created { call.queues.log("create", SqsQueueKey(call.caller.scope, name), detail: queue) }
            return queue
        }
    }
}

extension SqsQueueGet: QueueQuery {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueue, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.read { book, now throws(NetctlError) in
                SqsMethods.queue(try book.key(call.caller.scope, queue), book, now: now)
            }
        }
    }
}

extension SqsQueueDelete: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<EmptyResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            let key = try call.queues.change { book, _, now throws(NetctlError) in
                let key = try book.key(call.caller.scope, queue)
                try book.delete(key, now: now)
                return key
            }
            call.queues.log("delete", key, detail: nil)
            return EmptyResponse()
        }
    }
}

extension SqsQueuePurge: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<EmptyResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            let key = try call.queues.change { book, _, now throws(NetctlError) in
                let key = try book.key(call.caller.scope, queue)
                try book.purge(key, now: now)
                return key
            }
            call.queues.log("purge", key, detail: nil)
            return EmptyResponse()
        }
    }
}

extension SqsQueueList: QueueQuery {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueueListResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            let limit = maxResults ?? 1_000
            guard (1...1_000).contains(limit) else {
                throw SqsMethodsError.invalid("maxResults", String(limit), "must be between 1 and 1000")
            }
            return try call.queues.read { book, now throws(NetctlError) in
                let all = book.list(call.caller.scope, prefix: prefix)
                // The token is the last name answered: the next page starts after it.
                let rest = nextToken.map { token in all.filter { $0.key.name > token } } ?? all
                let page = rest.prefix(limit)
                return SqsQueueListResponse(
                    queues: page.map { SqsMethods.queue($0.key, book, now: now) },
                    nextToken: rest.count > limit ? page.last?.key.name : nil)
            }
        }
    }
}

enum SqsMethodsError {
    static func invalid(_ parameter: String, _ value: String, _ reason: String) -> NetctlError {
        NetctlError(.invalidParameterValue, "Value \(value) for parameter \(parameter) is invalid. Reason: \(reason).")
    }
}

extension SqsQueueSetAttributes: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueue, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            let (key, changed) = try call.queues.change { book, _, now throws(NetctlError) in
                let key = try book.key(call.caller.scope, queue)
                try book.setAttributes(key, attributes, now: now)
                return (key, SqsMethods.queue(key, book, now: now))
            }
            call.queues.log("modify", key, detail: changed)
            return changed
        }
    }
}

extension SqsSend: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsSendResult, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, ids, now throws(NetctlError) in
                let send = SqsBook.Send(
                    body: body, delaySeconds: delaySeconds, messageGroupId: messageGroupId,
                    messageDeduplicationId: messageDeduplicationId, messageAttributes: messageAttributes)
                return try book.send(try book.key(call.caller.scope, queue), send, now: now, ids: &ids)
            }
        }
    }
}

extension SqsSendBatch: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsSendBatchResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, ids, now throws(NetctlError) in
                try book.sendBatch(try book.key(call.caller.scope, queue), entries, now: now, ids: &ids)
            }
        }
    }
}

extension SqsReceive: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsReceiveResponse, NetctlError>) -> Void) {
        call.queues.receive(call.caller.scope, self, answer: answer)
    }
}

extension SqsDelete: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<EmptyResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, _, _ throws(NetctlError) in
                try book.deleteMessage(try book.key(call.caller.scope, queue), receiptHandle: receiptHandle)
                return EmptyResponse()
            }
        }
    }
}

extension SqsDeleteBatch: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsDeleteBatchResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, _, _ throws(NetctlError) in
                try book.deleteBatch(try book.key(call.caller.scope, queue), receiptHandles: receiptHandles)
            }
        }
    }
}

extension SqsChangeVisibility: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<EmptyResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, _, now throws(NetctlError) in
                try book.changeVisibility(
                    try book.key(call.caller.scope, queue), receiptHandle: receiptHandle,
                    visibilityTimeout: visibilityTimeout, now: now)
                return EmptyResponse()
            }
        }
    }
}

extension SqsQueueTag: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueueTagsResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, _, _ throws(NetctlError) in
                SqsQueueTagsResponse(tags: try book.tag(try book.key(call.caller.scope, queue), tags))
            }
        }
    }
}

extension SqsQueueUntag: QueueCommand {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueueTagsResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.change { book, _, _ throws(NetctlError) in
                SqsQueueTagsResponse(tags: try book.untag(try book.key(call.caller.scope, queue), tagKeys))
            }
        }
    }
}

extension SqsQueueTags: QueueQuery {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<SqsQueueTagsResponse, NetctlError>) -> Void) {
        SqsMethods.answer(answer) { () throws(NetctlError) in
            try call.queues.read { book, _ throws(NetctlError) in
                let key = try book.key(call.caller.scope, queue)
                return SqsQueueTagsResponse(tags: book.queue(key)?.record.tags ?? [:])
            }
        }
    }
}
