import Dispatch
import Foundation
import Logging
import NIOCore
import NIOExtras
import NetctlAPI
import NetctlCore
import NIOConcurrencyHelpers

/// Replays the bytes one client sends on one connection through netctld's own line framing, router,
/// method table, writer and store, then checks what came back against the protocol's promises. It is
/// the fuzz target (`netctl-fuzz`, `make fuzz`) and what the regression tests replay their inputs
/// through, so a finding reproduces the same way in both.
///
/// Every input meets a daemon of its own (empty in-memory databases, a manual clock at a fixed time),
/// so what an input does depends on its bytes alone: libFuzzer needs that to minimise and reproduce.
public struct RequestReplay: Sendable {
    /// Small, so inputs of fuzzing size also reach the over-long-line path.
    public static let maximumLineBytes = 2048

    /// Who sends the bytes: the daemon's own user, so an admin that may call everything.
    static let credentials = PeerCredentials(uid: 1000, gid: 1000, pid: 4242)
    /// The manual clock's start: a fixed time keeps results the same from run to run.
    static let epoch = Date(timeIntervalSince1970: 1_767_225_600)
    /// Built once: describing every method's params takes longer than replaying most inputs.
    static let methods = MethodTable.entries(manualClock: true)
    static let served = Set(methods.map(\.name))

    public struct Report: Sendable {
        /// The lines netctld sent back, in order, each with its newline.
        public var responses: [Data]
        /// The promises it broke, one sentence each; empty when everything went as the protocol says.
        public var violations: [String]
    }

    private let maximumLineBytes: Int

    public init(maximumLineBytes: Int = Self.maximumLineBytes) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Every method the replayed daemon serves, `debug.clock.advance` included.
    public static var methodNames: [String] { methods.map(\.name) }

    public func replay(_ input: [UInt8]) async -> Report {
        let daemon: ReplayDaemon
        do { daemon = try ReplayDaemon() } catch {
            return Report(responses: [], violations: ["the in-memory daemon did not start: \(error)"])
        }
        defer { daemon.stop() }
        var violations: [String] = []

        // The socket's framing, fed everything at once: one way a client's bytes may arrive.
        var lines: [ByteBuffer] = []
        var tooLong = false
        let framing = NIOSingleStepByteToMessageProcessor(
            LineBasedFrameDecoder(), maximumBufferSize: SocketServer.bufferLimit(maximumLineBytes))
        do {
            try framing.process(buffer: ByteBuffer(bytes: input)) { lines.append($0) }
        } catch is ByteToMessageDecoderError.PayloadTooLargeError {
            tooLong = true
        } catch {
            violations.append("the line decoder failed: \(error)")
        }
        // Bytes after the last newline are never answered: at end of input the decoder reports them
        // as left over and the connection drops them.

        let handle = ConnectionHandle(id: 1) {}
        defer {
            handle.finish()
            daemon.hub.unsubscribe(connection: handle.id)
        }
        var order = ConnectionOrder()
        var sent: [(request: Data?, pending: PendingLine)] = []
        var closed = false
        framed: for line in lines {
            switch SocketServer.screen(line, maximumLineBytes: maximumLineBytes) {
            case .blank:
                continue
            case .request(let request):
                let pending = daemon.router.start(
                    request, credentials: Self.credentials, handle: handle, connection: &order)
                sent.append((request, pending))
            case .refused(let answer):
                sent.append((nil, answer))
                closed = true
                break framed
            }
        }
        if tooLong && !closed { sent.append((nil, SocketServer.oversized(maximumLineBytes))) }

        var responses: [Data] = []
        for (request, pending) in sent {
            let response = await pending.render(daemon.published)
            if let response { responses.append(response) }
            violations += Self.check(request: request, response: response, methods: Self.served)
        }
        violations += daemon.reloadDifferences()
        return Report(responses: responses, violations: violations)
    }

    /// `replay` for a caller that cannot await, libFuzzer's thread. It blocks that thread, so it must
    /// never run on the concurrency pool the replay itself needs.
    public func replayBlocking(_ input: [UInt8]) -> Report {
        final class Slot: Sendable {
            let report = NIOLockedValueBox<Report?>(nil)
            let done = DispatchSemaphore(value: 0)
        }
        let slot = Slot()
        Task {
            let report = await replay(input)
            slot.report.withLockedValue { $0 = report }
            slot.done.signal()
        }
        slot.done.wait()
        return slot.report.withLockedValue { $0 } ?? Report(responses: [], violations: ["the replay gave no report"])
    }
}

/// The parts of `Daemon.build` a connection's requests reach, on in-memory databases; no socket,
/// scheduler or watcher loop.
private struct ReplayDaemon {
    let store: Store
    let published: PublishedState
    let hub: LiveHub
    let router: Router
    private let writing: Task<Void, any Error>

    init() throws {
        let configuration = DaemonConfiguration(
            socketPath: "(replay)/netctld.sock", dataDirectory: "(replay)", manualClock: true, watcherEnabled: false)
        let logger = Logger(label: "netctl-replay") { _ in SwiftLogNoOpLogHandler() }
        store = try Store.inMemory()
        published = PublishedState(State())
        let clock = ManualClock(start: RequestReplay.epoch)
        let settings = LiveSettings(ReloadableSettings(configuration))
        let streams = try StreamStore.inMemory()
        let writer = Writer(
            store: store, published: published, clock: clock, quotas: { settings.current.quotas },
            logGroups: streams.logGroupNames, logger: logger, ids: IDGenerator(seed: 1))
        hub = LiveHub()
        let watcher = Watcher(
            store: store, streams: streams, hub: hub, writer: writer, published: published,
            clock: clock, emf: nil, enabled: false, logger: logger)
        let info = DaemonInfo(
            startedAt: Date(), clock: clock, manualClock: clock, region: configuration.region,
            watcher: watcher, configuration: configuration, store: store, connections: ConnectionGauge(),
            queues: try QueueService(store: .inMemory(), clock: clock, ids: IDGenerator(seed: 2)))
        router = Router(
            entries: RequestReplay.methods, writer: writer, settings: settings, defaultRegion: configuration.region,
            daemonUid: RequestReplay.credentials.uid, info: info)
        writing = Task { try await writer.run() }
    }

    func stop() { writing.cancel() }

    /// SQLite is the authority: what was published must be exactly what loading the database gives.
    func reloadDifferences() -> [String] {
        do {
            let reloaded = try store.loadState()
            let current = published.current
            let (expected, stored) = (try ResourceCodecs.rows(of: current), try ResourceCodecs.rows(of: reloaded))
            var differences: [String] = []
            for table in expected.keys.sorted() where expected[table] != stored[table] {
                differences.append("table \(table) loads back different from the published state")
            }
            if current.idempotency != reloaded.idempotency {
                differences.append("the idempotency records load back different from the published state")
            }
            return differences
        } catch {
            return ["the state does not load back from the store: \(error)"]
        }
    }
}

extension RequestReplay {
    /// What JSON-RPC 2.0 (and API.md) promise for one request line, or for a line refused by the
    /// framing (`request` nil), checked against the response line (nil: nothing was sent).
    static func check(request: Data?, response: Data?, methods: Set<String>) -> [String] {
        let expected: Expected
        if let request {
            expected = Expected(request, methods: methods)
        } else {
            expected = .one(Answer(id: .null, codes: [RPCErrorCode.invalidRequest, RPCErrorCode.parseError]))
        }
        let quoted = request.map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? "(a refused line)"
        guard let response else {
            if case .nothing = expected { return [] }
            return ["no response to \(quoted)"]
        }
        let text = String(decoding: response.prefix(300), as: UTF8.self)
        if case .nothing = expected { return ["a response \(text) to notifications only: \(quoted)"] }
        guard response.last == UInt8(ascii: "\n"), response.firstIndex(of: UInt8(ascii: "\n")) == response.count - 1
        else { return ["the response to \(quoted) is not one newline-terminated line: \(text)"] }
        guard (try? JSONSerialization.jsonObject(with: response)) != nil,
            let decoded = try? NetctlJSON.decoder.decode(JSONValue.self, from: response)
        else { return ["the response to \(quoted) is not valid JSON: \(text)"] }
        var problems: [String] = []
        switch (expected, decoded) {
        case (.one(let answer), .object(let members)):
            problems = answer.problems(with: members)
        case (.batch(let answers), .array(let elements)) where answers.count == elements.count:
            for (answer, element) in zip(answers, elements) {
                guard case .object(let members) = element else {
                    problems.append("a batch response element is not an object")
                    continue
                }
                problems += answer.problems(with: members)
            }
        default:
            problems.append("the response has the wrong shape (expected \(expected))")
        }
        return problems.map { "\($0); request \(quoted); response \(text)" }
    }

    enum Expected: CustomStringConvertible {
        case nothing
        case one(Answer)
        case batch([Answer])

        init(_ request: Data, methods: Set<String>) {
            guard let message = try? NetctlJSON.decoder.decode(JSONValue.self, from: request) else {
                self = .one(Answer(id: .null, codes: [RPCErrorCode.parseError]))
                return
            }
            guard case .array(let elements) = message else {
                self = Answer.owed(to: message, methods: methods).map(Expected.one) ?? .nothing
                return
            }
            if elements.isEmpty {
                self = .one(Answer(id: .null, codes: [RPCErrorCode.invalidRequest]))
                return
            }
            let answers = elements.compactMap { Answer.owed(to: $0, methods: methods) }
            self = answers.isEmpty ? .nothing : .batch(answers)
        }

        var description: String {
            switch self {
            case .nothing: "nothing"
            case .one: "one response object"
            case .batch(let answers): "a batch of \(answers.count)"
            }
        }
    }

    /// One response object a request is owed.
    struct Answer {
        /// The codes that say the request itself was malformed.
        static let malformed: Set<Int> = [
            RPCErrorCode.parseError, RPCErrorCode.invalidRequest, RPCErrorCode.methodNotFound,
        ]

        var id: JSONValue
        /// The error codes it must carry; nil when the request was well-formed, so any result or error
        /// of the method may come, but none that says the request itself was malformed.
        var codes: Set<Int>?

        /// Nil for a notification: a well-formed request without an `id` member gets no answer.
        static func owed(to message: JSONValue, methods: Set<String>) -> Answer? {
            let invalid: Set<Int> = [RPCErrorCode.invalidRequest]
            guard case .object(let envelope) = message else { return Answer(id: .null, codes: invalid) }
            let id: JSONValue?
            switch envelope["id"] {
            case nil: id = nil
            case .null?: id = .null
            case .string(let value)?: id = .string(value)
            case .int(let value)?: id = .int(value)
            case .double(let value)?:
                guard let exact = Int64(exactly: value) else { return Answer(id: .null, codes: invalid) }
                id = .int(exact)
            default: return Answer(id: .null, codes: invalid)
            }
            guard envelope["jsonrpc"] == .string("2.0"), case .string(let method)? = envelope["method"] else {
                return Answer(id: id ?? .null, codes: invalid)
            }
            guard let id else { return nil }
            return Answer(id: id, codes: methods.contains(method) ? nil : [RPCErrorCode.methodNotFound])
        }

        func problems(with response: [String: JSONValue]) -> [String] {
            var problems: [String] = []
            if response["jsonrpc"] != .string("2.0") { problems.append("\"jsonrpc\" is not \"2.0\"") }
            if response["id"] != id { problems.append("the id is not \(id)") }
            let unknown = Set(response.keys).subtracting(["jsonrpc", "id", "result", "error"])
            if !unknown.isEmpty { problems.append("unknown members \(unknown.sorted())") }
            switch (response["result"], response["error"]) {
            case (_?, nil):
                if let codes { problems.append("a result where an error \(codes.sorted()) was due") }
            case (nil, .object(let error)?):
                guard case .int(let code)? = error["code"], case .string? = error["message"],
                    Set(error.keys).isSubset(of: ["code", "message", "data"])
                else {
                    problems.append("the error object is malformed")
                    break
                }
                if let codes, !codes.contains(Int(code)) {
                    problems.append("error code \(code) where \(codes.sorted()) was due")
                } else if codes == nil, Self.malformed.contains(Int(code)) {
                    problems.append("error code \(code) for a well-formed request")
                }
                // An internal error is the daemon failing, whatever the input was.
                if code == RPCErrorCode.internalError
                    || error["data"]?["code"] == .string(ErrorCode.internalError.rawValue)
                {
                    problems.append("an internal error")
                }
            default:
                problems.append("not exactly one of \"result\" and \"error\"")
            }
            return problems
        }
    }
}
