import Foundation

/// An ECR private repository. Its ARN (`arn:aws:ecr:REGION:ACCOUNT:repository/NAME`) is its ID and
/// the log stream of its events; callers refer to it by name (or ARN) within their account and region.
public struct EcrRepository: Codable, Sendable, Hashable {
    public var repositoryName: String
    public var repositoryArn: String
    /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME`: what `docker push` and task definitions name.
    public var repositoryUri: String
    /// The registry: the owning account's ID.
    public var registryId: String
    public var accountId: String
    public var region: String
    /// `MUTABLE` (tags move between images) or `IMMUTABLE` (a tag, once pushed, stays).
    public var imageTagMutability: String
    /// The lifecycle policy, when one is set.
    public var lifecyclePolicy: EcrRepositoryLifecyclePolicy?
    public var createdAt: Date
    /// The repository's own tags (ECR's TagResource), absent when it has none.
    public var tags: [String: String]?
    /// The last lifecycle policy preview started on it, until the next one.
    public var lifecyclePolicyPreview: EcrLifecyclePolicyPreview?

    public init(
        repositoryName: String, repositoryArn: String, repositoryUri: String, registryId: String, accountId: String,
        region: String, imageTagMutability: String, lifecyclePolicy: EcrRepositoryLifecyclePolicy? = nil,
        createdAt: Date, tags: [String: String]? = nil
    ) {
        self.tags = tags
        self.repositoryName = repositoryName
        self.repositoryArn = repositoryArn
        self.repositoryUri = repositoryUri
        self.registryId = registryId
        self.accountId = accountId
        self.region = region
        self.imageTagMutability = imageTagMutability
        self.lifecyclePolicy = lifecyclePolicy
        self.createdAt = createdAt
    }

    public static let mutable = "MUTABLE"
    public static let immutable = "IMMUTABLE"
}

/// A repository's lifecycle policy as stored with it.
public struct EcrRepositoryLifecyclePolicy: Codable, Sendable, Hashable {
    /// The policy JSON exactly as put.
    public var lifecyclePolicyText: String
    /// The last time the daemon applied the policy (on put, on every push or delete, at due times).
    public var lastEvaluatedAt: Date
    /// When a `sinceImagePushed` rule will next expire an image if nothing changes before then.
    public var nextEvaluationAt: Date?

    public init(lifecyclePolicyText: String, lastEvaluatedAt: Date, nextEvaluationAt: Date? = nil) {
        self.lifecyclePolicyText = lifecyclePolicyText
        self.lastEvaluatedAt = lastEvaluatedAt
        self.nextEvaluationAt = nextEvaluationAt
    }
}

/// An image in a repository: a manifest identified by its digest, with zero or more tags. Its ID is
/// `REPOSITORY-ARN@DIGEST`, the log stream of its events.
public struct EcrImage: Codable, Sendable, Hashable {
    public var registryId: String
    public var repositoryName: String
    public var repositoryArn: String
    /// `sha256:` and the 64 lowercase hex digits of the SHA-256 of the manifest's UTF-8 bytes.
    public var imageDigest: String
    /// In the order they were pushed; a tag names at most one image of the repository.
    public var imageTags: [String]
    public var imageManifest: String
    public var imageManifestMediaType: String
    /// The sum of the layer sizes the manifest declares; absent for manifest lists and image indexes.
    public var imageSizeInBytes: Int64?
    public var imagePushedAt: Date
    public var accountId: String
    public var region: String
    /// Set only on the image recorded by an `expire` event: the lifecycle rule that expired it.
    public var expiredByRulePriority: Int?

    public init(
        registryId: String, repositoryName: String, repositoryArn: String, imageDigest: String, imageTags: [String],
        imageManifest: String, imageManifestMediaType: String, imageSizeInBytes: Int64?, imagePushedAt: Date,
        accountId: String, region: String, expiredByRulePriority: Int? = nil
    ) {
        self.registryId = registryId
        self.repositoryName = repositoryName
        self.repositoryArn = repositoryArn
        self.imageDigest = imageDigest
        self.imageTags = imageTags
        self.imageManifest = imageManifest
        self.imageManifestMediaType = imageManifestMediaType
        self.imageSizeInBytes = imageSizeInBytes
        self.imagePushedAt = imagePushedAt
        self.accountId = accountId
        self.region = region
        self.expiredByRulePriority = expiredByRulePriority
    }
}

/// An image as `ecr.image.list` describes it (DescribeImages): everything but the manifest.
public struct EcrImageDetail: Codable, Sendable, Hashable {
    public var registryId: String
    public var repositoryName: String
    public var imageDigest: String
    public var imageTags: [String]
    public var imageManifestMediaType: String
    public var imageSizeInBytes: Int64?
    public var imagePushedAt: Date
    /// The config's media type (what the manifest packages: a container image, a Helm chart, …);
    /// absent for manifest lists, indexes and schema 1 manifests.
    public var artifactMediaType: String?

    public init(_ image: EcrImage, artifactMediaType: String? = nil) {
        self.artifactMediaType = artifactMediaType
        registryId = image.registryId
        repositoryName = image.repositoryName
        imageDigest = image.imageDigest
        imageTags = image.imageTags
        imageManifestMediaType = image.imageManifestMediaType
        imageSizeInBytes = image.imageSizeInBytes
        imagePushedAt = image.imagePushedAt
    }
}

/// An image named by digest, by tag, or both (AWS's ImageIdentifier).
public struct EcrImageIdentifier: Codable, Sendable, Hashable {
    public var imageDigest: String?
    public var imageTag: String?

    public init(imageDigest: String? = nil, imageTag: String? = nil) {
        self.imageDigest = imageDigest
        self.imageTag = imageTag
    }
}

/// One image a batch call could not act on, with AWS's failure code.
public struct EcrImageFailure: Codable, Sendable, Hashable {
    public var imageId: EcrImageIdentifier
    /// `InvalidImageDigest`, `InvalidImageTag`, `ImageTagDoesNotMatchDigest`, `ImageNotFound` or
    /// `MissingDigestAndTag`.
    public var failureCode: String
    public var failureReason: String

    public init(imageId: EcrImageIdentifier, failureCode: String, failureReason: String) {
        self.imageId = imageId
        self.failureCode = failureCode
        self.failureReason = failureReason
    }

    public static let invalidImageDigest = "InvalidImageDigest"
    public static let invalidImageTag = "InvalidImageTag"
    public static let imageTagDoesNotMatchDigest = "ImageTagDoesNotMatchDigest"
    public static let imageNotFound = "ImageNotFound"
    public static let missingDigestAndTag = "MissingDigestAndTag"
}

/// A repository's lifecycle policy, as the lifecycle-policy methods return it.
public struct EcrLifecyclePolicy: Codable, Sendable, Hashable {
    public var registryId: String
    public var repositoryName: String
    public var lifecyclePolicyText: String
    public var lastEvaluatedAt: Date
    public var nextEvaluationAt: Date?
    /// `ecr.lifecyclePolicy.put` only: the images the new policy expired at once, oldest first.
    public var expiredImages: [EcrExpiredImage]?

    public init(
        registryId: String, repositoryName: String, lifecyclePolicyText: String, lastEvaluatedAt: Date,
        nextEvaluationAt: Date?, expiredImages: [EcrExpiredImage]? = nil
    ) {
        self.registryId = registryId
        self.repositoryName = repositoryName
        self.lifecyclePolicyText = lifecyclePolicyText
        self.lastEvaluatedAt = lastEvaluatedAt
        self.nextEvaluationAt = nextEvaluationAt
        self.expiredImages = expiredImages
    }
}

/// An image a lifecycle rule expired.
public struct EcrExpiredImage: Codable, Sendable, Hashable {
    public var imageDigest: String
    public var imageTags: [String]
    public var imagePushedAt: Date
    public var rulePriority: Int

    public init(imageDigest: String, imageTags: [String], imagePushedAt: Date, rulePriority: Int) {
        self.imageDigest = imageDigest
        self.imageTags = imageTags
        self.imagePushedAt = imagePushedAt
        self.rulePriority = rulePriority
    }
}

/// What a lifecycle policy would expire when the preview was computed, without expiring anything.
public struct EcrLifecyclePolicyPreview: Codable, Sendable, Hashable {
    public var registryId: String
    public var repositoryName: String
    public var lifecyclePolicyText: String
    public var evaluatedAt: Date
    /// The images it would expire, oldest push first, each with the rule that would.
    public var previewResults: [EcrExpiredImage]

    public init(
        registryId: String, repositoryName: String, lifecyclePolicyText: String, evaluatedAt: Date,
        previewResults: [EcrExpiredImage]
    ) {
        self.registryId = registryId
        self.repositoryName = repositoryName
        self.lifecyclePolicyText = lifecyclePolicyText
        self.evaluatedAt = evaluatedAt
        self.previewResults = previewResults
    }
}

/// The codes only ECR's tag and preview methods answer with.
extension ErrorCode {
    public static let invalidTagParameterException: Self = "InvalidTagParameterException"
    public static let tooManyTagsException: Self = "TooManyTagsException"
    public static let lifecyclePolicyPreviewNotFoundException: Self = "LifecyclePolicyPreviewNotFoundException"
}
