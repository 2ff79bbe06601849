import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Takes the `/v2/` requests off the AWS listener's pipeline before they are aggregated: their
/// bodies (blobs of any size) go to the blob store as they arrive, with backpressure (no read from
/// the socket while too much is waiting for the disk), and blobs are sent from their files. Every
/// other request passes through untouched to the aggregator and the AWS endpoint.
final class RegistryHTTPHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bytes waiting for the disk above which the socket is no longer read, and below which it is again.
    static let highWater = 4 << 20
    static let lowWater = 1 << 20

    private let registry: Registry
    /// The current request is not ours: its parts go on down the pipeline.
    private var passingThrough = false
    private var exchange: Exchange?
    /// A `read` held back while the exchange cannot take more.
    private var readHeld = false

    /// One `/v2/` request being read and answered.
    private final class Exchange {
        let head: HTTPRequestHead
        var plan: Registry.Plan?
        /// Body parts that came before the plan did.
        var early: [ByteBuffer] = []
        var ended = false
        /// `.collect`: the body so far; nil once it went over the limit.
        var collected: ByteBuffer? = ByteBuffer()
        /// `.upload`: the writes queued on the thread pool, in order, and their bytes.
        var writes: EventLoopFuture<Void>
        var waiting = 0
        var written: Int64 = 0
        var failure: BlobStore.UploadError?
        var finishing = false

        init(head: HTTPRequestHead, eventLoop: any EventLoop) {
            self.head = head
            writes = eventLoop.makeSucceededVoidFuture()
        }

        var wantsMore: Bool { plan != nil && waiting < RegistryHTTPHandler.highWater }
    }

    init(registry: Registry) {
        self.registry = registry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let head):
            let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
            guard path == "/v2" || path.hasPrefix("/v2/") else {
                passingThrough = true
                context.fireChannelRead(data)
                return
            }
            start(head, path: path, context: context)
        case .body(let buffer):
            if passingThrough {
                context.fireChannelRead(data)
            } else if let exchange {
                if exchange.plan == nil {
                    exchange.early.append(buffer)
                } else {
                    feed(buffer, exchange, context: context)
                }
            }
        case .end:
            if passingThrough {
                passingThrough = false
                context.fireChannelRead(data)
            } else if let exchange {
                exchange.ended = true
                if exchange.plan != nil { finishIfDone(exchange, context: context) }
            }
        }
    }

    private func start(_ head: HTTPRequestHead, path: String, context: ChannelHandlerContext) {
        let exchange = Exchange(head: head, eventLoop: context.eventLoop)
        self.exchange = exchange
        if head.headers["Expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
        }
        let query = head.uri.firstIndex(of: "?").map { head.uri[head.uri.index(after: $0)...].queryItems } ?? [:]
        let request = Registry.Request(
            method: head.method.rawValue, path: path, query: query, headers: head.headers.map { ($0.name, $0.value) })
        let registry = self.registry
        let loopBound = NIOLoopBound((self, context, exchange), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        Task {
            let plan = await registry.plan(request)
            eventLoop.execute {
                let (handler, context, exchange) = loopBound.value
                handler.planned(plan, exchange, context: context)
            }
        }
    }

    private func planned(_ plan: Registry.Plan, _ exchange: Exchange, context: ChannelHandlerContext) {
        guard self.exchange === exchange else {
            // The connection went away while planning: an upload it started is dropped.
            if case .upload(let session, _) = plan { registry.blobs.abandon(session) }
            return
        }
        exchange.plan = plan
        let early = exchange.early
        exchange.early = []
        for buffer in early { feed(buffer, exchange, context: context) }
        if exchange.ended { finishIfDone(exchange, context: context) }
        resumeReadingIfWanted(context: context)
    }

    private func feed(_ buffer: ByteBuffer, _ exchange: Exchange, context: ChannelHandlerContext) {
        switch exchange.plan {
        case .collect(let limit, _):
            guard var collected = exchange.collected else { return }
            if collected.readableBytes + buffer.readableBytes > limit {
                exchange.collected = nil
            } else {
                var buffer = buffer
                collected.writeBuffer(&buffer)
                exchange.collected = collected
            }
        case .upload(let session, _):
            guard exchange.failure == nil else { return }
            let count = buffer.readableBytes
            exchange.waiting += count
            let eventLoop = context.eventLoop
            exchange.writes = exchange.writes.flatMap {
                NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) {
                    try buffer.withUnsafeReadableBytes { bytes in
                        do throws(BlobStore.UploadError) { try session.append(bytes) } catch {
                            throw UploadFailure(error: error)
                        }
                    }
                }
            }
            exchange.writes.assumeIsolated().whenComplete { [self] result in
                exchange.waiting -= count
                switch result {
                case .success: exchange.written += Int64(count)
                case .failure(let error):
                    if exchange.failure == nil {
                        exchange.failure = (error as? UploadFailure)?.error ?? .io("\(error)")
                    }
                }
                if exchange.waiting < Self.lowWater { resumeReadingIfWanted(context: context) }
            }
        case .respond, nil:
            break
        }
    }

    private struct UploadFailure: Error {
        var error: BlobStore.UploadError
    }

    private func finishIfDone(_ exchange: Exchange, context: ChannelHandlerContext) {
        guard exchange.ended, !exchange.finishing, let plan = exchange.plan else { return }
        exchange.finishing = true
        let loopBound = NIOLoopBound((self, context, exchange), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        switch plan {
        case .respond(let response):
            respond(response, exchange, context: context)
        case .collect(_, let finish):
            let body = exchange.collected.map { Array($0.readableBytesView) }
            Task {
                let response = await finish(body)
                eventLoop.execute {
                    let (handler, context, exchange) = loopBound.value
                    handler.respond(response, exchange, context: context)
                }
            }
        case .upload(_, let finish):
            exchange.writes.assumeIsolated().whenComplete { _ in
                let failure = exchange.failure
                let written = exchange.written
                Task {
                    let response = await finish(failure, written)
                    eventLoop.execute {
                        let (handler, context, exchange) = loopBound.value
                        handler.respond(response, exchange, context: context)
                    }
                }
            }
        }
    }

    private func respond(_ response: RegistryResponse, _ exchange: Exchange, context: ChannelHandlerContext) {
        guard self.exchange === exchange else { return }
        self.exchange = nil
        let keepAlive = exchange.head.isKeepAlive
        // A HEAD answer never has a body, an error's included: the client would read it as the next answer.
        let headOnly = response.headOnly || exchange.head.method == .HEAD
        var headers = HTTPHeaders()
        headers.add(name: "Docker-Distribution-API-Version", value: "registry/2.0")
        headers.add(name: "Server", value: "netctld")
        for header in response.headers { headers.add(name: header.name, value: header.value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        var file: NIOFileHandle?
        var region: FileRegion?
        switch response.body {
        case .bytes(let bytes):
            headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
        case .file(let path, let length):
            headers.replaceOrAdd(name: "Content-Length", value: String(length))
            if !headOnly {
                // Opening a stored blob does not wait on the disk's writes; reading happens in sendfile.
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                if descriptor < 0 {
                    let error = RegistryError(
                        status: 500, code: "BLOB_UNKNOWN",
                        message: "The blob's file could not be opened: it was removed.")
                    self.exchange = exchange
                    respond(RegistryResponse(error), exchange, context: context)
                    return
                }
                let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: descriptor)
                file = handle
                region = FileRegion(fileHandle: handle, readerIndex: 0, endIndex: Int(length))
            }
        }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: exchange.head.version, status: status, headers: headers))),
            promise: nil)
        if !headOnly {
            switch response.body {
            case .bytes(let bytes) where !bytes.isEmpty:
                context.write(
                    wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
            case .file:
                if let region { context.write(wrapOutboundOut(.body(.fileRegion(region))), promise: nil) }
            default:
                break
            }
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        let channel = context.channel
        // An error answer to a request whose body was not all read leaves the rest on the wire: close.
        let close = !keepAlive || !exchange.ended
        let opened = file
        done.whenComplete { _ in
            try? opened?.close()
            if close { channel.close(promise: nil) }
        }
        resumeReadingIfWanted(context: context)
    }

    // MARK: Backpressure

    func read(context: ChannelHandlerContext) {
        if let exchange, !exchange.ended, !exchange.wantsMore {
            readHeld = true
            return
        }
        context.read()
    }

    private func resumeReadingIfWanted(context: ChannelHandlerContext) {
        guard readHeld else { return }
        if let exchange, !exchange.ended, !exchange.wantsMore { return }
        readHeld = false
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
    }

    // MARK: The connection ends

    func channelInactive(context: ChannelHandlerContext) {
        abandonUnfinishedUpload()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        abandonUnfinishedUpload()
    }

    /// A body cut off mid-way: the upload it was writing cannot be trusted, so it goes (with its file).
    private func abandonUnfinishedUpload() {
        guard let exchange, !exchange.ended else { return }
        self.exchange = nil
        if case .upload(let session, _) = exchange.plan {
            let blobs = registry.blobs
            exchange.writes.whenComplete { _ in blobs.abandon(session) }
        }
    }
}
