import Foundation
import NetctlAPI
import NetctlCore

// Where a method runs is said by the one protocol its request type conforms to: `StateQuery` and
// `StateCommand` (NetctlCore) for the state, and these for the daemon's other stores. The method
// table lists only the types; routing, read-only checks, `clientToken` and `rpc.discover` follow
// from the protocol.

/// Answered from the watcher's streams.db (logs, metrics, alarms) or its live hub; changes nothing.
protocol StreamsQuery: RPCMethod {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response
}

/// Writes streams.db but not the state (`logs.put`, `alarm.put`): refused to read-only callers and
/// while netctld serves read-only. Not a state change, so it takes no `clientToken`.
protocol StreamsCommand: RPCMethod {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response
}

/// Answered from the SQS queues (queues.db, `QueueService`) on the queue thread; changes nothing.
protocol QueueQuery: RPCMethod {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<Response, NetctlError>) -> Void)
}

/// Changes queues or messages in queues.db, not the state: refused to read-only callers and while
/// netctld serves read-only; takes no `clientToken`. Answers through `answer`, at once or later (a
/// long poll is answered when a message arrives).
protocol QueueCommand: RPCMethod {
    func run(_ call: QueueCall, _ answer: @escaping @Sendable (Result<Response, NetctlError>) -> Void)
}

/// Answered by the daemon about itself (health, identity, status, `rpc.discover`); changes nothing.
protocol DaemonQuery: RPCMethod {
    func answer(_ caller: Caller, _ info: DaemonInfo) throws(NetctlError) -> Response
}

/// A state change that needs the daemon itself as well (`debug.clock.advance` moves its manual clock).
protocol DaemonCommand: RPCMethod {
    func apply(to state: inout State, _ context: inout CommandContext, _ info: DaemonInfo) throws(NetctlError)
        -> Response
}

/// What the daemon knows about itself, for the system methods.
struct DaemonInfo: Sendable {
    var startedAt: Date
    var clock: any DaemonClock
    var manualClock: ManualClock?
    var region: String
    var watcher: Watcher
    var configuration: DaemonConfiguration
    var store: Store
    var connections: ConnectionGauge
    /// SQS queues and messages (queues.db).
    var queues: QueueService
    /// The JSON of resources lately answered, reused while they are unchanged.
    var bodies = ResourceBodies()
}

/// What a queue method may use: the caller and the queues, on the queue thread.
struct QueueCall: Sendable {
    var caller: Caller
    var queues: QueueService
}

/// What a streams method may use: the log store, the live hub, and the caller's connection for pushes.
struct WatcherCall: Sendable {
    var caller: Caller
    var watcher: Watcher
    var connection: ConnectionHandle
    var now: Date
}
