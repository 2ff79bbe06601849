import Foundation
import NetctlAPI
import NetctlCore
import NIOConcurrencyHelpers

/// The push side of one connection: notifications are queued here (bounded) and written by the
/// connection's own pump task, so a slow reader never slows whoever publishes.
public final class ConnectionHandle: Sendable {
    public let id: Int
    private let queue: AsyncStream<Data>.Continuation
    let notifications: AsyncStream<Data>
    private let dropped = NIOLockedValueBox<Int>(0)
    private let close: @Sendable () -> Void

    /// Notifications held for a slow reader before newer ones are dropped.
    static let bufferLimit = 1000
    /// Dropped notifications after which the connection is closed.
    static let disconnectAfterDrops = 10_000

    init(id: Int, close: @escaping @Sendable () -> Void) {
        self.id = id
        self.close = close
        (notifications, queue) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .bufferingOldest(Self.bufferLimit))
    }

    /// Queues one notification; never waits.
    func push(method: String, params: JSONValue) {
        guard let data = try? NetctlJSON.encoder.encode(RPCNotification(method: method, params: params)) else { return }
        var line = data
        line.append(UInt8(ascii: "\n"))
        if case .dropped = queue.yield(line) {
            let total = dropped.withLockedValue { count -> Int in
                count += 1
                return count
            }
            if total >= Self.disconnectAfterDrops { close() }
        }
    }

    /// Drops since the last call, for the `dropped` notice.
    func takeDropped() -> Int { dropped.withLockedValue { count in defer { count = 0 }; return count } }

    func finish() { queue.finish() }
}

/// Live subscriptions: `logs.tail {follow}` and `watch.subscribe`. Publishing is cheap and never
/// blocks; each subscription filters on its own and queues on its connection.
public final class LiveHub: Sendable {
    struct Subscription: Sendable {
        enum Kind: Sendable {
            case logs(groups: Set<String>?, pattern: FilterPattern?)
            case changes(resourceTypes: Set<String>?)
        }

        var id: String
        var scope: Scope
        var kind: Kind
        var connection: ConnectionHandle
    }

    private let subscriptions = NIOLockedValueBox<[String: Subscription]>([:])
    private let counter = NIOLockedValueBox<Int>(0)

    public init() {}

    func subscribe(_ kind: Subscription.Kind, scope: Scope, connection: ConnectionHandle) -> String {
        let number = counter.withLockedValue { value -> Int in
            value += 1
            return value
        }
        let id = "sub-\(String(format: "%08x", number))"
        let subscription = Subscription(id: id, scope: scope, kind: kind, connection: connection)
        subscriptions.withLockedValue { $0[id] = subscription }
        return id
    }

    func unsubscribe(connection: Int) {
        subscriptions.withLockedValue { all in all = all.filter { $0.value.connection.id != connection } }
    }

    var isEmpty: Bool { subscriptions.withLockedValue { $0.isEmpty } }

    func publish(logs: [(scope: Scope, event: LogEvent)], changes: [ChangeEvent]) {
        let current = subscriptions.withLockedValue { Array($0.values) }
        guard !current.isEmpty else { return }
        for subscription in current {
            switch subscription.kind {
            case .logs(let groups, let pattern):
                for (scope, event) in logs where scope == subscription.scope {
                    guard groups.map({ $0.contains(event.logGroupName ?? "") }) ?? true,
                        pattern?.matches(event.message) ?? true, let json = try? JSONValue(encoding: event)
                    else { continue }
                    subscription.connection.push(method: "logs.event", params: ["subscription": .string(subscription.id), "event": json])
                }
            case .changes(let types):
                for change in changes where change.accountId == subscription.scope.accountId {
                    guard types.map({ $0.contains(change.resourceType.rawValue) }) ?? true else { continue }
                    var event: [String: JSONValue] = [
                        "at": .string(Timestamp.format(change.at)), "accountId": .string(change.accountId),
                        "region": .string(change.region), "resourceType": .string(change.resourceType.rawValue),
                        "resourceId": .string(change.resourceId), "action": .string(change.action.rawValue),
                    ]
                    if let status = change.status { event["status"] = .string(status) }
                    if let detail = try? NetctlJSON.decoder.decode(JSONValue.self, from: Data(change.detail.utf8)) {
                        event["detail"] = detail
                    }
                    subscription.connection.push(
                        method: "watch.event", params: ["subscription": .string(subscription.id), "event": .object(event)])
                }
            }
        }
    }
}
