import NetctlAPI
import Testing

@testable import NetctlCore

/// EC2's filter patterns: `*` any run, `?` one character, backslash escapes; filters AND, values OR.
struct FilterTableTests {
    @Test(arguments: [
        ("*", "", true), ("*", "anything", true), ("a*", "abc", true), ("a*", "bac", false), ("*c", "abc", true),
        ("a?c", "abc", true), ("a?c", "ac", false), ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false),
        ("10.0.*", "10.0.1.0/24", true), ("\\*", "*", true), ("\\*", "x", false), ("a\\?", "a?", true),
        ("a\\?", "ab", false), ("prod", "prod", true), ("prod", "production", false), ("*?", "", false),
    ])
    func wildcards(pattern: String, text: String, matches: Bool) {
        #expect(FilterTable<Vpc>.wildcard(pattern, matches: text) == matches)
    }

    struct Item {
        var id: String
        var tags: Tags
    }

    static let table = FilterTable<Item>(["item-id": { [$0.id] }], tags: { $0.tags })

    @Test func filtersCombineAndTagsComeFree() throws {
        let item = Item(id: "i-1", tags: ["env": "prod", "team": "net"])
        #expect(Self.table.matches(item, []))
        #expect(Self.table.matches(item, [Filter(name: "item-id", values: ["i-2", "i-1"])]))
        #expect(Self.table.matches(item, [Filter(name: "tag:env", values: ["pr*"]), Filter(name: "tag-key", values: ["team"])]))
        #expect(!Self.table.matches(item, [Filter(name: "tag:env", values: ["prod"]), Filter(name: "item-id", values: ["x"])]))
        #expect(!Self.table.matches(item, [Filter(name: "tag:missing", values: ["*"])]))
        #expect(throws: NetctlError.self) { try Self.table.validate([Filter(name: "nope", values: [])]) }
        #expect(throws: Never.self) { try Self.table.validate([Filter(name: "tag:anything", values: [])]) }
    }
}
