// ECR: private repositories, images (manifests by digest, with tags) and lifecycle policies.

public struct EcrRepositoryCreate: RPCMethod {
    public typealias Response = EcrRepository
    public static let method = "ecr.repository.create"
    public static let summary =
        "Create a private repository (name: 2–256 lowercase characters, `/` for namespaces); tags MUTABLE by default."
    public var name: String
    /// `MUTABLE` (default) or `IMMUTABLE`.
    public var imageTagMutability: String?
    /// Up to 50 tags: keys 1–128 characters, values up to 256, no `aws:` prefix.
    public var tags: [String: String]?

    public init(name: String, imageTagMutability: String? = nil, tags: [String: String]? = nil) {
        self.name = name
        self.imageTagMutability = imageTagMutability
        self.tags = tags
    }
}

public struct EcrRepositorySetTagMutability: RPCMethod {
    public typealias Response = EcrRepository
    public static let method = "ecr.repository.setTagMutability"
    public static let summary =
        "Make a repository's tags MUTABLE or IMMUTABLE (PutImageTagMutability); existing tags stay where they are."
    public var name: String
    public var imageTagMutability: String
    public init(name: String, imageTagMutability: String) {
        self.name = name
        self.imageTagMutability = imageTagMutability
    }
}

public struct EcrRepositoryTag: RPCMethod {
    public typealias Response = EcrRepository
    public static let method = "ecr.repository.tag"
    public static let summary = "Add or overwrite a repository's tags (TagResource); at most 50 in all."
    public var name: String
    public var tags: [String: String]
    public init(name: String, tags: [String: String]) {
        self.name = name
        self.tags = tags
    }
}

public struct EcrRepositoryUntag: RPCMethod {
    public typealias Response = EcrRepository
    public static let method = "ecr.repository.untag"
    public static let summary = "Remove tags from a repository by key (UntagResource); unknown keys are ignored."
    public var name: String
    public var tagKeys: [String]
    public init(name: String, tagKeys: [String]) {
        self.name = name
        self.tagKeys = tagKeys
    }
}

public struct EcrRepositoryGet: RPCMethod {
    public typealias Response = EcrRepository
    public static let method = "ecr.repository.get"
    public static let summary = "One repository, by name or ARN."
    public var name: String
    public init(name: String) { self.name = name }
}

public struct EcrRepositoryList: RPCMethod {
    public typealias Response = EcrRepositoryListResponse
    public static let method = "ecr.repository.list"
    public static let summary = "The caller's repositories in the region, oldest first."
    public var maxResults: Int?
    public var nextToken: String?
    public init(maxResults: Int? = nil, nextToken: String? = nil) {
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EcrRepositoryListResponse: Codable, Sendable, Hashable {
    public var repositories: [EcrRepository]
    public var nextToken: String?
    public init(repositories: [EcrRepository], nextToken: String?) {
        self.repositories = repositories
        self.nextToken = nextToken
    }
}

public struct EcrRepositoryDelete: RPCMethod {
    public typealias Response = EcrRepository
    public static let method = "ecr.repository.delete"
    public static let summary = "Delete a repository; one that still holds images needs force, which deletes them too."
    public var name: String
    public var force: Bool?
    public init(name: String, force: Bool? = nil) {
        self.name = name
        self.force = force
    }
}

public struct EcrImagePut: RPCMethod {
    public typealias Response = EcrImage
    public static let method = "ecr.image.put"
    public static let summary =
        "Push an image manifest (JSON text), optionally tagging it; the digest is the manifest's SHA-256."
    public var repository: String
    /// The manifest JSON: Docker V2 schema 2 or 1, an OCI image manifest, a manifest list or an OCI index.
    public var manifest: String
    public var tag: String?
    /// When given, must equal the manifest's digest (`ImageDigestDoesNotMatchException` otherwise).
    public var imageDigest: String?
    /// The manifest's media type, for manifests that do not name it (OCI); must agree with one that does.
    public var imageManifestMediaType: String?

    public init(
        repository: String, manifest: String, tag: String? = nil, imageDigest: String? = nil,
        imageManifestMediaType: String? = nil
    ) {
        self.repository = repository
        self.manifest = manifest
        self.tag = tag
        self.imageDigest = imageDigest
        self.imageManifestMediaType = imageManifestMediaType
    }
}

public struct EcrImageBatchGet: RPCMethod {
    public typealias Response = EcrImageBatchGetResponse
    public static let method = "ecr.image.batchGet"
    public static let summary =
        "Images with their manifests (BatchGetImage), by digest and/or tag; the ones that cannot be had are failures."
    public var repository: String
    /// 1 to 100 images.
    public var imageIds: [EcrImageIdentifier]
    /// Manifest media types the caller takes; an image of another type is an `ImageNotFound` failure.
    public var acceptedMediaTypes: [String]?

    public init(repository: String, imageIds: [EcrImageIdentifier], acceptedMediaTypes: [String]? = nil) {
        self.repository = repository
        self.imageIds = imageIds
        self.acceptedMediaTypes = acceptedMediaTypes
    }
}

public struct EcrImageBatchGetResponse: Codable, Sendable, Hashable {
    /// In the order asked, once per image ID that names an image.
    public var images: [EcrImage]
    public var failures: [EcrImageFailure]
    public init(images: [EcrImage], failures: [EcrImageFailure]) {
        self.images = images
        self.failures = failures
    }
}

public struct EcrImageGet: RPCMethod {
    public typealias Response = EcrImage
    public static let method = "ecr.image.get"
    public static let summary = "One image with its manifest, by digest or tag."
    public var repository: String
    public var imageDigest: String?
    public var tag: String?

    public init(repository: String, imageDigest: String? = nil, tag: String? = nil) {
        self.repository = repository
        self.imageDigest = imageDigest
        self.tag = tag
    }
}

public struct EcrImageList: RPCMethod {
    public typealias Response = EcrImageListResponse
    public static let method = "ecr.image.list"
    public static let summary = "A repository's images, oldest push first; tagStatus TAGGED, UNTAGGED or ANY."
    public var repository: String
    public var tagStatus: String?
    public var maxResults: Int?
    public var nextToken: String?
    /// Only these images (DescribeImages' imageIds), in the order given; one that does not exist is
    /// `ImageNotFoundException`. Not with `maxResults` or `nextToken`.
    public var imageIds: [EcrImageIdentifier]?

    public init(
        repository: String, tagStatus: String? = nil, maxResults: Int? = nil, nextToken: String? = nil,
        imageIds: [EcrImageIdentifier]? = nil
    ) {
        self.repository = repository
        self.tagStatus = tagStatus
        self.maxResults = maxResults
        self.nextToken = nextToken
        self.imageIds = imageIds
    }
}

public struct EcrImageListResponse: Codable, Sendable, Hashable {
    public var images: [EcrImageDetail]
    public var nextToken: String?
    public init(images: [EcrImageDetail], nextToken: String?) {
        self.images = images
        self.nextToken = nextToken
    }
}

public struct EcrImageDelete: RPCMethod {
    public typealias Response = EcrImageDeleteResponse
    public static let method = "ecr.image.delete"
    public static let summary =
        "Delete images (BatchDeleteImage): a digest deletes the image, a tag removes the tag (and the image with its last tag)."
    public var repository: String
    public var imageDigest: String?
    public var tag: String?
    /// More images, as AWS's `imageIds`; together with `imageDigest`/`tag` at most 100.
    public var imageIds: [EcrImageIdentifier]?

    public init(
        repository: String, imageDigest: String? = nil, tag: String? = nil, imageIds: [EcrImageIdentifier]? = nil
    ) {
        self.repository = repository
        self.imageDigest = imageDigest
        self.tag = tag
        self.imageIds = imageIds
    }
}

public struct EcrImageDeleteResponse: Codable, Sendable, Hashable {
    /// What was deleted: one entry per removed tag, or the digest alone for an untagged image.
    public var imageIds: [EcrImageIdentifier]
    public var failures: [EcrImageFailure]
    public init(imageIds: [EcrImageIdentifier], failures: [EcrImageFailure]) {
        self.imageIds = imageIds
        self.failures = failures
    }
}

public struct EcrLifecyclePolicyPut: RPCMethod {
    public typealias Response = EcrLifecyclePolicy
    public static let method = "ecr.lifecyclePolicy.put"
    public static let summary =
        "Set a repository's lifecycle policy (JSON rules); it is applied at once, on every push and on the daemon's clock."
    public var repository: String
    /// The policy JSON: `{"rules":[…]}`, 100 to 30,720 characters.
    public var policy: String

    public init(repository: String, policy: String) {
        self.repository = repository
        self.policy = policy
    }
}

public struct EcrLifecyclePolicyGet: RPCMethod {
    public typealias Response = EcrLifecyclePolicy
    public static let method = "ecr.lifecyclePolicy.get"
    public static let summary = "A repository's lifecycle policy, when it was last applied and when it next falls due."
    public var repository: String
    public init(repository: String) { self.repository = repository }
}

public struct EcrLifecyclePolicyDelete: RPCMethod {
    public typealias Response = EcrLifecyclePolicy
    public static let method = "ecr.lifecyclePolicy.delete"
    public static let summary = "Remove a repository's lifecycle policy; returns the policy removed."
    public var repository: String
    public init(repository: String) { self.repository = repository }
}

public struct EcrLifecyclePolicyStartPreview: RPCMethod {
    public typealias Response = EcrLifecyclePolicyPreview
    public static let method = "ecr.lifecyclePolicy.startPreview"
    public static let summary =
        "What a lifecycle policy (the repository's, or the one given) would expire now, expiring nothing; kept for getPreview."
    public var repository: String
    /// Policy JSON to preview instead of the repository's own.
    public var policy: String?
    public init(repository: String, policy: String? = nil) {
        self.repository = repository
        self.policy = policy
    }
}

public struct EcrLifecyclePolicyGetPreview: RPCMethod {
    public typealias Response = EcrLifecyclePolicyPreview
    public static let method = "ecr.lifecyclePolicy.getPreview"
    public static let summary = "The repository's last lifecycle policy preview."
    public var repository: String
    public init(repository: String) { self.repository = repository }
}
