import Foundation
import NetctlAPI

/// Derives a JSON Schema for a request type from its `Decodable` conformance, by decoding it once
/// with a decoder that records every key asked for. This keeps `rpc.discover` and unknown-parameter
/// checks true to the code without a hand-written schema per method.
enum ParamsSchema {
    static func of<T: Decodable>(_ type: T.Type) -> JSONValue {
        let recorder = SchemaRecorder()
        _ = try? T(from: recorder)
        return recorder.schema
    }
}

/// Records what a `Decodable` type reads. Values handed back are placeholders; only the shape matters.
private final class SchemaRecorder: Decoder {
    enum Shape {
        case unknown
        case scalar(JSONValue)
        case object(properties: [String: SchemaRecorder], optional: Set<String>, order: [String], open: Bool)
        case array(SchemaRecorder)
    }

    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var shape: Shape = .unknown

    var schema: JSONValue {
        switch shape {
        case .unknown: return .object([:])
        case .scalar(let schema): return schema
        case .array(let items): return ["type": "array", "items": items.schema]
        case .object(let properties, let optional, let order, let open):
            if open && properties.isEmpty { return ["type": "object", "additionalProperties": ["type": "string"]] }
            var members: [String: JSONValue] = [:]
            for (name, recorder) in properties { members[name] = recorder.schema }
            let required = order.filter { !optional.contains($0) }.map { JSONValue.string($0) }
            var result: [String: JSONValue] = ["type": "object", "properties": .object(members)]
            if !required.isEmpty { result["required"] = .array(required) }
            return .object(result)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .object = shape {} else { shape = .object(properties: [:], optional: [], order: [], open: false) }
        return KeyedDecodingContainer(KeyedRecorder<Key>(recorder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let items = SchemaRecorder()
        shape = .array(items)
        return UnkeyedRecorder(items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleRecorder(recorder: self) }

    func property(_ name: String) -> SchemaRecorder {
        guard case .object(var properties, let optional, var order, let open) = shape else { return SchemaRecorder() }
        if let existing = properties[name] { return existing }
        let child = SchemaRecorder()
        properties[name] = child
        order.append(name)
        shape = .object(properties: properties, optional: optional, order: order, open: open)
        return child
    }

    func markOptional(_ name: String) {
        guard case .object(let properties, var optional, let order, let open) = shape else { return }
        optional.insert(name)
        shape = .object(properties: properties, optional: optional, order: order, open: open)
    }

    func markOpen() {
        guard case .object(let properties, let optional, let order, _) = shape else { return }
        shape = .object(properties: properties, optional: optional, order: order, open: true)
    }

    /// A placeholder of type T, recording its schema on `self`.
    func placeholder<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type:
            shape = .scalar(["type": "string"])
            return "" as! T
        case is Bool.Type:
            shape = .scalar(["type": "boolean"])
            return false as! T
        case is Double.Type, is Float.Type:
            shape = .scalar(["type": "number"])
            return try T(from: NumberDecoder())
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt32.Type, is UInt64.Type, is UInt.Type, is Int16.Type,
            is UInt16.Type, is Int8.Type, is UInt8.Type:
            shape = .scalar(["type": "integer"])
            return try T(from: NumberDecoder())
        case is Date.Type:
            shape = .scalar(["type": "string", "format": "date-time"])
            return Date(timeIntervalSince1970: 0) as! T
        case is JSONValue.Type:
            shape = .scalar([:])
            return JSONValue.null as! T
        default:
            return try T(from: self)
        }
    }
}

/// Decodes the number 0 into any numeric type.
private struct NumberDecoder: Decoder, SingleValueDecodingContainer {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "number"))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "number"))
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Double.Type: return 0.0 as! T
        case is Float.Type: return Float(0) as! T
        case is Int.Type: return 0 as! T
        case is Int64.Type: return Int64(0) as! T
        case is Int32.Type: return Int32(0) as! T
        case is Int16.Type: return Int16(0) as! T
        case is Int8.Type: return Int8(0) as! T
        case is UInt.Type: return UInt(0) as! T
        case is UInt64.Type: return UInt64(0) as! T
        case is UInt32.Type: return UInt32(0) as! T
        case is UInt16.Type: return UInt16(0) as! T
        case is UInt8.Type: return UInt8(0) as! T
        default: throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "number"))
        }
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] { [] }
    // A dictionary with string keys asks for allKeys: it is an open object.
    var allKeys: [Key] {
        recorder.markOpen()
        return []
    }
    func contains(_ key: Key) -> Bool {
        recorder.markOptional(key.stringValue)
        return true
    }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try recorder.property(key.stringValue).placeholder(type)
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try recorder.property(key.stringValue).placeholder(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try recorder.property(key.stringValue).placeholder(type) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try recorder.property(key.stringValue).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try recorder.property(key.stringValue).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { recorder }
    func superDecoder(forKey key: Key) throws -> any Decoder { recorder.property(key.stringValue) }
}

/// Presents one element, so the element type is recorded once.
private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let items: SchemaRecorder
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var isAtEnd: Bool { currentIndex >= 1 }
    var currentIndex = 0
    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try items.placeholder(type)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        return try items.container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try items.unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { items }
}

private struct SingleRecorder: SingleValueDecodingContainer {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try recorder.placeholder(type) }
}
