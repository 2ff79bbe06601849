import NIOCore
import NIOHTTP1
import NIOPosix

/// Keep-alive HTTP/1.1 connections to an AWS endpoint, one request at a time on each, as the AWS
/// SDKs use them. SwiftNIO's client codecs (`HTTPRequestEncoder`, `HTTPResponseDecoder`) frame the
/// messages, so the bench parses no HTTP of its own.
struct AWSHTTPClient: Sendable {
    var host: String
    var port: Int

    struct Response: Sendable {
        var status: HTTPResponseStatus
        var body: ByteBuffer
        /// False when the server said it closes the connection after this answer.
        var keepAlive: Bool
    }

    /// Opens one connection for `body`, and closes it when `body` returns or throws.
    func withConnection<Result: Sendable>(
        _ body: (inout Exchange) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            // Without it, Nagle's algorithm holds each small request back for the previous ACK.
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var exchange = Exchange(responses: inbound.makeAsyncIterator(), requests: outbound)
            return try await body(&exchange)
        }
    }

    /// One connection's requests and answers, strictly alternating.
    struct Exchange {
        fileprivate var responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
        fileprivate let requests: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

        /// Writes the request in one flush and reads its whole answer.
        mutating func send(_ head: HTTPRequestHead, body: ByteBuffer) async throws -> Response {
            try await requests.write(contentsOf: [.head(head), .body(.byteBuffer(body)), .end(nil)])
            var answer: HTTPResponseHead?
            var collected = ByteBuffer()
            while let part = try await responses.next() {
                switch part {
                case .head(let received):
                    answer = received
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    guard let answer else { throw BenchError("an HTTP answer ended before its head") }
                    return Response(status: answer.status, body: collected, keepAlive: answer.isKeepAlive)
                }
            }
            throw BenchError("the server closed the connection before answering")
        }
    }
}
