import ArgumentParser
import Foundation
import Testing

@testable import netctld

/// netctld.yaml(5) documents exactly the keys of the example etc/netctld.yaml, and netctld(8) exactly
/// the flags of netctld.
@Suite("netctld's man pages match its configuration keys and flags")
struct ConfigDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func source(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// Every leaf key path of a YAML example, as `quotas.vpcsPerRegion`: the keys that are set and the
    /// ones commented out as `#key: value` (a `#` right before the key; `# words` is prose), nested by
    /// indentation. A key holding a nested mapping is not itself a leaf.
    static func exampleKeys(_ yaml: String) -> Set<String> {
        var parents: [(indent: Int, key: String)] = []
        var paths: [String] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            var body = line.dropFirst(indent)
            if body.hasPrefix("#") { body = body.dropFirst() }
            guard let colon = body.firstIndex(of: ":"), let first = body.first, first.isLowercase, first.isASCII else {
                continue
            }
            let key = body[..<colon]
            guard key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { continue }
            let rest = body[body.index(after: colon)...]
            guard rest.isEmpty || rest.hasPrefix(" ") else { continue }
            while let last = parents.last, last.indent >= indent { parents.removeLast() }
            let path = (parents.map(\.key) + [String(key)]).joined(separator: ".")
            paths.append(path)
            if rest.trimmingCharacters(in: .whitespaces).isEmpty { parents.append((indent, String(key))) }
        }
        return Set(paths.filter { path in !paths.contains { $0.hasPrefix(path + ".") } })
    }

    /// The words of a man page line with the font macro and groff escapes removed.
    static func plain(_ line: Substring) -> String {
        var text = String(line)
        if text.hasPrefix("."), let space = text.firstIndex(of: " ") { text = String(text[text.index(after: space)...]) }
        for (escape, replacement) in [("\\-", "-"), ("\\fB", ""), ("\\fI", ""), ("\\fR", ""), ("\\fP", ""), ("\\(dq", ""), ("\"", "")] {
            text = text.replacingOccurrences(of: escape, with: replacement)
        }
        return text
    }

    /// The lines of section `name` (from `.SH name` to the next `.SH`).
    static func section(_ name: String, of page: String) -> [Substring] {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == ".SH \(name)" || $0 == ".SH \"\(name)\"" }) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix(".SH ") } ?? lines.endIndex
        return Array(lines[(start + 1)..<end])
    }

    /// The tag lines of the top-level `.TP` entries of a section (entries inside `.RS`/`.RE` are
    /// details of an entry, not entries).
    static func tags(_ lines: [Substring]) -> [String] {
        var depth = 0
        var tags: [String] = []
        for (index, line) in lines.enumerated() {
            if line.hasPrefix(".RS") { depth += 1 }
            if line.hasPrefix(".RE") { depth -= 1 }
            if line == ".TP", depth == 0, index + 1 < lines.count { tags.append(plain(lines[index + 1])) }
        }
        return tags
    }

    @Test("the example's key reader finds set, commented-out and nested keys")
    func readsExampleKeys() {
        let yaml = """
            # prose: not a key
            #socket: /run/x.sock
            region: us-east-1
            quotas:
              # VPCs per region.
              vpcsPerRegion: 5
              #cidrsPerVpc: 5
            identity:
              accounts:
                - "1000=111122223333"
              adminGroups: []
            logLevel: info # trailing comment
            """
        #expect(
            Self.exampleKeys(yaml) == [
                "socket", "region", "quotas.vpcsPerRegion", "quotas.cidrsPerVpc", "identity.accounts",
                "identity.adminGroups", "logLevel",
            ])
        let shipped = Self.exampleKeys(Self.source("etc/netctld.yaml"))
        for key in ["socket", "dataDir", "emfFile", "quotas.vpcsPerRegion", "identity.adminGroups", "identity.accounts"] {
            #expect(shipped.contains(key), "etc/netctld.yaml should have \(key); read \(shipped.sorted())")
        }
    }

    @Test("every key of etc/netctld.yaml is under KEYS in netctld.yaml(5), and every key there is in the example")
    func configurationKeys() {
        let example = Self.exampleKeys(Self.source("etc/netctld.yaml"))
        let keys = Self.section("KEYS", of: Self.source("man/netctld.yaml.5"))
        let documented = Self.tags(keys).map { String($0.split(separator: " ").first ?? "") }
        #expect(!documented.isEmpty, "man/netctld.yaml.5 has no KEYS entries")
        #expect(Set(documented).count == documented.count, "a key is documented twice: \(documented.sorted())")
        for key in documented {
            #expect(
                key.wholeMatch(of: /[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*/) != nil,
                "KEYS entry '\(key)' in man/netctld.yaml.5 is not one key path (one .TP entry per key)")
        }
        for key in example.subtracting(documented).sorted() {
            Issue.record("etc/netctld.yaml has \(key), which man/netctld.yaml.5 does not document under KEYS")
        }
        for key in Set(documented).subtracting(example).sorted() {
            Issue.record("man/netctld.yaml.5 documents \(key), which etc/netctld.yaml does not have (commented out or set)")
        }
    }

    /// netctld's long flags, from its help.
    static var flags: Set<String> {
        let help = Netctld.helpMessage(columns: 10_000)
        let words = help.split(whereSeparator: { " ,\n[]=<>".contains($0) })
        return Set(words.filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init))
    }

    @Test("every flag of netctld has an entry under OPTIONS and appears in the SYNOPSIS of netctld(8), and no other")
    func daemonFlags() {
        let page = Self.source("man/netctld.8")
        let flags = Self.flags
        #expect(flags.isSuperset(of: ["--config", "--socket", "--quota", "--help", "--version"]), "read \(flags.sorted())")
        let options = Set(
            Self.tags(Self.section("OPTIONS", of: page)).flatMap { tag in
                tag.split(separator: " ").filter { $0.hasPrefix("--") }.map { String($0.prefix { $0 == "-" || $0.isLetter }) }
            })
        for flag in flags.subtracting(options).sorted() {
            Issue.record("netctld \(flag) has no entry under OPTIONS in man/netctld.8")
        }
        for flag in options.subtracting(flags).sorted() {
            Issue.record("man/netctld.8 documents \(flag) under OPTIONS, which netctld does not accept")
        }
        let synopsis = Self.section("SYNOPSIS", of: page).map(Self.plain).joined(separator: " ")
        for flag in flags.sorted() {
            #expect(synopsis.contains(flag), "the SYNOPSIS of man/netctld.8 does not show \(flag)")
        }
    }

    @Test("netctld(8) has the sections an administrator looks for, and SIGNALS covers reloading")
    func daemonSections() {
        let page = Self.source("man/netctld.8")
        for name in ["SYNOPSIS", "OPTIONS", "CONFIGURATION", "FILES", "SIGNALS", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES"] {
            #expect(!Self.section(name, of: page).isEmpty, "man/netctld.8 has no \(name) section")
        }
        let signals = Self.section("SIGNALS", of: page).map(Self.plain).joined(separator: " ")
        for word in ["SIGTERM", "SIGINT", "SIGHUP", "RELOADING=1", "READY=1", "logrotate"] {
            #expect(signals.contains(word), "SIGNALS in man/netctld.8 does not mention \(word)")
        }
        let statuses = Self.tags(Self.section("EXIT STATUS", of: page))
        #expect(statuses == ["0", "1", "64"], "EXIT STATUS of man/netctld.8 lists \(statuses)")
    }
}
