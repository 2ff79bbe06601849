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

    @Test("leading global options are moved behind the command words")
    func hoisting() {
        #expect(
            GlobalOptions.hoisted(["--socket", "/s", "--output=json", "vpc", "list"])
                == ["vpc", "list", "--socket", "/s", "--output=json"])
        #expect(GlobalOptions.hoisted(["vpc", "list", "--socket", "/s"]) == ["vpc", "list", "--socket", "/s"])
        #expect(GlobalOptions.hoisted(["--region", "eu-west-1", "vpc", "get", "--", "-odd"]) == ["vpc", "get", "--region", "eu-west-1", "--", "-odd"])
    }
}
