// SQS queues and messages (API.md "Load balancers, queues"; SEMANTICS-2 §5). Attribute names and
// values are AWS's, all strings, as SQS itself has them.

/// A queue: where it is and its attributes (settable ones with their defaults, and the read-only
/// counts and timestamps AWS reports).
public struct SqsQueue: Codable, Sendable, Hashable {
    public var queueName: String
    public var queueUrl: String
    public var queueArn: String
    public var attributes: [String: String]

    public init(queueName: String, queueUrl: String, queueArn: String, attributes: [String: String]) {
        self.queueName = queueName
        self.queueUrl = queueUrl
        self.queueArn = queueArn
        self.attributes = attributes
    }
}

/// A message attribute: `String`, `Number` or `Binary` (optionally with a `.custom` suffix).
public struct SqsMessageAttribute: Codable, Sendable, Hashable {
    public var dataType: String
    public var stringValue: String?
    /// Base64, as on AWS's JSON wire.
    public var binaryValue: String?

    public init(dataType: String, stringValue: String? = nil, binaryValue: String? = nil) {
        self.dataType = dataType
        self.stringValue = stringValue
        self.binaryValue = binaryValue
    }
}

/// A received message. `attributes` holds the system attributes (`SentTimestamp`,
/// `ApproximateReceiveCount`, `ApproximateFirstReceiveTimestamp`, and for FIFO `MessageGroupId`,
/// `MessageDeduplicationId`, `SequenceNumber`).
public struct SqsMessage: Codable, Sendable, Hashable {
    public var messageId: String
    public var receiptHandle: String
    public var body: String
    public var md5OfBody: String
    public var attributes: [String: String]
    public var messageAttributes: [String: SqsMessageAttribute]?

    public init(
        messageId: String, receiptHandle: String, body: String, md5OfBody: String, attributes: [String: String],
        messageAttributes: [String: SqsMessageAttribute]?
    ) {
        self.messageId = messageId
        self.receiptHandle = receiptHandle
        self.body = body
        self.md5OfBody = md5OfBody
        self.attributes = attributes
        self.messageAttributes = messageAttributes
    }
}

/// What a send answers; `sequenceNumber` only for FIFO queues.
public struct SqsSendResult: Codable, Sendable, Hashable {
    public var messageId: String
    public var md5OfBody: String
    public var sequenceNumber: String?

    public init(messageId: String, md5OfBody: String, sequenceNumber: String?) {
        self.messageId = messageId
        self.md5OfBody = md5OfBody
        self.sequenceNumber = sequenceNumber
    }
}

/// One entry of `sqs.sendBatch`.
public struct SqsSendEntry: Codable, Sendable, Hashable {
    public var id: String
    public var body: String
    public var delaySeconds: Int?
    public var messageGroupId: String?
    public var messageDeduplicationId: String?
    public var messageAttributes: [String: SqsMessageAttribute]?

    public init(
        id: String, body: String, delaySeconds: Int? = nil, messageGroupId: String? = nil,
        messageDeduplicationId: String? = nil, messageAttributes: [String: SqsMessageAttribute]? = nil
    ) {
        self.id = id
        self.body = body
        self.delaySeconds = delaySeconds
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
        self.messageAttributes = messageAttributes
    }
}

/// A batch entry that succeeded: `id` is the entry's, the rest is what a single send answers.
public struct SqsSendBatchSuccess: Codable, Sendable, Hashable {
    public var id: String
    public var messageId: String
    public var md5OfBody: String
    public var sequenceNumber: String?

    public init(id: String, messageId: String, md5OfBody: String, sequenceNumber: String?) {
        self.id = id
        self.messageId = messageId
        self.md5OfBody = md5OfBody
        self.sequenceNumber = sequenceNumber
    }
}

/// A batch entry that failed, as AWS reports it (the call itself succeeds).
public struct SqsBatchFailure: Codable, Sendable, Hashable {
    public var id: String
    public var code: String
    public var message: String
    public var senderFault: Bool

    public init(id: String, code: String, message: String, senderFault: Bool) {
        self.id = id
        self.code = code
        self.message = message
        self.senderFault = senderFault
    }
}

public struct SqsBatchSuccess: Codable, Sendable, Hashable {
    public var id: String
    public init(id: String) { self.id = id }
}
