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
