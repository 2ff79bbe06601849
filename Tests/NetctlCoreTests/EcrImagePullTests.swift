import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Image pulls for ECS: State.imagePullFailure")
struct EcrImagePullTests {
    static let registry = "111122223333.dkr.ecr.us-east-1.amazonaws.com"
    static let retried = "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "

    /// Account 111122223333 in us-east-1 with `web` holding v1 (and its digest), and an empty `api`.
    func makeFixture() throws -> (Fixture, EcrImage) {
        var fixture = Fixture()
        try fixture.repository("web")
        try fixture.repository("team/api")
        let image = try fixture.push("web", dockerManifest(1), tag: "v1")
        try fixture.push("web", dockerManifest(2), tag: "latest")
        return (fixture, image)
    }

    @Test("ECR references that exist pull: by tag, by digest, a bare repository as :latest")
    func pullable() throws {
        let (fixture, image) = try makeFixture()
        for reference in [
            "\(Self.registry)/web:v1", "\(Self.registry)/web@\(image.imageDigest)", "\(Self.registry)/web",
            "\(Self.registry)/web:latest", "\(Self.registry)/web:nope@\(image.imageDigest)",
        ] {
            #expect(fixture.state.imagePullFailure(reference, scope: testScope) == nil, "\(reference)")
        }
    }

    @Test("a missing tag, digest or repository is a CannotPullContainerError naming the resolved reference")
    func missing() throws {
        var (fixture, image) = try makeFixture()
        let state = fixture.state
        #expect(
            state.imagePullFailure("\(Self.registry)/web:v2", scope: testScope)
                == "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                + "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:v2: not found")
        let digest = EcrRules.digest(of: "other")
        #expect(
            state.imagePullFailure("\(Self.registry)/web@\(digest)", scope: testScope)
                == Self.retried + "\(Self.registry)/web@\(digest): not found")
        #expect(
            state.imagePullFailure("\(Self.registry)/team/api", scope: testScope)
                == Self.retried + "\(Self.registry)/team/api:latest: not found", "a bare repository means :latest")
        let noRepository = try #require(state.imagePullFailure("\(Self.registry)/db:v1", scope: testScope))
        #expect(noRepository.hasPrefix(Self.retried + "\(Self.registry)/db:v1: name unknown"))
        #expect(noRepository.contains("'db'") && noRepository.contains("'111122223333'"))
        // The same repository name in another region is another repository.
        let otherRegion = try #require(
            state.imagePullFailure("111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:v1", scope: testScope))
        #expect(otherRegion.contains("name unknown"))
        // Deleting the tag makes the pull fail; the image stays pullable by digest until it is deleted.
        try fixture.deleteImages("web", [EcrImageIdentifier(imageTag: "latest")])
        #expect(fixture.state.imagePullFailure("\(Self.registry)/web", scope: testScope)?.hasSuffix(": not found") == true)
        #expect(fixture.state.imagePullFailure("\(Self.registry)/web@\(image.imageDigest)", scope: testScope) == nil)
    }

    @Test("other registries are outside netctld and assumed to serve the image")
    func otherRegistries() throws {
        let (fixture, _) = try makeFixture()
        for reference in [
            "nginx", "nginx:1.27", "library/nginx:latest", "public.ecr.aws/nginx/nginx:stable",
            "ghcr.io/owner/app@sha256:\(String(repeating: "a", count: 64))", "localhost:5000/app:dev",
            "registry.example.com:443/team/app:v1", "docker.io/library/redis",
        ] {
            #expect(fixture.state.imagePullFailure(reference, scope: testScope) == nil, "\(reference)")
        }
    }

    @Test("another account's registry needs a repository policy netctld does not model; a malformed ECR host does not resolve")
    func accessAndHosts() throws {
        let (fixture, _) = try makeFixture()
        let denied = try #require(fixture.state.imagePullFailure("\(Self.registry)/web:v1", scope: otherAccountScope))
        #expect(denied.hasPrefix("CannotPullContainerError: pull access denied for \(Self.registry)/web"))
        let badHost = try #require(
            fixture.state.imagePullFailure("1234.dkr.ecr.us-east-1.amazonaws.com/web:v1", scope: testScope))
        #expect(badHost.hasPrefix(Self.retried) && badHost.hasSuffix("no such host"))
    }

    @Test(
        "malformed references never pull",
        arguments: [
            "", "Web", "\(registry)/Web:v1", "\(registry)/web:-bad", "\(registry)/web@sha256:short", "web:v1 extra",
            "\(registry)//web", "nginx:", "host:port/app",
        ])
    func malformed(reference: String) throws {
        let (fixture, _) = try makeFixture()
        let failure = try #require(fixture.state.imagePullFailure(reference, scope: testScope), "'\(reference)'")
        #expect(failure.hasPrefix("CannotPullContainerError: invalid reference format"))
    }

    @Test("references resolve as Docker does")
    func parsing() throws {
        let bare = try #require(ImageReference("web"))
        #expect(bare.domain == nil && bare.path == "web" && bare.tag == nil && bare.resolved == "web:latest")
        let ported = try #require(ImageReference("localhost:5000/team/app:v2"))
        #expect(ported.domain == "localhost:5000" && ported.path == "team/app" && ported.tag == "v2")
        let hub = try #require(ImageReference("team/app"))
        #expect(hub.domain == nil && hub.path == "team/app", "a first component without . or : is a path")
        let digest = "sha256:" + String(repeating: "b", count: 64)
        let both = try #require(ImageReference("\(Self.registry)/web:v1@\(digest)"))
        #expect(both.tag == "v1" && both.digest == digest && both.resolved == "\(Self.registry)/web@\(digest)")
        #expect(ImageReference(String(repeating: "a", count: 256)) == nil, "names are at most 255 characters")
    }
}
