import Foundation
import NetctlAPI
import Testing

@testable import NetctlDaemon

/// The flat decoder must decode exactly what `JSONDecoder` decodes, or decline.
@Suite("Flat params decoder")
struct FlatParamsDecoderTests {
    private struct Probe: Codable, Equatable {
        var text: String
        var count: Int?
        var ratio: Double?
        var flag: Bool?
        var small: UInt8?
    }

    private struct Dated: Codable { var at: Date }
    private struct Nested: Codable { var tags: [String: String] }

    private func flat<T: Decodable>(_ type: T.Type, _ json: String) -> T? {
        guard let members = FlatParamsDecoder.members(of: Data(json.utf8)) else { return nil }
        return try? T(from: FlatParamsDecoder(members: members))
    }

    @Test(
        "a flat object decodes as JSONDecoder decodes it",
        arguments: [
            #"{"text":"vpc-0abc"}"#, #"{ "text" : "é ü", "count" : -42 , "flag":true}"#, #"{"text":"","count":0,"ratio":7}"#,
            #"{"text":"a","count":null,"flag":false,"small":255}"#, #"{"text":"a","extra":"ignored"}"#,
            #"{"text":"a","ratio":-9007199254740993}"#,
        ])
    func decodesAsJSONDecoder(_ json: String) throws {
        let expected = try NetctlJSON.decoder.decode(Probe.self, from: Data(json.utf8))
        #expect(flat(Probe.self, json) == expected)
    }

    @Test(
        "declines what it cannot decode exactly, JSONDecoder's errors included",
        arguments: [
            #"{"text":"a\"b"}"#, #"{"text":"a","count":1.5}"#, #"{"text":"a","count":1e2}"#, #"{"text":"a","text":"b"}"#,
            #"{"text":5}"#, #"{"count":1}"#, #"{"text":"a","small":256}"#, #"{"text":"a","flag":1}"#, #"{"text":"a","count":"1"}"#,
            #"{"text":["a"]}"#, #"{"text":{"a":1}}"#, #"{"text":"a"} x"#, #"["text"]"#, #"{"text":"a",}"#, #"{"text":"a","count":01}"#,
        ])
    func declines(_ json: String) {
        #expect(flat(Probe.self, json) == nil)
    }

    @Test("dates and nested values are left to JSONDecoder's strategies")
    func leavesStrategies() {
        #expect(flat(Dated.self, #"{"at":"2026-01-01T00:00:00Z"}"#) == nil)
        #expect(flat(Dated.self, #"{"at":5}"#) == nil)
        #expect(flat(Nested.self, #"{"tags":{}}"#) == nil)
    }
}
