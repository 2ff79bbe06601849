import Foundation
import Testing

/// The README's transit gateway tour, run as a user types it: each line of the shell block after the
/// `<!-- hub tour` marker through bash against a fresh netctld (its `sleep`s included: the hub and its
/// attachments are pending on the daemon's clock). A line whose comment says `exit 4` must end with
/// netctl reach's "no path" status, every other line with 0.
@Suite struct READMEHubTourTests {
    static func steps() throws -> [(line: String, expectedStatus: Int32)] {
        let text = try String(contentsOf: AWSPipelineTests.readme, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- hub tour"), "README.md has no hub tour marker")
        let opening = try #require(text.range(of: "```sh\n", range: marker.upperBound..<text.endIndex))
        let closing = try #require(text.range(of: "\n```", range: opening.upperBound..<text.endIndex))
        return text[opening.upperBound..<closing.lowerBound].split(separator: "\n").compactMap { line in
            let command = line.trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty, !command.hasPrefix("#") else { return nil }
            let comment = command.range(of: "#").map { String(command[$0.upperBound...]) } ?? ""
            return (command, comment.contains("exit 4") ? 4 : 0)
        }
    }

    @Test func theHubTourRunsAsWrittenAndEachReachSaysWhy() async throws {
        let daemon = try await DaemonProcess.start()
        defer { Task { await daemon.terminate() } }
        var environment = ProcessInfo.processInfo.environment
        environment["NETCTL_SOCKET"] = daemon.socketPath
        environment["PATH"] = Binaries.directory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")

        var answers: [String: [String]] = [:]
        for step in try Self.steps() {
            let run = try runProcess("/bin/bash", ["-c", step.line], environment: environment)
            #expect(run.status == step.expectedStatus, "\(step.line)\n\(run.stdout)\n\(run.stderr)")
            let command = step.line.components(separatedBy: "#")[0].trimmingCharacters(in: .whitespaces)
            answers[command, default: []].append(run.stdout + run.stderr)
        }

        // Each verdict for the reason the README gives, not merely the exit status.
        let eastToWest = try #require(answers["netctl reach east-a west-a --protocol tcp --port 22"])
        #expect(eastToWest.count == 2)
        #expect(eastToWest.first?.contains("SECURITY_GROUP_DENIES_INGRESS") == true, "\(eastToWest)")
        let open = try #require(eastToWest.last)
        for hop in ["transitGatewayAttachment", "transitGatewayRouteTable", "return path"] {
            #expect(open.contains(hop), "\(hop) in \(open)")
        }
        let otherZone = try #require(answers["netctl reach east-b west-a --protocol tcp --port 22"]?.first)
        #expect(otherZone.contains("TGW_NO_ATTACHMENT_IN_AZ"), "\(otherZone)")
        #expect(otherZone.contains("us-east-1b"), "\(otherZone)")
    }
}
