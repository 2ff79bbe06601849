import Foundation

/// One event as a caller sends it to `logs.put`.
public struct LogEventInput: Codable, Sendable, Hashable {
    /// Epoch milliseconds.
    public var timestamp: Int64
    public var message: String
    public init(timestamp: Int64, message: String) {
        self.timestamp = timestamp
        self.message = message
    }
}

/// A stored log event.
public struct LogEvent: Codable, Sendable, Hashable {
    public var timestamp: Int64
    public var ingestionTime: Int64
    public var message: String
    public var logStreamName: String
    public var logGroupName: String?
    public var eventId: String?

    public init(
        timestamp: Int64, ingestionTime: Int64, message: String, logStreamName: String, logGroupName: String?,
        eventId: String?
    ) {
        self.timestamp = timestamp
        self.ingestionTime = ingestionTime
        self.message = message
        self.logStreamName = logStreamName
        self.logGroupName = logGroupName
        self.eventId = eventId
    }
}

public struct RejectedLogEventsInfo: Codable, Sendable, Hashable {
    public var tooNewLogEventStartIndex: Int?
    public var tooOldLogEventEndIndex: Int?
    public var expiredLogEventEndIndex: Int?
    public init(tooNewLogEventStartIndex: Int? = nil, tooOldLogEventEndIndex: Int? = nil, expiredLogEventEndIndex: Int? = nil) {
        self.tooNewLogEventStartIndex = tooNewLogEventStartIndex
        self.tooOldLogEventEndIndex = tooOldLogEventEndIndex
        self.expiredLogEventEndIndex = expiredLogEventEndIndex
    }
}

public struct LogGroup: Codable, Sendable, Hashable {
    public var logGroupName: String
    public var retentionInDays: Int?
    public var storedBytes: Int64
    /// Epoch milliseconds, as CloudWatch Logs reports it.
    public var createdAt: Int64
    public var arn: String
    public init(logGroupName: String, retentionInDays: Int?, storedBytes: Int64, createdAt: Int64, arn: String) {
        self.logGroupName = logGroupName
        self.retentionInDays = retentionInDays
        self.storedBytes = storedBytes
        self.createdAt = createdAt
        self.arn = arn
    }
}

public struct LogStream: Codable, Sendable, Hashable {
    public var logStreamName: String
    public var createdAt: Int64
    public var firstEventTimestamp: Int64?
    public var lastEventTimestamp: Int64?
    public var storedBytes: Int64
    /// `arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:log-stream:STREAM`.
    public var arn: String?
    public init(
        logStreamName: String, createdAt: Int64, firstEventTimestamp: Int64?, lastEventTimestamp: Int64?,
        storedBytes: Int64, arn: String? = nil
    ) {
        self.logStreamName = logStreamName
        self.createdAt = createdAt
        self.firstEventTimestamp = firstEventTimestamp
        self.lastEventTimestamp = lastEventTimestamp
        self.storedBytes = storedBytes
        self.arn = arn
    }
}

public struct LogsCreateGroup: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "logs.createGroup"
    public static let summary = "Create a log group."
    public var group: String
    public init(group: String) { self.group = group }
}

public struct LogsCreateStream: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "logs.createStream"
    public static let summary = "Create a log stream in a group."
    public var group: String
    public var stream: String
    public init(group: String, stream: String) {
        self.group = group
        self.stream = stream
    }
}

public struct LogsDeleteStream: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "logs.deleteStream"
    public static let summary = "Delete a log stream with its events."
    public var group: String
    public var stream: String
    public init(group: String, stream: String) {
        self.group = group
        self.stream = stream
    }
}

public struct LogsDeleteRetention: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "logs.deleteRetention"
    public static let summary = "Keep a group's events forever again (DeleteRetentionPolicy)."
    public var group: String
    public init(group: String) { self.group = group }
}

public struct LogsDeleteGroup: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "logs.deleteGroup"
    public static let summary = "Delete a log group with its streams and events."
    public var group: String
    public init(group: String) { self.group = group }
}

public struct LogsGroups: RPCMethod {
    public typealias Response = LogGroupsResponse
    public static let method = "logs.groups"
    public static let summary = "The log groups, netctl's own (/netctl/…) and yours."
    public var prefix: String?
    public init(prefix: String? = nil) { self.prefix = prefix }
}

public struct LogGroupsResponse: Codable, Sendable, Hashable {
    public var logGroups: [LogGroup]
    public init(logGroups: [LogGroup]) { self.logGroups = logGroups }
}

public struct LogsStreams: RPCMethod {
    public typealias Response = LogStreamsResponse
    public static let method = "logs.streams"
    public static let summary = "The streams of a log group."
    public var group: String
    public var prefix: String?
    /// `LogStreamName` (default) or `LastEventTime`, as DescribeLogStreams.
    public var orderBy: String?
    public var descending: Bool?
    public init(group: String, prefix: String? = nil, orderBy: String? = nil, descending: Bool? = nil) {
        self.group = group
        self.prefix = prefix
        self.orderBy = orderBy
        self.descending = descending
    }
}

public struct LogStreamsResponse: Codable, Sendable, Hashable {
    public var logStreams: [LogStream]
    public init(logStreams: [LogStream]) { self.logStreams = logStreams }
}

public struct LogsGet: RPCMethod {
    public typealias Response = LogEventsResponse
    public static let method = "logs.get"
    public static let summary = "Events of one stream, oldest first, between startTime and endTime (epoch ms)."
    public var group: String
    public var stream: String
    public var startTime: Int64?
    public var endTime: Int64?
    public var limit: Int?
    /// A `nextToken`, `nextForwardToken` or `nextBackwardToken` from an earlier answer.
    public var nextToken: String?
    /// GetLogEvents: true (the default here) reads from the oldest event, false from the newest (the
    /// last `limit` events, still oldest first).
    public var startFromHead: Bool?
    public init(
        group: String, stream: String, startTime: Int64? = nil, endTime: Int64? = nil, limit: Int? = nil,
        nextToken: String? = nil, startFromHead: Bool? = nil
    ) {
        self.group = group
        self.stream = stream
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
        self.nextToken = nextToken
        self.startFromHead = startFromHead
    }
}

public struct LogEventsResponse: Codable, Sendable, Hashable {
    public var events: [LogEvent]
    public var nextToken: String?
    /// `logs.get` only: where to read on towards newer events, and back towards older ones. At either
    /// end of the stream the token passed in comes back, as in GetLogEvents.
    public var nextForwardToken: String?
    public var nextBackwardToken: String?
    public init(events: [LogEvent], nextToken: String?, nextForwardToken: String? = nil, nextBackwardToken: String? = nil) {
        self.events = events
        self.nextToken = nextToken
        self.nextForwardToken = nextForwardToken
        self.nextBackwardToken = nextBackwardToken
    }
}

public struct LogsFilter: RPCMethod {
    public typealias Response = LogEventsResponse
    public static let method = "logs.filter"
    public static let summary = "Events of a whole group matching a filter pattern, interleaved across streams."
    public var group: String
    public var pattern: String?
    public var startTime: Int64?
    public var endTime: Int64?
    public var limit: Int?
    public var nextToken: String?
    /// Only these streams (1 to 100 names), as FilterLogEvents' logStreamNames.
    public var streams: [String]?
    /// Only streams whose name starts with this; not together with `streams`.
    public var streamPrefix: String?
    public init(
        group: String, pattern: String? = nil, startTime: Int64? = nil, endTime: Int64? = nil, limit: Int? = nil,
        nextToken: String? = nil, streams: [String]? = nil, streamPrefix: String? = nil
    ) {
        self.group = group
        self.pattern = pattern
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
        self.nextToken = nextToken
        self.streams = streams
        self.streamPrefix = streamPrefix
    }
}

public struct LogsPut: RPCMethod {
    public typealias Response = LogsPutResponse
    public static let method = "logs.put"
    public static let summary = "PutLogEvents: append events to a stream, with CloudWatch's batch rules."
    public var group: String
    public var stream: String
    public var events: [LogEventInput]
    public init(group: String, stream: String, events: [LogEventInput]) {
        self.group = group
        self.stream = stream
        self.events = events
    }
}

public struct LogsPutResponse: Codable, Sendable, Hashable {
    public var nextSequenceToken: String
    public var rejectedLogEventsInfo: RejectedLogEventsInfo?
    public init(nextSequenceToken: String, rejectedLogEventsInfo: RejectedLogEventsInfo?) {
        self.nextSequenceToken = nextSequenceToken
        self.rejectedLogEventsInfo = rejectedLogEventsInfo
    }
}

public struct LogsSetRetention: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "logs.setRetention"
    public static let summary = "Keep a group's events for this many days (one of CloudWatch's 22 values)."
    public var group: String
    public var days: Int
    public init(group: String, days: Int) {
        self.group = group
        self.days = days
    }
}

public struct LogsTail: RPCMethod {
    public typealias Response = LogsTailResponse
    public static let method = "logs.tail"
    public static let summary =
        "Recent events of some or all groups; with follow, a subscription that pushes logs.event notifications."
    public var groups: [String]?
    public var pattern: String?
    public var follow: Bool?
    /// How many recent events to return first (default 20).
    public var limit: Int?
    public init(groups: [String]? = nil, pattern: String? = nil, follow: Bool? = nil, limit: Int? = nil) {
        self.groups = groups
        self.pattern = pattern
        self.follow = follow
        self.limit = limit
    }
}

public struct LogsTailResponse: Codable, Sendable, Hashable {
    public var events: [LogEvent]
    public var subscription: String?
    public init(events: [LogEvent], subscription: String?) {
        self.events = events
        self.subscription = subscription
    }
}

public struct WatchSubscribe: RPCMethod {
    public typealias Response = SubscriptionResponse
    public static let method = "watch.subscribe"
    public static let summary = "Stream every committed change event as watch.event notifications."
    public var resourceTypes: [String]?
    public init(resourceTypes: [String]? = nil) { self.resourceTypes = resourceTypes }
}

public struct SubscriptionResponse: Codable, Sendable, Hashable {
    public var subscription: String
    public init(subscription: String) { self.subscription = subscription }
}
