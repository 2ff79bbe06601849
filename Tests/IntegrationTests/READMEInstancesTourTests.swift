import Foundation
import Testing

/// The README's "seed's two instances" tour, run as a user types it: each line of the shell block after
/// the `<!-- instances tour` marker through bash against a fresh netctld. A line whose comment says
/// `exit 4` must end with netctl reach's "no path" status, every other line with 0.
@Suite struct READMEInstancesTourTests {
    struct Step {
        let line: String
        let expectedStatus: Int32
    }

    static func steps() throws -> [Step] {
        let text = try String(contentsOf: AWSPipelineTests.readme, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- instances tour"), "README.md has no instances tour marker")
        let opening = try #require(text.range(of: "```sh\n", range: marker.upperBound..<text.endIndex))
        let closing = try #require(text.range(of: "\n```", range: opening.upperBound..<text.endIndex))
        return text[opening.upperBound..<closing.lowerBound].split(separator: "\n").compactMap { line in
            let command = line.trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty, !command.hasPrefix("#") else { return nil }
            let comment = command.range(of: "#").map { String(command[$0.upperBound...]) } ?? ""
            return Step(line: command, expectedStatus: comment.contains("exit 4") ? 4 : 0)
        }
    }

    @Test func theTourRunsAsWrittenAndEachReachSaysWhy() async throws {
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
        let publicS3 = try #require(answers["netctl reach public-host s3"]?.first)
        #expect(publicS3.contains("igw-"), "the public host goes out through the internet gateway: \(publicS3)")
        let privateS3 = try #require(answers["netctl reach private-host s3"])
        #expect(privateS3.count == 2)
        #expect(privateS3.first?.contains("NO_ENDPOINT_OR_GATEWAY") == true, "\(privateS3)")
        #expect(privateS3.last?.contains("vpce-") == true, "then through the gateway endpoint: \(privateS3)")
        #expect(privateS3.last?.contains("igw-") == false, "not through the internet gateway: \(privateS3)")
        let dynamodb = try #require(answers["netctl reach private-host dynamodb"]?.first)
        #expect(dynamodb.contains("vpce-"), "\(dynamodb)")
        let ssm = try #require(answers["netctl reach private-host ssm"])
        #expect(ssm.count == 2)
        #expect(ssm.first?.contains("SECURITY_GROUP_DENIES_INGRESS") == true, "\(ssm)")
        #expect(ssm.last?.contains("SECURITY_GROUP_DENIES") == false, "\(ssm)")
    }
}
