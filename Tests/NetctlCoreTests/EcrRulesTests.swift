import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

// MARK: - Helpers

/// A Docker V2 schema 2 manifest whose single layer has `size` bytes: a different size is a
/// different manifest, hence a different digest.
func dockerManifest(_ size: Int) -> String {
    """
    {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
    "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1470,\
    "digest":"sha256:\(String(repeating: "c", count: 64))"},\
    "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":\(size),\
    "digest":"sha256:\(String(repeating: "d", count: 64))"}]}
    """
}

/// Everything observable of ECR in a state, indexes included, for "nothing changed" checks.
struct EcrSnapshot: Equatable {
    var repositories: [String: EcrRepository]
    var images: [String: EcrImage]
    var imagesByRepository: [String: [String]]
    var tagIndex: [String: [String]]
    var timed: [String]

    init(_ state: State) {
        repositories = Dictionary(uniqueKeysWithValues: state.ecrRepositories.all.map { ($0.id, $0) })
        images = Dictionary(uniqueKeysWithValues: state.ecrImages.all.map { ($0.id, $0) })
        imagesByRepository = Dictionary(
            uniqueKeysWithValues: repositories.keys.map { ($0, state.ecrImages.children(of: $0).map(\.id)) })
        let tagKeys = Set(images.values.flatMap { image in
            image.imageTags.map { EcrRules.tagKey(repositoryArn: image.repositoryArn, tag: $0) }
        })
        tagIndex = Dictionary(uniqueKeysWithValues: tagKeys.map { ($0, state.ecrImages.children(of: $0).map(\.id)) })
        timed = state.ecrRepositories.children(of: EcrRepository.timedKey).map(\.id)
    }
}

extension Fixture {
    @discardableResult
    mutating func repository(_ name: String, mutability: String? = nil) throws(NetctlError) -> EcrRepository {
        try run { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: name, imageTagMutability: mutability), &c)
        }
    }

    @discardableResult
    mutating func push(_ repository: String, _ manifest: String, tag: String? = nil) throws(NetctlError) -> EcrImage {
        try run { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: repository, manifest: manifest, tag: tag), &c)
        }
    }

    @discardableResult
    mutating func deleteImages(_ repository: String, _ identifiers: [EcrImageIdentifier]) throws(NetctlError)
        -> EcrImageDeleteResponse
    {
        try run { s, c throws(NetctlError) in
            try s.deleteEcrImages(EcrImageDelete(repository: repository, imageIds: identifiers), &c)
        }
    }

    @discardableResult
    mutating func putPolicy(_ repository: String, _ policy: String) throws(NetctlError) -> EcrLifecyclePolicy {
        try run { s, c throws(NetctlError) in
            try s.putEcrLifecyclePolicy(EcrLifecyclePolicyPut(repository: repository, policy: policy), &c)
        }
    }

    /// The repository's images, oldest push first, as `ecr.image.list` returns them.
    func images(_ repository: String) throws -> [EcrImageDetail] {
        try state.listEcrImages(EcrImageList(repository: repository), query()).images
    }

    /// The image of `repository` carrying `tag`, if any.
    func tagged(_ repository: String, _ tag: String) throws -> EcrImage? {
        let repo = try state.ecrRepository(repository, in: scope)
        return state.ecrImage(taggedWith: tag, in: repo.repositoryArn)
    }

    /// `expectFailure`, also checking that no repository, image or ECR index changed.
    @discardableResult
    mutating func expectEcrFailure<T>(
        _ code: ErrorCode, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (inout State, inout CommandContext) throws(NetctlError) -> T
    ) -> NetctlError? {
        let before = EcrSnapshot(state)
        let error = expectFailure(code, comment, sourceLocation: sourceLocation, body)
        #expect(EcrSnapshot(state) == before, "a failed command must change nothing in ECR", sourceLocation: sourceLocation)
        return error
    }

    /// The change events since the last call, as (action, resourceId).
    mutating func ecrEvents() -> [(action: ChangeAction, id: String)] {
        state.takeChanges().events.filter { $0.resourceType.rawValue.hasPrefix("ecr") }
            .map { ($0.action, $0.resourceId) }
    }
}

// MARK: - Names, tags, digests, manifests

@Suite("ECR naming and format rules")
struct EcrFormatTests {
    @Test(
        "repository names: 2–256 characters of lowercase components joined by '.', '_', '__' or dashes, '/' for namespaces",
        arguments: [
            "ab", "web", "team-a/web-app", "a.b", "a_b", "a__b", "a---b", "a/b/c", "00", "x1.y2_z3--w4/v5",
            String(repeating: "a", count: 256),
        ])
    func validNames(name: String) {
        #expect(throws: Never.self) { try EcrRules.validateRepositoryName(name) }
    }

    @Test(
        "names outside the pattern or the length are InvalidParameterException",
        arguments: [
            "a", "Web", "a..b", "a___b", "a._b", "-ab", "ab-", "_ab", "a/", "/ab", "a//b", "a b", "ab:c", "ab@c", "",
            "é-app", String(repeating: "a", count: 257),
        ])
    func invalidNames(name: String) {
        let error = expectError(.invalidParameterException) { () throws(NetctlError) in
            try EcrRules.validateRepositoryName(name)
        }
        #expect(error?.message.contains("repositoryName") == true)
    }

    @Test(
        "tags: 1–128 of [A-Za-z0-9_.-], not starting with '.' or '-'",
        arguments: [
            ("v1", true), ("latest", true), ("_x", true), ("1.0-rc_1", true), ("V1", true),
            (String(repeating: "t", count: 128), true), ("", false), (".v", false), ("-v", false), ("v/1", false),
            ("v:1", false), ("v@1", false), ("vé", false), (String(repeating: "t", count: 129), false),
        ])
    func tags(tag: String, valid: Bool) {
        #expect(EcrRules.isValidTag(tag) == valid, "'\(tag)'")
    }

    @Test("the digest is sha256: and the hex SHA-256 of the manifest's UTF-8 bytes, exactly as given")
    func digests() {
        // FIPS 180-2 test vectors.
        #expect(EcrRules.digest(of: "") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(EcrRules.digest(of: "abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Multi-byte UTF-8: "é" is C3 A9.
        #expect(EcrRules.digest(of: "é") == EcrRules.digest(of: String(decoding: [0xC3, 0xA9], as: UTF8.self)))
        let manifest = dockerManifest(10)
        #expect(EcrRules.digest(of: manifest) != EcrRules.digest(of: manifest + "\n"), "whitespace is part of the bytes")
        #expect(EcrRules.isValidDigest(EcrRules.digest(of: manifest)))
        #expect(!EcrRules.isValidDigest("sha256:" + String(repeating: "A", count: 64)))
        #expect(!EcrRules.isValidDigest("sha256:" + String(repeating: "a", count: 63)))
        #expect(!EcrRules.isValidDigest("md5:" + String(repeating: "a", count: 32)))
    }

    @Test("ARN, URI and image ID shapes")
    func shapes() {
        let scope = Scope(accountId: "111122223333", region: "eu-west-1")
        #expect(EcrRules.repositoryArn(scope, name: "team/web") == "arn:aws:ecr:eu-west-1:111122223333:repository/team/web")
        #expect(EcrRules.repositoryUri(scope, name: "team/web") == "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/web")
        #expect(
            EcrRules.imageId(repositoryArn: "arn:aws:ecr:eu-west-1:111122223333:repository/web", digest: "sha256:ab")
                == "arn:aws:ecr:eu-west-1:111122223333:repository/web@sha256:ab")
    }

    @Test("manifests: Docker V2 schema 2 and 1, OCI manifests and indexes, with media type and layer size")
    func validManifests() throws {
        let docker = try EcrRules.manifestInfo(dockerManifest(3000))
        #expect(
            docker
                == EcrRules.ManifestInfo(
                    mediaType: EcrRules.dockerManifestV2, sizeInBytes: 3000,
                    artifactMediaType: "application/vnd.docker.container.image.v1+json"))
        let hex = String(repeating: "e", count: 64)
        let oci = """
            {"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:\(hex)",\
            "size":7},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:\(hex)",\
            "size":100},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:\(hex)","size":23}]}
            """
        #expect(
            try EcrRules.manifestInfo(oci)
                == EcrRules.ManifestInfo(
                    mediaType: EcrRules.ociManifest, sizeInBytes: 123,
                    artifactMediaType: "application/vnd.oci.image.config.v1+json"))
        // A manifest without mediaType takes the declared one (PutImage's imageManifestMediaType); one
        // with it must agree.
        #expect(
            try EcrRules.manifestInfo(oci, declaredMediaType: EcrRules.dockerManifestV2).mediaType
                == EcrRules.dockerManifestV2)
        #expect(throws: NetctlError.self) {
            try EcrRules.manifestInfo(oci, declaredMediaType: EcrRules.ociIndex)
        }
        #expect(throws: NetctlError.self) {
            try EcrRules.manifestInfo(dockerManifest(1), declaredMediaType: EcrRules.ociManifest)
        }
        let index = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":\
            "application/vnd.oci.image.manifest.v1+json","digest":"sha256:\(hex)","size":500,"platform":{"os":"linux",\
            "architecture":"amd64"}}]}
            """
        #expect(try EcrRules.manifestInfo(index) == EcrRules.ManifestInfo(mediaType: EcrRules.ociIndex, sizeInBytes: nil))
        let list = index.replacingOccurrences(of: "application/vnd.oci.image.index.v1+json", with: EcrRules.dockerManifestList)
        #expect(try EcrRules.manifestInfo(list).mediaType == EcrRules.dockerManifestList)
        let schema1 = #"{"schemaVersion":1,"name":"web","tag":"v1","fsLayers":[{"blobSum":"sha256:\#(hex)"}]}"#
        #expect(try EcrRules.manifestInfo(schema1).mediaType == EcrRules.dockerManifestV1)
    }

    @Test(
        "what is not a manifest is InvalidParameterException naming the problem",
        arguments: [
            ("", "empty"), ("not json", "Invalid JSON"), ("[1,2]", "Invalid JSON"),
            (#"{"mediaType":"application/vnd.docker.distribution.manifest.v2+json"}"#, "schemaVersion"),
            (#"{"schemaVersion":3,"config":{}}"#, "schemaVersion 3"),
            (#"{"schemaVersion":"2","config":{}}"#, "schemaVersion"),
            (#"{"schemaVersion":2,"mediaType":"text/plain","config":{},"layers":[]}"#, "text/plain"),
            (#"{"schemaVersion":2}"#, "no mediaType"),
            (#"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","layers":[]}"#, "config"),
            (#"{"schemaVersion":1,"fsLayers":[]}"#, "fsLayers"),
        ])
    func invalidManifests(manifest: String, fragment: String) {
        let error = expectError(.invalidParameterException) { () throws(NetctlError) in try EcrRules.manifestInfo(manifest) }
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("imageManifest") == true)
    }

    @Test("descriptors need a media type, a sha256 or sha512 digest and a size of zero or more; indexes have no layers")
    func descriptors() {
        let good = dockerManifest(5)
        for (broken, fragment) in [
            (good.replacingOccurrences(of: "\"size\":5", with: "\"size\":-5"), "layers[0] needs a size"),
            (good.replacingOccurrences(of: "\"size\":5", with: "\"size\":\"5\""), "layers[0] needs a size"),
            (good.replacingOccurrences(of: String(repeating: "d", count: 64), with: "xyz"), "layers[0] needs a digest"),
            (good.replacingOccurrences(of: "\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",", with: ""), "layers[0] has no mediaType"),
            (good.replacingOccurrences(of: "\"layers\"", with: "\"manifests\""), "not manifests"),
        ] {
            let error = expectError(.invalidParameterException) { () throws(NetctlError) in try EcrRules.manifestInfo(broken) }
            #expect(error?.message.contains(fragment) == true, "\(fragment): \(error?.message ?? "")")
        }
    }
}

// MARK: - Repositories and images in the state

@Suite("ECR repositories and images")
struct EcrStateTests {
    @Test("a repository has the ARN, URI and registry of its account and region; names are unique per scope")
    func createRepository() throws {
        var fixture = Fixture()
        let repository = try fixture.repository("team-a/web")
        #expect(repository.repositoryArn == "arn:aws:ecr:us-east-1:111122223333:repository/team-a/web")
        #expect(repository.repositoryUri == "111122223333.dkr.ecr.us-east-1.amazonaws.com/team-a/web")
        #expect(repository.registryId == "111122223333")
        #expect(repository.imageTagMutability == "MUTABLE")
        #expect(fixture.ecrEvents().map(\.action) == [.create])
        #expect(try fixture.state.ecrRepository("team-a/web", in: testScope) == repository)
        #expect(try fixture.state.ecrRepository(repository.repositoryArn, in: testScope) == repository)

        fixture.expectEcrFailure(.repositoryAlreadyExistsException) { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: "team-a/web", imageTagMutability: "IMMUTABLE"), &c)
        }
        fixture.expectEcrFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: "other", imageTagMutability: "immutable"), &c)
        }
        fixture.expectEcrFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: "Team-A"), &c)
        }
        // Another account has its own registry: same name, other ARN, and each sees only its own.
        let theirs = try fixture.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: "team-a/web", imageTagMutability: "IMMUTABLE"), &c)
        }
        #expect(theirs.repositoryArn == "arn:aws:ecr:us-east-1:444455556666:repository/team-a/web")
        expectError(.repositoryNotFoundException) { () throws(NetctlError) in
            try fixture.state.ecrRepository(theirs.repositoryArn, in: testScope)
        }
        #expect(try fixture.state.listEcrRepositories(EcrRepositoryList(), fixture.query()).repositories == [repository])
        expectError(.repositoryNotFoundException) { () throws(NetctlError) in
            try fixture.state.ecrRepository("nope", in: testScope)
        }
    }

    @Test("a push stores the manifest under its digest with the tag; the same manifest again is ImageAlreadyExistsException")
    func push() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        _ = fixture.ecrEvents()
        let manifest = dockerManifest(100)
        let image = try fixture.push("web", manifest, tag: "v1")
        #expect(image.imageDigest == EcrRules.digest(of: manifest))
        #expect(image.imageTags == ["v1"])
        #expect(image.imageManifest == manifest)
        #expect(image.imageSizeInBytes == 100)
        #expect(image.imagePushedAt == fixture.context.now)
        #expect(fixture.ecrEvents().map(\.action) == [.push])
        #expect(image.id == "arn:aws:ecr:us-east-1:111122223333:repository/web@\(image.imageDigest)")

        fixture.expectEcrFailure(.imageAlreadyExistsException, "same manifest, same tag") { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: manifest, tag: "v1"), &c)
        }
        fixture.expectEcrFailure(.imageAlreadyExistsException, "same manifest, no tag") { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: manifest), &c)
        }
        // The same manifest with a new tag adds the tag to the image.
        let retagged = try fixture.push("web", manifest, tag: "stable")
        #expect(retagged.imageTags == ["v1", "stable"])
        #expect(retagged.imagePushedAt == image.imagePushedAt)
        #expect(fixture.ecrEvents().map(\.action) == [.tag])
        #expect(try fixture.images("web").count == 1)

        fixture.expectEcrFailure(.imageDigestDoesNotMatchException) { s, c throws(NetctlError) in
            try s.putEcrImage(
                EcrImagePut(repository: "web", manifest: dockerManifest(101), imageDigest: image.imageDigest), &c)
        }
        fixture.expectEcrFailure(.invalidParameterException, "bad tag") { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: dockerManifest(101), tag: "-bad"), &c)
        }
        fixture.expectEcrFailure(.invalidParameterException, "not a manifest") { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: "{}", tag: "v2"), &c)
        }
        fixture.expectEcrFailure(.repositoryNotFoundException) { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "api", manifest: dockerManifest(101)), &c)
        }
        let named = try fixture.run { s, c throws(NetctlError) in
            try s.putEcrImage(
                EcrImagePut(
                    repository: "web", manifest: dockerManifest(102), imageDigest: EcrRules.digest(of: dockerManifest(102))),
                &c)
        }
        #expect(named.imageTags.isEmpty)
    }

    @Test("a tag pushed to a new manifest moves there; the old image stays, untagged")
    func tagMoves() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        let first = try fixture.push("web", dockerManifest(1), tag: "latest")
        let second = try fixture.push("web", dockerManifest(2), tag: "latest")
        _ = fixture.ecrEvents()
        let third = try fixture.push("web", dockerManifest(3), tag: "latest")
        #expect(fixture.ecrEvents().map(\.action) == [.untag, .push])
        #expect(try fixture.tagged("web", "latest")?.imageDigest == third.imageDigest)
        let images = try fixture.images("web")
        #expect(images.map(\.imageDigest) == [first.imageDigest, second.imageDigest, third.imageDigest])
        #expect(images.map(\.imageTags) == [[], [], ["latest"]])
        // Moving a tag onto an image that already exists adds it there.
        try fixture.push("web", dockerManifest(1), tag: "latest")
        #expect(try fixture.tagged("web", "latest")?.imageDigest == first.imageDigest)
        #expect(try fixture.images("web").map(\.imageTags) == [["latest"], [], []])
        #expect(
            try fixture.state.listEcrImages(EcrImageList(repository: "web", tagStatus: "UNTAGGED"), fixture.query()).images
                .map(\.imageDigest) == [second.imageDigest, third.imageDigest])
        #expect(
            try fixture.state.listEcrImages(EcrImageList(repository: "web", tagStatus: "tagged"), fixture.query()).images
                .map(\.imageDigest) == [first.imageDigest])
        expectError(.invalidParameterException) { () throws(NetctlError) in
            try fixture.state.listEcrImages(EcrImageList(repository: "web", tagStatus: "SOME"), fixture.query())
        }
    }

    @Test("in an IMMUTABLE repository a tag never moves, but new tags may go on existing images")
    func immutability() throws {
        var fixture = Fixture()
        try fixture.repository("web", mutability: "IMMUTABLE")
        let first = try fixture.push("web", dockerManifest(1), tag: "v1")
        let error = fixture.expectEcrFailure(.imageTagAlreadyExistsException) { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: dockerManifest(2), tag: "v1"), &c)
        }
        #expect(error?.message.contains("'v1'") == true)
        let second = try fixture.push("web", dockerManifest(2), tag: "v2")
        fixture.expectEcrFailure(.imageTagAlreadyExistsException, "onto an existing image") { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: dockerManifest(2), tag: "v1"), &c)
        }
        let aliased = try fixture.push("web", dockerManifest(1), tag: "stable")
        #expect(aliased.imageDigest == first.imageDigest)
        #expect(aliased.imageTags == ["v1", "stable"])
        #expect(try fixture.tagged("web", "v2")?.imageDigest == second.imageDigest)
    }

    @Test("pushes in the same millisecond are a millisecond apart, so the last one pushed is the newest")
    func pushOrder() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        var context = fixture.context
        let pushed = try fixture.state.transact { s throws(NetctlError) in
            try (1...3).map { (size: Int) throws(NetctlError) in
                try s.putEcrImage(EcrImagePut(repository: "web", manifest: dockerManifest(size)), &context)
            }
        }
        let start = Timestamp.epochMilliseconds(context.now)
        #expect(pushed.map { Timestamp.epochMilliseconds($0.imagePushedAt) } == [start, start + 1, start + 2])
        #expect(try fixture.images("web").map(\.imageDigest) == pushed.map(\.imageDigest))
    }

    @Test("a repository with images needs force to go; with force its images go too")
    func deleteRepository() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        try fixture.repository("empty")
        let image = try fixture.push("web", dockerManifest(1), tag: "v1")
        fixture.expectEcrFailure(.repositoryNotEmptyException) { s, c throws(NetctlError) in
            try s.deleteEcrRepository(EcrRepositoryDelete(name: "web"), &c)
        }
        try fixture.run { s, c throws(NetctlError) in try s.deleteEcrRepository(EcrRepositoryDelete(name: "empty"), &c) }
        _ = fixture.ecrEvents()
        let deleted = try fixture.run { s, c throws(NetctlError) in
            try s.deleteEcrRepository(EcrRepositoryDelete(name: "web", force: true), &c)
        }
        #expect(deleted.repositoryName == "web")
        #expect(fixture.ecrEvents().map { "\($0.action) \($0.id)" } == ["delete \(image.id)", "delete \(deleted.id)"])
        #expect(fixture.state.ecrImages.count == 0 && fixture.state.ecrRepositories.count == 0)
        fixture.expectEcrFailure(.repositoryNotFoundException) { s, c throws(NetctlError) in
            try s.deleteEcrRepository(EcrRepositoryDelete(name: "web", force: true), &c)
        }
    }

    @Test("image.get by digest, tag or both")
    func getImage() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        let one = try fixture.push("web", dockerManifest(1), tag: "v1")
        let two = try fixture.push("web", dockerManifest(2), tag: "v2")
        func get(_ digest: String?, _ tag: String?) throws(NetctlError) -> EcrImage {
            try fixture.state.getEcrImage(EcrImageGet(repository: "web", imageDigest: digest, tag: tag), fixture.query())
        }
        #expect(try get(one.imageDigest, nil) == one)
        #expect(try get(nil, "v2") == two)
        #expect(try get(two.imageDigest, "v2") == two)
        expectError(.imageNotFoundException) { () throws(NetctlError) in try get(one.imageDigest, "v2") }
        expectError(.imageNotFoundException) { () throws(NetctlError) in try get(nil, "v3") }
        expectError(.imageNotFoundException) { () throws(NetctlError) in try get(EcrRules.digest(of: "x"), nil) }
        expectError(.invalidParameterException) { () throws(NetctlError) in try get(nil, nil) }
    }

    @Test("batch delete: a digest deletes the image and its tags, a tag removes the tag and the image with its last")
    func batchDelete() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        let one = try fixture.push("web", dockerManifest(1), tag: "v1")
        try fixture.push("web", dockerManifest(1), tag: "stable")
        let two = try fixture.push("web", dockerManifest(2), tag: "v2")
        let three = try fixture.push("web", dockerManifest(3))
        _ = fixture.ecrEvents()

        let tagOnly = try fixture.deleteImages("web", [EcrImageIdentifier(imageTag: "stable")])
        #expect(tagOnly.imageIds == [EcrImageIdentifier(imageDigest: one.imageDigest, imageTag: "stable")])
        #expect(tagOnly.failures.isEmpty)
        #expect(try fixture.tagged("web", "v1")?.imageTags == ["v1"], "the image keeps its other tag")
        #expect(fixture.ecrEvents().map(\.action) == [.untag])

        let lastTag = try fixture.deleteImages("web", [EcrImageIdentifier(imageTag: "v1")])
        #expect(lastTag.imageIds == [EcrImageIdentifier(imageDigest: one.imageDigest, imageTag: "v1")])
        #expect(fixture.ecrEvents().map(\.action) == [.delete], "its last tag takes the image")

        let missing = EcrRules.digest(of: "missing")
        let mixed = try fixture.deleteImages(
            "web",
            [
                EcrImageIdentifier(imageDigest: two.imageDigest), EcrImageIdentifier(imageDigest: three.imageDigest),
                EcrImageIdentifier(imageDigest: missing), EcrImageIdentifier(imageDigest: "sha256:nothex"),
                EcrImageIdentifier(imageTag: "bad/tag"), EcrImageIdentifier(),
                EcrImageIdentifier(imageDigest: one.imageDigest, imageTag: "v2"),
                EcrImageIdentifier(imageTag: "v1"),
            ])
        #expect(
            mixed.imageIds == [
                EcrImageIdentifier(imageDigest: two.imageDigest, imageTag: "v2"), EcrImageIdentifier(imageDigest: three.imageDigest),
            ])
        #expect(
            mixed.failures.map(\.failureCode) == [
                "ImageNotFound", "InvalidImageDigest", "InvalidImageTag", "MissingDigestAndTag", "ImageNotFound", "ImageNotFound",
            ])
        #expect(mixed.failures[0].imageId == EcrImageIdentifier(imageDigest: missing))
        #expect(try fixture.images("web").isEmpty, "the failures did not stop the deletions")

        let four = try fixture.push("web", dockerManifest(4), tag: "v4")
        let mismatch = try fixture.deleteImages("web", [EcrImageIdentifier(imageDigest: one.imageDigest, imageTag: "v4")])
        #expect(mismatch.failures.map(\.failureCode) == ["ImageTagDoesNotMatchDigest"])
        #expect(try fixture.images("web").map(\.imageDigest) == [four.imageDigest])

        fixture.expectEcrFailure(.invalidParameterException, "nothing named") { s, c throws(NetctlError) in
            try s.deleteEcrImages(EcrImageDelete(repository: "web"), &c)
        }
        fixture.expectEcrFailure(.invalidParameterException, "more than 100") { s, c throws(NetctlError) in
            try s.deleteEcrImages(
                EcrImageDelete(repository: "web", imageIds: Array(repeating: EcrImageIdentifier(imageTag: "v4"), count: 101)),
                &c)
        }
        fixture.expectEcrFailure(.repositoryNotFoundException) { s, c throws(NetctlError) in
            try s.deleteEcrImages(EcrImageDelete(repository: "api", tag: "v4"), &c)
        }
        // The top-level imageDigest/tag form is one more image ID.
        let single = try fixture.run { s, c throws(NetctlError) in
            try s.deleteEcrImages(EcrImageDelete(repository: "web", tag: "v4"), &c)
        }
        #expect(single.imageIds == [EcrImageIdentifier(imageDigest: four.imageDigest, imageTag: "v4")])
    }

    @Test("images page 1–1000 at a time, oldest push first")
    func paging() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        let pushed = try (1...5).map { (size: Int) throws(NetctlError) in try fixture.push("web", dockerManifest(size)) }
        var seen: [String] = []
        var token: String?
        repeat {
            let page = try fixture.state.listEcrImages(
                EcrImageList(repository: "web", maxResults: 2, nextToken: token), fixture.query())
            seen += page.images.map(\.imageDigest)
            token = page.nextToken
        } while token != nil
        #expect(seen == pushed.map(\.imageDigest))
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try fixture.state.listEcrImages(EcrImageList(repository: "web", maxResults: 0), fixture.query())
        }
        #expect(try fixture.state.listEcrImages(EcrImageList(repository: "web", maxResults: 1), fixture.query()).images.count == 1)
    }
}
