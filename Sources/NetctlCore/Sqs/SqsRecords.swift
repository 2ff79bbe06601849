import Foundation
import NetctlAPI

/// A queue's identity: SQS names are per account and region, and case-sensitive.
public struct SqsQueueKey: Hashable, Sendable, Comparable, Codable {
    public var accountId: String
    public var region: String
    public var name: String

    public init(accountId: String, region: String, name: String) {
        self.accountId = accountId
        self.region = region
        self.name = name
    }

    public init(_ scope: Scope, _ name: String) {
        self.init(accountId: scope.accountId, region: scope.region, name: name)
    }

    public var scope: Scope { Scope(accountId: accountId, region: region) }
    public var arn: String { "arn:aws:sqs:\(region):\(accountId):\(name)" }
    public var isFifo: Bool { name.hasSuffix(".fifo") }

    public static func < (a: Self, b: Self) -> Bool {
        (a.accountId, a.region, a.name) < (b.accountId, b.region, b.name)
    }
}

/// A queue's definition as queues.db keeps it: every settable attribute with its value (defaults
/// filled in), its times, and the next sequence number its messages take.
public struct SqsQueueRecord: Codable, Sendable, Equatable {
    public var key: SqsQueueKey
    public var attributes: [String: String]
    public var createdAt: Date
    public var lastModifiedAt: Date
    public var lastPurgeAt: Date?
    public var nextSequence: Int64
    /// Cost-allocation tags; nil before any were set.
    public var tags: [String: String]?

    public init(
        key: SqsQueueKey, attributes: [String: String], createdAt: Date, lastModifiedAt: Date, lastPurgeAt: Date?,
        nextSequence: Int64, tags: [String: String]? = nil
    ) {
        self.tags = tags
        self.key = key
        self.attributes = attributes
        self.createdAt = createdAt
        self.lastModifiedAt = lastModifiedAt
        self.lastPurgeAt = lastPurgeAt
        self.nextSequence = nextSequence
    }
}

/// One message as queues.db keeps it. It is visible once `availableAt` has passed; before that it is
/// delayed (never received) or in flight (received, `receiptHandle` set).
public struct SqsMessageRecord: Codable, Sendable, Equatable {
    public var sequence: Int64
    public var messageId: String
    public var body: String
    public var md5OfBody: String
    public var messageAttributes: [String: SqsMessageAttribute]?
    public var groupId: String?
    public var deduplicationId: String?
    /// The first enqueue: retention counts from it, also after a move to a dead-letter queue.
    public var sentAt: Date
    public var availableAt: Date
    public var receiveCount: Int
    public var firstReceivedAt: Date?
    public var receivedAt: Date?
    public var receiptHandle: String?

    public func inFlight(at now: Date) -> Bool { receiptHandle != nil && availableAt > now }
    public func delayed(at now: Date) -> Bool { receiptHandle == nil && availableAt > now }
}

/// A FIFO deduplication entry: a send with the same key inside the window answers the first one's ID.
public struct SqsDedupRecord: Codable, Sendable, Equatable {
    public var key: String
    public var messageId: String
    public var sequenceNumber: String
    public var expiresAt: Date
}

/// What a change touched, for the store to write in one transaction: the queues, messages and
/// deduplication entries named here are written as they now are (or deleted when gone).
public struct SqsChanges: Sendable, Equatable {
    public struct MessageKey: Hashable, Sendable {
        public var queue: SqsQueueKey
        public var sequence: Int64
    }

    public struct DedupKey: Hashable, Sendable {
        public var queue: SqsQueueKey
        public var key: String
    }

    public var queues: Set<SqsQueueKey> = []
    /// Queues whose every message and deduplication entry went (deletion, purge) before the changes below.
    public var cleared: Set<SqsQueueKey> = []
    public var messages: Set<MessageKey> = []
    public var dedup: Set<DedupKey> = []

    public init() {}

    public var isEmpty: Bool { queues.isEmpty && cleared.isEmpty && messages.isEmpty && dedup.isEmpty }
}
