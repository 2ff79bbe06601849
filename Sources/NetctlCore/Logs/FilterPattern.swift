import Foundation
import NetctlAPI

/// CloudWatch Logs filter patterns (SEMANTICS.md 8.4): terms, quoted phrases, `-exclusion`,
/// `?alternatives`, JSON patterns in braces, and space-delimited patterns in brackets. Parsed once,
/// matched against many messages.
public struct FilterPattern: Sendable, Hashable {
    indirect enum JSONExpression: Sendable, Hashable {
        case and(JSONExpression, JSONExpression)
        case or(JSONExpression, JSONExpression)
        case compare(selector: [PathStep], op: Operator, value: Literal)
        case isNull([PathStep])
        case notExists([PathStep])
        case isBoolean([PathStep], Bool)
    }

    enum PathStep: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    enum Operator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case greater = ">"
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
    }

    enum Literal: Sendable, Hashable {
        case string(String)
        case number(Double)
    }

    /// One condition on a field, or conditions joined by `&&` / `||` (`&&` binds tighter).
    indirect enum FieldCondition: Sendable, Hashable {
        case compare(Operator, Literal)
        case and(FieldCondition, FieldCondition)
        case or(FieldCondition, FieldCondition)
    }

    struct SpaceField: Sendable, Hashable {
        var name: String?
        var condition: FieldCondition?
        var isEllipsis: Bool
    }

    enum Kind: Sendable, Hashable {
        case all
        case terms(required: [String], excluded: [String], alternatives: [String])
        case json(JSONExpression)
        case spaceDelimited([SpaceField])
    }

    let kind: Kind
    public let text: String

    public static let maximumLength = 1024

    /// Parses a pattern; a malformed one is `InvalidParameterException` naming the position.
    public init(_ text: String) throws(NetctlError) {
        self.text = text
        guard text.count <= Self.maximumLength else {
            throw NetctlError(
                .invalidParameterException,
                "Invalid filter pattern at position \(Self.maximumLength + 1): the pattern is \(text.count) characters; "
                    + "the limit is \(Self.maximumLength).")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "\" \"" {
            kind = .all
        } else if trimmed.hasPrefix("{") {
            var parser = Parser(text)
            kind = .json(try parser.jsonPattern())
        } else if trimmed.hasPrefix("[") {
            var parser = Parser(text)
            kind = .spaceDelimited(try parser.spacePattern())
        } else {
            var parser = Parser(text)
            kind = try parser.termPattern()
        }
    }

    public func matches(_ message: String) -> Bool {
        switch kind {
        case .all:
            return true
        case .terms(let required, let excluded, let alternatives):
            if !alternatives.isEmpty && !alternatives.contains(where: { message.contains($0) }) { return false }
            return required.allSatisfy { message.contains($0) } && !excluded.contains { message.contains($0) }
        case .json(let expression):
            guard let data = message.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { return false }
            return Self.evaluate(expression, object)
        case .spaceDelimited(let fields):
            return Self.matchFields(fields[...], Self.split(message)[...])
        }
    }

    // MARK: JSON evaluation

    private static func evaluate(_ expression: JSONExpression, _ root: Any) -> Bool {
        switch expression {
        case .and(let left, let right): return evaluate(left, root) && evaluate(right, root)
        case .or(let left, let right): return evaluate(left, root) || evaluate(right, root)
        case .isNull(let path):
            guard let value = select(path, root) else { return false }
            return value is NSNull
        case .notExists(let path):
            return select(path, root) == nil
        case .isBoolean(let path, let expected):
            guard let value = select(path, root), isBoolean(value), let bool = value as? Bool else { return false }
            return bool == expected
        case .compare(let path, let op, let literal):
            guard let value = select(path, root), !(value is [Any]), !(value is [String: Any]) else { return false }
            return compare(value, op, literal)
        }
    }

    private static func select(_ path: [PathStep], _ root: Any) -> Any? {
        var current: Any = root
        for step in path {
            switch step {
            case .key(let key):
                guard let object = current as? [String: Any], let next = object[key] else { return nil }
                current = next
            case .index(let index):
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }

    private static func compare(_ value: Any, _ op: Operator, _ literal: Literal) -> Bool {
        switch literal {
        case .number(let expected):
            let actual: Double?
            if let text = value as? String {
                actual = Double(text)
            } else if let number = value as? NSNumber, !isBoolean(value) {
                actual = number.doubleValue
            } else {
                actual = nil
            }
            guard let actual else { return op == .notEqual }
            switch op {
            case .equal: return actual == expected
            case .notEqual: return actual != expected
            case .less: return actual < expected
            case .greater: return actual > expected
            case .lessOrEqual: return actual <= expected
            case .greaterOrEqual: return actual >= expected
            }
        case .string(let expected):
            let actual: String
            if let string = value as? String {
                actual = string
            } else if isBoolean(value), let bool = value as? Bool {
                actual = bool ? "true" : "false"
            } else if let number = value as? NSNumber {
                actual = number.stringValue
            } else {
                return false
            }
            switch op {
            case .equal: return wildcard(expected, actual)
            case .notEqual: return !wildcard(expected, actual)
            default: return false
            }
        }
    }

    /// The class JSONSerialization uses for `true`/`false`: on Linux, numbers 0 and 1 also answer
    /// `is Bool`, so only the class tells a boolean from a number.
    private static let booleanType: Any.Type = {
        let parsed = try? JSONSerialization.jsonObject(with: Data("[true]".utf8)) as? [Any]
        return parsed.map { type(of: $0[0]) } ?? Bool.self
    }()

    static func isBoolean(_ value: Any) -> Bool { type(of: value) == booleanType }

    /// `*` matches any run of characters; everything else literally.
    static func wildcard(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }

    // MARK: Space-delimited evaluation

    /// Fields split on spaces; text in quotes or brackets counts as one field (without its delimiters).
    static func split(_ message: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var closing: Character?
        for character in message {
            if let end = closing {
                if character == end { closing = nil } else { current.append(character) }
            } else if character == "\"" {
                closing = "\""
            } else if character == "[" {
                closing = "]"
            } else if character == " " {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }

    private static func matchFields(_ pattern: ArraySlice<SpaceField>, _ values: ArraySlice<String>) -> Bool {
        guard let field = pattern.first else { return values.isEmpty }
        if field.isEllipsis {
            for skip in 0...values.count where matchFields(pattern.dropFirst(), values.dropFirst(skip)) { return true }
            return false
        }
        guard let value = values.first else { return field.name == nil }
        if let condition = field.condition, !holds(condition, value) { return false }
        return matchFields(pattern.dropFirst(), values.dropFirst())
    }

    /// Fields are text: compared as text against a string, as a number only against a number.
    private static func holds(_ condition: FieldCondition, _ value: String) -> Bool {
        switch condition {
        case .compare(let op, let literal): return compare(value, op, literal)
        case .and(let left, let right): return holds(left, value) && holds(right, value)
        case .or(let left, let right): return holds(left, value) || holds(right, value)
        }
    }
}

/// A small recursive-descent parser over the pattern's characters.
private struct Parser {
    let characters: [Character]
    var position = 0

    init(_ text: String) { characters = Array(text) }

    var atEnd: Bool { position >= characters.count }
    var current: Character? { atEnd ? nil : characters[position] }

    mutating func skipSpaces() {
        while let character = current, character == " " || character == "\t" { position += 1 }
    }

    func error(_ what: String) -> NetctlError {
        NetctlError(.invalidParameterException, "Invalid filter pattern at position \(position + 1): \(what).")
    }

    mutating func expect(_ text: String) throws(NetctlError) {
        skipSpaces()
        for character in text {
            guard current == character else { throw error("expected '\(text)'") }
            position += 1
        }
    }

    mutating func consume(_ text: String) -> Bool {
        skipSpaces()
        let end = position + text.count
        guard end <= characters.count, String(characters[position..<end]) == text else { return false }
        position = end
        return true
    }

    // MARK: Terms

    mutating func termPattern() throws(NetctlError) -> FilterPattern.Kind {
        var required: [String] = []
        var excluded: [String] = []
        var alternatives: [String] = []
        while true {
            skipSpaces()
            guard let character = current else { break }
            var bucket = 0
            if character == "-" {
                bucket = 1
                position += 1
            } else if character == "?" {
                bucket = 2
                position += 1
            }
            let term = try termText()
            switch bucket {
            case 1: excluded.append(term)
            case 2: alternatives.append(term)
            default: required.append(term)
            }
        }
        return .terms(required: required, excluded: excluded, alternatives: alternatives)
    }

    mutating func termText() throws(NetctlError) -> String {
        if current == "\"" {
            position += 1
            var text = ""
            while let character = current, character != "\"" {
                text.append(character)
                position += 1
            }
            guard current == "\"" else { throw error("unterminated quoted term") }
            position += 1
            return text
        }
        var text = ""
        while let character = current, character != " " && character != "\t" {
            guard character.isLetter || character.isNumber || "_.:/@#-".contains(character) else {
                throw error("'\(character)' must be inside a quoted term")
            }
            text.append(character)
            position += 1
        }
        guard !text.isEmpty else { throw error("expected a term") }
        return text
    }

    // MARK: JSON patterns

    mutating func jsonPattern() throws(NetctlError) -> FilterPattern.JSONExpression {
        try expect("{")
        let expression = try orExpression()
        try expect("}")
        skipSpaces()
        guard atEnd else { throw error("unexpected text after '}'") }
        return expression
    }

    mutating func orExpression() throws(NetctlError) -> FilterPattern.JSONExpression {
        var left = try andExpression()
        while consume("||") { left = .or(left, try andExpression()) }
        return left
    }

    mutating func andExpression() throws(NetctlError) -> FilterPattern.JSONExpression {
        var left = try primary()
        while consume("&&") { left = .and(left, try primary()) }
        return left
    }

    mutating func primary() throws(NetctlError) -> FilterPattern.JSONExpression {
        if consume("(") {
            let inner = try orExpression()
            try expect(")")
            return inner
        }
        let path = try selector()
        if consume("IS NULL") { return .isNull(path) }
        if consume("IS TRUE") { return .isBoolean(path, true) }
        if consume("IS FALSE") { return .isBoolean(path, false) }
        if consume("NOT EXISTS") { return .notExists(path) }
        let op = try comparison()
        return .compare(selector: path, op: op, value: try literal())
    }

    mutating func selector() throws(NetctlError) -> [FilterPattern.PathStep] {
        try expect("$")
        var steps: [FilterPattern.PathStep] = []
        while let character = current, character == "." || character == "[" {
            position += 1
            if character == "." {
                var key = ""
                while let next = current, next.isLetter || next.isNumber || next == "_" || next == "-" || next == "@" {
                    key.append(next)
                    position += 1
                }
                guard !key.isEmpty else { throw error("expected a field name after '.'") }
                steps.append(.key(key))
            } else {
                var digits = ""
                while let next = current, next.isNumber {
                    digits.append(next)
                    position += 1
                }
                guard let index = Int(digits), current == "]" else { throw error("expected an array index like [0]") }
                position += 1
                steps.append(.index(index))
            }
        }
        guard !steps.isEmpty else { throw error("expected a selector like $.field") }
        return steps
    }

    mutating func comparison() throws(NetctlError) -> FilterPattern.Operator {
        for op in [FilterPattern.Operator.notEqual, .lessOrEqual, .greaterOrEqual, .equal, .less, .greater] where consume(op.rawValue) {
            return op
        }
        throw error("expected =, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS")
    }

    mutating func literal() throws(NetctlError) -> FilterPattern.Literal {
        skipSpaces()
        if current == "\"" {
            position += 1
            var text = ""
            while let character = current, character != "\"" {
                text.append(character)
                position += 1
            }
            guard current == "\"" else { throw error("unterminated string") }
            position += 1
            return .string(text)
        }
        var text = ""
        while let character = current, !" \t)}],&|".contains(character) {
            text.append(character)
            position += 1
        }
        guard !text.isEmpty else { throw error("expected a value") }
        if let number = Double(text) { return .number(number) }
        return .string(text)
    }

    // MARK: Space-delimited patterns

    /// `= 404 || status = 403`, `= 4* && status != 403`: the field's name may be repeated after && / ||.
    mutating func fieldCondition(_ name: String) throws(NetctlError) -> FilterPattern.FieldCondition {
        var left = try fieldAnd(name)
        while consume("||") {
            _ = consume(name)
            left = .or(left, try fieldAnd(name))
        }
        return left
    }

    mutating func fieldAnd(_ name: String) throws(NetctlError) -> FilterPattern.FieldCondition {
        var left = FilterPattern.FieldCondition.compare(try comparison(), try literal())
        while consume("&&") {
            _ = consume(name)
            left = .and(left, .compare(try comparison(), try literal()))
        }
        return left
    }

    mutating func spacePattern() throws(NetctlError) -> [FilterPattern.SpaceField] {
        try expect("[")
        var fields: [FilterPattern.SpaceField] = []
        while true {
            skipSpaces()
            if consume("...") {
                fields.append(FilterPattern.SpaceField(name: nil, condition: nil, isEllipsis: true))
            } else if current == "]" {
                // A trailing comma stands for one blank (unnamed) field.
                fields.append(FilterPattern.SpaceField(name: nil, condition: nil, isEllipsis: false))
            } else {
                var name = ""
                while let character = current, character.isLetter || character.isNumber || character == "_" {
                    name.append(character)
                    position += 1
                }
                guard !name.isEmpty else { throw error("expected a field name") }
                skipSpaces()
                var condition: FilterPattern.FieldCondition?
                if let character = current, "=!<>".contains(character) {
                    condition = try fieldCondition(name)
                }
                fields.append(FilterPattern.SpaceField(name: name, condition: condition, isEllipsis: false))
            }
            if consume(",") { continue }
            try expect("]")
            break
        }
        skipSpaces()
        guard atEnd else { throw error("unexpected text after ']'") }
        return fields
    }
}
