import NetctlAPI

/// The envelope of the request nearly every line is, `{"jsonrpc":"2.0","id":7,"method":"vpc.get",
/// "params":{…}}` in any member order, read straight from the bytes, so that only the params object
/// goes through `JSONDecoder`. The scanner vouches only for what it fully understands; anything else
/// (a batch, an escape in the envelope, another member, a duplicate, a number that is not a plain
/// integer, bytes after the object) returns nil and the line takes the general path, whose answers
/// (every error message included) are the contract.
struct EnvelopeScan: Equatable {
    var jsonrpc: Range<Int>
    var method: Range<Int>
    /// Whether the line has an "id" member: without one the request is a notification.
    var hasId: Bool
    var id: RPCID?
    /// The params object, from its `{` to its `}`; nil when absent or null.
    var params: Range<Int>?

    static func scan(_ bytes: UnsafeRawBufferPointer) -> EnvelopeScan? {
        var reader = Reader(bytes: bytes)
        return reader.envelope()
    }

    private enum Member {
        case jsonrpc, id, method, params
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func envelope() -> EnvelopeScan? {
            var jsonrpc: Range<Int>?
            var method: Range<Int>?
            var hasId = false
            var id: RPCID?
            var params: Range<Int>?
            var seenParams = false
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            skipSpace()
            if take(UInt8(ascii: "}")) { return nil }
            while true {
                skipSpace()
                guard let key = plainString(), let member = Self.member(bytes, key) else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                switch member {
                case .jsonrpc:
                    guard jsonrpc == nil, let value = plainString() else { return nil }
                    jsonrpc = value
                case .method:
                    guard method == nil, let value = plainString() else { return nil }
                    method = value
                case .id:
                    guard !hasId else { return nil }
                    hasId = true
                    if literal("null") {
                        id = nil
                    } else if let number = integer() {
                        id = .number(number)
                    } else if let text = plainString() {
                        id = .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[text]), as: UTF8.self))
                    } else {
                        return nil
                    }
                case .params:
                    guard !seenParams else { return nil }
                    seenParams = true
                    if literal("null") {
                        params = nil
                    } else {
                        guard let object = object() else { return nil }
                        params = object
                    }
                }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                break
            }
            skipSpace()
            guard index == bytes.count, let jsonrpc, let method else { return nil }
            return EnvelopeScan(jsonrpc: jsonrpc, method: method, hasId: hasId, id: id, params: params)
        }

        private static func member(_ bytes: UnsafeRawBufferPointer, _ key: Range<Int>) -> Member? {
            let name = UnsafeRawBufferPointer(rebasing: bytes[key])
            if name.elementsEqual("jsonrpc".utf8) { return .jsonrpc }
            if name.elementsEqual("id".utf8) { return .id }
            if name.elementsEqual("method".utf8) { return .method }
            if name.elementsEqual("params".utf8) { return .params }
            return nil
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0a, 0x0d: index += 1
                default: return
                }
            }
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { return false }
            let matches = word.withUTF8Buffer { UnsafeRawBufferPointer(rebasing: bytes[index..<(index + length)]).elementsEqual($0) }
            if matches { index += length }
            return matches
        }

        /// A string without escapes or control characters: the range of its contents.
        private mutating func plainString() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// `-?[0-9]+` with no leading zero, no fraction and no exponent, within Int64.
        private mutating func integer() -> Int64? {
            let start = index
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let digitsStart = index
            var value: Int64 = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let digit = Int64(bytes[index] - UInt8(ascii: "0"))
                let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
                let (next, overflowB) =
                    negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflowA, !overflowB else {
                    index = start
                    return nil
                }
                value = next
                index += 1
            }
            let digits = index - digitsStart
            let leadingZero = digits > 1 && bytes[digitsStart] == UInt8(ascii: "0")
            let fraction =
                index < bytes.count
                && (bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e"))
            guard digits > 0, !leadingZero, !fraction else {
                index = start
                return nil
            }
            return value
        }

        /// An object's extent, braces matched outside strings; what is inside is `JSONDecoder`'s to judge.
        /// Its error messages name offsets in the bytes they read, which are the line's only when the
        /// params decode without error as far as syntax goes: a syntax error sends the line the general
        /// way (`WireCodec.plainCall`).
        private mutating func object() -> Range<Int>? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            let start = index
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if inString {
                    // An escape is declined: the decoder checks escapes only as it reads each string, so
                    // a bad one is reported with its offset in the bytes decoded, which must be the line's.
                    if byte == UInt8(ascii: "\\") { return nil }
                    if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return byte == UInt8(ascii: "}") ? start..<index : nil }
                default: break
                }
            }
            return nil
        }
    }
}
