// SQS over the socket (API.md "Load balancers, queues"). `queue` takes a queue's name or URL.

public struct SqsQueueCreate: RPCMethod {
    public typealias Response = SqsQueue
    public static let method = "sqs.queue.create"
    public static let summary =
        "Create a standard queue, or a FIFO queue (name ending in .fifo, attribute FifoQueue=true), with AWS's "
        + "attributes; the same name with the same attributes answers the existing queue."
    public var name: String
    public var attributes: [String: String]?
    /// Cost-allocation tags (at most 50), as TagQueue sets them.
    public var tags: [String: String]?

    public init(name: String, attributes: [String: String]? = nil, tags: [String: String]? = nil) {
        self.name = name
        self.attributes = attributes
        self.tags = tags
    }
}

public struct SqsQueueGet: RPCMethod {
    public typealias Response = SqsQueue
    public static let method = "sqs.queue.get"
    public static let summary = "One queue with every attribute, its approximate message counts included."
    public var queue: String
    public init(queue: String) { self.queue = queue }
}

public struct SqsQueueDelete: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "sqs.queue.delete"
    public static let summary = "Delete a queue and its messages; its name can be used again after 60 seconds."
    public var queue: String
    public init(queue: String) { self.queue = queue }
}

public struct SqsQueuePurge: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "sqs.queue.purge"
    public static let summary = "Delete every message of a queue, in flight or not; once per 60 seconds."
    public var queue: String
    public init(queue: String) { self.queue = queue }
}

public struct SqsQueueList: RPCMethod {
    public typealias Response = SqsQueueListResponse
    public static let method = "sqs.queue.list"
    public static let summary = "The caller's queues, by name, optionally only those whose name starts with a prefix."
    public var prefix: String?
    public var maxResults: Int?
    public var nextToken: String?

    public init(prefix: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.prefix = prefix
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct SqsQueueListResponse: Codable, Sendable, Hashable {
    public var queues: [SqsQueue]
    public var nextToken: String?
    public init(queues: [SqsQueue], nextToken: String?) {
        self.queues = queues
        self.nextToken = nextToken
    }
}

public struct SqsQueueSetAttributes: RPCMethod {
    public typealias Response = SqsQueue
    public static let method = "sqs.queue.setAttributes"
    public static let summary = "Change a queue's settable attributes (not FifoQueue); the others keep their values."
    public var queue: String
    public var attributes: [String: String]

    public init(queue: String, attributes: [String: String]) {
        self.queue = queue
        self.attributes = attributes
    }
}

public struct SqsSend: RPCMethod {
    public typealias Response = SqsSendResult
    public static let method = "sqs.send"
    public static let summary =
        "Send a message; durable once answered. FIFO queues need messageGroupId and deduplicate for 5 minutes."
    public var queue: String
    public var body: String
    public var delaySeconds: Int?
    public var messageGroupId: String?
    public var messageDeduplicationId: String?
    public var messageAttributes: [String: SqsMessageAttribute]?

    public init(
        queue: String, body: String, delaySeconds: Int? = nil, messageGroupId: String? = nil,
        messageDeduplicationId: String? = nil, messageAttributes: [String: SqsMessageAttribute]? = nil
    ) {
        self.queue = queue
        self.body = body
        self.delaySeconds = delaySeconds
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
        self.messageAttributes = messageAttributes
    }
}

public struct SqsSendBatch: RPCMethod {
    public typealias Response = SqsSendBatchResponse
    public static let method = "sqs.sendBatch"
    public static let summary = "Send 1 to 10 messages; each entry succeeds or fails on its own."
    public var queue: String
    public var entries: [SqsSendEntry]

    public init(queue: String, entries: [SqsSendEntry]) {
        self.queue = queue
        self.entries = entries
    }
}

public struct SqsSendBatchResponse: Codable, Sendable, Hashable {
    public var successful: [SqsSendBatchSuccess]
    public var failed: [SqsBatchFailure]
    public init(successful: [SqsSendBatchSuccess], failed: [SqsBatchFailure]) {
        self.successful = successful
        self.failed = failed
    }
}

public struct SqsReceive: RPCMethod {
    public typealias Response = SqsReceiveResponse
    public static let method = "sqs.receive"
    public static let summary =
        "Receive up to maxNumberOfMessages (1-10, default 1), waiting up to waitTimeSeconds (0-20) for one to arrive; "
        + "each is hidden for the visibility timeout under a new receipt handle."
    public var queue: String
    public var maxNumberOfMessages: Int?
    public var waitTimeSeconds: Int?
    public var visibilityTimeout: Int?

    public init(
        queue: String, maxNumberOfMessages: Int? = nil, waitTimeSeconds: Int? = nil, visibilityTimeout: Int? = nil
    ) {
        self.queue = queue
        self.maxNumberOfMessages = maxNumberOfMessages
        self.waitTimeSeconds = waitTimeSeconds
        self.visibilityTimeout = visibilityTimeout
    }
}

public struct SqsReceiveResponse: Codable, Sendable, Hashable {
    public var messages: [SqsMessage]
    public init(messages: [SqsMessage]) { self.messages = messages }
}

public struct SqsDelete: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "sqs.delete"
    public static let summary = "Delete a received message by its latest receipt handle."
    public var queue: String
    public var receiptHandle: String

    public init(queue: String, receiptHandle: String) {
        self.queue = queue
        self.receiptHandle = receiptHandle
    }
}

public struct SqsDeleteBatch: RPCMethod {
    public typealias Response = SqsDeleteBatchResponse
    public static let method = "sqs.deleteBatch"
    public static let summary =
        "Delete 1 to 10 received messages; results name each by its position in receiptHandles (\"0\", \"1\", …)."
    public var queue: String
    public var receiptHandles: [String]

    public init(queue: String, receiptHandles: [String]) {
        self.queue = queue
        self.receiptHandles = receiptHandles
    }
}

public struct SqsDeleteBatchResponse: Codable, Sendable, Hashable {
    public var successful: [SqsBatchSuccess]
    public var failed: [SqsBatchFailure]
    public init(successful: [SqsBatchSuccess], failed: [SqsBatchFailure]) {
        self.successful = successful
        self.failed = failed
    }
}

public struct SqsChangeVisibility: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "sqs.changeVisibility"
    public static let summary =
        "Hide a message in flight for visibilityTimeout seconds from now (0 makes it visible at once), at most 12 hours "
        + "after it was received."
    public var queue: String
    public var receiptHandle: String
    public var visibilityTimeout: Int

    public init(queue: String, receiptHandle: String, visibilityTimeout: Int) {
        self.queue = queue
        self.receiptHandle = receiptHandle
        self.visibilityTimeout = visibilityTimeout
    }
}

public struct SqsQueueTag: RPCMethod {
    public typealias Response = SqsQueueTagsResponse
    public static let method = "sqs.queue.tag"
    public static let summary = "Add or replace a queue's tags (at most 50 in all); answers all of them."
    public var queue: String
    public var tags: [String: String]

    public init(queue: String, tags: [String: String]) {
        self.queue = queue
        self.tags = tags
    }
}

public struct SqsQueueUntag: RPCMethod {
    public typealias Response = SqsQueueTagsResponse
    public static let method = "sqs.queue.untag"
    public static let summary = "Remove tags from a queue by key; answers the tags left."
    public var queue: String
    public var tagKeys: [String]

    public init(queue: String, tagKeys: [String]) {
        self.queue = queue
        self.tagKeys = tagKeys
    }
}

public struct SqsQueueTags: RPCMethod {
    public typealias Response = SqsQueueTagsResponse
    public static let method = "sqs.queue.tags"
    public static let summary = "A queue's tags."
    public var queue: String
    public init(queue: String) { self.queue = queue }
}

public struct SqsQueueTagsResponse: Codable, Sendable, Hashable {
    public var tags: [String: String]
    public init(tags: [String: String]) { self.tags = tags }
}
