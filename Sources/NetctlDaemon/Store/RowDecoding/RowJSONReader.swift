import Foundation
import NetctlAPI

/// Reads a stored row's JSON body straight from its UTF-8 bytes, for the hand-written decoders of the
/// kinds that hold most rows (`PeeringRowDecoder` and the others here): start-up decodes every row,
/// and `JSONDecoder` took 20–45 µs per peering. It accepts only what it reads exactly as `JSONDecoder` would: every method
/// returns nil (or false) at anything else, such as an escape in a string, a number that is not a
/// plain integer or a literal it does not expect, and the decoder then hands the row to `JSONDecoder`.
/// Nil never means the row is bad, only that this reader does not vouch for it.
struct RowJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A member name as it stands between its quotes, without escapes. Valid only while the row's
    /// bytes are. Matched by `switch` against names: `case "vpcId":`.
    struct Key {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let ascii: Bool

        /// Lengths and first letters tell most member names apart, without a call to memcmp.
        @inline(__always)
        static func ~= (name: StaticString, key: Key) -> Bool {
            key.bytes.count == name.utf8CodeUnitCount && key.bytes.first == name.utf8Start.pointee
                && memcmp(key.bytes.baseAddress!, name.utf8Start, key.bytes.count) == 0
        }
    }

    /// Reads a whole document that is one object: `member` reads the value of each key (returning
    /// false at a key it does not know), and nothing but whitespace may follow the object.
    mutating func document(_ member: (inout RowJSONReader, Key) -> Bool) -> Bool {
        guard object(member) else { return false }
        skipWhitespace()
        return position == bytes.count
    }

    /// An object; `member` reads the value of each key, or returns false at one it does not know.
    mutating func object(_ member: (inout RowJSONReader, Key) -> Bool) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let (key, ascii) = stringBytes() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")), member(&self, Key(bytes: key, ascii: ascii)) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// An array of values `element` reads, or nil when one does not read.
    mutating func list<Element>(_ element: (inout RowJSONReader) -> Element?) -> [Element]? {
        var elements: [Element] = []
        let read = array { reader in
            guard let value = element(&reader) else { return false }
            elements.append(value)
            return true
        }
        return read ? elements : nil
    }

    /// An array; `element` reads each element.
    mutating func array(_ element: (inout RowJSONReader) -> Bool) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "[")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]"))
        }
    }

    mutating func string() -> String? {
        skipWhitespace()
        guard let (content, ascii) = stringBytes() else { return nil }
        return Self.text(content, ascii: ascii)
    }

    /// A string or null: `.some(nil)` for null, nil when it is neither.
    mutating func optionalString() -> String?? {
        if literal("null") { return .some(nil) }
        return string().map { .some($0) }
    }

    /// A value `read` reads, or null: `.some(nil)` for null, nil when it is neither. For optional
    /// nested objects, such as an interface's attachment.
    mutating func optional<Value>(_ read: (inout RowJSONReader) -> Value?) -> Value?? {
        if literal("null") { return .some(nil) }
        return read(&self).map { .some($0) }
    }

    /// An object of two string members named `first` and `second`, such as a peering's status.
    mutating func strings(_ first: StaticString, _ second: StaticString) -> (String, String)? {
        var firstValue = Member<String>()
        var secondValue = Member<String>()
        let read = object { reader, key in
            switch key {
            case first: firstValue.read(&reader) { $0.string() }
            case second: secondValue.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let firstValue = firstValue.value, let secondValue = secondValue.value else { return nil }
        return (firstValue, secondValue)
    }

    mutating func stringArray() -> [String]? {
        var strings: [String] = []
        let read = array { reader in
            guard let string = reader.string() else { return false }
            strings.append(string)
            return true
        }
        return read ? strings : nil
    }

    /// An object of strings, such as tags. A key that appears twice is left to JSONDecoder.
    mutating func stringDictionary() -> [String: String]? {
        var dictionary: [String: String] = [:]
        let read = object { reader, key in
            guard let value = reader.string() else { return false }
            guard let name = Self.name(key) else { return false }
            return dictionary.updateValue(value, forKey: name) == nil
        }
        return read ? dictionary : nil
    }

    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// A non-negative integer of at most 18 digits, without a fraction, exponent or leading zero.
    mutating func int() -> Int? {
        skipWhitespace()
        let start = position
        var value = 0
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 {
            value = value * 10 + Int(bytes[position] &- UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits <= 18, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        // What ends a number in a row: anything else (".", "e") is a form JSONDecoder reads its own way.
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return value
        default: return nil
        }
    }

    /// A timestamp as `NetctlJSON` writes it; any other form is left to `Timestamp.parse` via JSONDecoder.
    mutating func date() -> Date? {
        skipWhitespace()
        guard let (content, _) = stringBytes() else { return nil }
        return Timestamp.parseCanonical(utf8: content)
    }

    /// A timestamp or null: `.some(nil)` for null.
    mutating func optionalDate() -> Date?? {
        if literal("null") { return .some(nil) }
        return date().map { .some($0) }
    }

    /// A member name as a String, for dictionaries.
    private static func name(_ key: Key) -> String? { text(key.bytes, ascii: key.ascii) }

    /// Checked as UTF-8, as JSONDecoder does: invalid bytes are its error to report, not a string this
    /// reader repairs. ASCII, nearly every string of a row, takes the direct way: `String(validating:)`
    /// is generic, and its runtime type look-ups cost more than the string.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
        ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// The bytes between a string's quotes, when it has no escape and no control character, and
    /// whether they are all ASCII.
    private mutating func stringBytes() -> (UnsafeBufferPointer<UInt8>, ascii: Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        var high: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), high < 0x80)
            }
            // An escape is JSONDecoder's to resolve; a raw control character is its error to report.
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            high |= byte
            position += 1
        }
        return nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count, memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
        else { return false }
        position += count
        return true
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// JSON's four whitespace characters, the only ones JSONDecoder allows between tokens.
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }
}

/// One member of an object being read, read at most once: a key met twice, whose value JSONDecoder
/// picks by its own rule, sends the row to JSONDecoder.
struct Member<Value> {
    /// Nil until read; an optional member read as null is `.some(nil)`.
    private(set) var value: Value?

    /// Reads the value with `read`; false when it does not read or was read before.
    mutating func read(_ reader: inout RowJSONReader, _ read: (inout RowJSONReader) -> Value?) -> Bool {
        guard value == nil, let read = read(&reader) else { return false }
        value = read
        return true
    }
}
