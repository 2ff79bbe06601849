import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NetctlAPI

/// Why a call did not produce a result.
public enum ClientError: Error, CustomStringConvertible, Sendable {
    /// Nothing answered at the socket path.
    case unreachable(socketPath: String, reason: String)
    /// The daemon answered with a JSON-RPC error.
    case rpc(RPCErrorObject)
    /// The daemon's answer was not what the protocol promises.
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .unreachable(let path, let reason):
            return "cannot reach netctld at \(path): \(reason)"
        case .rpc(let error):
            return "\(error.codeName): \(error.message)"
        case .protocolViolation(let message):
            return "unexpected answer from netctld: \(message)"
        }
    }
}

/// A client of netctld's Unix socket. `withConnection` keeps one connection for several calls;
/// `send` opens one for a single call.
public struct NetctlClient: Sendable {
    public let socketPath: String
    /// The largest response line accepted (lists of many resources can be long).
    public var maximumResponseBytes = 256 << 20

    /// Connects to `socketPath`, or to the default path netctld uses (see `DefaultPaths`).
    public init(socketPath: String? = nil) {
        self.socketPath = socketPath ?? DefaultPaths.resolve().socketPath
    }

    public func withConnection<T>(_ body: (NetctlConnection) async throws -> T) async throws -> T {
        let maximum = maximumResponseBytes
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(unixDomainSocketPath: socketPath) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: maximum))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ClientError.unreachable(socketPath: socketPath, reason: Self.explain(error))
        }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = NetctlConnection(inbound: inbound, outbound: outbound)
            return try await body(connection)
        }
    }

    public func send<M: RPCMethod>(_ request: M, options: CallOptions = CallOptions()) async throws -> M.Response {
        try await withConnection { try await $0.send(request, options: options) }
    }

    public func call(_ method: String, params: JSONValue = .object([:])) async throws -> JSONValue {
        try await withConnection { try await $0.call(method, params: params) }
    }

    private static func explain(_ error: any Error) -> String {
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ENOENT: return "no such socket (netctld is not running, or listens elsewhere)"
            case ECONNREFUSED: return "connection refused (a stale socket file; netctld is not running)"
            case EACCES: return "permission denied (ask to be added to the group that owns the socket)"
            default: return ioError.description
            }
        }
        return "\(error)"
    }
}

/// One open connection. Calls are sent one at a time; notifications that arrive in between (from
/// subscriptions) go to `onNotification`.
public final class NetctlConnection {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var nextId: Int64 = 1
    public var onNotification: ((RPCNotification) -> Void)?

    init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Sends a typed request; `options` adds `accountId`, `region` and `clientToken` to its params.
    public func send<M: RPCMethod>(_ request: M, options: CallOptions = CallOptions()) async throws -> M.Response {
        var params = try JSONValue(encoding: request)
        if case .object(var members) = params {
            if let accountId = options.accountId { members["accountId"] = .string(accountId) }
            if let region = options.region { members["region"] = .string(region) }
            if let clientToken = options.clientToken { members["clientToken"] = .string(clientToken) }
            params = .object(members)
        }
        return try Self.decode(M.self, from: try await exchange(M.method, params: params))
    }

    /// Sends a typed request and returns the line that answers it, undecoded: for a caller that times
    /// the daemon apart from its own decoding (a 500-instance `reach.matrix` is 30 MB of JSON).
    public func sendForLine<M: RPCMethod>(_ request: M) async throws -> Data {
        try await exchange(M.method, params: try JSONValue(encoding: request))
    }

    /// The result of `M` in a response line, or the error it carries.
    public static func decode<M: RPCMethod>(_ method: M.Type, from line: Data) throws -> M.Response {
        let response: TypedResponse<M.Response>
        do {
            // Straight into the result's type: a page of resources is not first built as a JSONValue tree.
            response = try NetctlJSON.decoder.decode(TypedResponse<M.Response>.self, from: line)
        } catch {
            throw ClientError.protocolViolation("the result of \(M.method) does not decode: \(error)")
        }
        switch response.outcome {
        case .success(let result): return result
        case .failure(let error): throw ClientError.rpc(error)
        }
    }

    /// Sends any method with raw params and returns the raw result.
    public func call(_ method: String, params: JSONValue = .object([:])) async throws -> JSONValue {
        let response = try NetctlJSON.decoder.decode(RPCResponse.self, from: try await exchange(method, params: params))
        if let error = response.error { throw ClientError.rpc(error) }
        return response.result ?? .null
    }

    /// Sends a request and returns the line that answers it; notifications that arrive first go to
    /// `onNotification`.
    private func exchange(_ method: String, params: JSONValue) async throws -> Data {
        let id = RPCID.number(nextId)
        nextId += 1
        try await writeLine(try NetctlJSON.encoder.encode(RPCRequest(id: id, method: method, params: params)))
        while true {
            let line = try await readLine()
            let head = try NetctlJSON.decoder.decode(MessageHead.self, from: line)
            if !head.hasId, head.method != nil {
                if let notification = try? NetctlJSON.decoder.decode(RPCNotification.self, from: line) {
                    onNotification?(notification)
                }
                continue
            }
            guard head.id == id || head.id == nil else { continue }
            return line
        }
    }

    /// Writes one raw line (a newline is added) and returns the next line the daemon sends: for tests
    /// and tools that speak the wire protocol directly.
    public func exchangeRaw(_ line: String) async throws -> String {
        try await writeLine(Data(line.utf8))
        return String(decoding: try await readLine(), as: UTF8.self)
    }

    /// Waits for the next notification pushed by the daemon.
    public func nextNotification() async throws -> RPCNotification {
        while true {
            let message = try NetctlJSON.decoder.decode(JSONValue.self, from: try await readLine())
            if message["id"] == nil, message["method"] != nil { return try message.decode(as: RPCNotification.self) }
        }
    }

    private func writeLine(_ data: Data) async throws {
        var buffer = ByteBuffer(bytes: data)
        buffer.writeInteger(UInt8(ascii: "\n"))
        try await outbound.write(buffer)
    }

    private func readLine() async throws -> Data {
        guard var buffer = try await inbound.next() else {
            throw ClientError.protocolViolation("netctld closed the connection")
        }
        return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }
}

/// What tells a response from a notification, read without building the rest of the line.
private struct MessageHead: Decodable {
    var hasId: Bool
    var id: RPCID?
    var method: String?

    private enum Member: String, CodingKey { case id, method }

    init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: Member.self)
        hasId = members.contains(.id)
        id = try? members.decodeIfPresent(RPCID.self, forKey: .id)
        method = try? members.decodeIfPresent(String.self, forKey: .method)
    }
}

/// A response whose result decodes straight into the method's response type.
private struct TypedResponse<Result: Decodable>: Decodable {
    var outcome: Swift.Result<Result, RPCErrorObject>

    private enum Member: String, CodingKey { case result, error }

    init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: Member.self)
        if let error = try members.decodeIfPresent(RPCErrorObject.self, forKey: .error) {
            outcome = .failure(error)
        } else {
            outcome = .success(try members.decode(Result.self, forKey: .result))
        }
    }
}
