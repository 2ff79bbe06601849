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
        guard text.hasPrefix("e/"), let id = Int64(text.dropFirst(2)) else {
            throw NetctlError(.invalidParameterException, "The nextToken '\(text)' is not valid. Start again without it.")
        }
        return id
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

extension LogsDeleteGroup: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.deleteGroup(call.caller.scope, group)
        return EmptyResponse()
    }
}

extension LogsFilter: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let pattern = try self.pattern.map { (text) throws(NetctlError) in try FilterPattern(text) }
        let page = try call.watcher.streams.events(
            call.caller.scope, group: group, stream: nil, start: startTime, end: endTime,
            after: try LogsMethods.token(nextToken), limit: try LogsMethods.limit(limit), matching: pattern)
        return LogEventsResponse(events: page.events, nextToken: page.last.map(LogsMethods.encodeToken))
    }
}

extension LogsGet: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.requireStream(call.caller.scope, group: group, stream: stream)
        let page = try call.watcher.streams.events(
            call.caller.scope, group: group, stream: stream, start: startTime,
            end: endTime, after: try LogsMethods.token(nextToken), limit: try LogsMethods.limit(limit), matching: nil)
        return LogEventsResponse(
            events: page.events.map { var event = $0; event.logGroupName = nil; return event },
            nextToken: page.last.map(LogsMethods.encodeToken))
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
        LogStreamsResponse(
            logStreams: try call.watcher.streams.streams(call.caller.scope, group: group, prefix: prefix))
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
        let known = Set(ResourceKind.allCases.map(\.rawValue))
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
