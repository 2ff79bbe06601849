import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOFoundationCompat
import NIOPosix
import NetctlAPI
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// The Unix-socket JSON-RPC server: one JSON message (or batch) per line, responses in request
/// order, many connections at once. On graceful shutdown it stops accepting and reading, answers
/// everything already read, then returns.
final class SocketServer: Service {
    private let socketPath: String
    /// A listening socket passed by systemd; when set, it is adopted instead of binding `socketPath`.
    private let activatedSocket: Int32?
    private let maximumLineBytes: Int
    private let idleTimeout: TimeAmount
    /// Responses a client has not read, past which its connection is closed: a reader that never reads
    /// must not make netctld hold its answers without bound.
    static let maximumUnsentBytes = 32 << 20
    private let router: Router
    private let published: PublishedState
    private let hub: LiveHub
    private let connectionCounter = NIOLockedValueBox<Int>(0)
    private let connections: ConnectionGauge
    private let socketGroup: UInt32?
    private let logger: Logger
    private let onListening: @Sendable () -> Void

    init(
        socketPath: String, socketGroup: UInt32?, activatedSocket: Int32?, maximumLineBytes: Int, idleTimeout: Duration,
        router: Router,
        published: PublishedState, hub: LiveHub, connections: ConnectionGauge, logger: Logger,
        onListening: @escaping @Sendable () -> Void
    ) {
        self.socketGroup = socketGroup
        self.connections = connections
        self.activatedSocket = activatedSocket
        self.hub = hub
        self.socketPath = socketPath
        self.maximumLineBytes = maximumLineBytes
        self.idleTimeout = .nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000)
        self.router = router
        self.published = published
        self.logger = logger
        self.onListening = onListening
    }

    func run() async throws {
        let maximumLineBytes = self.maximumLineBytes
        let idleTimeout = self.idleTimeout
        let logger = self.logger
        let backlog = Self.listenBacklog()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: backlog)
            // `echo request | socat - UNIX-CONNECT:…` shuts down its sending side right after the line:
            // keep the connection open for writing so the answer still goes out.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(
                .writeBufferWaterMark,
                value: ChannelOptions.Types.WriteBufferWaterMark(low: Self.maximumUnsentBytes / 2, high: Self.maximumUnsentBytes))
        let initializer: @Sendable (any Channel) -> EventLoopFuture<AcceptedConnection> = { channel in
            // The child channel is registered, and starts reading, only once this future is done: every
            // handler is in place before the first byte.
            PeerCredentials.of(channel).flatMapThrowing { credentials in
                let handle = ConnectionHandle(id: self.nextConnectionNumber()) { channel.close(promise: nil) }
                let handler = RPCConnectionHandler(
                    router: self.router, published: self.published, credentials: credentials, handle: handle,
                    maximumLineBytes: maximumLineBytes, logger: logger)
                let pipeline = channel.pipeline.syncOperations
                try pipeline.addHandler(ConnectionGuard(idleTimeout: idleTimeout, logger: logger))
                try pipeline.addHandler(
                    ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: Self.bufferLimit(maximumLineBytes)))
                try pipeline.addHandler(handler)
                // Counted from here, not from the serving task: the handler answers on the event loop
                // before that task runs, and a client's own `system.status` must count its connection.
                let gauge = self.connections
                gauge.opened()
                channel.closeFuture.whenComplete { _ in gauge.closed() }
                return AcceptedConnection(
                    channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop), handle: handle)
            }
        }
        let server: NIOAsyncChannel<AcceptedConnection, Never>
        if let activatedSocket {
            // Socket activation: systemd owns the socket file, its mode and its group.
            server = try await bootstrap.bind(activatedSocket, childChannelInitializer: initializer)
            // NIO calls listen() again on an adopted socket, with its default backlog (128) rather than the
            // option above, which would undo the unit's Backlog=: listen once more with ours.
            if listen(activatedSocket, backlog) != 0 {
                logger.warning(
                    "could not raise the passed socket's backlog",
                    metadata: ["backlog": "\(backlog)", "error": "\(String(cString: strerror(errno)))"])
            }
            logger.info(
                "listening on the socket systemd passed",
                metadata: ["fd": "\(activatedSocket)", "backlog": "\(backlog)"])
            Self.closeToOthers(activatedSocket, logger: logger)
        } else {
            server = try await bootstrap.bind(
                unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true, childChannelInitializer: initializer)
            // Owner and group may connect; others may not (the group is how admins share a daemon). The
            // process umask (0077) kept it private between bind and here.
            if let socketGroup, chown(socketPath, uid_t.max, socketGroup) != 0 {
                let reason = String(cString: strerror(errno))
                throw ConfigurationError(
                    description: "cannot give the socket \(socketPath) to group \(socketGroup) (socketGroup): \(reason)")
            }
            chmod(socketPath, 0o660)
            logger.info("listening", metadata: ["socket": "\(socketPath)", "backlog": "\(backlog)"])
        }
        onListening()

        try await server.executeThenClose { connections in
            // Open connections finish what they read before the group (and so `run`) returns.
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections.cancelOnGracefulShutdown() {
                    group.addTask { await self.serve(connection) }
                }
            }
        }
        if activatedSocket == nil { unlink(socketPath) }
        logger.info("stopped listening", metadata: ["socket": "\(socketPath)"])
    }

    /// The listen backlog: the system's maximum, net.core.somaxconn (the kernel caps any larger value at
    /// it anyway), read at start; SOMAXCONN when /proc cannot be read. Connections past the backlog are
    /// refused, not queued: a client connecting with a non-blocking socket (as Python, Go and NIO clients
    /// do) gets EAGAIN from a Unix socket whose accept queue is full, so many clients connecting at once
    /// (a fleet of agents restarting, a parallel script) would see errors with a small backlog.
    static func listenBacklog() -> Int32 {
        if let text = try? String(contentsOfFile: "/proc/sys/net/core/somaxconn", encoding: .utf8),
            let value = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0
        {
            return value
        }
        return SOMAXCONN
    }

    /// A passed socket whose file anyone may connect to would let every local user act as their own
    /// account; take the others' bits away (the unit's SocketMode= should already have).
    private static func closeToOthers(_ fd: Int32, logger: Logger) {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0, address.sun_family == sa_family_t(AF_UNIX) else { return }
        let path = withUnsafeBytes(of: address.sun_path) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        var status = stat()
        guard !path.isEmpty, stat(path, &status) == 0, status.st_mode & 0o007 != 0 else { return }
        chmod(path, status.st_mode & 0o770)
        logger.warning(
            "the passed socket was open to all users; removed their access", metadata: ["socket": "\(path)"])
    }

    private func nextConnectionNumber() -> Int {
        connectionCounter.withLockedValue { value -> Int in
            value += 1
            return value
        }
    }

    /// Waits for the connection to close (its handler answers on the event loop), pushing its
    /// subscriptions' notifications beside the responses meanwhile; on graceful shutdown the handler
    /// stops reading and closes once it has answered what it read.
    private func serve(_ connection: AcceptedConnection) async {
        let channel = connection.channel
        let handle = connection.handle
        let pump = Task {
            for await notification in handle.notifications {
                try await channel.writeAndFlush(ByteBuffer(bytes: notification))
                let dropped = handle.takeDropped()
                if dropped > 0 {
                    let notice = RPCNotification(method: "logs.dropped", params: ["dropped": .int(Int64(dropped))])
                    var line = try NetctlJSON.encoder.encode(notice)
                    line.append(UInt8(ascii: "\n"))
                    try await channel.writeAndFlush(ByteBuffer(bytes: line))
                }
            }
        }
        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            let handler = connection.handler
            channel.eventLoop.execute { handler.value.stopForShutdown() }
        }
        handle.finish()
        pump.cancel()
        hub.unsubscribe(connection: handle.id)
    }

    /// What becomes of one line the decoder framed. `RequestReplay` screens its lines here too, so the
    /// fuzzer meets the same rules as a connection.
    enum ScreenedLine {
        /// Only spaces, tabs and carriage returns: no answer.
        case blank
        case request(Data)
        /// Answered with this line, then the connection is closed.
        case refused(PendingLine)
    }

    static func screen(_ line: ByteBuffer, maximumLineBytes: Int) -> ScreenedLine {
        // The decoder's buffer cap only catches a line still waiting for its newline; a whole oversized
        // line that arrived in one read is caught here.
        guard line.readableBytes <= maximumLineBytes else { return .refused(oversized(maximumLineBytes)) }
        let (garbage, blank) = line.withUnsafeReadableBytes { bytes in
            (isGarbage(bytes), bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d })
        }
        if garbage {
            return .refused(.error(.parseError("Parse error: the line is not UTF-8 text; closing the connection.")))
        }
        if blank { return .blank }
        // The bytes the socket read, shared rather than copied: the decoder parses them where they are.
        return .request(
            line.getData(at: line.readerIndex, length: line.readableBytes, byteTransferStrategy: .noCopy)
                ?? Data(line.readableBytesView))
    }

    /// How many bytes the line decoder may hold while it waits for a newline.
    static func bufferLimit(_ maximumLineBytes: Int) -> Int { maximumLineBytes + 1 }

    static func oversized(_ limit: Int) -> PendingLine {
        .error(.invalidRequest("Invalid Request: line longer than \(limit) bytes; closing the connection."))
    }

    /// NUL bytes or invalid UTF-8: not a text protocol speaking to us. Lines are mostly ASCII, so the
    /// UTF-8 check runs only on a line with a byte past it.
    private static func isGarbage(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var ascii = true
        for byte in bytes {
            if byte == 0 { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && String(validating: bytes, as: UTF8.self) == nil
    }
}

/// An accepted connection, its pipeline in place.
struct AcceptedConnection: Sendable {
    var channel: any Channel
    var handler: NIOLoopBound<RPCConnectionHandler>
    var handle: ConnectionHandle
}

/// Closes a connection that sent part of a line and then nothing for `idleTimeout`, and one whose
/// unread responses pass the write buffer's high-water mark (`SocketServer.maximumUnsentBytes`).
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var timer: Scheduled<Void>?

    init(idleTimeout: TimeAmount, logger: Logger) {
        self.idleTimeout = idleTimeout
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        timer?.cancel()
        timer = nil
        // Bytes after the last newline are a line still being sent: it must be finished in time.
        if buffer.readableBytes > 0, let last = buffer.getInteger(at: buffer.writerIndex - 1, as: UInt8.self),
            last != UInt8(ascii: "\n")
        {
            let channel = context.channel
            let logger = self.logger
            let seconds = idleTimeout.nanoseconds / 1_000_000_000
            timer = context.eventLoop.scheduleTask(in: idleTimeout) {
                logger.notice("closing a connection that sent part of a line and then nothing for \(seconds) s")
                channel.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if !context.channel.isWritable {
            logger.notice(
                "closing a connection that does not read its responses",
                metadata: ["unsent-limit": "\(SocketServer.maximumUnsentBytes)"])
            context.close(promise: nil)
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }
}

/// Checks, before binding, that no live netctld answers on the socket path.
enum SocketPreflight {
    struct AlreadyRunning: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "another netctld is already serving \(path). Stop it first, or start this one with --socket PATH "
                + "(and --data-dir DIR) to run a second daemon."
        }
    }

    /// Throws if something accepts connections on `path`; removes a stale socket file otherwise.
    static func claim(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        if isLive(path) { throw AlreadyRunning(path: path) }
        unlink(path)
    }

    static func isLive(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
            buffer[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
