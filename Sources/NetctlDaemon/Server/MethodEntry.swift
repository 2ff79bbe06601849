import Foundation
import NetctlAPI
import NetctlCore

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
}

/// What a watcher method may use: the log store, the live hub, and the caller's connection for pushes.
struct WatcherCall: Sendable {
    var caller: Caller
    var watcher: Watcher
    var connection: ConnectionHandle
    var now: Date
}

/// A request that passed routing and decoding, ready to run.
enum PreparedCall: Sendable {
    /// Evaluated against the latest committed state, in request order.
    case read(@Sendable (State) -> EncodedResult)
    /// Goes to the writer.
    case write(paramsHash: String, apply: @Sendable (inout State, inout CommandContext) throws(NetctlError) -> Data)
    /// Served by the watcher (logs, subscriptions), in request order.
    case async(@Sendable () async -> EncodedResult)
    case failed(RPCErrorObject)
}

/// One line of the method table: a name, its description, and how to run it.
struct MethodEntry: Sendable {
    enum Kind: String, Sendable { case query, mutation }

    let name: String
    let summary: String
    let kind: Kind
    /// Changes nothing, in the state or in streams.db: callable by read-only callers.
    let readOnly: Bool
    let paramsSchema: JSONValue
    let resultName: String
    let parameterNames: Set<String>
    let prepare: @Sendable (_ params: JSONValue, _ caller: Caller, _ info: DaemonInfo, _ connection: ConnectionHandle) -> PreparedCall

    /// A logs or subscription method, served by the watcher's store rather than the state.
    static func watcher<M: RPCMethod>(
        _ type: M.Type, _ handler: @escaping @Sendable (M, WatcherCall) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        make(type, kind: .query) { request, _, caller, info, connection in
            let call = WatcherCall(caller: caller, watcher: info.watcher, connection: connection, now: info.clock.now())
            return .async { encoded(M.self) { () throws(NetctlError) in try handler(request, call) } }
        }
    }

    /// A read-only method answered from the published state.
    static func query<M: RPCMethod>(
        _ type: M.Type, _ handler: @escaping @Sendable (State, M, QueryContext) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        make(type, kind: .query) { request, _, caller, info, _ in
            let context = QueryContext(scope: caller.scope, now: info.clock.now(), quotas: Quotas())
            return .read { state in encoded(M.self) { () throws(NetctlError) in try handler(state, request, context) } }
        }
    }

    /// A method answered from the daemon itself rather than the state.
    static func system<M: RPCMethod>(
        _ type: M.Type, _ handler: @escaping @Sendable (M, Caller, DaemonInfo) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        make(type, kind: .query) { request, _, caller, info, _ in
            .read { _ in encoded(M.self) { () throws(NetctlError) in try handler(request, caller, info) } }
        }
    }

    /// A method about the daemon that reads files or databases: run off the event loop, in request order.
    static func inspection<M: RPCMethod>(
        _ type: M.Type, _ handler: @escaping @Sendable (M, Caller, DaemonInfo) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        make(type, kind: .query) { request, _, caller, info, _ in
            .async { encoded(M.self) { () throws(NetctlError) in try handler(request, caller, info) } }
        }
    }

    /// A state change: validated and applied by NetctlCore inside the writer, committed before replying.
    static func mutation<M: MutatingRPCMethod>(
        _ type: M.Type,
        _ handler: @escaping @Sendable (inout State, M, inout CommandContext) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        daemonMutation(type) { state, request, context, _ throws(NetctlError) in try handler(&state, request, &context) }
    }

    /// A state change that also needs the daemon itself (its clock).
    static func daemonMutation<M: MutatingRPCMethod>(
        _ type: M.Type,
        _ handler: @escaping @Sendable (inout State, M, inout CommandContext, DaemonInfo) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        make(type, kind: .mutation) { request, params, _, info, _ in
            let paramsHash = Idempotency.fingerprint(method: M.method, params: params.removingCallOptions)
            return .write(paramsHash: paramsHash) { state, context throws(NetctlError) in
                let response = try handler(&state, request, &context, info)
                do {
                    return try NetctlJSON.encoder.encode(response)
                } catch {
                    throw NetctlError(.internalError, "Could not encode the result of \(M.method): \(error)")
                }
            }
        }
    }

    /// Every kind of entry starts the same way: the params decode as the method's request type, or the
    /// call fails with -32602 naming the bad member.
    private static func make<M: RPCMethod>(
        _ type: M.Type, kind: Kind,
        prepare: @escaping @Sendable (M, JSONValue, Caller, DaemonInfo, ConnectionHandle) -> PreparedCall
    ) -> MethodEntry {
        let schema = ParamsSchema.of(M.self)
        return MethodEntry(
            name: M.method, summary: M.summary, kind: kind, readOnly: M.isReadOnly, paramsSchema: schema,
            resultName: String(describing: M.Response.self),
            parameterNames: Set(schema["properties"]?.objectValue?.keys.map { $0 } ?? []),
            prepare: { params, caller, info, connection in
                let request: M
                do { request = try params.decode(as: M.self) } catch {
                    return .failed(.invalidParams(decoding: error, method: M.method))
                }
                return prepare(request, params, caller, info, connection)
            })
    }

    /// A handler's answer as the bytes of the response's `result`, or its error.
    private static func encoded<M: RPCMethod>(_ type: M.Type, _ handler: () throws(NetctlError) -> M.Response) -> EncodedResult {
        let response: M.Response
        do { response = try handler() } catch { return .failure(RPCErrorObject(error)) }
        do {
            return .success(try NetctlJSON.encoder.encode(response))
        } catch {
            return .failure(.internalError("Could not encode the result of \(M.method): \(error)"))
        }
    }
}

extension JSONValue {
    /// Params without `accountId`, `region` and `clientToken`: what identifies a request's intent.
    var removingCallOptions: JSONValue {
        guard case .object(var members) = self else { return self }
        for name in CallOptions.memberNames { members[name] = nil }
        return .object(members)
    }
}
