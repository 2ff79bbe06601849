import Foundation
import NetctlAPI
import NetctlCore

/// Turns lines into calls: decoding (one pass, `WireCodec`), who may call what, and the hand-off of
/// each call to where its method runs.
final class Router: Sendable {
    private let methods: [String: MethodEntry]
    private let codec: WireCodec
    private let writer: Writer
    private let settings: LiveSettings
    private let defaultRegion: String
    private let daemonUid: UInt32
    let metrics: RequestMetrics
    let info: DaemonInfo

    init(
        entries: [MethodEntry], writer: Writer, settings: LiveSettings, defaultRegion: String, daemonUid: UInt32,
        info: DaemonInfo
    ) {
        methods = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        codec = WireCodec(methods: methods, info: info)
        self.writer = writer
        self.settings = settings
        self.defaultRegion = defaultRegion
        self.daemonUid = daemonUid
        metrics = RequestMetrics(watcher: info.watcher)
        self.info = info
    }

    func entry(named name: String) -> MethodEntry? { methods[name] }

    func submit(_ job: WriterJob) { writer.enqueue(job) }

    /// Read per request, so a reload applies to the next request on every open connection.
    private func identity() -> IdentityResolver {
        IdentityResolver(configuration: settings.current.identity, defaultRegion: defaultRegion, daemonUid: daemonUid)
    }

    func start(_ line: Data, credentials: PeerCredentials, handle: ConnectionHandle, connection: inout ConnectionOrder)
        -> PendingLine
    {
        switch codec.decode(line) {
        case .failure(let error):
            return .error(error)
        case .success(.single(let call)):
            return PendingLine(shape: .single, calls: [pending(call, credentials, handle, &connection)])
        case .success(.batch(let calls)):
            guard !calls.isEmpty else { return .error(.invalidRequest("Invalid Request: empty batch.")) }
            return PendingLine(shape: .batch, calls: calls.map { pending($0, credentials, handle, &connection) })
        }
    }

    private func pending(
        _ call: IncomingCall, _ credentials: PeerCredentials, _ handle: ConnectionHandle,
        _ connection: inout ConnectionOrder
    ) -> PendingCall {
        func fail(_ error: RPCErrorObject) -> PendingCall {
            PendingCall(id: call.id, respond: call.respond, answer: .ready(.failure(error)))
        }
        let routed: RoutedCall
        switch call.routed {
        case .success(let value): routed = value
        case .failure(let error): return fail(error)
        }
        let entry = routed.entry
        let params = routed.params
        let unknown = params.memberNames.filter {
            !entry.parameterNames.contains($0) && !CallOptions.memberNames.contains($0)
        }
        guard unknown.isEmpty else {
            let known =
                entry.parameterNames.sorted() + ["accountId", "region"]
                + (entry.placement.changesState ? ["clientToken"] : [])
            return fail(
                .invalidParams(
                    "Unknown parameter\(unknown.count > 1 ? "s" : "") \(unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")) "
                        + "for \(entry.name). It accepts: \(known.joined(separator: ", ")).",
                    code: .unknownParameter))
        }
        let caller: Caller
        do throws(NetctlError) {
            caller = try identity().caller(credentials, options: params.options)
            if caller.readOnly && !entry.readOnly {
                throw NetctlError(
                    .unauthorizedOperation,
                    "You are not authorized to call \(entry.name): uid \(credentials.uid) is in a read-only group "
                        + "(identity.readOnlyGroups) and may only call methods that change nothing.")
            }
            if !entry.readOnly, let refusal = info.store.readOnlyRefusal { throw refusal }
            if entry.placement.changesState, let token = params.options.clientToken {
                try Idempotency.validate(token: token)
            }
        } catch {
            return fail(RPCErrorObject(error))
        }
        let bound: BoundCall
        switch params.call {
        case .success(let value): bound = value
        case .failure(let error): return fail(error)
        }
        let answer: PendingAnswer
        switch bound {
        case .read(let evaluate):
            let read: @Sendable (State) -> Reply = { state in evaluate(state, caller) }
            if let lastWrite = connection.lastWrite, !lastWrite.isDone {
                let job = WriterJob(scope: caller.scope, step: .read(read), reply: PendingReply())
                writer.enqueue(job)
                answer = .writer(job.reply, onReply: nil)
            } else {
                answer = .atTurn(read)
            }
        case .write(let apply):
            let token = params.options.clientToken.map { WriterJob.Token(value: $0, fingerprint: params.fingerprint ?? "") }
            let job = WriterJob.command(method: entry.name, scope: caller.scope, token: token, apply: apply)
            writer.enqueue(job)
            connection.lastWrite = job.reply
            answer = metrics.timed(method: entry.name, caller: caller, job.reply)
        case .streams(let run):
            // SQLite work off the cooperative pool, on the watcher's pool for requests.
            let watcher = info.watcher
            answer = .later { await watcher.onStreamsPool { run(caller, handle) } }
        case .queue(let run):
            // Started now, on the queue thread; answered in request order like any reply that comes later.
            let reply = PendingReply()
            run(caller, reply)
            answer = metrics.timed(method: entry.name, caller: caller, reply)
        }
        return PendingCall(id: call.id, respond: call.respond, answer: answer)
    }
}
