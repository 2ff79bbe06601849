import ArgumentParser
import Foundation
import Testing

@testable import netctl

/// netctl(1) must describe every command and flag the binary accepts.
@Suite("netctl(1) matches the command tree")
struct ManPageTests {
    static let manPage: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = (try? String(contentsOf: root.appendingPathComponent("man/netctl.1"), encoding: .utf8)) ?? ""
        return text.replacingOccurrences(of: "\\-", with: "-").replacingOccurrences(of: "\\fB", with: "")
            .replacingOccurrences(of: "\\fR", with: "").replacingOccurrences(of: "\\fI", with: "")
            .replacingOccurrences(of: "\\fP", with: "")
    }()

    /// Every leaf command as its words after `netctl`, with its type.
    static func leaves(_ command: any ParsableCommand.Type, path: [String] = []) -> [([String], any ParsableCommand.Type)] {
        let subcommands = command.configuration.subcommands
        if subcommands.isEmpty { return [(path, command)] }
        return subcommands.flatMap { sub in
            leaves(sub, path: path + [sub.configuration.commandName ?? String(describing: sub).lowercased()])
        }
    }

    @Test("every command path appears as `netctl NOUN VERB`")
    func commands() {
        #expect(!Self.manPage.isEmpty, "man/netctl.1 is missing")
        for (path, _) in Self.leaves(Netctl.self) {
            let words = "netctl " + path.joined(separator: " ")
            #expect(Self.manPage.contains(words), "man/netctl.1 does not mention '\(words)'")
        }
    }

    @Test("every long flag of every command appears")
    func flags() {
        for (path, command) in Self.leaves(Netctl.self) {
            let help = command.helpMessage(columns: 10_000)
            let flags = Set(
                help.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "[" || $0 == "]" || $0 == "=" })
                    .filter { $0.hasPrefix("--") && $0.count > 2 }
                    .map { String($0.prefix { $0 == "-" || $0.isLetter || $0.isNumber }) })
                .subtracting(["--help", "--version"])
            for flag in flags {
                #expect(Self.manPage.contains(flag), "man/netctl.1 does not mention \(flag) of 'netctl \(path.joined(separator: " "))'")
            }
        }
    }

    @Test("EXIT STATUS lists exactly the exit codes netctl uses, and the page has its other sections")
    func sections() throws {
        let page = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("man/netctl.1"), encoding: .utf8)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        for name in ["EXIT STATUS", "FILES", "ENVIRONMENT", "EXAMPLES", "SHELL COMPLETION"] {
            #expect(lines.contains { $0 == ".SH \(name)" }, "man/netctl.1 has no \(name) section")
        }
        let start = try #require(lines.firstIndex(of: ".SH EXIT STATUS"))
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix(".SH ") } ?? lines.endIndex
        let body = lines[(start + 1)..<end]
        let codes = body.indices.filter { body[$0] == ".TP" && $0 + 1 < end }.map { body[$0 + 1].replacingOccurrences(of: ".B ", with: "") }
        let used = [
            0, ExitStatus.refused, ExitStatus.usage, ExitStatus.unreachable, ExitStatus.unreachableDestination,
        ].map(String.init)
        #expect(codes == used, "EXIT STATUS lists \(codes); netctl exits with \(used)")
        #expect(Self.manPage.contains("--generate-completion-script"), "man/netctl.1 should say how to get shell completions")
    }

    @Test("leading global options are moved behind the command words")
    func hoisting() {
        #expect(
            GlobalOptions.hoisted(["--socket", "/s", "--output=json", "vpc", "list"])
                == ["vpc", "list", "--socket", "/s", "--output=json"])
        #expect(GlobalOptions.hoisted(["vpc", "list", "--socket", "/s"]) == ["vpc", "list", "--socket", "/s"])
        #expect(GlobalOptions.hoisted(["--region", "eu-west-1", "vpc", "get", "--", "-odd"]) == ["vpc", "get", "--region", "eu-west-1", "--", "-odd"])
    }
}
