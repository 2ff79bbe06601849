import Foundation

/// A params object of scalars only, `{"vpc":"vpc-0abc","maxResults":5}` (most requests), read without
/// `JSONDecoder`, whose set-up and scan cost more than the rest of a lookup. It serves the happy path
/// only: whatever it does not support exactly as `JSONDecoder` with `NetctlJSON`'s settings would (a
/// nested value, an escape, a fraction, a duplicate member, a date, any decoding error) makes it throw
/// `Declined`, and the params are decoded by `JSONDecoder` instead, whose answers are the contract.
struct FlatParamsDecoder: Decoder {
    enum Value: Equatable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case null
    }

    /// Thrown for anything the decoder leaves to `JSONDecoder`.
    struct Declined: Error {}

    let members: [(name: String, value: Value)]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The members of a flat object, or nil when the bytes are anything else.
    static func members(of bytes: Data) -> [(name: String, value: Value)]? {
        bytes.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw)
            return reader.object()
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Declined() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Declined() }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [(name: String, value: Value)]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.name) } }

        func contains(_ key: Key) -> Bool { members.contains { $0.name == key.stringValue } }

        private func value(_ key: Key) throws -> Value {
            guard let member = members.first(where: { $0.name == key.stringValue }) else { throw Declined() }
            return member.value
        }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            guard case .bool(let flag) = try value(key) else { throw Declined() }
            return flag
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let text) = try value(key) else { throw Declined() }
            return text
        }

        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            guard case .integer(let number) = try value(key) else { throw Declined() }
            return Double(number)
        }

        func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
            guard case .integer(let number) = try value(key) else { throw Declined() }
            return Float(number)
        }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

        private func integer<Number: FixedWidthInteger>(_ key: Key) throws -> Number {
            guard case .integer(let number) = try value(key), let exact = Number(exactly: number) else { throw Declined() }
            return exact
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            // `JSONDecoder` gives these strategies of its own (NetctlJSON's dates are RFC 3339 text).
            if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self { throw Declined() }
            return try T(from: ScalarDecoder(value: try value(key)))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        { throw Declined() }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw Declined() }
        func superDecoder() throws -> any Decoder { throw Declined() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Declined() }
    }

    /// One member's value, for a type that decodes itself from a single value (a string-backed enum).
    private struct ScalarDecoder: Decoder, SingleValueDecodingContainer {
        let value: Value
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw Declined() }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Declined() }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { value == .null }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let flag) = value else { throw Declined() }
            return flag
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let text) = value else { throw Declined() }
            return text
        }

        func decode(_ type: Double.Type) throws -> Double {
            guard case .integer(let number) = value else { throw Declined() }
            return Double(number)
        }

        func decode(_ type: Float.Type) throws -> Float {
            guard case .integer(let number) = value else { throw Declined() }
            return Float(number)
        }

        func decode(_ type: Int.Type) throws -> Int { try integer() }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
        func decode(_ type: UInt.Type) throws -> UInt { try integer() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

        private func integer<Number: FixedWidthInteger>() throws -> Number {
            guard case .integer(let number) = value, let exact = Number(exactly: number) else { throw Declined() }
            return exact
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self { throw Declined() }
            return try T(from: self)
        }
    }

    private struct Reader {
        var json: JSONByteReader

        init(bytes: UnsafeRawBufferPointer) { json = JSONByteReader(bytes: bytes) }

        mutating func object() -> [(name: String, value: Value)]? {
            var members: [(name: String, value: Value)] = []
            json.skipSpace()
            guard json.take(UInt8(ascii: "{")) else { return nil }
            json.skipSpace()
            if json.take(UInt8(ascii: "}")) { return finished(members) }
            while true {
                json.skipSpace()
                guard let name = json.plainString().map(json.text) else { return nil }
                // A repeated member is `JSONDecoder`'s to resolve.
                guard !members.contains(where: { $0.name == name }) else { return nil }
                json.skipSpace()
                guard json.take(UInt8(ascii: ":")) else { return nil }
                json.skipSpace()
                guard let value = value() else { return nil }
                members.append((name, value))
                json.skipSpace()
                if json.take(UInt8(ascii: ",")) { continue }
                guard json.take(UInt8(ascii: "}")) else { return nil }
                return finished(members)
            }
        }

        private mutating func finished(_ members: [(name: String, value: Value)]) -> [(name: String, value: Value)]? {
            json.skipSpace()
            return json.atEnd ? members : nil
        }

        private mutating func value() -> Value? {
            guard !json.atEnd else { return nil }
            switch json.bytes[json.index] {
            case UInt8(ascii: "\""): return json.plainString().map { .string(json.text($0)) }
            case UInt8(ascii: "t"): return json.literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return json.literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return json.literal("null") ? .null : nil
            default: return json.integer().map(Value.integer)
            }
        }
    }
}
