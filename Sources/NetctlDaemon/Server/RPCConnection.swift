import Foundation
import Logging
import NIOCore
import NetctlAPI

/// One connection's JSON-RPC, on its event loop. Each framed line is decoded and routed as it
/// arrives; answers go out in request order. A line whose answers need only the published state is
/// answered right there when nothing is waiting before it: no task, no hop between threads, and the
/// answers to one read's worth of pipelined lines leave in one flush. Commands wait for the writer,
/// which calls back; streams methods run on the watcher's pool at their turn.
final class RPCConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let router: Router
    private let published: PublishedState
    private let credentials: PeerCredentials
    private let handle: ConnectionHandle
    private let maximumLineBytes: Int
    private let logger: Logger

    private var context: ChannelHandlerContext?
    private var order = ConnectionOrder()
    /// Lines read whose answers are not all written yet, oldest first; only the first is being
    /// resolved.
    private var waiting = CircularBuffer<QueuedLine>()
    /// The first line's next call is out (at the writer or the watcher's pool).
    private var resolving = false
    private var unflushed = false
    /// False once nothing more is to be read: the client shut down its side, a line was refused, the
    /// decoder failed, or netctld is stopping. The connection closes when the last answer is out.
    private var reading = true
    private var closing = false

    private struct QueuedLine {
        var line: PendingLine
        var replies: [Reply]
    }

    init(
        router: Router, published: PublishedState, credentials: PeerCredentials, handle: ConnectionHandle,
        maximumLineBytes: Int, logger: Logger
    ) {
        self.router = router
        self.published = published
        self.credentials = credentials
        self.handle = handle
        self.maximumLineBytes = maximumLineBytes
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard reading else { return }
        switch SocketServer.screen(unwrapInboundIn(data), maximumLineBytes: maximumLineBytes) {
        case .blank:
            return
        case .request(let request):
            accept(router.start(request, credentials: credentials, handle: handle, connection: &order))
        case .refused(let answer):
            accept(answer)
            stopReading()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded()
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // `echo request | socat - UNIX-CONNECT:…` shuts its side right after the line: answer, then close.
        if let event = event as? ChannelEvent, event == .inputClosed { stopReading() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard reading else { return }
        if error is ByteToMessageDecoderError.PayloadTooLargeError {
            accept(SocketServer.oversized(maximumLineBytes))
        } else {
            logger.debug("connection read failed", metadata: ["error": "\(error)"])
        }
        stopReading()
    }

    /// netctld is stopping: answer what was read, read nothing more.
    func stopForShutdown() { stopReading() }

    private func stopReading() {
        guard reading else { return }
        reading = false
        context?.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        closeIfDone()
    }

    private func accept(_ line: PendingLine) {
        waiting.append(QueuedLine(line: line, replies: []))
        if waiting.count == 1 { advance() }
    }

    /// Resolves and writes lines from the first until one waits for a reply from elsewhere.
    private func advance() {
        while !resolving, var first = waiting.first {
            first.replies.reserveCapacity(first.line.calls.count)
            while first.replies.count < first.line.calls.count {
                switch first.line.calls[first.replies.count].answer {
                case .ready(let reply):
                    first.replies.append(reply)
                case .atTurn(let evaluate):
                    first.replies.append(evaluate(published.current))
                case .writer(let pending, let onReply):
                    waitFor(first) { resume in
                        pending.whenDone { reply in
                            onReply?(reply)
                            resume(reply)
                        }
                    }
                    return
                case .later(let run):
                    waitFor(first) { resume in Task { resume(await run()) } }
                    return
                }
            }
            waiting.removeFirst()
            if let bytes = first.line.render(first.replies), let context {
                context.write(wrapOutboundOut(ByteBuffer(data: bytes)), promise: nil)
                unflushed = true
            }
        }
        closeIfDone()
    }

    /// Parks the first line, with the replies it has, until `start`'s callback brings the next one back
    /// to the event loop.
    private func waitFor(_ first: QueuedLine, _ start: (@escaping @Sendable (Reply) -> Void) -> Void) {
        waiting[waiting.startIndex] = first
        resolving = true
        guard let context else { return }
        let eventLoop = context.eventLoop
        let this = NIOLoopBound(self, eventLoop: eventLoop)
        start { reply in
            eventLoop.execute {
                let handler = this.value
                handler.resolving = false
                guard !handler.waiting.isEmpty else { return }
                handler.waiting[handler.waiting.startIndex].replies.append(reply)
                handler.advance()
                handler.flushIfNeeded()
            }
        }
    }

    private func flushIfNeeded() {
        guard unflushed, let context else { return }
        unflushed = false
        context.flush()
    }

    private func closeIfDone() {
        guard !reading, !closing, waiting.isEmpty, !resolving, let context else { return }
        closing = true
        unflushed = false
        // Close once the answers already written are out (a write completes after those before it).
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
