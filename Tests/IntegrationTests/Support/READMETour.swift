import Foundation
import Testing

/// A README shell block run as a user types it: each line after `<!-- MARKER` through bash against a
/// fresh netctld, `netctl` and `netctld` on the PATH. A line whose comment says `exit 4` must end
/// with netctl reach's "no path" status, every other line with 0.
enum READMETour {
    struct Step {
        let line: String
        let expectedStatus: Int32
        /// The line without its comment: what `run` files its output under.
        var command: String { line.components(separatedBy: "#")[0].trimmingCharacters(in: .whitespaces) }
    }

    static func steps(marker: String) throws -> [Step] {
        let text = try String(contentsOf: AWSPipelineTests.readme, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- \(marker)"), "README.md has no \(marker) marker")
        let opening = try #require(text.range(of: "```sh\n", range: start.upperBound..<text.endIndex))
        let closing = try #require(text.range(of: "\n```", range: opening.upperBound..<text.endIndex))
        return text[opening.upperBound..<closing.lowerBound].split(separator: "\n").compactMap { line in
            let command = line.trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty, !command.hasPrefix("#") else { return nil }
            let comment = command.range(of: "#").map { String(command[$0.upperBound...]) } ?? ""
            return Step(line: command, expectedStatus: comment.contains("exit 4") ? 4 : 0)
        }
    }

    /// Runs the tour, expecting each line's status; returns each command's outputs (stdout and
    /// stderr), in the order run, for the caller to check the reasons. `daemonArguments` are the flags
    /// the README has the reader start netctld with for that section.
    static func run(marker: String, daemonArguments: [String] = []) async throws -> [String: [String]] {
        let daemon = try await DaemonProcess.start(daemonArguments)
        defer { Task { await daemon.terminate() } }
        var environment = ProcessInfo.processInfo.environment
        environment["NETCTL_SOCKET"] = daemon.socketPath
        environment["PATH"] = Binaries.directory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")

        var answers: [String: [String]] = [:]
        for step in try steps(marker: marker) {
            let run = try runProcess(
                "/bin/bash", ["-c", step.line], environment: environment, currentDirectory: daemon.dataDirectory)
            #expect(run.status == step.expectedStatus, "\(step.line)\n\(run.stdout)\n\(run.stderr)")
            answers[step.command, default: []].append(run.stdout + run.stderr)
        }
        return answers
    }
}
