import Foundation
import NetctlAPI
import Testing

@Suite("Hand-assembled JSON strings")
struct JSONTextTests {
    @Test("quote gives a JSON string literal that decodes back to the same text")
    func roundTrip() throws {
        for text in ["", "plain", "quote \" and back\\slash", "line\nbreak\r\ttab", "\u{1}\u{1f} control", "ünïcødé ✓ 🚀", "a/b"] {
            let decoded = try JSONDecoder().decode(String.self, from: Data(JSONText.quote(text).utf8))
            #expect(decoded == text)
        }
    }

    @Test("quote writes what NetctlJSON.encoder writes, byte for byte: stored keys built either way match")
    func sameBytesAsTheEncoder() throws {
        let scalars = (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "\u{2028}", "\u{feff}", "🚀"]
        for scalar in scalars {
            let text = String(scalar)
            let encoded = String(decoding: try NetctlJSON.encoder.encode(text), as: UTF8.self)
            #expect(JSONText.quote(text) == encoded, "U+\(String(scalar.value, radix: 16))")
        }
    }
}
