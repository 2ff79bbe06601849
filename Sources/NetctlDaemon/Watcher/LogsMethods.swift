import Foundation
import NetctlAPI
import NetctlCore

/// The CloudWatch Logs methods, over the watcher's store. Groups and streams belong to the caller's
/// account and region, like AWS's.
enum LogsMethods {
    static let entries: [MethodEntry] = [
        .watcher(LogsCreateGroup.self) { request, call throws(NetctlError) in
            try LogRules.validateGroupName(request.group)
            try call.watcher.streams.createGroup(call.caller.scope, request.group, now: millis(call.now))
            return EmptyResponse()
        },
        .watcher(LogsCreateStream.self) { request, call throws(NetctlError) in
            try LogRules.validateStreamName(request.stream)
            try call.watcher.streams.createStream(call.caller.scope, group: request.group, request.stream, now: millis(call.now))
            return EmptyResponse()
        },
        .watcher(LogsDeleteGroup.self) { request, call throws(NetctlError) in
            try call.watcher.streams.deleteGroup(call.caller.scope, request.group)
            return EmptyResponse()
        },
        .watcher(LogsFilter.self) { request, call throws(NetctlError) in
            let pattern = try request.pattern.map { (text) throws(NetctlError) in try FilterPattern(text) }
            let page = try call.watcher.streams.events(
                call.caller.scope, group: request.group, stream: nil, start: request.startTime, end: request.endTime,
                after: try token(request.nextToken), limit: try limit(request.limit), matching: pattern)
            return LogEventsResponse(events: page.events, nextToken: page.last.map(encodeToken))
        },
        .watcher(LogsGet.self) { request, call throws(NetctlError) in
            try call.watcher.streams.requireStream(call.caller.scope, group: request.group, stream: request.stream)
            let page = try call.watcher.streams.events(
                call.caller.scope, group: request.group, stream: request.stream, start: request.startTime,
                end: request.endTime, after: try token(request.nextToken), limit: try limit(request.limit), matching: nil)
            return LogEventsResponse(
                events: page.events.map { var event = $0; event.logGroupName = nil; return event },
                nextToken: page.last.map(encodeToken))
        },
        .watcher(LogsGroups.self) { request, call throws(NetctlError) in
            LogGroupsResponse(logGroups: try call.watcher.streams.groups(call.caller.scope, prefix: request.prefix))
        },
        .watcher(LogsPut.self) { request, call throws(NetctlError) in
            let streams = call.watcher.streams
            try streams.requireStream(call.caller.scope, group: request.group, stream: request.stream)
            let retention = try streams.retention(call.caller.scope, request.group)
            let accepted = try LogRules.checkBatch(request.events, now: call.now, retentionDays: retention)
            let entries = accepted.events.map {
                StreamStore.Entry(
                    scope: call.caller.scope, group: request.group, stream: request.stream, timestamp: $0.timestamp,
                    message: $0.message)
            }
            do {
                let stored = try streams.append(entries, now: millis(call.now))
                call.watcher.hub.publish(logs: stored.map { (call.caller.scope, $0) }, changes: [])
            } catch {
                throw NetctlError(.internalError, "streams.db: \(error)")
            }
            return LogsPutResponse(
                nextSequenceToken: String(millis(call.now)), rejectedLogEventsInfo: accepted.rejected)
        },
        .watcher(LogsSetRetention.self) { request, call throws(NetctlError) in
            try LogRules.validateRetention(request.days)
            try call.watcher.streams.setRetention(call.caller.scope, request.group, days: request.days)
            return EmptyResponse()
        },
        .watcher(LogsStreams.self) { request, call throws(NetctlError) in
            LogStreamsResponse(
                logStreams: try call.watcher.streams.streams(call.caller.scope, group: request.group, prefix: request.prefix))
        },
        .watcher(LogsTail.self) { request, call throws(NetctlError) in
            let pattern = try request.pattern.map { (text) throws(NetctlError) in try FilterPattern(text) }
            let recent = try call.watcher.streams.recent(
                call.caller.scope, groups: request.groups, limit: min(max(request.limit ?? 20, 0), 10_000), matching: pattern)
            guard request.follow == true else { return LogsTailResponse(events: recent, subscription: nil) }
            let subscription = call.watcher.hub.subscribe(
                .logs(groups: request.groups.map(Set.init), pattern: pattern), scope: call.caller.scope,
                connection: call.connection)
            return LogsTailResponse(events: recent, subscription: subscription)
        },
        .watcher(WatchSubscribe.self) { request, call throws(NetctlError) in
            let known = Set(ResourceKind.allCases.map(\.rawValue))
            if let unknown = request.resourceTypes?.first(where: { !known.contains($0) }) {
                throw NetctlError(
                    .invalidParameterValue,
                    "Unknown resource type '\(unknown)'. Known: \(known.sorted().joined(separator: ", ")).")
            }
            let subscription = call.watcher.hub.subscribe(
                .changes(resourceTypes: request.resourceTypes.map(Set.init)), scope: call.caller.scope,
                connection: call.connection)
            return SubscriptionResponse(subscription: subscription)
        },
    ]

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
