import Foundation
import NetctlAPI
import Testing

@testable import NetctlDaemon

/// The envelope scanner is a shortcut: it may decline any line, but a line it takes must be answered
/// exactly as the general decoding answers it.
@Suite("Envelope scanner")
struct EnvelopeScanTests {
    private func scan(_ line: String) -> EnvelopeScan? {
        Data(line.utf8).withUnsafeBytes(EnvelopeScan.scan)
    }

    private func text(_ line: String, _ range: Range<Int>?) -> String? {
        range.map { String(decoding: Array(line.utf8)[$0], as: UTF8.self) }
    }

    @Test("reads the envelope in any member order, with spaces, and finds the params object")
    func readsEnvelopes() throws {
        let line = #" { "params" : {"vpc":"a{}b","n":[1,{"x":"}"}]} , "method":"vpc.get","id":-42,"jsonrpc":"2.0" } "#
        let envelope = try #require(scan(line))
        #expect(text(line, envelope.method) == "vpc.get")
        #expect(text(line, envelope.jsonrpc) == "2.0")
        #expect(envelope.id == .number(-42) && envelope.hasId)
        #expect(text(line, envelope.params) == #"{"vpc":"a{}b","n":[1,{"x":"}"}]}"#)

        let notification = try #require(scan(#"{"jsonrpc":"2.0","method":"system.health"}"#))
        #expect(!notification.hasId && notification.id == nil && notification.params == nil)
        let nullId = try #require(scan(#"{"jsonrpc":"2.0","id":null,"method":"m","params":null}"#))
        #expect(nullId.hasId && nullId.id == nil && nullId.params == nil)
        #expect(scan(#"{"jsonrpc":"2.0","id":"req-1","method":"m"}"#)?.id == .string("req-1"))
        #expect(scan(#"{"jsonrpc":"2.0","id":9223372036854775807,"method":"m"}"#)?.id == .number(.max))
        #expect(scan(#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"m"}"#)?.id == .number(.min))
    }

    @Test(
        "declines what it does not fully understand, leaving it to the general decoding",
        arguments: [
            #"[{"jsonrpc":"2.0","id":1,"method":"m"}]"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m\u002e"}"#,
            #"{"jsonrpc":"2.0","id":"a\"b","method":"m"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","extra":0}"#,
            #"{"jsonrpc":"2.0","id":1,"id":2,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":{},"params":{}}"#,
            #"{"jsonrpc":"2.0","id":1.0,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":1e3,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":01,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":9223372036854775808,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":true,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":[1]}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":"\"b"}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":"\u0041"}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":1}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m"} x"#,
            #"{"jsonrpc":"2.0","id":1,"method":"m"}{}"#,
            #"{"id":1,"method":"m"}"#,
            #"{"jsonrpc":"2.0","id":1}"#,
            #"{"jsonrpc":2,"id":1,"method":"m"}"#,
            #"{}"#,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\tb\"}",
            "",
        ])
    func declines(_ line: String) {
        #expect(scan(line) == nil)
    }

    @Test("every line it takes gets the answer the general decoding gives the same request")
    func answersAsTheGeneralPath() async throws {
        let members = [
            #""jsonrpc":"2.0","id":1,"method":"vpc.list","params":{}"#,
            #""id":"a","method":"vpc.get","jsonrpc":"2.0","params":{"vpc":"vpc-0123456789abcdef0"}"#,
            #""jsonrpc":"2.0","id":3,"method":"vpc.create","params":{"cidrBlock":5}"#,
            #""jsonrpc":"2.0","id":4,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","bogus":1}"#,
            #""jsonrpc":"2.0","id":5,"method":"vpc.list","params":[1]"#,
            #""jsonrpc":"2.0","id":6,"method":"vpc.list","params":null"#,
            #""jsonrpc":"2.0","id":7,"method":"vpc.list""#,
            #""jsonrpc":"2.0","id":-8,"method":"vpc.get","params":{"vpc":"x","region":7}"#,
            #""jsonrpc":"2.0","id":9,"method":"vpc.list","params":{"maxResults":"x"}"#,
            #""jsonrpc":"2.0","id":null,"method":"vpc.list","params":{}"#,
            #""jsonrpc":"2.0","id":10,"method":"vpc.get","params":{"vpc":"a\"b\u00e9"}"#,
            #""jsonrpc":"2.0","id":11,"method":"vpc.list","params":{"region":"us-east-1","accountId":"000000000000"}"#,
            #""jsonrpc":"2.0","id":12,"method":"system.whoami""#,
            #""jsonrpc":"2.0","id":17,"method":"vpc.get","params":{"vpc":"\u0041"}"#,
            #""jsonrpc":"2.0","id":19,"method":"vpc.list","params":{"maxResults":5.5}"#,
            #""jsonrpc":"2.0","id":20,"method":"vpc.list","params":{"maxResults":99999999999999999999}"#,
            #""jsonrpc":"2.0","id":21,"method":"vpc.list","params":{"maxResults":-0}"#,
            #""jsonrpc":"2.0","id":13,"method":"no.such.method","params":{}"#,
            #""jsonrpc":"1.0","id":14,"method":"vpc.list""#,
            #""jsonrpc":"2.0","id":15,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","clientToken":""}"#,
            #""jsonrpc":"2.0","id":16,"method":"vpc.list","params":{"filters":[{"name":"cidr","values":["10.0.0.0/16"]}]}"#,
            #""jsonrpc":"2.0","method":"vpc.list","params":{}"#,
        ]
        // An unknown envelope member changes nothing for the general decoding, and the scanner
        // declines it: the same request, once each way.
        let scanned = members.map { "{\($0)}" }
        let general = members.map { #"{"x":0,\#($0)}"# }
        for line in general { #expect(scan(line) == nil) }
        let viaScanner = await RequestReplay().replay(Array((scanned.joined(separator: "\n") + "\n").utf8))
        let viaGeneral = await RequestReplay().replay(Array((general.joined(separator: "\n") + "\n").utf8))
        #expect(viaScanner.violations == [])
        #expect(viaGeneral.violations == [])
        #expect(viaScanner.responses.count == viaGeneral.responses.count)
        for (fast, slow) in zip(viaScanner.responses, viaGeneral.responses) {
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: slow, as: UTF8.self))
        }
    }

    @Test("params that are not JSON are answered with the code and id the general decoding gives")
    func brokenParams() async throws {
        let members = [
            #""jsonrpc":"2.0","id":1,"method":"vpc.list","params":{"a":}"#,
            #""jsonrpc":"2.0","id":2,"method":"vpc.list","params":{"a":[1,}}"#,
            #""jsonrpc":"2.0","id":3,"method":"vpc.list","params":{"a" 1}"#,
        ]
        for body in members {
            #expect(scan("{\(body)}") != nil)
            // Messages name offsets in the line, which the extra member moves: compare the rest.
            let fast = await RequestReplay().replay(Array("{\(body)}\n".utf8))
            let slow = await RequestReplay().replay(Array(#"{"x":0,\#(body)}"#.utf8) + [0x0a])
            let answers = try [fast, slow].map {
                try NetctlJSON.decoder.decode(JSONValue.self, from: try #require($0.responses.first))
            }
            #expect(answers[0]["error"]?["code"] == answers[1]["error"]?["code"])
            #expect(answers[0]["id"] == answers[1]["id"])
        }
    }

    @Test(
        "every method's seed gets the same answers through the fast paths as through the general decoding",
        arguments: RequestReplay.methodNames)
    func seedsAnswerAlike(_ method: String) async throws {
        let seed = try String(contentsOf: FuzzReplayTests.fuzz.appendingPathComponent("corpus/methods/\(method)"), encoding: .utf8)
        let lines = seed.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let general = lines.map { $0.hasPrefix("{") ? #"{"x":0,"# + $0.dropFirst() : $0 }
        let fast = await RequestReplay().replay(Array((lines.joined(separator: "\n") + "\n").utf8))
        let slow = await RequestReplay().replay(Array((general.joined(separator: "\n") + "\n").utf8))
        #expect(fast.responses.count == slow.responses.count)
        for (one, other) in zip(fast.responses, slow.responses) {
            // Errors must match byte for byte; a result's content may move with the live scheduler (ECS
            // tasks started between two replays), so results are compared by their members.
            if Self.steady(one).contains(#""error":"#) || Self.steady(other).contains(#""error":"#) {
                #expect(Self.steady(one) == Self.steady(other))
            } else {
                #expect(try Self.members(one) == Self.members(other))
            }
        }
    }

    private static func members(_ response: Data) throws -> [String] {
        let value = try NetctlJSON.decoder.decode(JSONValue.self, from: response)
        return (value["result"]?.objectValue.map { Array($0.keys) } ?? []).sorted()
    }

    /// A response without what changes from one run to the next: the daemon's uptime, and the
    /// identifiers some services draw from the system's randomness rather than the replay's seeded
    /// IDs (ECS deployments, events and tasks), runs of 16 or more digits.
    private static func steady(_ response: Data) -> String {
        String(decoding: response, as: UTF8.self).replacing(/"uptimeSeconds":[0-9.e-]+/, with: "")
            .replacing(/[0-9a-f]{16,}/, with: "#")
    }
}
