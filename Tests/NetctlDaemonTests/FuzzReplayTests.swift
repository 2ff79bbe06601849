import Foundation
import NetctlAPI
import Testing

@testable import NetctlDaemon

/// The fuzzer's seeds and the crashes it found, replayed through the same harness it drives
/// (`RequestReplay`), so `swift test` keeps every finding fixed without running libFuzzer.
@Suite("Fuzz corpus and regressions")
struct FuzzReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func files(_ directory: String) -> [String] {
        let path = fuzz.appendingPathComponent(directory).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func replay(_ path: String) async throws -> RequestReplay.Report {
        let input = try Data(contentsOf: fuzz.appendingPathComponent(path))
        return await RequestReplay().replay(Array(input))
    }

    @Test("every method has a seed, and every seed is a method")
    func seedsMatchTheMethodTable() {
        let seeds = Set(Self.files("corpus/methods"))
        let methods = Set(RequestReplay.methodNames)
        #expect(methods.subtracting(seeds).sorted() == [], "methods without a seed in Tests/Fuzz/corpus/methods")
        #expect(seeds.subtracting(methods).sorted() == [], "seeds named after no method")
    }

    @Test(
        "a method's seed ends with a call of it, with its name as id, that succeeds",
        arguments: RequestReplay.methodNames)
    func methodSeed(_ method: String) async throws {
        let report = try await Self.replay("corpus/methods/\(method)")
        #expect(report.violations == [])
        let responses = try report.responses.map { try NetctlJSON.decoder.decode(JSONValue.self, from: $0) }
        let own = try #require(responses.last { $0["id"] == .string(method) }, "no response with id \"\(method)\"")
        #expect(own["result"] != nil, "\(method): \(own)")
        // Setup lines that fail would leave the call shallower than the seed means it to be.
        for response in responses where response["result"] == nil {
            Issue.record("\(method): a setup line failed: \(response)")
        }
    }

    @Test("the protocol seeds replay with every promise kept", arguments: files("corpus/protocol"))
    func protocolSeed(_ name: String) async throws {
        #expect(try await Self.replay("corpus/protocol/\(name)").violations == [])
    }

    @Test("every crash the fuzzer found stays fixed", arguments: files("regressions"))
    func regression(_ name: String) async throws {
        let report = try await Self.replay("regressions/\(name)")
        #expect(report.violations == [])
        #expect(!report.responses.isEmpty, "a reproducer that gets no answer checks nothing")
    }

    @Test("the checks catch broken promises")
    func checksCanFail() {
        let methods: Set<String> = ["system.health"]
        func check(_ request: String?, _ response: String?) -> [String] {
            RequestReplay.check(
                request: request.map { Data($0.utf8) }, response: response.map { Data(($0 + "\n").utf8) },
                methods: methods)
        }
        let health = #"{"jsonrpc":"2.0","id":7,"method":"system.health"}"#
        #expect(check(health, #"{"id":7,"jsonrpc":"2.0","result":{}}"#) == [])
        #expect(check(health, nil).count == 1, "no answer")
        #expect(check(health, #"{"id":8,"jsonrpc":"2.0","result":{}}"#).count == 1, "another id")
        #expect(check(health, #"{"id":7,"jsonrpc":"2.0","result":{},"error":{"code":1,"message":""}}"#).count == 1)
        #expect(check(health, #"{"id":7,"jsonrpc":"2.0","result":"#).count == 1, "not JSON")
        #expect(check(health, #"{"id":7,"jsonrpc":"2.0","error":{"code":-32603,"message":"boom"}}"#).count == 1)
        #expect(check(health, #"[{"id":7,"jsonrpc":"2.0","result":{}}]"#).count == 1, "a batch for one")
        let notification = #"{"jsonrpc":"2.0","method":"system.health"}"#
        #expect(check(notification, nil) == [])
        #expect(check(notification, #"{"id":null,"jsonrpc":"2.0","result":{}}"#).count == 1)
        let unknown = #"{"jsonrpc":"2.0","id":1,"method":"nope"}"#
        #expect(check(unknown, #"{"id":1,"jsonrpc":"2.0","result":{}}"#).count == 1, "a result for no method")
        #expect(check("nope", #"{"error":{"code":-32700,"message":"x"},"id":null,"jsonrpc":"2.0"}"#) == [])
        #expect(check("nope", #"{"error":{"code":-32600,"message":"x"},"id":null,"jsonrpc":"2.0"}"#).count == 1)
        #expect(check(nil, nil).count == 1, "a refused line is answered before the connection closes")
        let batch = "[\(health),\(notification),3]"
        #expect(
            check(
                batch,
                #"[{"id":7,"jsonrpc":"2.0","result":{}},{"error":{"code":-32600,"message":"x"},"id":null,"jsonrpc":"2.0"}]"#
            )
                == [])
        #expect(check(batch, #"[{"id":7,"jsonrpc":"2.0","result":{}}]"#).count == 1, "an element unanswered")
    }
}
