import Foundation
import NetctlAPI
import NetctlCore

/// The CloudWatch Logs methods, over the watcher's store. Groups and streams belong to the caller's
/// account and region, like AWS's.
enum LogsMethods {
    static func millis(_ date: Date) -> Int64 { Timestamp.epochMilliseconds(date) }

    static func limit(_ limit: Int?) throws(NetctlError) -> Int {
        guard let limit else { return 10_000 }
        guard (1...10_000).contains(limit) else {
            throw NetctlError(.invalidParameterException, "limit must be between 1 and 10,000; got \(limit).")
        }
        return limit
    }

    static func encodeToken(_ id: Int64) -> String { "e/\(id)" }

    static func token(_ text: String?) throws(NetctlError) -> Int64? {
        guard let text else { return nil }
        guard text.hasPrefix("e/"), let id = Int64(text.dropFirst(2)) else { throw invalidToken(text) }
        return id
    }

    static func invalidToken(_ text: String) -> NetctlError {
        NetctlError(.invalidParameterException, "The nextToken '\(text)' is not valid. Start again without it.")
    }

    /// A position in a stream for `logs.get`: reading on from it towards newer events (`f/ID`, and
    /// `e/ID` from `nextToken`) or back towards older ones (`b/ID`). IDs grow in storage order.
    enum Position {
        case after(Int64)
        case before(Int64)

        init(_ text: String) throws(NetctlError) {
            let parts = text.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[1]), id >= 0 else { throw LogsMethods.invalidToken(text) }
            switch parts[0] {
            case "f", "e": self = .after(id)
            case "b": self = .before(id)
            default: throw LogsMethods.invalidToken(text)
            }
        }
    }

    /// FilterLogEvents takes 1 to 100 stream names, or a prefix, not both.
    static func checkStreamSelection(_ streams: [String]?, _ prefix: String?) throws(NetctlError) {
        if streams != nil, prefix != nil {
            throw NetctlError(
                .invalidParameterException,
                "logStreamNames and logStreamNamePrefix cannot both be given; pass one of them.")
        }
        if let streams, !(1...100).contains(streams.count) {
            throw NetctlError(
                .invalidParameterException, "logStreamNames must list 1 to 100 streams; got \(streams.count).")
        }
    }
}

extension LogsCreateGroup: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try LogRules.validateGroupName(group)
        try call.watcher.streams.createGroup(call.caller.scope, group, now: LogsMethods.millis(call.now))
        return EmptyResponse()
    }
}

extension LogsCreateStream: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try LogRules.validateStreamName(stream)
        try call.watcher.streams.createStream(call.caller.scope, group: group, stream, now: LogsMethods.millis(call.now))
        return EmptyResponse()
    }
}

extension LogsDeleteStream: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.deleteStream(call.caller.scope, group: group, stream)
        return EmptyResponse()
    }
}

extension LogsDeleteRetention: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.setRetention(call.caller.scope, group, days: nil)
        return EmptyResponse()
    }
}

extension LogsDeleteGroup: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.deleteGroup(call.caller.scope, group)
        return EmptyResponse()
    }
}

extension LogsFilter: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let pattern = try self.pattern.map { (text) throws(NetctlError) in try FilterPattern(text) }
        try LogsMethods.checkStreamSelection(streams, streamPrefix)
        let page = try call.watcher.streams.events(
            call.caller.scope, group: group, stream: nil, start: startTime, end: endTime,
            after: try LogsMethods.token(nextToken), limit: try LogsMethods.limit(limit), matching: pattern,
            streams: streams, streamPrefix: streamPrefix)
        return LogEventsResponse(events: page.events, nextToken: page.last.map(LogsMethods.encodeToken))
    }
}

extension LogsGet: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let store = call.watcher.streams
        try store.requireStream(call.caller.scope, group: group, stream: stream)
        let limit = try LogsMethods.limit(limit)
        // Without a token, the head (the default here) or, as GetLogEvents' default, the tail.
        let position = try nextToken.map { (text) throws(NetctlError) in try LogsMethods.Position(text) }
        let forward: Bool
        switch position {
        case .after?: forward = true
        case .before?: forward = false
        case nil: forward = startFromHead ?? true
        }
        var after: Int64?
        var before: Int64?
        switch position {
        case .after(let id)?: after = id
        case .before(let id)?: before = id
        case nil: break
        }
        let page = try store.events(
            call.caller.scope, group: group, stream: stream, start: startTime, end: endTime, after: after,
            limit: limit, matching: nil, before: before, newestFirst: !forward)
        let events = (forward ? page.events : page.events.reversed()).map { event in
            var event = event
            event.logGroupName = nil
            return event
        }
        let ids = events.compactMap { $0.eventId.flatMap(Int64.init) }
        // At either end the position passed in is handed back, so a caller polling forward keeps its place.
        let start = after ?? before ?? 0
        return LogEventsResponse(
            events: events, nextToken: forward ? page.last.map(LogsMethods.encodeToken) : nil,
            nextForwardToken: "f/\(ids.last ?? start)", nextBackwardToken: "b/\(ids.first ?? start)")
    }
}

extension LogsGroups: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        LogGroupsResponse(logGroups: try call.watcher.streams.groups(call.caller.scope, prefix: prefix))
    }
}

extension LogsPut: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let streams = call.watcher.streams
        try streams.requireStream(call.caller.scope, group: group, stream: stream)
        let retention = try streams.retention(call.caller.scope, group)
        let accepted = try LogRules.checkBatch(events, now: call.now, retentionDays: retention)
        let entries = accepted.events.map {
            StreamStore.Entry(
                scope: call.caller.scope, group: group, stream: stream, timestamp: $0.timestamp,
                message: $0.message)
        }
        do {
            let stored = try streams.append(entries, now: LogsMethods.millis(call.now))
            call.watcher.hub.publish(logs: stored.map { (call.caller.scope, $0) }, changes: [])
        } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
        return LogsPutResponse(
            nextSequenceToken: String(LogsMethods.millis(call.now)), rejectedLogEventsInfo: accepted.rejected)
    }
}

extension LogsSetRetention: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try LogRules.validateRetention(days)
        try call.watcher.streams.setRetention(call.caller.scope, group, days: days)
        return EmptyResponse()
    }
}

extension LogsStreams: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let byLastEvent: Bool
        switch orderBy {
        case nil, "LogStreamName": byLastEvent = false
        case "LastEventTime": byLastEvent = true
        case let other?:
            throw NetctlError(
                .invalidParameterException, "orderBy '\(other)' is not valid: use LogStreamName or LastEventTime.")
        }
        if byLastEvent, prefix != nil {
            throw NetctlError(
                .invalidParameterException,
                "Cannot order by LastEventTime with a logStreamNamePrefix: order by LogStreamName, or drop the prefix.")
        }
        return LogStreamsResponse(
            logStreams: try call.watcher.streams.streams(
                call.caller.scope, group: group, prefix: prefix, byLastEvent: byLastEvent, descending: descending ?? false))
    }
}

extension LogsTail: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let pattern = try self.pattern.map { (text) throws(NetctlError) in try FilterPattern(text) }
        let recent = try call.watcher.streams.recent(
            call.caller.scope, groups: groups, limit: min(max(limit ?? 20, 0), 10_000), matching: pattern)
        guard follow == true else { return LogsTailResponse(events: recent, subscription: nil) }
        let subscription = call.watcher.hub.subscribe(
            .logs(groups: groups.map(Set.init), pattern: pattern), scope: call.caller.scope,
            connection: call.connection)
        return LogsTailResponse(events: recent, subscription: subscription)
    }
}

extension WatchSubscribe: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let known = Set(ResourceKind.changeEventKinds.map(\.rawValue))
        if let unknown = resourceTypes?.first(where: { !known.contains($0) }) {
            throw NetctlError(
                .invalidParameterValue,
                "Unknown resource type '\(unknown)'. Known: \(known.sorted().joined(separator: ", ")).")
        }
        let subscription = call.watcher.hub.subscribe(
            .changes(resourceTypes: resourceTypes.map(Set.init)), scope: call.caller.scope,
            connection: call.connection)
        return SubscriptionResponse(subscription: subscription)
    }
}
