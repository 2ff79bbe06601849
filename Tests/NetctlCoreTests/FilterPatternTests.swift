import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

// Filter patterns (SEMANTICS.md 8.4). The examples come from CloudWatch Logs' "Filter pattern syntax"
// page (current, and the 2023 user guide's FilterAndPatternSyntax.md); where AWS documents a result,
// the test expects AWS's result.

/// Parses `pattern` and checks each message against the expected result. A pattern that fails to
/// parse is recorded as an issue (AWS accepts every pattern these tests use).
private func expectMatches(
    _ pattern: String, _ cases: KeyValuePairs<String, Bool>, sourceLocation: SourceLocation = #_sourceLocation
) {
    let parsed: FilterPattern
    do {
        parsed = try FilterPattern(pattern)
    } catch {
        Issue.record(
            "AWS accepts the pattern \(pattern), but it was rejected: \(error)", sourceLocation: sourceLocation)
        return
    }
    for (message, expected) in cases {
        #expect(
            parsed.matches(message) == expected,
            "pattern \(pattern) on message \(message): expected \(expected ? "a match" : "no match")",
            sourceLocation: sourceLocation)
    }
}

/// Expects `pattern` to be rejected with `InvalidParameterException` naming a position; returns the error.
@discardableResult
private func expectMalformed(_ pattern: String, sourceLocation: SourceLocation = #_sourceLocation) -> NetctlError? {
    do {
        _ = try FilterPattern(pattern)
        Issue.record("the malformed pattern \(pattern) was accepted", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == .invalidParameterException, "\(error)", sourceLocation: sourceLocation)
        #expect(
            error.message.contains("position"), "the message should name the position: \(error.message)",
            sourceLocation: sourceLocation)
        return error
    }
}

/// The JSON event of AWS's single-condition examples (eventType, sourceIPAddress, arrayKey, objectList, …).
private let awsEvent = #"""
    {"eventType": "UpdateTrail", "sourceIPAddress": "111.111.111.111", "arrayKey": ["value", "another value"],
     "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}], "key1": null, "bool": true,
     "latency": 700, "errorCode": 400}
    """#

/// The JSON event of AWS's compound-condition examples.
private let awsCompoundEvent = #"""
    {"user": {"id": 1, "email": "John.Stiles@example.com"},
     "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
     "actions": ["GET", "PUT", "DELETE"],
     "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]}
    """#

/// AWS's Apache access-log example line (7 space-delimited fields; [] and "" group one field).
private let apache404 = #"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534"#
private let apache200 = #"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534"#
private let apache403 = #"127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /secret.html HTTP/1.0" 403 5324"#

@Suite("CloudWatch Logs filter patterns: unstructured terms")
struct FilterPatternTermTests {
    static let badRequest = "[ERROR 400] BAD REQUEST"
    static let unauthorized = "[ERROR 401] UNAUTHORIZED REQUEST"
    static let missing = "[ERROR 419] MISSING ARGUMENTS"
    static let invalid = "[ERROR 420] INVALID ARGUMENTS"
    static let warnArguments = "[WARN] MISSING ARGUMENTS"
    static let info = "[INFO] all good"

    @Test("ERROR matches every message containing ERROR, also inside a longer word (ERRORCODE)")
    func singleTerm() {
        expectMatches(
            "ERROR",
            [
                Self.badRequest: true, Self.unauthorized: true, Self.missing: true, Self.invalid: true,
                "Exiting with ERRORCODE: -1": true, Self.warnArguments: false, Self.info: false,
            ])
    }

    @Test("terms are case-sensitive")
    func caseSensitive() {
        expectMatches("ERROR", ["[error 400] bad request": false, "Error": false, "ERROR": true])
        expectMatches("error", ["[ERROR 400] BAD REQUEST": false, "an error occurred": true])
    }

    @Test("ERROR ARGUMENTS needs both terms")
    func allTerms() {
        expectMatches(
            "ERROR ARGUMENTS",
            [
                Self.badRequest: false, Self.unauthorized: false, Self.missing: true, Self.invalid: true,
                Self.warnArguments: false,
            ])
        // The user guide's three-message example.
        expectMatches("ERROR WARN", ["ERROR WARN message": true, "ERROR message": false, "WARN message": false])
    }

    @Test("a quoted phrase matches only the exact phrase")
    func quotedPhrase() {
        expectMatches(
            #""INTERNAL SERVER ERROR""#,
            [
                "[ERROR 500] INTERNAL SERVER ERROR": true,
                "INTERNAL SERVER ERROR while saving": true,
                "[ERROR 500] INTERNAL ERROR SERVER": false,
                "INTERNAL SERVER error": false,
                "SERVER INTERNAL ERROR": false,
            ])
    }

    @Test("?ERROR ?ARGUMENTS matches messages with either term")
    func alternatives() {
        expectMatches(
            "?ERROR ?ARGUMENTS",
            [
                Self.badRequest: true, Self.missing: true, Self.warnArguments: true, Self.info: false,
                "ARGUMENTS": true, "": false,
            ])
        expectMatches(
            "?ERROR ?WARN", ["ERROR WARN message": true, "ERROR message": true, "WARN message": true, "INFO": false])
    }

    @Test("ERROR -ARGUMENTS excludes messages that contain ARGUMENTS")
    func exclusion() {
        expectMatches(
            "ERROR -ARGUMENTS",
            [
                Self.badRequest: true, Self.unauthorized: true, Self.missing: false, Self.invalid: false,
                Self.warnArguments: false,
            ])
        expectMatches("ERROR -WARN", ["ERROR WARN message": false, "ERROR message": true, "WARN message": false])
        // The 2023 guide's `"ERROR" -"Exiting"`: quoted terms can be excluded too.
        expectMatches(
            #""ERROR" -"Exiting""#,
            ["[ERROR] A fatal exception has occurred": true, "Exiting with ERRORCODE: -1": false])
    }

    @Test("the empty pattern and \" \" match every message", arguments: ["", #"" ""#, "   "])
    func matchEverything(pattern: String) {
        expectMatches(
            pattern,
            [Self.badRequest: true, Self.info: true, "x": true, #"{"a": 1}"#: true, apache404: true])
    }
}

@Suite("CloudWatch Logs filter patterns: JSON")
struct FilterPatternJSONTests {
    @Test("a string equality on a top-level field: { $.eventType = \"UpdateTrail\" }")
    func stringEquality() {
        expectMatches(
            #"{ $.eventType = "UpdateTrail" }"#,
            [awsEvent: true, #"{"eventType": "DeleteTrail"}"#: false, #"{"other": "UpdateTrail"}"#: false])
        // Unquoted alphanumeric strings need no quotes (the 2023 guide's `{$.foo = bar || $.foo = baz }`).
        expectMatches(
            "{$.foo = bar || $.foo = baz }",
            [#"{"foo": "bar"}"#: true, #"{"foo": "baz"}"#: true, #"{"foo": "qux"}"#: false])
        // Strings compare case-sensitively.
        expectMatches(#"{ $.eventType = "updatetrail" }"#, [awsEvent: false])
    }

    @Test("!= with a trailing * wildcard: { $.sourceIPAddress != 123.123.* }")
    func notEqualWildcard() {
        expectMatches(
            "{ $.sourceIPAddress != 123.123.* }",
            [
                awsEvent: true,
                #"{"sourceIPAddress": "123.123.0.1"}"#: false,
                #"{"sourceIPAddress": "123.124.0.1"}"#: true,
            ])
        expectMatches(
            "{ $.sourceIPAddress = 123.123.* }",
            [#"{"sourceIPAddress": "123.123.0.1"}"#: true, awsEvent: false])
    }

    @Test("a leading * wildcard and a lone * (any value)")
    func leadingWildcard() {
        expectMatches(
            "{ $.eventType = *Trail }",
            [awsEvent: true, #"{"eventType": "PutTrail"}"#: true, #"{"eventType": "TrailPut"}"#: false])
        // The guide's `{ $.latency = * }` metric filter: any value of latency.
        expectMatches("{ $.latency = * }", [awsEvent: true, #"{"latency": "slow"}"#: true, #"{"other": 1}"#: false])
    }

    @Test("an array element: { $.arrayKey[0] = \"value\" }")
    func arrayElement() {
        expectMatches(
            #"{ $.arrayKey[0] = "value" }"#,
            [
                awsEvent: true,
                #"{"arrayKey": ["another value", "value"]}"#: false,
                // "If arrayKey is not an array this will be false."
                #"{"arrayKey": "value"}"#: false,
                #"{"arrayKey": {"0": "value"}}"#: false,
            ])
        expectMatches(#"{ $.arrayKey[1] = "another value" }"#, [awsEvent: true])
        // An index past the end selects nothing.
        expectMatches(#"{ $.arrayKey[2] = "value" }"#, [awsEvent: false])
    }

    @Test("a field of an array element: { $.objectList[1].id = 2 }")
    func objectInArray() {
        expectMatches(
            "{ $.objectList[1].id = 2 }",
            [
                awsEvent: true,
                #"{"objectList": [{"id": 2}]}"#: false,
                #"{"objectList": [{"id": 1}, {"name": "b"}]}"#: false,
                #"{"objectList": [1, 2]}"#: false,
            ])
        expectMatches(#"{ $.objectList[1].name = "b" }"#, [awsEvent: true])
    }

    @Test("numeric comparisons: { $.latency > 500 } and the other operators")
    func numericComparisons() {
        expectMatches("{ $.latency > 500 }", [awsEvent: true, #"{"latency": 500}"#: false, #"{"latency": 501}"#: true])
        expectMatches("{ $.latency >= 500 }", [#"{"latency": 500}"#: true, #"{"latency": 499.9}"#: false])
        expectMatches("{ $.latency < 500 }", [#"{"latency": 499.9}"#: true, #"{"latency": 500}"#: false])
        expectMatches("{ $.latency <= 55.5 }", [#"{"latency": 55.5}"#: true, #"{"latency": 55.51}"#: false])
        expectMatches("{ $.errorCode = 400 }", [awsEvent: true, #"{"errorCode": 401}"#: false])
        expectMatches("{ $.errorCode != 500 }", [awsEvent: true, #"{"errorCode": 500}"#: false])
        expectMatches("{ $.latency > +1000 }", [#"{"latency": 1001}"#: true, #"{"latency": 1000}"#: false])
        expectMatches("{ $.latency > -1 }", [#"{"latency": 0.5}"#: true, #"{"latency": -2}"#: false])
        // Numbers compare as numbers, not text: 10 > 9 although "10" < "9".
        expectMatches("{ $.n > 9 }", [#"{"n": 10}"#: true, #"{"n": 9.5}"#: true, #"{"n": 8}"#: false])
        expectMatches("{ $.n = 2.0 }", [#"{"n": 2}"#: true])
    }

    @Test("the JSON numbers 0 and 1 are numbers, not booleans")
    func oneAndZeroAreNumbers() {
        expectMatches("{ $.id = 1 }", [#"{"id": 1}"#: true, #"{"id": 2}"#: false, #"{"id": true}"#: false])
        expectMatches("{ $.id = 0 }", [#"{"id": 0}"#: true, #"{"id": false}"#: false])
        expectMatches("{ $.id > 0 }", [#"{"id": 1}"#: true])
        expectMatches("{ $.id != 1 }", [#"{"id": 1}"#: false, #"{"id": 2}"#: true])
        expectMatches("{ $.latency > -1 }", [#"{"latency": 0}"#: true])
        expectMatches("{ $.ratio <= 1 }", [#"{"ratio": 1.0}"#: true])
        // AWS's own examples select the ids 1 of its sample events.
        expectMatches("{ $.objectList[0].id = 1 }", [awsEvent: true])
        expectMatches("{ $.user.id = 1 }", [awsCompoundEvent: true])
    }

    @Test("numbers in scientific notation (1e-3, 10e3, 1.5E+2)")
    func scientificNotation() {
        expectMatches(
            "{ $.latency < 1e-3 }",
            [#"{"latency": 0.0005}"#: true, #"{"latency": 0.001}"#: false, #"{"latency": 0.002}"#: false])
        expectMatches("{ $.numbers[0] < 10e3 }", [#"{"numbers": [9999]}"#: true, #"{"numbers": [10000]}"#: false])
        expectMatches("{ $.numbers[0] < 10e-3 }", [#"{"numbers": [0.009]}"#: true, #"{"numbers": [0.01]}"#: false])
        expectMatches("{ $.v = 1.5E+2 }", [#"{"v": 150}"#: true, #"{"v": 151}"#: false])
        // The event's number may be in scientific notation too.
        expectMatches("{ $.v >= 1000 }", [#"{"v": 1e3}"#: true, #"{"v": 9.99e2}"#: false])
    }

    @Test("IS NULL is true only for an explicit null: { $.key1 IS NULL }")
    func isNull() {
        expectMatches(
            "{ $.key1 IS NULL }",
            [
                awsEvent: true,
                #"{"key1": "x"}"#: false,
                #"{"key1": 0}"#: false,
                #"{"key1": false}"#: false,
                #"{"other": null}"#: false,
            ])
    }

    @Test("NOT EXISTS is true only when the field is absent: { $.key2 NOT EXISTS }")
    func notExists() {
        expectMatches(
            "{ $.key2 NOT EXISTS }",
            [awsEvent: true, #"{"key2": null}"#: false, #"{"key2": "x"}"#: false, #"{"key2": {}}"#: false])
        expectMatches("{ $.key1 NOT EXISTS }", [awsEvent: false])
        expectMatches("{ $.objectList[5] NOT EXISTS }", [awsEvent: true])
    }

    @Test("IS TRUE / IS FALSE on a boolean field: { $.bool IS TRUE }")
    func isTrueIsFalse() {
        // Documented ("Filters on ThisFlag being TRUE. This also works for boolean filters which check
        // for FALSE value"); the AWS CDK's FilterPattern.booleanValue generates exactly these patterns.
        expectMatches(
            "{ $.bool IS TRUE }",
            [awsEvent: true, #"{"bool": false}"#: false, #"{"bool": "true"}"#: false, #"{"other": true}"#: false])
        expectMatches("{ $.bool IS FALSE }", [awsEvent: false, #"{"bool": false}"#: true])
    }

    @Test("compound conditions: { ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }")
    func compoundAnd() {
        expectMatches(#"{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }"#, [awsCompoundEvent: true])
        expectMatches(#"{ ($.user.id = 2) && ($.users[0].email = "John.Doe@example.com") }"#, [awsCompoundEvent: false])
        expectMatches(
            #"{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }"#,
            [awsCompoundEvent: false])
    }

    @Test("nested array indexing: $.coordinates[0][1]")
    func nestedArrays() {
        expectMatches("{ $.coordinates[0][2] = 2 }", [awsCompoundEvent: true])
        expectMatches("{ $.coordinates[1][2] = 6 }", [awsCompoundEvent: true])
        expectMatches("{ $.coordinates[2][0] > 6 }", [awsCompoundEvent: true])
        expectMatches("{ $.coordinates[1][2] = 5 }", [awsCompoundEvent: false])
        // A row of the matrix is an array, not a value node.
        expectMatches("{ $.coordinates[0] = 0 }", [awsCompoundEvent: false])
    }

    @Test("&& binds tighter than ||, parentheses tighter than both")
    func precedence() {
        // AWS's examples: A || B && C is A || (B && C), so it matches since A holds …
        expectMatches(
            #"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nomatch" }"#,
            [awsCompoundEvent: true])
        expectMatches(
            #"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }"#,
            [awsCompoundEvent: true])
        // … while (A || B) && C does not.
        expectMatches(
            #"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }"#,
            [awsCompoundEvent: false])
        // The other side: A && B || C is (A && B) || C, true when only C holds; A && (B || C) is not.
        expectMatches(#"{ $.user.id = 9 && $.actions[0] = "GET" || $.actions[1] = "PUT" }"#, [awsCompoundEvent: true])
        expectMatches(
            #"{ $.user.id = 9 && ($.actions[0] = "GET" || $.actions[1] = "PUT") }"#, [awsCompoundEvent: false])
        // Chains of the same operator.
        expectMatches(
            #"{ $.users[1].id = 3 && $.actions[0] = "GET" && $.actions[1] = "PUT" && $.coordinates[2][2] = 9 }"#,
            [awsCompoundEvent: true])
        expectMatches(#"{ $.users[1].id = 5 || $.users[1].id = 6 || $.users[1].id = 3 }"#, [awsCompoundEvent: true])
        expectMatches(#"{ (($.users[1].id = 3)) }"#, [awsCompoundEvent: true])
    }

    @Test("a JSON pattern never matches a message that is not JSON")
    func nonJSONMessage() {
        expectMatches(
            "{ $.eventType = UpdateTrail }",
            [
                "eventType = UpdateTrail": false,
                #"[ERROR] {"eventType": "UpdateTrail"}"#: false,
                #"{"eventType": "UpdateTrail""#: false,
                "": false,
            ])
        expectMatches("{ $.eventType NOT EXISTS }", ["plain text, not JSON": false])
        expectMatches("{ $.x != 1 }", ["plain text, not JSON": false])
    }

    @Test("a selector pointing at an object or an array matches nothing, with = or !=")
    func selectorOnContainer() {
        // AWS: both {$.users = 1} and {$.users != 1} fail to match {"users": [1, 2, 3]}.
        let users = #"{"users": [1, 2, 3]}"#
        expectMatches("{ $.users = 1 }", [users: false])
        expectMatches("{ $.users != 1 }", [users: false])
        expectMatches(#"{ $.users = "x" }"#, [users: false])
        expectMatches(#"{ $.users != "x" }"#, [users: false])
        expectMatches("{ $.users > 0 }", [users: false])
        expectMatches("{ $.user = 1 }", [awsCompoundEvent: false])
        expectMatches(#"{ $.user != "x" }"#, [awsCompoundEvent: false])
        expectMatches("{ $.user = * }", [awsCompoundEvent: false])
    }

    @Test("selectors may use - and _ in property names")
    func selectorCharacters() {
        expectMatches(
            #"{ $.request-id = "abc" && $.user_name = "bob" }"#, [#"{"request-id": "abc", "user_name": "bob"}"#: true])
    }
}

@Suite("CloudWatch Logs filter patterns: space-delimited")
struct FilterPatternSpaceDelimitedTests {
    @Test("[ip, user, username, timestamp, request = \"*.html*\", status_code = 4*, bytes] on an Apache log line")
    func apacheExample() {
        expectMatches(
            #"[ip, user, username, timestamp, request = "*.html*", status_code = 4*, bytes]"#,
            [apache404: true, apache403: true, apache200: false])
        expectMatches(
            "[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]",
            [apache404: true, apache200: false])
        expectMatches(
            "[ip, user, username, timestamp, request, status_code, bytes]", [apache404: true, apache200: true])
        expectMatches(
            "[ip = 127.0.0.1, user, username = frank, timestamp, request, status_code, bytes]",
            [apache404: true, "10.0.0.1 - frank [t] \"GET / HTTP/1.0\" 404 1": false])
    }

    @Test("an ellipsis stands for any number of fields: [..., status_code = 404, bytes]")
    func ellipsis() {
        expectMatches("[..., status_code = 404, bytes]", [apache404: true, apache200: false, apache403: false])
        expectMatches("[..., status_code, bytes]", [apache404: true])
        expectMatches("[ip, user, ..., status_code, bytes]", [apache404: true])
        expectMatches("[ip, user, ...]", [apache404: true, "127.0.0.1 -": true, "127.0.0.1": false])
        expectMatches("[ip = 10.*, ...]", [apache404: false, "10.1.2.3 GET": true])
    }

    @Test("without an ellipsis the number of fields must be exact: [w1=ERROR, w2]")
    func fieldCount() {
        // AWS: [w1=ERROR, w2] matches only "ERROR message" of the three.
        expectMatches(
            "[w1=ERROR, w2]",
            ["ERROR WARN message": false, "ERROR message": true, "WARN message": false])
        expectMatches("[ip, user, username]", [apache404: false])
    }

    @Test("numeric conditions on fields: bytes > 1000, status_code = 200")
    func numericFields() {
        expectMatches("[ip, user, username, timestamp, request, status_code, bytes > 1000]", [apache404: true])
        expectMatches(
            "[ip, user, username, timestamp, request, status_code, bytes > 2000]", [apache404: false, apache403: true])
        expectMatches(
            "[ip, user, username, timestamp, request, status_code = 200, bytes]", [apache200: true, apache404: false])
        expectMatches(
            "[ip, user, username, timestamp, request, status_code >= 400, bytes <= 1534]",
            [apache404: true, apache403: false])
        expectMatches(
            "[ip, user, username, timestamp, request, status_code != 404, bytes]", [apache404: false, apache200: true])
    }

    @Test("|| and && inside a field condition: [w1=ERROR || w1=WARN, w2]")
    func orAndInFields() {
        // Documented: "[w1=ERROR || w1=WARN, w2] matches patterns 2 and 3".
        expectMatches(
            "[w1=ERROR || w1=WARN, w2]",
            ["ERROR WARN message": false, "ERROR message": true, "WARN message": true, "INFO message": false])
        expectMatches(
            "[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]",
            [apache404: true, apache403: true, apache200: false])
        expectMatches(
            "[..., status_code = 4* && status_code != 403, bytes]",
            [apache404: true, apache403: false, apache200: false])
    }

    @Test("a trailing comma adds a blank (unnamed) last field: [..., request=*.html*, status_code=4*,]")
    func trailingBlankField() {
        // The guide's extraction example: the blank field takes "1534" ($7).
        expectMatches("[..., request=*.html*, status_code=4*,]", [apache404: true, apache200: false])
    }

    @Test("a quoted value compares as text, even when the field looks like a number")
    func quotedValuesAreText() {
        // The field's text is "0010"; it must not be re-read as the number 10.
        expectMatches(#"[w1, code = "0010"]"#, ["job 0010": true, "job 10": false])
        expectMatches(#"[app, version = "1.10"]"#, ["api 1.10": true, "api 1.1": false])
        // A wildcard applies to the field's text, leading zeros included.
        expectMatches("[w1, code = 0*]", ["job 007": true, "job 700": false])
    }
}

@Suite("CloudWatch Logs filter patterns: malformed patterns")
struct FilterPatternMalformedTests {
    @Test(
        "malformed patterns are InvalidParameterException naming the position",
        arguments: [
            // Unbalanced braces
            "{ $.a = 1", "{ $.a = 1 }}", "{ $.a = 1 } extra",
            // Unbalanced parentheses
            "{ ($.a = 1 }", "{ $.a = 1) }", "{ (($.a = 1) }", "{ ($.a = 1 && ($.b = 2) }",
            // Missing operator or operand
            "{ $.a 1 }", "{ $.a }", "{ $.a = }", "{ $.a = 1 && }", "{ && $.a = 1 }", "{ $.a = 1 $.b = 2 }", "{ }",
            // Unterminated quotes
            #""INTERNAL SERVER ERROR"#, #"ERROR "unterminated"#, #"{ $.a = "x }"#,
            #"[w1 = "abc, w2]"#,
            // Bad selectors
            "{ $. = 1 }", "{ a = 1 }", "{ $ = 1 }", "{ $.a[ = 1 }", "{ $.a[x] = 1 }", "{ $.a[1 = 1 }",
            // Bad space-delimited patterns
            "[ip, user", "[ip, = 1]", "[ip user]",
        ])
    func malformed(pattern: String) {
        expectMalformed(pattern)
    }

    @Test("the position points at the offending character (1-based)")
    func positionIsPrecise() throws {
        // "{ $.a 1 }": the selector ends at column 5; the operator is missing at column 7, where '1' is.
        let error = try #require(expectMalformed("{ $.a 1 }"))
        #expect(error.message.contains("position 7"), "\(error.message)")
    }

    @Test("a pattern may have 1,024 characters, not more")
    func lengthLimit() throws {
        let exactly = String(repeating: "A", count: 1024)
        #expect(try FilterPattern(exactly).matches(exactly))
        let json = "{ $.a = \"" + String(repeating: "x", count: 1024 - 12) + "\" }"
        #expect(json.count == 1024)
        #expect(throws: Never.self) { try FilterPattern(json) }

        for tooLong in [
            String(repeating: "A", count: 1025), "{ $.a = \"" + String(repeating: "x", count: 1025 - 12) + "\" }",
        ] {
            #expect(tooLong.count == 1025)
            expectMalformed(tooLong)
        }
    }
}
