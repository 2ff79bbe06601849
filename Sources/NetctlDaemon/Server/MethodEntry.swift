import Foundation
import NetctlAPI
import NetctlCore

/// A method's result: bytes already encoded (a resource the writer encoded for its row and event, a
/// replayed token's answer) or a value, encoded once when the response line is written.
enum ResultBody: Sendable {
    case encoded(Data)
    case value(any Encodable & Sendable)

    /// A command's response: the bytes its row was written with when the response is exactly the
    /// resource the command last recorded (most commands return what they changed), else the value.
    static func of<Response: Encodable & Sendable>(_ response: Response, in state: State) -> ResultBody {
        if let resource = response as? any StoredResource, let body = state.encodedBody(matching: resource) {
            return .encoded(Data(body.utf8))
        }
        return .value(response)
    }
}

typealias Reply = Result<ResultBody, RPCErrorObject>

/// Where a method runs, from the protocol its request type conforms to.
enum Placement: Sendable {
    case stateQuery, stateCommand, streamsQuery, streamsCommand, daemonQuery, daemonCommand, queueQuery, queueCommand

    /// Changes nothing anywhere: callable by read-only callers and while netctld serves read-only.
    var readOnly: Bool {
        switch self {
        case .stateQuery, .streamsQuery, .daemonQuery, .queueQuery: true
        case .stateCommand, .streamsCommand, .daemonCommand, .queueCommand: false
        }
    }

    /// Goes through the writer: committed with its change events before it is answered, and takes a
    /// `clientToken`.
    var changesState: Bool { self == .stateCommand || self == .daemonCommand }
}

/// A request decoded into its type and bound to what runs it; the caller is known only after
/// routing, so each form still takes it.
enum BoundCall: Sendable {
    /// Evaluated against one published state, at its turn in the connection's request order.
    case read(@Sendable (State, Caller) -> Reply)
    /// Applied by the writer inside `State.transact`.
    case write(@Sendable (inout State, inout CommandContext) throws(NetctlError) -> ResultBody)
    /// Served from streams.db, at its turn in request order.
    case streams(@Sendable (Caller, ConnectionHandle) -> Reply)
    /// Run on the queue thread, which fulfils the reply (a long poll: later).
    case queue(@Sendable (Caller, PendingReply) -> Void)
}

/// One line of the method table, derived from a request type: its name, description, placement and
/// the decoding of its params.
struct MethodEntry: Sendable {
    let name: String
    let summary: String
    let placement: Placement
    let paramsSchema: JSONValue
    let resultName: String
    let parameterNames: Set<String>
    /// Decodes the params from a decoder positioned on the params object (nil: the request had none).
    let decodeParams: @Sendable (_ params: (any Decoder)?, _ info: DaemonInfo) -> Result<DecodedParams, RPCErrorObject>
    /// The same from the params object's own bytes (a slice of the line); nil when they are not JSON,
    /// which the whole line's decoding then reports.
    let decodeParamsBytes: @Sendable (_ params: Data, _ info: DaemonInfo) -> Result<DecodedParams, RPCErrorObject>?
    /// Binds a request another front door (the AWS endpoint) already built as this entry's type; its
    /// result stays a typed value (`ResultBody.value`), as that door writes its own format. Nil for a
    /// request of another type.
    let bindTyped: @Sendable (_ request: any RPCMethod, _ info: DaemonInfo) -> BoundCall?

    var readOnly: Bool { placement.readOnly }

    /// The entry of a request type; every type in the method table conforms to exactly one placement.
    init(_ type: any RPCMethod.Type) {
        switch type {
        case let type as any StateQuery.Type: self = Self.stateQuery(type)
        case let type as any StateCommand.Type: self = Self.stateCommand(type)
        case let type as any StreamsQuery.Type: self = Self.streamsQuery(type)
        case let type as any StreamsCommand.Type: self = Self.streamsCommand(type)
        case let type as any DaemonQuery.Type: self = Self.daemonQuery(type)
        case let type as any DaemonCommand.Type: self = Self.daemonCommand(type)
        case let type as any QueueQuery.Type: self = Self.queueQuery(type)
        case let type as any QueueCommand.Type: self = Self.queueCommand(type)
        default: preconditionFailure("\(type.method) conforms to none of the placements in MethodKinds.swift")
        }
    }

    private init(
        _ type: (some RPCMethod).Type, placement: Placement,
        decodeParams: @escaping @Sendable ((any Decoder)?, DaemonInfo) -> Result<DecodedParams, RPCErrorObject>,
        decodeParamsBytes: @escaping @Sendable (Data, DaemonInfo) -> Result<DecodedParams, RPCErrorObject>?,
        bindTyped: @escaping @Sendable (any RPCMethod, DaemonInfo) -> BoundCall?
    ) {
        let schema = ParamsSchema.of(type)
        name = type.method
        summary = type.summary
        self.placement = placement
        paramsSchema = schema
        resultName = String(describing: type.Response.self)
        parameterNames = Set(schema["properties"]?.objectValue?.keys.map { $0 } ?? [])
        self.decodeParams = decodeParams
        self.decodeParamsBytes = decodeParamsBytes
        self.bindTyped = bindTyped
    }

    /// What a command's response becomes: the bytes its row was written with, for the socket's
    /// JSON, or the typed value, for a front door that writes another format.
    enum ResultForm: Sendable {
        case wire, typed

        func body<Response: Encodable & Sendable>(_ response: Response, in state: State) -> ResultBody {
            switch self {
            case .wire: ResultBody.of(response, in: state)
            case .typed: .value(response)
            }
        }
    }

    private static func make<M: RPCMethod>(
        _ type: M.Type, _ placement: Placement, bind: @escaping @Sendable (M, DaemonInfo, ResultForm) -> BoundCall
    ) -> MethodEntry {
        MethodEntry(
            type, placement: placement,
            decodeParams: { decoder, info in DecodedParams.decode(M.self, from: decoder) { bind($0, info, .wire) } },
            decodeParamsBytes: { bytes, info in DecodedParams.decode(M.self, bytes: bytes) { bind($0, info, .wire) } },
            bindTyped: { request, info in (request as? M).map { bind($0, info, .typed) } })
    }

    private static func stateQuery<M: StateQuery>(_ type: M.Type) -> MethodEntry {
        make(type, .stateQuery) { request, info, form in
            .read { state, caller in
                let response: M.Response
                do throws(NetctlError) {
                    response = try request.answer(
                        from: state, QueryContext(scope: caller.scope, now: info.clock.now(), quotas: Quotas()))
                } catch {
                    return .failure(RPCErrorObject(error))
                }
                // A `get` answers one resource: its JSON is likely what the last read of it wrote.
                if form == .wire, let resource = response as? any StoredResource,
                    let body = try? info.bodies.body(of: resource)
                {
                    return .success(.encoded(body))
                }
                return .success(.value(response))
            }
        }
    }

    private static func stateCommand<M: StateCommand>(_ type: M.Type) -> MethodEntry {
        make(type, .stateCommand) { request, _, form in
            .write { state, context throws(NetctlError) in
                form.body(try request.apply(to: &state, &context), in: state)
            }
        }
    }

    private static func daemonCommand<M: DaemonCommand>(_ type: M.Type) -> MethodEntry {
        make(type, .daemonCommand) { request, info, form in
            .write { state, context throws(NetctlError) in
                form.body(try request.apply(to: &state, &context, info), in: state)
            }
        }
    }

    private static func daemonQuery<M: DaemonQuery>(_ type: M.Type) -> MethodEntry {
        make(type, .daemonQuery) { request, info, _ in
            .read { _, caller in reply(M.self) { () throws(NetctlError) in try request.answer(caller, info) } }
        }
    }

    private static func streamsQuery<M: StreamsQuery>(_ type: M.Type) -> MethodEntry {
        streams(type, .streamsQuery) { request, call throws(NetctlError) in try request.run(call) }
    }

    private static func streamsCommand<M: StreamsCommand>(_ type: M.Type) -> MethodEntry {
        streams(type, .streamsCommand) { request, call throws(NetctlError) in try request.run(call) }
    }

    private static func streams<M: RPCMethod>(
        _ type: M.Type, _ placement: Placement,
        _ run: @escaping @Sendable (M, WatcherCall) throws(NetctlError) -> M.Response
    ) -> MethodEntry {
        make(type, placement) { request, info, _ in
            .streams { caller, connection in
                let call = WatcherCall(caller: caller, watcher: info.watcher, connection: connection, now: info.clock.now())
                return reply(M.self) { () throws(NetctlError) in try run(request, call) }
            }
        }
    }

    private static func queueQuery<M: QueueQuery>(_ type: M.Type) -> MethodEntry {
        queue(type, .queueQuery) { request, call, answer in request.run(call, answer) }
    }

    private static func queueCommand<M: QueueCommand>(_ type: M.Type) -> MethodEntry {
        queue(type, .queueCommand) { request, call, answer in request.run(call, answer) }
    }

    private static func queue<M: RPCMethod>(
        _ type: M.Type, _ placement: Placement,
        _ run: @escaping @Sendable (M, QueueCall, @escaping @Sendable (Result<M.Response, NetctlError>) -> Void) -> Void
    ) -> MethodEntry {
        make(type, placement) { request, info, _ in
            .queue { caller, pending in
                let call = QueueCall(caller: caller, queues: info.queues)
                info.queues.submit {
                    run(request, call) { result in
                        switch result {
                        case .success(let response): pending.fulfill(.success(.value(response)))
                        case .failure(let error): pending.fulfill(.failure(RPCErrorObject(error)))
                        }
                    }
                }
            }
        }
    }

    private static func reply<M: RPCMethod>(_ type: M.Type, _ handler: () throws(NetctlError) -> M.Response) -> Reply {
        do { return .success(.value(try handler())) } catch { return .failure(RPCErrorObject(error)) }
    }
}
