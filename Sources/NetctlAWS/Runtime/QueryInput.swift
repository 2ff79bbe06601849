import Foundation
import NetctlAPI

/// The parameters of a form-encoded AWS query request (`Action=CreateVpc&CidrBlock=10.0.0.0%2F16`),
/// read the way botocore's EC2 and query serializers write them: nested members as `Key.Member`,
/// lists as `Key.N` (EC2) or `Key.member.N` (query), numbered from 1.
public struct QueryInput: Sendable {
    public let parameters: [String: String]
    /// Every key and each of its dotted prefixes: whether a structure or list is present at all is
    /// then one lookup, so absent members cost nothing.
    private let prefixes: Set<Substring>

    public init(parameters: [String: String]) {
        self.parameters = parameters
        var prefixes = Set<Substring>()
        for key in parameters.keys {
            var index = key.startIndex
            while let dot = key[index...].firstIndex(of: ".") {
                prefixes.insert(key[..<dot])
                index = key.index(after: dot)
            }
        }
        self.prefixes = prefixes
    }

    /// `application/x-www-form-urlencoded` bytes; the last of a repeated key wins.
    public init(form: some Collection<UInt8>) throws(AWSError) {
        var parameters: [String: String] = [:]
        for pair in form.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.formDecode(Array(parts[0])), let value = Self.formDecode(parts.count > 1 ? Array(parts[1]) : [])
            else {
                throw AWSError.malformedQueryString
            }
            parameters[key] = value
        }
        self.init(parameters: parameters)
    }

    /// Percent-decoding with `+` as a space; nil for a bad escape or bytes that are not UTF-8.
    static func formDecode(_ bytes: some Collection<UInt8>) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): decoded.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                decoded.append(high << 4 | low)
            default: decoded.append(byte)
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The top-level parameter names (`Filter` for `Filter.1.Name`): what the unknown-parameter check reads.
    public var topLevelNames: Set<String> {
        Set(parameters.keys.map { key in key.firstIndex(of: ".").map { String(key[..<$0]) } ?? key })
    }

    // MARK: Members, as the generated shapes read them

    // Throws like its siblings, so generated readers call every member the same way.
    func string(_ key: String) throws(AWSError) -> String? { parameters[key] }

    func int(_ key: String, in bounds: ClosedRange<Int>? = nil) throws(AWSError) -> Int? {
        guard let text = parameters[key] else { return nil }
        guard let value = Int(text) else {
            throw AWSError.invalidParameterValue("Value (\(text)) for parameter \(key) is invalid. Expected an integer.")
        }
        if let bounds, !bounds.contains(value) {
            throw AWSError.invalidParameterValue(
                "Value ( \(value) ) for parameter \(key) is invalid. Parameter must be between \(bounds.lowerBound) "
                    + "and \(bounds.upperBound).")
        }
        return value
    }

    func bool(_ key: String) throws(AWSError) -> Bool? {
        guard let text = parameters[key] else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw AWSError.invalidParameterValue("Value (\(text)) for parameter \(key) is invalid. Expected true or false.")
        }
    }

    func double(_ key: String) throws(AWSError) -> Double? {
        guard let text = parameters[key] else { return nil }
        guard let value = Double(text) else {
            throw AWSError.invalidParameterValue("Value (\(text)) for parameter \(key) is invalid. Expected a number.")
        }
        return value
    }

    func date(_ key: String) throws(AWSError) -> Date? {
        guard let text = parameters[key] else { return nil }
        if let date = Timestamp.parse(text) ?? ISO8601DateFormatter().date(from: text) { return date }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        throw AWSError.invalidParameterValue("Value (\(text)) for parameter \(key) is invalid. Expected an ISO 8601 time.")
    }

    func structure<Shape: QueryShape>(_ key: String, as type: Shape.Type) throws(AWSError) -> Shape? {
        guard prefixes.contains(Substring(key)) else { return nil }
        return try Shape(query: self, prefix: key + ".")
    }

    /// The elements at `Key.1`, `Key.2`, … in index order; AWS's SDKs number from 1 without gaps,
    /// but gaps are tolerated as AWS does.
    func list<Element>(_ key: String, _ element: (String) throws(AWSError) -> Element?) throws(AWSError) -> [Element]? {
        guard prefixes.contains(Substring(key)) else { return nil }
        let dotted = key + "."
        var indices = Set<Int>()
        for name in parameters.keys where name.hasPrefix(dotted) {
            let rest = name.dropFirst(dotted.count)
            let digits = rest.prefix { $0 != "." }
            guard let index = Int(digits), index >= 1 else {
                throw AWSError.invalidParameterValue("\(name) is not a numbered member of the list \(key) (\(key).1, \(key).2, …).")
            }
            indices.insert(index)
        }
        var elements: [Element] = []
        for index in indices.sorted() {
            if let value = try element("\(dotted)\(index)") { elements.append(value) }
        }
        return elements
    }

    /// A map as the query protocol sends it: `Key.entry.N.key` and `Key.entry.N.value` (`key` the
    /// list's prefix including `.entry`).
    func map<Value>(_ key: String, key keyName: String, value valueName: String, _ value: (String) throws(AWSError) -> Value?)
        throws(AWSError) -> [String: Value]?
    {
        guard let entries = try list(key, { entry throws(AWSError) -> (String, Value)? in
            guard let name = parameters["\(entry).\(keyName)"] else {
                throw AWSError.missingParameter("The request must contain the parameter \(entry).\(keyName)")
            }
            guard let element = try value("\(entry).\(valueName)") else {
                throw AWSError.missingParameter("The request must contain the parameter \(entry).\(valueName)")
            }
            return (name, element)
        })
        else { return nil }
        return Dictionary(entries, uniquingKeysWith: { _, last in last })
    }

    func required<Value>(_ key: String, _ value: Value?) throws(AWSError) -> Value {
        guard let value else {
            throw AWSError.missingParameter("The request must contain the parameter \(key)")
        }
        return value
    }
}

/// A generated request shape: read from query parameters under a prefix (`""` at the top).
protocol QueryShape: Sendable {
    /// Its members' names on the wire, for the unknown-parameter check.
    static var queryKeys: Set<String> { get }
    init(query: QueryInput, prefix: String) throws(AWSError)
}
