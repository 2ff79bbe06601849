import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// What the AWS endpoint's ECR operations added to the rules: repository tags and tag mutability,
/// BatchGetImage, DescribeImages by image ID, and lifecycle policy previews.
@Suite("ECR repository tags, BatchGetImage and lifecycle previews")
struct EcrRepositoryTagAndPreviewTests {
    static let hex = String(repeating: "a", count: 64)

    static func manifest(_ size: Int) -> String {
        #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"#
            + #""mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"sha256:\#(hex)"},"#
            + #""layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":\#(size),"#
            + #""digest":"sha256:\#(hex)"}]}"#
    }

    var query: QueryContext { QueryContext(scope: testScope, now: testEpoch, quotas: Quotas()) }

    @Test("tags: set on create, merged, removed; ECR's codes for bad keys and too many")
    func tags() throws {
        var state = State()
        var context = makeContext()
        try run(&state, &context) { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: "web", tags: ["env": "dev"]), &c)
        }
        let tagged = try run(&state, &context) { s, c throws(NetctlError) in
            try s.tagEcrRepository(EcrRepositoryTag(name: "web", tags: ["team": "a", "env": "prod"]), &c)
        }
        #expect(tagged.tags == ["env": "prod", "team": "a"])
        let untagged = try run(&state, &context) { s, c throws(NetctlError) in
            try s.untagEcrRepository(EcrRepositoryUntag(name: "web", tagKeys: ["env", "unknown"]), &c)
        }
        #expect(untagged.tags == ["team": "a"])
        expectError(.invalidTagParameterException) { () throws(NetctlError) in
            try run(&state, &context) { s, c throws(NetctlError) in
                try s.tagEcrRepository(EcrRepositoryTag(name: "web", tags: ["AWS:x": "y"]), &c)
            }
        }
        let many = Dictionary(uniqueKeysWithValues: (0..<50).map { ("k\($0)", "v") })
        expectError(.tooManyTagsException) { () throws(NetctlError) in
            try run(&state, &context) { s, c throws(NetctlError) in
                try s.tagEcrRepository(EcrRepositoryTag(name: "web", tags: many), &c)
            }
        }
        #expect(try state.ecrRepository("web", in: testScope).tags == ["team": "a"])
    }

    @Test("tag mutability changes apply to later pushes")
    func mutability() throws {
        var state = State()
        var context = makeContext()
        try run(&state, &context) { s, c throws(NetctlError) in
            _ = try s.createEcrRepository(EcrRepositoryCreate(name: "web"), &c)
            _ = try s.putEcrImage(EcrImagePut(repository: "web", manifest: Self.manifest(1), tag: "v1"), &c)
            _ = try s.setEcrTagMutability(EcrRepositorySetTagMutability(name: "web", imageTagMutability: "IMMUTABLE"), &c)
        }
        expectError(.imageTagAlreadyExistsException) { () throws(NetctlError) in
            try run(&state, &context) { s, c throws(NetctlError) in
                try s.putEcrImage(EcrImagePut(repository: "web", manifest: Self.manifest(2), tag: "v1"), &c)
            }
        }
        expectError(.invalidParameterException) { () throws(NetctlError) in
            try run(&state, &context) { s, c throws(NetctlError) in
                try s.setEcrTagMutability(EcrRepositorySetTagMutability(name: "web", imageTagMutability: "SOMETIMES"), &c)
            }
        }
    }

    @Test("BatchGetImage answers each ID with its image or a failure, in order")
    func batchGet() throws {
        var state = State()
        var context = makeContext()
        let image = try run(&state, &context) { s, c throws(NetctlError) in
            _ = try s.createEcrRepository(EcrRepositoryCreate(name: "web"), &c)
            return try s.putEcrImage(EcrImagePut(repository: "web", manifest: Self.manifest(1), tag: "v1"), &c)
        }
        let result = try state.batchGetEcrImages(
            EcrImageBatchGet(
                repository: "web",
                imageIds: [
                    EcrImageIdentifier(imageTag: "v1"), EcrImageIdentifier(imageTag: "v2"),
                    EcrImageIdentifier(imageDigest: image.imageDigest),
                    EcrImageIdentifier(imageDigest: "sha256:" + String(repeating: "0", count: 64), imageTag: "v1"),
                    EcrImageIdentifier(),
                ]), query)
        #expect(result.images.map(\.imageDigest) == [image.imageDigest, image.imageDigest])
        #expect(
            result.failures.map(\.failureCode) == [
                EcrImageFailure.imageNotFound, EcrImageFailure.imageTagDoesNotMatchDigest,
                EcrImageFailure.missingDigestAndTag,
            ])
        let other = try state.batchGetEcrImages(
            EcrImageBatchGet(
                repository: "web", imageIds: [EcrImageIdentifier(imageTag: "v1")],
                acceptedMediaTypes: [EcrRules.ociManifest]), query)
        #expect(other.images.isEmpty && other.failures.map(\.failureCode) == [EcrImageFailure.imageNotFound])
        let listed = try state.listEcrImages(
            EcrImageList(repository: "web", imageIds: [EcrImageIdentifier(imageTag: "v1")]), query)
        #expect(listed.images.first?.artifactMediaType == "application/vnd.docker.container.image.v1+json")
        expectError(.imageNotFoundException) { () throws(NetctlError) in
            try state.listEcrImages(EcrImageList(repository: "web", imageIds: [EcrImageIdentifier(imageTag: "v9")]), query)
        }
    }

    @Test("a preview evaluates the policy as applying it would, and expires nothing")
    func preview() throws {
        var state = State()
        var context = makeContext()
        try run(&state, &context) { s, c throws(NetctlError) in
            _ = try s.createEcrRepository(EcrRepositoryCreate(name: "web"), &c)
            for size in 1...3 {
                _ = try s.putEcrImage(EcrImagePut(repository: "web", manifest: Self.manifest(size), tag: "v\(size)"), &c)
            }
        }
        expectError(.lifecyclePolicyPreviewNotFoundException) { () throws(NetctlError) in
            try state.getEcrLifecyclePolicyPreview(EcrLifecyclePolicyGetPreview(repository: "web"), query)
        }
        expectError(.lifecyclePolicyNotFoundException) { () throws(NetctlError) in
            try run(&state, &context) { s, c throws(NetctlError) in
                try s.startEcrLifecyclePolicyPreview(EcrLifecyclePolicyStartPreview(repository: "web"), &c)
            }
        }
        let policy = lifecyclePolicy(lifecycleRule(1, "any", count: 1))
        let preview = try run(&state, &context) { s, c throws(NetctlError) in
            try s.startEcrLifecyclePolicyPreview(EcrLifecyclePolicyStartPreview(repository: "web", policy: policy), &c)
        }
        #expect(preview.previewResults.map(\.imageTags) == [["v1"], ["v2"]])
        #expect(try state.getEcrLifecyclePolicyPreview(EcrLifecyclePolicyGetPreview(repository: "web"), query) == preview)
        #expect(try state.listEcrImages(EcrImageList(repository: "web"), query).images.count == 3)
    }
}
