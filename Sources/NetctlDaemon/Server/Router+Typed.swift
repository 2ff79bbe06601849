import Foundation
import NetctlAPI
import NetctlCore

extension Router {
    /// One request another front door (the AWS endpoint) built as netctl's own type, for a caller it
    /// authenticated itself: the same read-only checks, placement, writer, idempotency and request
    /// metrics as a line on the socket. The response comes back typed.
    func run<M: RPCMethod>(_ request: M, caller: Caller, clientToken: String?) async -> Result<M.Response, NetctlError> {
        guard let entry = entry(named: M.method), let bound = entry.bindTyped(request, info) else {
            return .failure(NetctlError(.internalError, "\(M.method) is not in the method table."))
        }
        do throws(NetctlError) {
            if caller.readOnly && !entry.readOnly {
                throw NetctlError(
                    .unauthorizedOperation,
                    "You are not authorized to perform \(entry.name): the caller may only call methods that change nothing.")
            }
            if !entry.readOnly, let refusal = info.store.readOnlyRefusal { throw refusal }
            if entry.placement.changesState, let clientToken { try Idempotency.validate(token: clientToken) }
        } catch {
            return .failure(error)
        }
        let reply: Reply
        switch bound {
        case .read(let evaluate):
            reply = evaluate(info.watcher.published.current, caller)
        case .write(let apply):
            let token = clientToken.map { WriterJob.Token(value: $0, fingerprint: Self.fingerprint(request)) }
            let job = WriterJob.command(method: entry.name, scope: caller.scope, token: token, apply: apply)
            submit(job)
            reply = await metrics.measured(method: entry.name, caller: caller) { await job.reply.value }
        case .streams(let run):
            // No connection to push to: the AWS wire has no follow-mode streams.
            let watcher = info.watcher
            let handle = ConnectionHandle(id: -1, close: {})
            reply = await watcher.onStreamsPool { run(caller, handle) }
        case .queue(let run):
            let pending = PendingReply()
            run(caller, pending)
            reply = await metrics.measured(method: entry.name, caller: caller) { await pending.value }
        }
        switch reply {
        case .success(.value(let value as M.Response)):
            return .success(value)
        case .success(.value), .success(.encoded):
            // A replayed clientToken answers with the bytes stored for it.
            do { return .success(try NetctlJSON.decoder.decode(M.Response.self, from: try WireCodec.encode(reply.get()))) }
            catch { return .failure(NetctlError(.internalError, "Could not read the stored answer of \(M.method): \(error)")) }
        case .failure(let error):
            return .failure(NetctlError(error))
        }
    }

    /// What identifies the request's intent for its `clientToken`, as the socket computes it.
    private static func fingerprint<M: RPCMethod>(_ request: M) -> String {
        let params = (try? NetctlJSON.encoder.encode(request)).flatMap { try? NetctlJSON.decoder.decode(JSONValue.self, from: $0) }
        return Idempotency.fingerprint(method: M.method, params: params ?? .object([:]))
    }
}

extension NetctlError {
    /// The rule's refusal back from the error object the writer answered with.
    init(_ error: RPCErrorObject) {
        let code = error.data?["code"]?.stringValue.map(ErrorCode.init(rawValue:)) ?? .internalError
        self.init(code, error.message)
    }
}
