import Foundation
import Testing

/// The README's container pipeline, run as written: the shell block after its `<!-- pipeline -->`
/// marker, with the AWS CLI (v1 and Debian's v2), skopeo and netctl against a fresh netctld.
@Suite struct AWSPipelineTests {
    static let readme = AWSModelConformanceTests.repository.appendingPathComponent("README.md")

    /// The first ```sh block after the pipeline marker.
    static func pipelineBlock() throws -> String {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- pipeline:"), "README.md has no pipeline marker")
        let opening = try #require(text.range(of: "```sh\n", range: marker.upperBound..<text.endIndex))
        let closing = try #require(text.range(of: "\n```", range: opening.upperBound..<text.endIndex))
        return String(text[opening.upperBound..<closing.lowerBound]) + "\n"
    }

    @Test func theREADMEsPipelineRunsAsWritten() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        // The README runs from the repository: its scripts, and the image directory it makes.
        let work = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: work.path + "/scripts",
            withDestinationPath: AWSModelConformanceTests.repository.appendingPathComponent("scripts").path)
        let script = work.path + "/pipeline.sh"
        try Self.pipelineBlock().write(toFile: script, atomically: true, encoding: .utf8)
        var environment = aws.environment()
        environment["NETCTL_SOCKET"] = aws.daemon.socketPath
        environment["PATH"] = Binaries.directory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let run = try runProcess(
            "/bin/bash", ["-c", "cd \"$0\" && bash -e -o pipefail -x pipeline.sh", work.path], environment: environment)
        #expect(run.status == 0, "\(run.stdout.suffix(3000))\n\(run.stderr.suffix(3000))")
        let output = run.stdout
        // The images skopeo pushed are ECR images with the tags the pipeline gave them.
        #expect(output.contains("\"v1\"") && output.contains("\"live\""), "\(output.prefix(2000))")
        // The forced deployment replaced the tasks and completed: two deployments' worth of events.
        let completions = output.components(separatedBy: "deployment completed").count - 1
        #expect(completions >= 2, "logs tail shows \(completions) completed deployments")
        #expect(output.contains("\"Maximum\": 2"), "RunningTaskCount reached the desired count")
        // Cloud Map answers with the two running tasks' addresses, one per subnet.
        #expect(output.contains("\"10.40.1.") && output.contains("\"10.40.2."), "\(output.suffix(1500))")
        // And the socket sees the same service, settled.
        #expect(output.contains("Desired / running / pending: 2 / 2 / 0"), "\(output.suffix(800))")

        // The tasks now run version 2: the tag the task definition names moved to v2's manifest.
        let images = try aws.aws(["ecr", "describe-images", "--repository-name", "forum/users"])
        let details = try #require(images.object["imageDetails"] as? [[String: Any]], "\(images)")
        let live = details.first { ($0["imageTags"] as? [String] ?? []).contains("live") }
        #expect((live?["imageTags"] as? [String])?.sorted() == ["live", "v2"], "\(details)")
    }
}
