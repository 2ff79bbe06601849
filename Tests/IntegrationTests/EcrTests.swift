import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("ECR through the socket and the CLI")
struct EcrTests {
    static let hex = String(repeating: "a", count: 64)

    /// A Docker V2 schema 2 manifest; `layerSize` makes each one distinct.
    static func manifest(_ layerSize: Int) -> String {
        #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"#
            + #""mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"sha256:\#(hex)"},"#
            + #""layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":\#(layerSize),"#
            + #""digest":"sha256:\#(hex)"}]}"#
    }

    static let untaggedAfterADay =
        #"{"rules":[{"rulePriority":1,"description":"untagged images go after a day","selection":{"tagStatus":"untagged","#
        + #""countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}"#

    static let keepTwoReleases =
        #"{"rules":[{"rulePriority":1,"description":"keep the two newest releases","selection":{"tagStatus":"tagged","#
        + #""tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}"#

    /// The digest as coreutils computes it from the same bytes: independent of netctld's SHA-256.
    func sha256sum(_ text: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/digest-input"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return "sha256:" + (output.split(separator: " ").first.map(String.init) ?? "")
    }

    func code(_ body: () async throws -> Any) async -> String? {
        do { _ = try await body() } catch ClientError.rpc(let error) { return error.domainCode } catch { return "\(error)" }
        return nil
    }

    func message(_ event: LogEvent) throws -> JSONValue {
        try NetctlJSON.decoder.decode(JSONValue.self, from: Data(event.message.utf8))
    }

    /// Waits for the watcher (it follows commits asynchronously) until `enough` holds.
    func events(_ client: NetctlClient, _ request: LogsFilter, until enough: ([LogEvent]) -> Bool) async throws -> [LogEvent] {
        var events: [LogEvent] = []
        for _ in 0..<300 {
            events = (try? await client.send(request).events) ?? []
            if enough(events) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return events
    }

    @Test("push, tag move, immutability, and a lifecycle policy expiring images on the daemon clock, logged to /netctl/ecr")
    func registry() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        let web = try await client.send(EcrRepositoryCreate(name: "web"))
        #expect(web.repositoryArn == "arn:aws:ecr:us-east-1:000000000000:repository/web")
        #expect(web.repositoryUri == "000000000000.dkr.ecr.us-east-1.amazonaws.com/web")
        #expect(web.imageTagMutability == "MUTABLE")
        #expect(await code { try await client.send(EcrRepositoryCreate(name: "web")) } == "RepositoryAlreadyExistsException")
        #expect(await code { try await client.send(EcrRepositoryCreate(name: "Web")) } == "InvalidParameterException")

        // Push, then push another manifest with the same tag: the tag moves, the first image stays untagged.
        let first = try await client.send(EcrImagePut(repository: "web", manifest: Self.manifest(1), tag: "v1"))
        #expect(first.imageDigest == (try sha256sum(Self.manifest(1), in: daemon.directory)))
        #expect(first.imageTags == ["v1"])
        let second = try await client.send(EcrImagePut(repository: "web", manifest: Self.manifest(2), tag: "v1"))
        let listed = try await client.send(EcrImageList(repository: "web")).images
        #expect(listed.map(\.imageDigest) == [first.imageDigest, second.imageDigest])
        #expect(listed.map(\.imageTags) == [[], ["v1"]])
        #expect(
            await code { try await client.send(EcrImagePut(repository: "web", manifest: Self.manifest(2), tag: "v1")) }
                == "ImageAlreadyExistsException")

        // An immutable repository keeps its tags where they are.
        _ = try await client.send(EcrRepositoryCreate(name: "base", imageTagMutability: "IMMUTABLE"))
        _ = try await client.send(EcrImagePut(repository: "base", manifest: Self.manifest(1), tag: "v1"))
        #expect(
            await code { try await client.send(EcrImagePut(repository: "base", manifest: Self.manifest(2), tag: "v1")) }
                == "ImageTagAlreadyExistsException")
        #expect(try await client.send(EcrImageGet(repository: "base", tag: "v1")).imageDigest == first.imageDigest)

        // A policy that expires untagged images a day after their push: nothing yet, the first image tomorrow.
        let policy = try await client.send(EcrLifecyclePolicyPut(repository: "web", policy: Self.untaggedAfterADay))
        #expect(policy.expiredImages == [])
        #expect(
            policy.nextEvaluationAt.map(Timestamp.epochMilliseconds)
                == Timestamp.epochMilliseconds(first.imagePushedAt) + 86_400_000)
        #expect(
            await code { try await client.send(EcrLifecyclePolicyPut(repository: "web", policy: #"{"rules":[]}"#)) }
                == "InvalidParameterException")

        // The state, the policy and its deadline survive a restart (the manual clock starts again from the
        // system's time, a little later).
        await daemon.terminate()
        try await daemon.start()
        _ = try await client.send(DebugClockAdvance(seconds: 86_400 - 3600))
        #expect(try await client.send(EcrImageList(repository: "web")).images.count == 2)
        _ = try await client.send(DebugClockAdvance(seconds: 3601))
        let after = try await client.send(EcrImageList(repository: "web")).images
        #expect(after.map(\.imageDigest) == [second.imageDigest])
        #expect(
            await code { try await client.send(EcrImageGet(repository: "web", imageDigest: first.imageDigest)) }
                == "ImageNotFoundException")

        // The expiry is a change event, logged to /netctl/ecr in the image's stream.
        let expiries = try await events(client, LogsFilter(group: "/netctl/ecr", pattern: #"{ $.action = "expire" }"#)) {
            !$0.isEmpty
        }
        let expiry = try #require(expiries.first)
        #expect(expiries.count == 1)
        #expect(expiry.logStreamName == "\(web.repositoryArn)@\(first.imageDigest)")
        let logged = try message(expiry)
        #expect(logged["resourceType"] == "ecrImage")
        #expect(logged["accountId"] == "000000000000")
        #expect(logged["detail"]?["expiredByRulePriority"] == 1)
        #expect(logged["detail"]?["imageDigest"]?.stringValue == first.imageDigest)
        // The repository's own stream is its ARN.
        let repositoryEvents = try await client.send(LogsGet(group: "/netctl/ecr", stream: web.repositoryArn)).events
        #expect(try repositoryEvents.map { try message($0)["action"]?.stringValue } == ["create", "putLifecyclePolicy"])

        // A count rule applies on push: the third release pushes the oldest out in the same commit.
        _ = try await client.send(EcrRepositoryCreate(name: "app"))
        _ = try await client.send(EcrLifecyclePolicyPut(repository: "app", policy: Self.keepTwoReleases))
        for release in 1...3 {
            _ = try await client.send(EcrImagePut(repository: "app", manifest: Self.manifest(10 + release), tag: "v\(release)"))
        }
        #expect(try await client.send(EcrImageList(repository: "app")).images.map(\.imageTags) == [["v2"], ["v3"]])

        #expect(await code { try await client.send(EcrRepositoryDelete(name: "web")) } == "RepositoryNotEmptyException")
        #expect(try await client.send(EcrRepositoryDelete(name: "web", force: true)).repositoryName == "web")
        #expect(await code { try await client.send(EcrRepositoryGet(name: "web")) } == "RepositoryNotFoundException")
        let status = try await client.send(SystemStatus())
        #expect(status.resources["ecrRepositories"] == 2 && status.resources["ecrImages"] == 3)
        await daemon.terminate()
    }

    @Test("netctl ecr: repositories, pushes from a file and from stdin, lifecycle policies, failures and exit codes")
    func cli() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let socket = daemon.socketPath
        let directory = daemon.directory.path
        func ok(_ arguments: [String]) throws -> String {
            let result = try runCLI(arguments, socket: socket)
            #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
        // The file's bytes, trailing newline included, are the manifest.
        let manifestFile = directory + "/manifest.json"
        try Data((Self.manifest(7) + "\n").utf8).write(to: URL(fileURLWithPath: manifestFile))
        let otherFile = directory + "/other.json"
        try Data(Self.manifest(8).utf8).write(to: URL(fileURLWithPath: otherFile))
        let policyFile = directory + "/policy.json"
        try Data(Self.untaggedAfterADay.utf8).write(to: URL(fileURLWithPath: policyFile))

        let created = try ok(["ecr", "repo", "create", "team/web", "--image-tag-mutability", "MUTABLE"])
        #expect(created.contains("000000000000.dkr.ecr.us-east-1.amazonaws.com/team/web"))
        let pushed = try ok(["--output", "json", "ecr", "image", "put", "--repository", "team/web", "--manifest-file", manifestFile, "--tag", "v1"])
        let image = try NetctlJSON.decoder.decode(EcrImage.self, from: Data(pushed.utf8))
        #expect(image.imageDigest == (try sha256sum(Self.manifest(7) + "\n", in: daemon.directory)))
        let fromSocket = try await daemon.client.call("ecr.image.get", params: ["repository": "team/web", "tag": "v1"])
        #expect(try NetctlJSON.decoder.decode(JSONValue.self, from: Data(pushed.utf8)) == fromSocket, "--output json is the RPC result")

        let piped = try runCLI(
            ["ecr", "image", "put", "--repository", "team/web", "--manifest-file", "-", "--tag", "v1"], socket: socket,
            stdin: otherFile)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains(try sha256sum(Self.manifest(8), in: daemon.directory)))
        let table = try ok(["ecr", "image", "list", "--repository", "team/web"])
        let rows = table.split(separator: "\n")
        #expect(rows.first?.hasPrefix("DIGEST") == true)
        #expect(rows.count == 3 && rows[1].contains(image.imageDigest) && rows[1].contains("<untagged>") && rows[2].contains("v1"))
        #expect(try ok(["ecr", "image", "list", "--repository", "team/web", "--tag-status", "untagged"]).split(separator: "\n").count == 2)
        #expect(try ok(["ecr", "image", "get", "--repository", "team/web", "--digest", image.imageDigest, "--manifest"]) == Self.manifest(7) + "\n\n")

        let put = try ok(["ecr", "lifecycle-policy", "put", "--repository", "team/web", "--file", policyFile])
        #expect(put.contains("Next expiry"))
        #expect(try ok(["ecr", "lifecycle-policy", "get", "--repository", "team/web"]).contains("untagged images go after a day"))
        let listedRepos = try ok(["ecr", "repo", "list"])
        #expect(listedRepos.contains("team/web") && listedRepos.contains("yes"))
        #expect(try ok(["ecr", "lifecycle-policy", "delete", "--repository", "team/web"]).contains("removed"))
        let gone = try runCLI(["ecr", "lifecycle-policy", "get", "--repository", "team/web"], socket: socket)
        #expect(gone.status == 1 && gone.stderr.hasPrefix("error: LifecyclePolicyNotFoundException: "))

        let immutable = try runCLI(["ecr", "repo", "create", "base", "--image-tag-mutability", "immutable"], socket: socket)
        #expect(immutable.status == 1 && immutable.stderr.contains("InvalidParameterException"))

        // A batch delete deletes what it can and reports the rest with AWS's codes, exiting 1.
        let partial = try runCLI(
            ["ecr", "image", "delete", "--repository", "team/web", "--digest", image.imageDigest, "--tag", "nope"], socket: socket)
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("deleted \(image.imageDigest)"))
        #expect(partial.stderr.contains("error: ImageNotFound: nope"))
        #expect(try runCLI(["ecr", "image", "delete", "--repository", "team/web"], socket: socket).status == 2)

        let busy = try runCLI(["ecr", "repo", "delete", "team/web"], socket: socket)
        #expect(busy.status == 1 && busy.stderr.contains("RepositoryNotEmptyException"))
        #expect(try ok(["ecr", "repo", "delete", "team/web", "--force"]).contains("deleted team/web"))
        let missing = try runCLI(["ecr", "repo", "get", "team/web"], socket: socket)
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: RepositoryNotFoundException: "))
        let none = try ok(["--output", "json", "ecr", "repo", "list"])
        #expect(try NetctlJSON.decoder.decode(JSONValue.self, from: Data(none.utf8)) == ["repositories": []])
        await daemon.terminate()
    }
}
