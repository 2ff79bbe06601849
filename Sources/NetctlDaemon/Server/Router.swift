import Foundation
import NetctlAPI
import NetctlCore

/// What a line asked for, in a form the connection can answer in order: reads run when their turn
/// comes (so they see the writes pipelined before them), writes are already queued at the writer.
struct PendingLine: Sendable {
    enum Shape: Sendable {
        case single
        case batch
    }

    var shape: Shape
    var calls: [PendingCall]

    /// The response line (with its newline), or nil when nothing is to be sent (notifications only).
    /// Results arrive encoded and are spliced in, so a result is never decoded again to be sent.
    func render(_ published: PublishedState) async -> Data? {
        var responses: [Data] = []
        for call in calls {
            let result = await call.outcome.resolve(published)
            guard call.respond else { continue }
            responses.append(Self.response(id: call.id, result))
        }
        guard !responses.isEmpty else { return nil }
        var line = Data()
        if shape == .batch {
            line.append(UInt8(ascii: "["))
            for (index, response) in responses.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(response)
            }
            line.append(UInt8(ascii: "]"))
        } else {
            line.append(responses[0])
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    private static func response(id: RPCID?, _ result: EncodedResult) -> Data {
        let encoder = NetctlJSON.encoder
        switch result {
        case .success(let value):
            // Same member order as RPCResponse's encoding (sorted keys): id, jsonrpc, result.
            var data = Data(#"{"id":"#.utf8)
            data.append(id.flatMap { try? encoder.encode($0) } ?? Data("null".utf8))
            data.append(Data(#","jsonrpc":"2.0","result":"#.utf8))
            data.append(value)
            data.append(UInt8(ascii: "}"))
            return data
        case .failure(let error):
            return (try? encoder.encode(RPCResponse(id: id, error: error)))
                ?? Data(#"{"error":{"code":-32603,"message":"Internal error"},"id":null,"jsonrpc":"2.0"}"#.utf8)
        }
    }
}

struct PendingCall: Sendable {
    var id: RPCID?
    /// False for notifications: they run, but get no response.
    var respond: Bool
    var outcome: Outcome

    enum Outcome: Sendable {
        case ready(EncodedResult)
        case read(@Sendable (State) -> EncodedResult)
        case awaiting(PendingReply)
        case async(@Sendable () async -> EncodedResult)

        func resolve(_ published: PublishedState) async -> EncodedResult {
            switch self {
            case .ready(let result): return result
            case .read(let evaluate): return evaluate(published.current)
            case .awaiting(let reply): return await reply.value
            case .async(let run): return await run()
            }
        }
    }
}

/// Per-connection ordering: a read sent after a write that is not answered yet must see that write.
struct ConnectionOrder {
    var lastWrite: PendingReply?
}

/// Turns lines into calls: envelope checks, method lookup, identity, params decoding, and the
/// hand-off of mutations to the writer.
final class Router: Sendable {
    private let methods: [String: MethodEntry]
    private let writer: Writer
    private let settings: LiveSettings
    private let defaultRegion: String
    private let daemonUid: UInt32
    let info: DaemonInfo

    init(
        entries: [MethodEntry], writer: Writer, settings: LiveSettings, defaultRegion: String, daemonUid: UInt32,
        info: DaemonInfo
    ) {
        methods = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        self.writer = writer
        self.settings = settings
        self.defaultRegion = defaultRegion
        self.daemonUid = daemonUid
        self.info = info
    }

    /// Read per request, so a reload applies to the next request on every open connection.
    private func identity() -> IdentityResolver {
        IdentityResolver(configuration: settings.current.identity, defaultRegion: defaultRegion, daemonUid: daemonUid)
    }

    var methodNames: [String] { methods.keys.sorted() }

    /// Parses one line. Returns nil for a line that is not JSON at all; the caller answers that with
    /// a parse error.
    func start(_ line: Data, credentials: PeerCredentials, handle: ConnectionHandle, connection: inout ConnectionOrder)
        -> PendingLine
    {
        let message: JSONValue
        do {
            message = try NetctlJSON.decoder.decode(JSONValue.self, from: line)
        } catch {
            return PendingLine(
                shape: .single,
                calls: [
                    PendingCall(
                        id: nil, respond: true,
                        outcome: .ready(
                            .failure(.parseError("Parse error: the line is not valid JSON (\(Self.describe(error))).")))
                    )
                ])
        }
        if case .array(let elements) = message {
            guard !elements.isEmpty else {
                return PendingLine(
                    shape: .single,
                    calls: [
                        PendingCall(
                            id: nil, respond: true,
                            outcome: .ready(.failure(.invalidRequest("Invalid Request: empty batch."))))
                    ])
            }
            return PendingLine(shape: .batch, calls: elements.map { call($0, credentials, handle, &connection) })
        }
        return PendingLine(shape: .single, calls: [call(message, credentials, handle, &connection)])
    }

    private func call(
        _ message: JSONValue, _ credentials: PeerCredentials, _ handle: ConnectionHandle,
        _ connection: inout ConnectionOrder
    ) -> PendingCall {
        guard case .object(let envelope) = message else {
            return .init(
                id: nil, respond: true,
                outcome: .ready(.failure(.invalidRequest("Invalid Request: a request must be a JSON object."))))
        }
        // Only a request with no "id" member is a notification.
        let hasId = envelope.keys.contains("id")
        var id: RPCID?
        switch envelope["id"] {
        case .string(let value)?: id = .string(value)
        case .int(let value)?: id = .number(value)
        // 1.0 and 1e3 are integers; an integer past Int64 also arrives as a double, and could not be
        // echoed back as sent.
        case .double(let value)? where Int64(exactly: value) != nil: id = .number(Int64(value))
        case .null?, nil: id = nil
        default:
            return .init(
                id: nil, respond: true,
                outcome: .ready(
                    .failure(.invalidRequest("Invalid Request: id must be a string, an integer or null."))))
        }
        func fail(_ error: RPCErrorObject) -> PendingCall {
            PendingCall(id: id, respond: hasId, outcome: .ready(.failure(error)))
        }
        guard envelope["jsonrpc"] == .string("2.0") else {
            return PendingCall(
                id: id, respond: true,
                outcome: .ready(.failure(.invalidRequest("Invalid Request: \"jsonrpc\" must be \"2.0\"."))))
        }
        guard case .string(let methodName)? = envelope["method"] else {
            return PendingCall(
                id: id, respond: true,
                outcome: .ready(.failure(.invalidRequest("Invalid Request: \"method\" must be a string."))))
        }
        guard let entry = methods[methodName] else {
            return fail(.methodNotFound(methodName, hint: "Call rpc.discover for the list of methods."))
        }
        let params: JSONValue
        switch envelope["params"] {
        case nil, .null?: params = .object([:])
        case .object(let members)?: params = .object(members)
        default:
            return fail(.invalidParams("\(methodName) takes its params as an object of named members."))
        }
        let options: CallOptions
        do { options = try params.decode(as: CallOptions.self) } catch {
            return fail(.invalidParams(decoding: error, method: methodName))
        }
        let unknown = (params.objectValue?.keys.map { $0 } ?? []).filter {
            !entry.parameterNames.contains($0) && !CallOptions.memberNames.contains($0)
        }
        guard unknown.isEmpty else {
            let known =
                (entry.parameterNames.sorted() + ["accountId", "region"]
                    + (entry.kind == .mutation ? ["clientToken"] : []))
            return fail(
                .invalidParams(
                    "Unknown parameter\(unknown.count > 1 ? "s" : "") \(unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")) "
                        + "for \(methodName). It accepts: \(known.joined(separator: ", ")).",
                    code: .unknownParameter))
        }
        let caller: Caller
        do throws(NetctlError) {
            caller = try identity().caller(credentials, options: options)
            if caller.readOnly && !entry.readOnly {
                throw NetctlError(
                    .unauthorizedOperation,
                    "You are not authorized to call \(methodName): uid \(credentials.uid) is in a read-only group "
                        + "(identity.readOnlyGroups) and may only call methods that change nothing.")
            }
            if !entry.readOnly, let refusal = info.store.readOnlyRefusal { throw refusal }
            if entry.kind == .mutation, let token = options.clientToken { try Idempotency.validate(token: token) }
        } catch {
            return fail(RPCErrorObject(error))
        }
        switch entry.prepare(params, caller, info, handle) {
        case .failed(let error):
            return fail(error)
        case .read(let evaluate):
            guard let lastWrite = connection.lastWrite, !lastWrite.isDone else {
                return PendingCall(id: id, respond: hasId, outcome: .read(evaluate))
            }
            let job = WriterJob(scope: caller.scope, work: .read(evaluate), reply: PendingReply())
            writer.enqueue(job)
            return PendingCall(id: id, respond: hasId, outcome: .awaiting(job.reply))
        case .write(let paramsHash, let apply):
            let job = WriterJob.mutation(
                method: methodName, scope: caller.scope, clientToken: options.clientToken, paramsHash: paramsHash,
                apply: apply)
            writer.enqueue(job)
            connection.lastWrite = job.reply
            let started = ContinuousClock.now
            let watcher = info.watcher
            // Each mutating request is logged to /netctl/rpc with its outcome and latency.
            return PendingCall(
                id: id, respond: hasId,
                outcome: .async {
                    let result = await job.reply.value
                    let elapsed = ContinuousClock.now - started
                    let outcome: String
                    switch result {
                    case .success: outcome = "ok"
                    case .failure(let error): outcome = error.codeName
                    }
                    watcher.recordRequest(
                        method: methodName, caller: caller, outcome: outcome,
                        latencyMicroseconds: elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds
                            / 1_000_000_000_000)
                    return result
                })
        case .async(let run):
            return PendingCall(id: id, respond: hasId, outcome: .async(run))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)
        }
        return "\(error)"
    }
}
