import Foundation
import NetctlAPI

/// The one place errors become JSON-RPC error objects.
extension RPCErrorObject {
    /// Domain errors: code -32000, the AWS-style code in `data.code`.
    init(_ error: NetctlError) {
        self.init(code: RPCErrorCode.domainError, message: error.message, data: ["code": .string(error.code.rawValue)])
    }

    static func parseError(_ message: String) -> RPCErrorObject {
        RPCErrorObject(code: RPCErrorCode.parseError, message: message)
    }

    static func invalidRequest(_ message: String) -> RPCErrorObject {
        RPCErrorObject(code: RPCErrorCode.invalidRequest, message: message)
    }

    static func methodNotFound(_ method: String, hint: String) -> RPCErrorObject {
        RPCErrorObject(code: RPCErrorCode.methodNotFound, message: "Method '\(method)' does not exist. \(hint)")
    }

    /// Bad params: -32602, with `data.code` saying whether something is missing or malformed.
    static func invalidParams(_ message: String, code: ErrorCode = .invalidParameterValue) -> RPCErrorObject {
        RPCErrorObject(code: RPCErrorCode.invalidParams, message: message, data: ["code": .string(code.rawValue)])
    }

    static func internalError(_ message: String) -> RPCErrorObject {
        RPCErrorObject(
            code: RPCErrorCode.internalError, message: message, data: ["code": .string(ErrorCode.internalError.rawValue)])
    }

    /// Turns a decoding failure of a request's params into a message that names the field, from the
    /// params object down (`droppingLeadingKeys`: how deep the params object sat in what was decoded).
    static func invalidParams(decoding error: any Error, method: String, droppingLeadingKeys depth: Int = 0)
        -> RPCErrorObject
    {
        guard let error = error as? DecodingError else {
            return invalidParams("Invalid params for \(method): \(error)")
        }
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath.dropFirst(depth) + (last.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return invalidParams(
                "\(method) requires the parameter '\(path(context.codingPath, key))'.", code: .missingParameter)
        case .typeMismatch(let type, let context):
            return invalidParams(
                "Parameter '\(path(context.codingPath))' of \(method) must be \(jsonTypeName(type)).")
        case .valueNotFound(let type, let context):
            return invalidParams(
                "Parameter '\(path(context.codingPath))' of \(method) must be \(jsonTypeName(type)), not null.")
        case .dataCorrupted(let context):
            return invalidParams(
                "Parameter '\(path(context.codingPath))' of \(method) is invalid: \(context.debugDescription)")
        @unknown default:
            return invalidParams("Invalid params for \(method): \(error)")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
