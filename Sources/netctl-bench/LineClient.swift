import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NetctlAPI

/// Speaks JSON-RPC lines on a socket directly. NetctlConnection sends one call at a time; this
/// writes up to `window` requests before reading their answers. Its lines are built once, and an
/// answer is matched by scanning for its id, so the client takes little of the CPU it shares with
/// the daemon it measures.
struct LineClient: Sendable {
    var socketPath: String
    var method: String
    /// Encoded params objects; request `n` takes `params[n % params.count]`.
    var params: [String]

    private static let prefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
    // netctld encodes with sorted keys, so a success begins with its id ("error" would sort first).
    private static let successPrefix = Array(#"{"id":"#.utf8)

    /// Sends `count` requests on one connection with at most `window` unanswered, and records each
    /// one's latency from the write of its line to the read of the response carrying its id.
    func run(count: Int, window: Int) async throws -> Latencies {
        let suffixes = params.map { Array(#","method":"\#(method)","params":\#($0)}"#.utf8) + [UInt8(ascii: "\n")] }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(unixDomainSocketPath: socketPath) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: 64 << 20))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var latencies = Latencies()
            var sentAt = [ContinuousClock.Instant](repeating: .now, count: count)
            var answered = [Bool](repeating: false, count: count)
            var sent = 0
            func append(_ id: Int, to buffer: inout ByteBuffer) {
                buffer.writeBytes(Self.prefix)
                buffer.writeString(String(id))
                buffer.writeBytes(suffixes[id % suffixes.count])
            }
            // The first window goes out in one write, as a client with a queue of work would send it.
            var first = ByteBuffer()
            let opening = ContinuousClock.now
            while sent < min(window, count) {
                append(sent, to: &first)
                sentAt[sent] = opening
                sent += 1
            }
            try await outbound.write(first)
            var received = 0
            var lines = inbound.makeAsyncIterator()
            while received < count {
                guard let line = try await lines.next() else {
                    throw BenchError("netctld closed the connection after \(received) of \(count) answers")
                }
                let now = ContinuousClock.now
                let id = try Self.answeredID(line)
                guard id >= 0, id < count, !answered[id] else {
                    throw BenchError("an answer carries id \(id), which is not an unanswered request")
                }
                answered[id] = true
                latencies.record(from: sentAt[id], to: now)
                received += 1
                if sent < count {
                    var next = ByteBuffer()
                    append(sent, to: &next)
                    sentAt[sent] = .now
                    sent += 1
                    try await outbound.write(next)
                }
            }
            return latencies
        }
    }

    /// The id of a successful response; an error response throws its message.
    private static func answeredID(_ line: ByteBuffer) throws -> Int {
        let bytes = line.readableBytesView
        if bytes.starts(with: successPrefix) {
            var id = 0
            var digits = 0
            for byte in bytes.dropFirst(successPrefix.count) {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
                id = id * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
            if digits > 0 { return id }
        }
        // Anything else is decoded in full: an error, or a shape the fast path does not know.
        let response = try NetctlJSON.decoder.decode(RPCResponse.self, from: Data(bytes))
        if let error = response.error { throw BenchError("\(error.codeName): \(error.message)") }
        guard case .number(let id)? = response.id else { throw BenchError("an answer without a numeric id") }
        return Int(id)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
