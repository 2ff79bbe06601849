import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NetctlAWS
import ServiceLifecycle

/// The AWS endpoint's HTTP/1.1 listener (keep-alive, SwiftNIO's HTTP pipeline): each request is read
/// whole, handed to `AWSEndpoint` and answered in order. netctld binds it itself, also under systemd,
/// so it is bound before READY=1 and a bad address fails start-up.
final class AWSServer: Service {
    private let channel: any Channel
    private let logger: Logger

    /// Bodies beyond this are refused with 413 before they are read (EC2's own limit is far lower).
    static let maximumBodyBytes = 16 << 20

    private init(channel: any Channel, logger: Logger) {
        self.channel = channel
        self.logger = logger
    }

    var localAddress: SocketAddress? { channel.localAddress }

    static func bind(
        _ address: HostAndPort, endpoint: AWSEndpoint, verifier: @escaping @Sendable () -> SigV4Verifier,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) throws -> AWSServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandlers([
                        NIOHTTPServerRequestAggregator(maxContentLength: maximumBodyBytes),
                        AWSHTTPHandler(endpoint: endpoint, verifier: verifier, now: now, logger: logger),
                    ])
                }
            }
        do {
            let channel = try bootstrap.bind(host: address.host, port: address.port).wait()
            return AWSServer(channel: channel, logger: logger)
        } catch {
            throw ConfigurationError(description: "cannot listen on aws.listen \(address): \(error)")
        }
    }

    func run() async throws {
        logger.info("AWS endpoint listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
        try await gracefulShutdown()
        try await channel.close()
    }
}

/// One connection's requests: each aggregated request becomes a `SignedRequest`, its answer is
/// written back on the connection's event loop; NIO's pipeline handler keeps them in order.
private final class AWSHTTPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let endpoint: AWSEndpoint
    private let verifier: @Sendable () -> SigV4Verifier
    private let now: @Sendable () -> Date
    private let logger: Logger

    init(
        endpoint: AWSEndpoint, verifier: @escaping @Sendable () -> SigV4Verifier, now: @escaping @Sendable () -> Date,
        logger: Logger
    ) {
        self.endpoint = endpoint
        self.verifier = verifier
        self.now = now
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = unwrapInboundIn(data)
        let uri = request.head.uri
        let (path, query) = uri.firstIndex(of: "?").map { (String(uri[..<$0]), String(uri[uri.index(after: $0)...])) }
            ?? (uri, "")
        let signed = SignedRequest(
            method: request.head.method.rawValue, path: path, query: query,
            headers: request.head.headers.map { ($0.name, $0.value) },
            body: request.body.map { Array($0.readableBytesView) } ?? [])
        let keepAlive = request.head.isKeepAlive
        let version = request.head.version
        let endpoint = self.endpoint
        let verifier = self.verifier()
        let now = self.now()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        Task {
            let response = await endpoint.handle(signed, verifier: verifier, now: now)
            eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.write(response, version: version, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(_ response: AWSHTTPResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "x-amzn-RequestId", value: response.requestId)
        headers.add(name: "Server", value: "netctld")
        for header in response.extraHeaders { headers.add(name: header.name, value: header.value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("AWS endpoint connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}
