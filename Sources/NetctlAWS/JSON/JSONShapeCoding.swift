import Foundation
import NetctlAPI

/// How the JSON protocols put shapes on the wire: timestamps as epoch seconds (botocore's JSON
/// serializers send numbers, its parsers read numbers or ISO 8601), blobs as base64.
enum JSONShapeCoding {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try container.decode(String.self)
            if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
            if let date = Timestamp.parse(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is neither epoch seconds nor an ISO 8601 time")
        }
        return decoder
    }

    /// A request body as an operation's input (an empty body is `{}`), refusals named as the JSON
    /// services name them: a missing required member with the service's invalid-parameter code, a
    /// body that does not fit the shape `SerializationException`.
    static func decodeInput<Input: Decodable>(_ type: Input.Type, from bytes: [UInt8], invalidParameterCode: String)
        throws(AWSError) -> Input
    {
        let body = bytes.isEmpty ? Array("{}".utf8) : bytes
        do {
            return try decoder().decode(type, from: Data(body))
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw AWSError(code: invalidParameterCode, message: "The request must contain the parameter \(path).")
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw AWSError(
                code: "SerializationException",
                message: "The value of \(path.isEmpty ? "the request body" : path) is not a \(wireName(type)).")
        } catch {
            throw AWSError(
                code: "SerializationException", message: "The request body is not valid JSON for this operation.")
        }
    }

    private static func wireName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        case is Int.Type, is Double.Type: "number"
        case is Date.Type: "timestamp (epoch seconds)"
        default: "\(type)"
        }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            // Milliseconds, as AWS's services answer: no binary-fraction noise in the last digits.
            var container = encoder.singleValueContainer()
            let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
            try container.encode(Decimal(Int64(milliseconds)) / 1000)
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}

/// Any input member name, so a request's top-level keys can be read in the same pass as its shape.
struct AnyMemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A decoded input together with the member names the request gave.
struct KeyedInput<Input: Decodable>: Decodable {
    var keys: [String]
    var input: Input

    init(from decoder: any Decoder) throws {
        keys = try decoder.container(keyedBy: AnyMemberKey.self).allKeys.map(\.stringValue)
        input = try Input(from: decoder)
    }
}
