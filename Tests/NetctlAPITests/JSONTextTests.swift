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
}
