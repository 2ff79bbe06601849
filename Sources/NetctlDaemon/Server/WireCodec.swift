import Foundation
import NetctlAPI
import NetctlCore

/// The daemon's JSON on the socket, in one place: each line is decoded once, envelope and params in
/// the same pass, straight into typed requests; each result is encoded once and spliced into its
/// response. Encoder settings are `NetctlJSON`'s; every fast path here writes what its encoder would
/// (WireCodecTests checks them byte for byte).
struct WireCodec: Sendable {
    private let decoder: JSONDecoder
    private let methods: [String: MethodEntry]
    private let info: DaemonInfo

    init(methods: [String: MethodEntry], info: DaemonInfo) {
        decoder = NetctlJSON.makeDecoder()
        decoder.userInfo[RoutingTable.key] = RoutingTable(methods: methods, info: info)
        self.methods = methods
        self.info = info
    }

    /// The line's calls, or the parse error that answers a line that is not JSON.
    func decode(_ line: Data) -> Result<IncomingLine, RPCErrorObject> {
        do {
            // The decoder reads strings only when a member is decoded, and a lone surrogate escape is
            // only then an error; a line with one is not JSON whatever its members, so it is read
            // whole first, as every line once was. Such lines are rare: the check is one scan.
            if Self.hasSurrogateEscape(line) { _ = try decoder.decode(JSONValue.self, from: line) }
            if let call = plainCall(line) { return .success(.single(call)) }
            return .success(try decoder.decode(IncomingLine.self, from: line))
        } catch {
            return .failure(.parseError("Parse error: the line is not valid JSON (\(Self.describe(error)))."))
        }
    }

    /// The common single request, its envelope read by `EnvelopeScan` and only its params by the
    /// decoder; nil sends the line the general way (and so does anything the scanner or the params'
    /// decoding does not vouch for: the general way's answers are the contract).
    private func plainCall(_ line: Data) -> IncomingCall? {
        guard let scan = line.withUnsafeBytes(EnvelopeScan.scan) else { return nil }
        let (version, name) = line.withUnsafeBytes { bytes in
            (
                UnsafeRawBufferPointer(rebasing: bytes[scan.jsonrpc]).elementsEqual("2.0".utf8),
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[scan.method]), as: UTF8.self)
            )
        }
        guard version, let entry = methods[name] else { return nil }
        let params: Result<DecodedParams, RPCErrorObject>
        if let range = scan.params {
            let start = line.startIndex
            guard let decoded = entry.decodeParamsBytes(line[(start + range.lowerBound)..<(start + range.upperBound)], info)
            else { return nil }
            params = decoded
        } else {
            params = entry.decodeParams(nil, info)
        }
        return IncomingCall(id: scan.id, respond: scan.hasId, params.map { RoutedCall(entry: entry, params: $0) })
    }

    /// `\uD800`–`\uDFFF` anywhere in the line (a false positive only costs the whole-line read).
    static func hasSurrogateEscape(_ line: Data) -> Bool {
        line.withUnsafeBytes { bytes in
            guard bytes.count >= 6 else { return false }
            for index in 0...(bytes.count - 6) where bytes[index] == UInt8(ascii: "\\") {
                guard bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] | 0x20 == UInt8(ascii: "d") else { continue }
                switch bytes[index + 3] | 0x20 {
                case UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): return true
                default: continue
                }
            }
            return false
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)
        }
        return "\(error)"
    }

    /// One response object: `{"id":…,"jsonrpc":"2.0","result":…}`, the member order of
    /// `RPCResponse`'s sorted-key encoding, around a result that is already bytes.
    static func response(id: RPCID?, _ reply: Reply) -> Data {
        let body: Data
        switch reply {
        case .success(.encoded(let bytes)):
            body = bytes
        case .success(.value(let value as any WireFastEncodable)):
            return fastResponse(id: id, value)
        case .success(.value(let value)):
            do { body = try encodeValue(value) } catch {
                return failure(id: id, .internalError("Could not encode the result: \(error)"))
            }
        case .failure(let error):
            return failure(id: id, error)
        }
        var data = Data(#"{"id":"#.utf8)
        data.append(contentsOf: idText(id).utf8)
        data.append(contentsOf: #","jsonrpc":"2.0","result":"#.utf8)
        data.append(body)
        data.append(UInt8(ascii: "}"))
        return data
    }

    /// An id as `NetctlJSON.encoder` writes it.
    static func idText(_ id: RPCID?) -> String {
        switch id {
        case .number(let value)?: String(value)
        case .string(let value)?: JSONText.quote(value)
        case nil: "null"
        }
    }

    private static func failure(id: RPCID?, _ error: RPCErrorObject) -> Data {
        (try? NetctlJSON.encoder.encode(RPCResponse(id: id, error: error)))
            ?? Data(#"{"error":{"code":-32603,"message":"Internal error"},"id":null,"jsonrpc":"2.0"}"#.utf8)
    }

    /// A result encoded to keep (a `clientToken`'s stored answer).
    static func encode(_ body: ResultBody) throws -> Data {
        switch body {
        case .encoded(let bytes): bytes
        case .value(let value): try encodeValue(value)
        }
    }
}

/// What the decoder needs to turn params into typed requests: it rides in the decoder's `userInfo`.
private struct RoutingTable: Sendable {
    static let key = CodingUserInfoKey(rawValue: "netctl.routing")!
    var methods: [String: MethodEntry]
    var info: DaemonInfo
}

/// A decoded line: one call, or a batch of them.
enum IncomingLine: Decodable {
    case single(IncomingCall)
    case batch([IncomingCall])

    init(from decoder: any Decoder) throws {
        guard var elements = try? decoder.unkeyedContainer() else {
            self = .single(IncomingCall(from: decoder))
            return
        }
        var calls: [IncomingCall] = []
        while !elements.isAtEnd { calls.append(try elements.decode(IncomingCall.self)) }
        self = .batch(calls)
    }
}

/// A call whose method was found and whose params decoded as far as routing needs.
struct RoutedCall: Sendable {
    var entry: MethodEntry
    var params: DecodedParams
}

/// One call of a line: its id, whether it wants an answer, and its method and params, or the error
/// that answers it. Decoding never throws: each call of a batch stands on its own.
struct IncomingCall: Decodable, Sendable {
    var id: RPCID?
    /// False for notifications: they run, but get no response.
    var respond: Bool
    var routed: Result<RoutedCall, RPCErrorObject>

    private enum Member: String, CodingKey { case jsonrpc, id, method, params }

    init(id: RPCID?, respond: Bool, _ routed: Result<RoutedCall, RPCErrorObject>) {
        self.id = id
        self.respond = respond
        self.routed = routed
    }

    init(from decoder: any Decoder) {
        guard let envelope = try? decoder.container(keyedBy: Member.self) else {
            self.init(id: nil, respond: true, .failure(.invalidRequest("Invalid Request: a request must be a JSON object.")))
            return
        }
        // Only a request with no "id" member is a notification.
        let hasId = envelope.contains(.id)
        let id: RPCID?
        if !hasId || (try? envelope.decodeNil(forKey: .id)) == true {
            id = nil
        } else if let number = try? envelope.decode(Int64.self, forKey: .id) {
            id = .number(number)
        } else if let number = try? envelope.decode(Double.self, forKey: .id), let exact = Int64(exactly: number) {
            // 1.0 and 1e3 are integers; one past Int64 could not be echoed back as sent.
            id = .number(exact)
        } else if let text = try? envelope.decode(String.self, forKey: .id) {
            id = .string(text)
        } else {
            self.init(
                id: nil, respond: true,
                .failure(.invalidRequest("Invalid Request: id must be a string, an integer or null.")))
            return
        }
        guard (try? envelope.decode(String.self, forKey: .jsonrpc)) == "2.0" else {
            self.init(id: id, respond: true, .failure(.invalidRequest("Invalid Request: \"jsonrpc\" must be \"2.0\".")))
            return
        }
        guard let methodName = try? envelope.decode(String.self, forKey: .method) else {
            self.init(id: id, respond: true, .failure(.invalidRequest("Invalid Request: \"method\" must be a string.")))
            return
        }
        guard let table = decoder.userInfo[RoutingTable.key] as? RoutingTable else {
            preconditionFailure("WireCodec decodes with its routing table")
        }
        guard let entry = table.methods[methodName] else {
            self.init(
                id: id, respond: hasId,
                .failure(.methodNotFound(methodName, hint: "Call rpc.discover for the list of methods.")))
            return
        }
        let params: (any Decoder)?
        if !envelope.contains(.params) || (try? envelope.decodeNil(forKey: .params)) == true {
            params = nil
        } else {
            do { params = try envelope.superDecoder(forKey: .params) } catch {
                self.init(id: id, respond: hasId, .failure(.invalidParams(decoding: error, method: methodName)))
                return
            }
        }
        self.init(
            id: id, respond: hasId,
            entry.decodeParams(params, table.info).map { RoutedCall(entry: entry, params: $0) })
    }
}
