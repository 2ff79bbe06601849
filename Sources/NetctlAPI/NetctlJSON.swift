import Foundation

/// The one JSON configuration used on the wire, in the database and in golden files: sorted keys so
/// output is stable, and RFC 3339 UTC timestamps with milliseconds. The coders are shared: they are
/// configured once, never changed, and safe to use from many threads at once; making one per call
/// showed up in profiles of the write path.
public enum NetctlJSON {
    public static let encoder = makeEncoder(pretty: false)
    public static let prettyEncoder = makeEncoder(pretty: true)
    public static let decoder = makeDecoder()

    private static func makeEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// A new decoder with the wire's settings, for a reader that needs its own `userInfo`.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp")
            }
            return date
        }
        return decoder
    }
}

/// RFC 3339 timestamps in UTC with milliseconds, e.g. `2026-11-25T17:34:34.123Z`.
public enum Timestamp {
    /// 9999-12-31T23:59:59.999Z: the last instant with the four-digit year `format` writes.
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799.999)

    public static func format(_ date: Date) -> String {
        let millisecondsSinceEpoch = epochMilliseconds(date)
        let seconds = Int(millisecondsSinceEpoch.quotientRoundingDown(by: 1000))
        let milliseconds = Int(millisecondsSinceEpoch - Int64(seconds) * 1000)
        let civil = CivilTime(secondsSinceEpoch: seconds)
        // Hand-rolled and written in place: String(format:) costs microseconds per call, and every
        // encoded resource formats its timestamps.
        return String(unsafeUninitializedCapacity: 24) { bytes in
            var position = 0
            func put(_ byte: UInt8) {
                bytes[position] = byte
                position += 1
            }
            func digits(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var rest = max(value, 0)
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                    rest %= divisor
                    divisor /= 10
                }
            }
            digits(civil.year, 4)
            put(UInt8(ascii: "-"))
            digits(civil.month, 2)
            put(UInt8(ascii: "-"))
            digits(civil.day, 2)
            put(UInt8(ascii: "T"))
            digits(civil.hour, 2)
            put(UInt8(ascii: ":"))
            digits(civil.minute, 2)
            put(UInt8(ascii: ":"))
            digits(civil.second, 2)
            put(UInt8(ascii: "."))
            digits(milliseconds, 3)
            put(UInt8(ascii: "Z"))
            return position
        }
    }

    public static func parse(_ text: String) -> Date? {
        var text = text
        if let date = text.withUTF8({ parseCanonical(utf8: $0) }) { return date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The `YYYY-MM-DDTHH:MM:SS[.fff]Z` form `format` writes, read from its UTF-8 in place (start-up
    /// reads three timestamps per stored row): nil for any other form, which `parse` also accepts.
    /// `parse` makes its dates here too, so both give the same `Date`, bit for bit.
    public static func parseCanonical(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        parseCanonical(bytes: bytes).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` to epoch milliseconds, exactly: what `format` writes reads back to
    /// the same `Date`, bit for bit.
    private static func parseCanonical(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 20 || bytes.count == 24, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
            bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var milliseconds = 0
        if bytes.count == 24 {
            guard bytes[19] == UInt8(ascii: "."), let fraction = number(20..<23) else { return nil }
            milliseconds = fraction
        }
        // Days from civil (Howard Hinnant), the inverse of CivilTime.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return seconds * 1000 + Int64(milliseconds)
    }

    /// Epoch milliseconds, the unit CloudWatch uses for log and metric times. Rounded to nearest, so a
    /// millisecond-aligned time survives the binary floating-point round trip (x.123 * 1000 may be 122.99…).
    public static func epochMilliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The same instant truncated to whole milliseconds: what the database stores and pages by.
    public static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) / 1000)
    }
}

extension Int64 {
    fileprivate func quotientRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// Proleptic Gregorian calendar fields in UTC, computed without Foundation's calendar so formatting is
/// cheap and identical on every platform (Howard Hinnant's days-from-civil algorithm).
private struct CivilTime {
    var year, month, day, hour, minute, second: Int

    init(secondsSinceEpoch: Int) {
        var days = secondsSinceEpoch / 86_400
        var secondsOfDay = secondsSinceEpoch % 86_400
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }
}

/// JSON string literals without an encoder round trip, byte for byte what `NetctlJSON.encoder` writes.
public enum JSONText {
    public static func quote(_ text: String) -> String {
        // Identifiers, names and regions rarely need escaping: copy those whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{c}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
