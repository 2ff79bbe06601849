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

    static func error(_ error: RPCErrorObject) -> PendingLine {
        PendingLine(shape: .single, calls: [PendingCall(id: nil, respond: true, answer: .ready(.failure(error)))])
    }

    /// The response line (with its newline), or nil when nothing is to be sent (notifications only).
    func render(_ published: PublishedState) async -> Data? {
        var replies: [Reply] = []
        replies.reserveCapacity(calls.count)
        for call in calls { replies.append(await call.answer.resolve(published)) }
        return render(replies)
    }

    /// The response line for these replies, one per call in order.
    func render(_ replies: [Reply]) -> Data? {
        var responses: [Data] = []
        for (call, reply) in zip(calls, replies) where call.respond {
            responses.append(WireCodec.response(id: call.id, reply))
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
            // The response's own buffer, not a copy of it: a result can be tens of megabytes.
            line = responses.removeLast()
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }
}

struct PendingCall: Sendable {
    var id: RPCID?
    /// False for notifications: they run, but get no response.
    var respond: Bool
    var answer: PendingAnswer
}

/// How a call's reply comes to be, when the connection reaches it in request order.
enum PendingAnswer: Sendable {
    /// Known already (an error found while routing).
    case ready(Reply)
    /// Evaluated against the state published at that moment, which holds every write sent before it.
    case atTurn(@Sendable (State) -> Reply)
    /// The writer's reply to a command, or to a read queued behind one; `onReply` sees it first.
    case writer(PendingReply, onReply: (@Sendable (Reply) -> Void)?)
    /// Comes from elsewhere (streams.db), run when its turn comes.
    case later(@Sendable () async -> Reply)

    func resolve(_ published: PublishedState) async -> Reply {
        switch self {
        case .ready(let reply): reply
        case .atTurn(let evaluate): evaluate(published.current)
        case .writer(let pending, let onReply):
            await {
                let reply = await pending.value
                onReply?(reply)
                return reply
            }()
        case .later(let run): await run()
        }
    }
}

/// Per-connection ordering: a read sent after a write that is not answered yet must see that write.
struct ConnectionOrder {
    var lastWrite: PendingReply?
}
