/// The few JSON forms the request shortcuts (`EnvelopeScan`, `FlatParamsDecoder`) read straight from
/// a line's bytes. Each read either consumes exactly its form or returns nil with the position
/// unchanged where a caller may try another form; anything richer is the general decoding's.
struct JSONByteReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d: index += 1
            default: return
            }
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { UnsafeRawBufferPointer(rebasing: bytes[index..<(index + length)]).elementsEqual($0) }
        if matches { index += length }
        return matches
    }

    /// A string without escapes or control characters: the range of its contents.
    mutating func plainString() -> Range<Int>? {
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

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// `-?[0-9]+` with no leading zero, no fraction and no exponent, within Int64.
    mutating func integer() -> Int64? {
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
    mutating func objectExtent() -> Range<Int>? {
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
