import Foundation
import NetctlAPI

/// The ECR operations netctld serves: each becomes netctl's own typed requests (`ecr.*`), so a
/// repository made with the AWS CLI is the one `netctl ecr repo list` shows, with the same rules.
enum ECRActions {
    static let all: [JSONAction] = repositories + images + lifecyclePolicies + tags + layers

    /// The core's EC2-flavoured paging codes, as ECR names them.
    @Sendable static func translate(_ error: NetctlError) -> AWSError? {
        switch error.code {
        case .invalidParameterValue, .invalidNextToken:
            AWSError(code: "InvalidParameterException", message: error.message)
        default: nil
        }
    }

    /// ECR's page sizes: 1 to 1000, 100 when the caller gives none.
    static func pageSize(_ maxResults: Int?) throws(AWSError) -> Int {
        let size = maxResults ?? 100
        guard (1...1000).contains(size) else {
            throw AWSError(
                code: "InvalidParameterException", message: "maxResults must be between 1 and 1000; got \(size).")
        }
        return size
    }

    /// netctld keeps one registry per account: the caller's own.
    static func checkRegistry(_ registryId: String?, _ context: ActionContext) throws(AWSError) {
        guard let registryId, registryId != context.accountId else { return }
        throw AWSError(
            code: "InvalidParameterException",
            message: "netctld serves only the caller's own registry (\(context.accountId)), not \(registryId). "
                + "Leave registryId out, or sign with that account's keys.")
    }

    static func tagDictionary(_ tags: [ECR.Tag]) throws(AWSError) -> [String: String] {
        var result: [String: String] = [:]
        for tag in tags {
            guard let key = tag.key else {
                throw AWSError(code: "InvalidTagParameterException", message: "Every tag needs a Key.")
            }
            result[key] = tag.value ?? ""
        }
        return result
    }

    static func tagList(_ tags: [String: String]?) -> [ECR.Tag] {
        (tags ?? [:]).sorted { $0.key < $1.key }.map { ECR.Tag(key: $0.key, value: $0.value) }
    }

    static func identifiers(_ ids: [ECR.ImageIdentifier]) -> [EcrImageIdentifier] {
        ids.map { EcrImageIdentifier(imageDigest: $0.imageDigest, imageTag: $0.imageTag) }
    }

    static func failure(_ failure: EcrImageFailure) -> ECR.ImageFailure {
        ECR.ImageFailure(
            imageId: ECR.ImageIdentifier(imageDigest: failure.imageId.imageDigest, imageTag: failure.imageId.imageTag),
            failureCode: failure.failureCode, failureReason: failure.failureReason)
    }

    /// Every image of a repository that `tagStatus` selects, oldest push first, read page by page.
    static func allImages(_ repository: String, tagStatus: String?, _ context: ActionContext) async throws(AWSError)
        -> [EcrImageDetail]
    {
        var images: [EcrImageDetail] = []
        var token: String?
        repeat {
            let page = try await context.run(
                EcrImageList(repository: repository, tagStatus: tagStatus, maxResults: 1000, nextToken: token))
            images += page.images
            token = page.nextToken
        } while token != nil
        return images
    }
}

// MARK: Repositories

extension ECRActions {
    static let repositories: [JSONAction] = [
        .make(
            "CreateRepository", mutating: true,
            supported: ["registryId", "repositoryName", "imageTagMutability", "tags", "imageScanningConfiguration"]
        ) { (input: ECR.CreateRepositoryRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            if input.imageScanningConfiguration?.scanOnPush == true {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "netctld does not scan images: leave imageScanningConfiguration out or set scanOnPush "
                        + "to false.")
            }
            let repository = try await context.run(
                EcrRepositoryCreate(
                    name: input.repositoryName, imageTagMutability: input.imageTagMutability,
                    tags: try input.tags.map { (tags) throws(AWSError) in try tagDictionary(tags) }))
            return ECR.CreateRepositoryResponse(repository: ECR.Repository(repository))
        },
        .make(
            "DescribeRepositories", mutating: false,
            supported: ["registryId", "repositoryNames", "nextToken", "maxResults"]
        ) { (input: ECR.DescribeRepositoriesRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            if let names = input.repositoryNames {
                guard input.maxResults == nil, input.nextToken == nil else {
                    throw AWSError(
                        code: "InvalidParameterException",
                        message: "maxResults and nextToken cannot be used with repositoryNames.")
                }
                guard (1...100).contains(names.count) else {
                    throw AWSError(
                        code: "InvalidParameterException",
                        message: "repositoryNames must list 1 to 100 names; got \(names.count).")
                }
                let found = try await context.each(names) { EcrRepositoryGet(name: $0) }
                return ECR.DescribeRepositoriesResponse(repositories: found.map(ECR.Repository.init))
            }
            let page = try await context.run(
                EcrRepositoryList(maxResults: try pageSize(input.maxResults), nextToken: input.nextToken))
            return ECR.DescribeRepositoriesResponse(
                repositories: page.repositories.map(ECR.Repository.init), nextToken: page.nextToken)
        },
        .make("DeleteRepository", mutating: true, supported: ["registryId", "repositoryName", "force"]) {
            (input: ECR.DeleteRepositoryRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let repository = try await context.run(EcrRepositoryDelete(name: input.repositoryName, force: input.force))
            return ECR.DeleteRepositoryResponse(repository: ECR.Repository(repository))
        },
        .make(
            "PutImageTagMutability", mutating: true,
            supported: ["registryId", "repositoryName", "imageTagMutability"]
        ) { (input: ECR.PutImageTagMutabilityRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let repository = try await context.run(
                EcrRepositorySetTagMutability(name: input.repositoryName, imageTagMutability: input.imageTagMutability))
            return ECR.PutImageTagMutabilityResponse(
                registryId: repository.registryId, repositoryName: repository.repositoryName,
                imageTagMutability: repository.imageTagMutability)
        },
    ]
}

extension ECR.Repository {
    init(_ repository: EcrRepository) {
        self.init(
            repositoryArn: repository.repositoryArn, registryId: repository.registryId,
            repositoryName: repository.repositoryName, repositoryUri: repository.repositoryUri,
            createdAt: repository.createdAt, imageTagMutability: repository.imageTagMutability,
            // True of every netctld repository: nothing is scanned.
            imageScanningConfiguration: ECR.ImageScanningConfiguration(scanOnPush: false))
    }
}

// MARK: Images

extension ECRActions {
    static let images: [JSONAction] = [
        .make(
            "PutImage", mutating: true,
            supported: [
                "registryId", "repositoryName", "imageManifest", "imageManifestMediaType", "imageTag", "imageDigest",
            ]
        ) { (input: ECR.PutImageRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let image = try await context.run(
                EcrImagePut(
                    repository: input.repositoryName, manifest: input.imageManifest, tag: input.imageTag,
                    imageDigest: input.imageDigest, imageManifestMediaType: input.imageManifestMediaType))
            return ECR.PutImageResponse(image: ECR.Image(image, tag: input.imageTag))
        },
        .make(
            "BatchGetImage", mutating: false,
            supported: ["registryId", "repositoryName", "imageIds", "acceptedMediaTypes"]
        ) { (input: ECR.BatchGetImageRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let asked = identifiers(input.imageIds)
            let result = try await context.run(
                EcrImageBatchGet(
                    repository: input.repositoryName, imageIds: asked, acceptedMediaTypes: input.acceptedMediaTypes))
            // The core answers each ID, in order, with an image or a failure naming that ID: walk both.
            var images: [ECR.Image] = []
            var failures = result.failures[...]
            var found = result.images[...]
            for identifier in asked {
                if let next = failures.first, next.imageId == identifier {
                    failures.removeFirst()
                } else if let image = found.popFirst() {
                    images.append(ECR.Image(image, tag: identifier.imageTag))
                }
            }
            return ECR.BatchGetImageResponse(images: images, failures: result.failures.map(failure))
        },
        .make("BatchDeleteImage", mutating: true, supported: ["registryId", "repositoryName", "imageIds"]) {
            (input: ECR.BatchDeleteImageRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let result = try await context.run(
                EcrImageDelete(repository: input.repositoryName, imageIds: identifiers(input.imageIds)))
            return ECR.BatchDeleteImageResponse(
                imageIds: result.imageIds.map { ECR.ImageIdentifier(imageDigest: $0.imageDigest, imageTag: $0.imageTag) },
                failures: result.failures.map(failure))
        },
        .make(
            "DescribeImages", mutating: false,
            supported: ["registryId", "repositoryName", "imageIds", "nextToken", "maxResults", "filter"]
        ) { (input: ECR.DescribeImagesRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            guard try includesActiveImages(input.filter?.imageStatus) else {
                return ECR.DescribeImagesResponse(imageDetails: [])
            }
            let page: EcrImageListResponse
            if let ids = input.imageIds {
                guard input.maxResults == nil, input.nextToken == nil else {
                    throw AWSError(
                        code: "InvalidParameterException", message: "maxResults and nextToken cannot be used with imageIds.")
                }
                page = try await context.run(
                    EcrImageList(
                        repository: input.repositoryName, tagStatus: input.filter?.tagStatus,
                        imageIds: identifiers(ids)))
            } else {
                page = try await context.run(
                    EcrImageList(
                        repository: input.repositoryName, tagStatus: input.filter?.tagStatus,
                        maxResults: try pageSize(input.maxResults), nextToken: input.nextToken))
            }
            return ECR.DescribeImagesResponse(imageDetails: page.images.map(ECR.ImageDetail.init), nextToken: page.nextToken)
        },
        .make(
            "ListImages", mutating: false,
            supported: ["registryId", "repositoryName", "nextToken", "maxResults", "filter"]
        ) { (input: ECR.ListImagesRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            guard try includesActiveImages(input.filter?.imageStatus) else { return ECR.ListImagesResponse(imageIds: []) }
            // One entry per tag, and one for an untagged image: the page counts entries, not images.
            let ids = try await allImages(input.repositoryName, tagStatus: input.filter?.tagStatus, context).flatMap {
                image in
                image.imageTags.isEmpty
                    ? [ECR.ImageIdentifier(imageDigest: image.imageDigest)]
                    : image.imageTags.map { ECR.ImageIdentifier(imageDigest: image.imageDigest, imageTag: $0) }
            }
            let page = try Paging.page(ids, limit: try pageSize(input.maxResults), maximum: 1000, nextToken: input.nextToken)
            return ECR.ListImagesResponse(imageIds: Array(page.items), nextToken: page.nextToken)
        },
    ]

    /// Every netctld image is `ACTIVE`: it never archives them.
    static func includesActiveImages(_ imageStatus: String?) throws(AWSError) -> Bool {
        switch imageStatus {
        case nil, "ACTIVE", "ANY": return true
        case "ARCHIVED", "ACTIVATING": return false
        case let other?:
            throw AWSError(
                code: "InvalidParameterException",
                message: "imageStatus '\(other)' is not valid: use ACTIVE, ARCHIVED, ACTIVATING or ANY.")
        }
    }
}

extension ECR.Image {
    /// `tag`: the tag the caller named the image by, which AWS echoes in `imageId`.
    init(_ image: EcrImage, tag: String?) {
        self.init(
            registryId: image.registryId, repositoryName: image.repositoryName,
            imageId: ECR.ImageIdentifier(imageDigest: image.imageDigest, imageTag: tag),
            imageManifest: image.imageManifest, imageManifestMediaType: image.imageManifestMediaType)
    }
}

extension ECR.ImageDetail {
    init(_ image: EcrImageDetail) {
        self.init(
            registryId: image.registryId, repositoryName: image.repositoryName, imageDigest: image.imageDigest,
            imageTags: image.imageTags.isEmpty ? nil : image.imageTags,
            imageSizeInBytes: image.imageSizeInBytes.map { Int($0) }, imagePushedAt: image.imagePushedAt,
            imageManifestMediaType: image.imageManifestMediaType, artifactMediaType: image.artifactMediaType)
    }
}

// MARK: Lifecycle policies

extension ECRActions {
    static let lifecyclePolicies: [JSONAction] = [
        .make(
            "PutLifecyclePolicy", mutating: true, supported: ["registryId", "repositoryName", "lifecyclePolicyText"]
        ) { (input: ECR.PutLifecyclePolicyRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let policy = try await context.run(
                EcrLifecyclePolicyPut(repository: input.repositoryName, policy: input.lifecyclePolicyText))
            return ECR.PutLifecyclePolicyResponse(
                registryId: policy.registryId, repositoryName: policy.repositoryName,
                lifecyclePolicyText: policy.lifecyclePolicyText)
        },
        .make("GetLifecyclePolicy", mutating: false, supported: ["registryId", "repositoryName"]) {
            (input: ECR.GetLifecyclePolicyRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let policy = try await context.run(EcrLifecyclePolicyGet(repository: input.repositoryName))
            return ECR.GetLifecyclePolicyResponse(
                registryId: policy.registryId, repositoryName: policy.repositoryName,
                lifecyclePolicyText: policy.lifecyclePolicyText, lastEvaluatedAt: policy.lastEvaluatedAt)
        },
        .make("DeleteLifecyclePolicy", mutating: true, supported: ["registryId", "repositoryName"]) {
            (input: ECR.DeleteLifecyclePolicyRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let policy = try await context.run(EcrLifecyclePolicyDelete(repository: input.repositoryName))
            return ECR.DeleteLifecyclePolicyResponse(
                registryId: policy.registryId, repositoryName: policy.repositoryName,
                lifecyclePolicyText: policy.lifecyclePolicyText, lastEvaluatedAt: policy.lastEvaluatedAt)
        },
        // netctld computes a preview at once, so its status is always COMPLETE.
        .make(
            "StartLifecyclePolicyPreview", mutating: true,
            supported: ["registryId", "repositoryName", "lifecyclePolicyText"]
        ) { (input: ECR.StartLifecyclePolicyPreviewRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let preview = try await context.run(
                EcrLifecyclePolicyStartPreview(repository: input.repositoryName, policy: input.lifecyclePolicyText))
            return ECR.StartLifecyclePolicyPreviewResponse(
                registryId: preview.registryId, repositoryName: preview.repositoryName,
                lifecyclePolicyText: preview.lifecyclePolicyText, status: "COMPLETE")
        },
        .make(
            "GetLifecyclePolicyPreview", mutating: false,
            supported: ["registryId", "repositoryName", "imageIds", "nextToken", "maxResults", "filter"]
        ) { (input: ECR.GetLifecyclePolicyPreviewRequest, context) throws(AWSError) in
            try checkRegistry(input.registryId, context)
            let preview = try await context.run(EcrLifecyclePolicyGetPreview(repository: input.repositoryName))
            var results = preview.previewResults
            switch input.filter?.tagStatus {
            case nil, "ANY": break
            case "TAGGED": results = results.filter { !$0.imageTags.isEmpty }
            case "UNTAGGED": results = results.filter { $0.imageTags.isEmpty }
            case let other?:
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "tagStatus '\(other)' is not valid: use TAGGED, UNTAGGED or ANY.")
            }
            if let ids = input.imageIds {
                guard input.maxResults == nil, input.nextToken == nil else {
                    throw AWSError(
                        code: "InvalidParameterException", message: "maxResults and nextToken cannot be used with imageIds.")
                }
                results = results.filter { result in
                    ids.contains { id in
                        (id.imageDigest == nil || id.imageDigest == result.imageDigest)
                            && (id.imageTag.map { result.imageTags.contains($0) } ?? true)
                            && (id.imageDigest != nil || id.imageTag != nil)
                    }
                }
            }
            let page = try Paging.page(results, limit: input.maxResults ?? 100, maximum: 100, nextToken: input.nextToken)
            return ECR.GetLifecyclePolicyPreviewResponse(
                registryId: preview.registryId, repositoryName: preview.repositoryName,
                lifecyclePolicyText: preview.lifecyclePolicyText, status: "COMPLETE", nextToken: page.nextToken,
                previewResults: page.items.map {
                    ECR.LifecyclePolicyPreviewResult(
                        imageTags: $0.imageTags, imageDigest: $0.imageDigest, imagePushedAt: $0.imagePushedAt,
                        action: ECR.LifecyclePolicyRuleAction(type: "EXPIRE"), appliedRulePriority: $0.rulePriority)
                },
                summary: ECR.LifecyclePolicyPreviewSummary(expiringImageTotalCount: preview.previewResults.count))
        },
    ]
}

// MARK: Tags

extension ECRActions {
    /// Checks that a tagging call names a repository, the only ECR resource with tags here.
    static func repositoryArn(_ arn: String) throws(AWSError) -> String {
        guard arn.hasPrefix("arn:aws:ecr:"), let slash = arn.range(of: ":repository/"),
            !arn[slash.upperBound...].isEmpty
        else {
            throw AWSError(
                code: "InvalidParameterException",
                message: "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN': '\(arn)' is "
                    + "not a repository ARN (arn:aws:ecr:REGION:ACCOUNT:repository/NAME).")
        }
        return arn
    }

    static let tags: [JSONAction] = [
        .make("ListTagsForResource", mutating: false, supported: ["resourceArn"]) {
            (input: ECR.ListTagsForResourceRequest, context) throws(AWSError) in
            let repository = try await context.run(EcrRepositoryGet(name: try repositoryArn(input.resourceArn)))
            return ECR.ListTagsForResourceResponse(tags: tagList(repository.tags))
        },
        .make("TagResource", mutating: true, supported: ["resourceArn", "tags"]) {
            (input: ECR.TagResourceRequest, context) throws(AWSError) in
            _ = try await context.run(
                EcrRepositoryTag(name: try repositoryArn(input.resourceArn), tags: try tagDictionary(input.tags)))
            return ECR.TagResourceResponse()
        },
        .make("UntagResource", mutating: true, supported: ["resourceArn", "tagKeys"]) {
            (input: ECR.UntagResourceRequest, context) throws(AWSError) in
            _ = try await context.run(
                EcrRepositoryUntag(name: try repositoryArn(input.resourceArn), tagKeys: input.tagKeys))
            return ECR.UntagResourceResponse()
        },
    ]
}
