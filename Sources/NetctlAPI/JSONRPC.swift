/// A JSON-RPC 2.0 request id: a string or a number (null is allowed by the spec for responses to
/// requests whose id could not be read).
public enum RPCID: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Int64)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    public var json: JSONValue {
        switch self {
        case .number(let value): .int(value)
        case .string(let value): .string(value)
        }
    }

    public var description: String {
        switch self {
        case .number(let value): String(value)
        case .string(let value): value
        }
    }
}

/// The standard JSON-RPC 2.0 error codes, plus -32000 which carries every domain error.
public enum RPCErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let domainError = -32000
}

/// The `error` member of a JSON-RPC response.
public struct RPCErrorObject: Error, Sendable, Hashable, Codable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The AWS-style code carried in `data.code`, when there is one.
    public var domainCode: String? { data?["code"]?.stringValue }

    /// The AWS-style code when there is one, otherwise the name of the standard JSON-RPC code:
    /// what logs and the CLI print in front of the message.
    public var codeName: String {
        if let domainCode { return domainCode }
        switch code {
        case RPCErrorCode.parseError: return "ParseError"
        case RPCErrorCode.invalidRequest: return "InvalidRequest"
        case RPCErrorCode.methodNotFound: return "MethodNotFound"
        case RPCErrorCode.invalidParams: return "InvalidParams"
        case RPCErrorCode.internalError: return "InternalError"
        default: return "Error\(code)"
        }
    }
}

/// A request as it travels on the wire.
public struct RPCRequest: Sendable, Hashable, Codable {
    public var jsonrpc: String
    public var id: RPCID?
    public var method: String
    public var params: JSONValue?

    public init(id: RPCID?, method: String, params: JSONValue?) {
        self.jsonrpc = "2.0"
        self.id = id
        self.method = method
        self.params = params
    }
}

/// A response as it travels on the wire: exactly one of `result` and `error` is set.
public struct RPCResponse: Sendable, Hashable, Codable {
    public var jsonrpc: String
    public var id: RPCID?
    public var result: JSONValue?
    public var error: RPCErrorObject?

    public init(id: RPCID?, result: JSONValue) {
        self.jsonrpc = "2.0"
        self.id = id
        self.result = result
        self.error = nil
    }

    public init(id: RPCID?, error: RPCErrorObject) {
        self.jsonrpc = "2.0"
        self.id = id
        self.result = nil
        self.error = error
    }

    private enum CodingKeys: String, CodingKey { case jsonrpc, id, result, error }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jsonrpc = try container.decode(String.self, forKey: .jsonrpc)
        id = try container.decodeIfPresent(RPCID.self, forKey: .id)
        error = try container.decodeIfPresent(RPCErrorObject.self, forKey: .error)
        result = error == nil ? try container.decodeIfPresent(JSONValue.self, forKey: .result) ?? .null : nil
    }

    // The spec requires `id` to be present (null when unknown) and exactly one of result/error.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jsonrpc, forKey: .jsonrpc)
        if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
        if let error {
            try container.encode(error, forKey: .error)
        } else {
            try container.encode(result ?? .null, forKey: .result)
        }
    }
}

/// A server-pushed message on a subscription: `{"method":"logs.event","params":{...}}` without an id.
public struct RPCNotification: Sendable, Hashable, Codable {
    public var jsonrpc: String
    public var method: String
    public var params: JSONValue?

    public init(method: String, params: JSONValue?) {
        self.jsonrpc = "2.0"
        self.method = method
        self.params = params
    }
}
