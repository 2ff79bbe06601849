import Foundation
import NetctlAPI

/// ECR repositories and images. A repository's ID is its ARN; an image's is the repository's ARN,
/// `@` and the image's digest. Every change is recorded with an action: repositories `create`,
/// `delete`, `putLifecyclePolicy`, `deleteLifecyclePolicy`; images `push` (a new digest), `tag` (a
/// tag added to an existing image), `untag` (a tag moved away or deleted), `delete` and `expire`
/// (a lifecycle rule removed it).
extension State {
    // MARK: Repositories

    public mutating func createEcrRepository(_ request: EcrRepositoryCreate, _ context: inout CommandContext)
        throws(NetctlError) -> EcrRepository
    {
        try EcrRules.validateRepositoryName(request.name)
        let mutability = try EcrRules.tagMutability(request.imageTagMutability)
        if let tags = request.tags { try EcrRules.validateRepositoryTags(tags, total: tags.count) }
        let arn = EcrRules.repositoryArn(context.scope, name: request.name)
        guard ecrRepositories[arn] == nil else {
            throw NetctlError(
                .repositoryAlreadyExistsException,
                "The repository with name '\(request.name)' already exists in the registry with id "
                    + "'\(context.accountId)'.")
        }
        let repository = EcrRepository(
            repositoryName: request.name, repositoryArn: arn,
            repositoryUri: EcrRules.repositoryUri(context.scope, name: request.name), registryId: context.accountId,
            accountId: context.accountId, region: context.region, imageTagMutability: mutability,
            createdAt: context.now, tags: request.tags.flatMap { $0.isEmpty ? nil : $0 })
        record(.create, repository, at: context.now)
        return repository
    }

    /// PutImageTagMutability: applies to tags pushed from now on; the tags images have stay.
    public mutating func setEcrTagMutability(_ request: EcrRepositorySetTagMutability, _ context: inout CommandContext)
        throws(NetctlError) -> EcrRepository
    {
        var repository = try ecrRepository(request.name, in: context.scope)
        let mutability = try EcrRules.tagMutability(request.imageTagMutability)
        guard repository.imageTagMutability != mutability else { return repository }
        repository.imageTagMutability = mutability
        record(.update, repository, at: context.now)
        return repository
    }

    public mutating func tagEcrRepository(_ request: EcrRepositoryTag, _ context: inout CommandContext)
        throws(NetctlError) -> EcrRepository
    {
        var repository = try ecrRepository(request.name, in: context.scope)
        let merged = (repository.tags ?? [:]).merging(request.tags) { _, new in new }
        try EcrRules.validateRepositoryTags(request.tags, total: merged.count)
        guard merged != (repository.tags ?? [:]) else { return repository }
        repository.tags = merged.isEmpty ? nil : merged
        record(.tag, repository, at: context.now)
        return repository
    }

    public mutating func untagEcrRepository(_ request: EcrRepositoryUntag, _ context: inout CommandContext)
        throws(NetctlError) -> EcrRepository
    {
        var repository = try ecrRepository(request.name, in: context.scope)
        var tags = repository.tags ?? [:]
        for key in request.tagKeys {
            guard (1...128).contains(key.count) else {
                throw NetctlError(.invalidTagParameterException, "Tag key '\(key)' must be 1 to 128 characters long.")
            }
            tags[key] = nil
        }
        guard tags != (repository.tags ?? [:]) else { return repository }
        repository.tags = tags.isEmpty ? nil : tags
        record(.untag, repository, at: context.now)
        return repository
    }

    /// A repository of the caller's account and region, by name or ARN.
    public func ecrRepository(_ reference: String, in scope: Scope) throws(NetctlError) -> EcrRepository {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty else {
            throw NetctlError(.invalidParameterException, "The repository name is empty. Pass its name or ARN.")
        }
        let arn = reference.hasPrefix("arn:") ? reference : EcrRules.repositoryArn(scope, name: reference)
        if let found = ecrRepositories[arn], found.scope == scope { return found }
        let name = reference.hasPrefix("arn:") ? String(reference.split(separator: "/", maxSplits: 1).last ?? "") : reference
        throw NetctlError(
            .repositoryNotFoundException,
            "The repository with name '\(name)' does not exist in the registry with id '\(scope.accountId)' "
                + "(\(scope.region)). List them with `netctl ecr repo list`.")
    }

    public func listEcrRepositories(_ request: EcrRepositoryList, _ context: QueryContext) throws(NetctlError)
        -> EcrRepositoryListResponse
    {
        let page = try Pagination.page(
            ecrRepositories.inScope(context.scope), maxResults: request.maxResults, nextToken: request.nextToken,
            range: EcrRules.listRange)
        return EcrRepositoryListResponse(repositories: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteEcrRepository(_ request: EcrRepositoryDelete, _ context: inout CommandContext)
        throws(NetctlError) -> EcrRepository
    {
        let repository = try ecrRepository(request.name, in: context.scope)
        let images = ecrImages.children(of: repository.repositoryArn)
        if !images.isEmpty, request.force != true {
            throw NetctlError(
                .repositoryNotEmptyException,
                "The repository with name '\(repository.repositoryName)' in registry with id '\(repository.registryId)' "
                    + "cannot be deleted because it still contains images (\(images.count)). Delete them first, or "
                    + "pass force (netctl ecr repo delete \(repository.repositoryName) --force).")
        }
        for image in images { recordDeletion(image, at: context.now) }
        recordDeletion(repository, at: context.now)
        return repository
    }

    // MARK: Images

    public mutating func putEcrImage(_ request: EcrImagePut, _ context: inout CommandContext) throws(NetctlError)
        -> EcrImage
    {
        let repository = try ecrRepository(request.repository, in: context.scope)
        let manifest = try EcrRules.manifestInfo(request.manifest, declaredMediaType: request.imageManifestMediaType)
        let digest = EcrRules.digest(of: request.manifest)
        if let expected = request.imageDigest {
            guard EcrRules.isValidDigest(expected) else {
                throw NetctlError(
                    .invalidParameterException,
                    "imageDigest '\(expected)' is not a digest: use sha256: and 64 lowercase hex digits.")
            }
            guard expected == digest else {
                throw NetctlError(
                    .imageDigestDoesNotMatchException,
                    "The given imageDigest \(expected) does not match the digest of the manifest, \(digest).")
            }
        }
        if let tag = request.tag { try EcrRules.validateTag(tag) }
        let arn = repository.repositoryArn
        let id = EcrRules.imageId(repositoryArn: arn, digest: digest)
        let existing = ecrImages[id]
        if let existing {
            guard let tag = request.tag, !existing.imageTags.contains(tag) else {
                throw NetctlError(
                    .imageAlreadyExistsException,
                    "Image with digest '\(digest)'\(request.tag.map { " and tag '\($0)'" } ?? "") already exists in the "
                        + "repository with name '\(repository.repositoryName)' in registry with id "
                        + "'\(repository.registryId)'.")
            }
            guard existing.imageTags.count < EcrRules.maximumTagsPerImage else {
                throw NetctlError(
                    .limitExceededException,
                    "Image \(digest) already has \(existing.imageTags.count) tags; an image can have at most "
                        + "\(EcrRules.maximumTagsPerImage).")
            }
        } else {
            let count = ecrImages.childCount(of: arn)
            guard count < EcrRules.maximumImagesPerRepository else {
                throw NetctlError(
                    .limitExceededException,
                    "The repository '\(repository.repositoryName)' already holds \(count) images; the limit is "
                        + "\(EcrRules.maximumImagesPerRepository) per repository.")
            }
        }
        if let tag = request.tag, var holder = ecrImage(taggedWith: tag, in: arn), holder.imageDigest != digest {
            guard repository.imageTagMutability == EcrRepository.mutable else {
                throw NetctlError(
                    .imageTagAlreadyExistsException,
                    "The image tag '\(tag)' already exists in the '\(repository.repositoryName)' repository and cannot "
                        + "be overwritten because the repository is immutable (it names \(holder.imageDigest)).")
            }
            holder.imageTags.removeAll { $0 == tag }
            record(.untag, holder, at: context.now)
        }
        let image: EcrImage
        if var tagged = existing, let tag = request.tag {
            tagged.imageTags.append(tag)
            image = tagged
            record(.tag, image, at: context.now)
        } else {
            image = EcrImage(
                registryId: repository.registryId, repositoryName: repository.repositoryName, repositoryArn: arn,
                imageDigest: digest, imageTags: request.tag.map { [$0] } ?? [], imageManifest: request.manifest,
                imageManifestMediaType: manifest.mediaType, imageSizeInBytes: manifest.sizeInBytes,
                imagePushedAt: pushTime(in: arn, now: context.now), accountId: repository.accountId,
                region: repository.region)
            record(.push, image, at: context.now)
        }
        applyLifecyclePolicy(arn, now: context.now)
        return image
    }

    /// Now, or a millisecond after the repository's latest push when the clock has not moved past it
    /// (a manual clock, or two pushes in one millisecond), so "newest" always means "pushed last".
    private func pushTime(in repositoryArn: String, now: Date) -> Date {
        var latest: Date?
        for id in ecrImages.childIds(of: repositoryArn) {
            guard let pushed = ecrImages[id]?.imagePushedAt else { continue }
            if latest.map({ pushed > $0 }) ?? true { latest = pushed }
        }
        let now = Timestamp.millisecondPrecision(now)
        guard let latest, Timestamp.epochMilliseconds(latest) >= Timestamp.epochMilliseconds(now) else { return now }
        return Date(timeIntervalSince1970: Double(Timestamp.epochMilliseconds(latest) + 1) / 1000)
    }

    /// The image of the repository that carries `tag`.
    func ecrImage(taggedWith tag: String, in repositoryArn: String) -> EcrImage? {
        ecrImages.childIds(of: EcrRules.tagKey(repositoryArn: repositoryArn, tag: tag)).first.flatMap { ecrImages[$0] }
    }

    /// One image of a repository, by digest, tag, or both (which must agree).
    public func ecrImage(_ repository: EcrRepository, digest: String?, tag: String?) throws(NetctlError) -> EcrImage {
        let arn = repository.repositoryArn
        let described = "imageId {imageDigest: \(digest ?? "null"), imageTag: \(tag ?? "null")}"
        func missing() -> NetctlError {
            NetctlError(
                .imageNotFoundException,
                "The image with \(described) does not exist within the repository with name "
                    + "'\(repository.repositoryName)' in the registry with id '\(repository.registryId)'.")
        }
        switch (digest, tag) {
        case (nil, nil):
            throw NetctlError(.invalidParameterException, "Pass imageDigest or tag to name the image.")
        case (let digest?, nil):
            guard let image = ecrImages[EcrRules.imageId(repositoryArn: arn, digest: digest)] else { throw missing() }
            return image
        case (let digest, let tag?):
            guard let image = ecrImage(taggedWith: tag, in: arn) else { throw missing() }
            if let digest, image.imageDigest != digest {
                throw NetctlError(
                    .imageNotFoundException,
                    "The tag '\(tag)' of repository '\(repository.repositoryName)' names \(image.imageDigest), not "
                        + "\(digest).")
            }
            return image
        }
    }

    public func getEcrImage(_ request: EcrImageGet, _ context: QueryContext) throws(NetctlError) -> EcrImage {
        try ecrImage(ecrRepository(request.repository, in: context.scope), digest: request.imageDigest, tag: request.tag)
    }

    public func listEcrImages(_ request: EcrImageList, _ context: QueryContext) throws(NetctlError)
        -> EcrImageListResponse
    {
        let repository = try ecrRepository(request.repository, in: context.scope)
        var images = ecrImages.children(of: repository.repositoryArn)
        if let identifiers = request.imageIds {
            guard request.maxResults == nil, request.nextToken == nil else {
                throw NetctlError(
                    .invalidParameterException,
                    "maxResults and nextToken cannot be used together with imageIds: imageIds names every image wanted.")
            }
            guard (1...EcrRules.maximumBatchImages).contains(identifiers.count) else {
                throw NetctlError(
                    .invalidParameterException,
                    "imageIds must list 1 to \(EcrRules.maximumBatchImages) images; got \(identifiers.count).")
            }
            var seen = Set<String>()
            images = []
            for identifier in identifiers {
                let image = try ecrImage(repository, digest: identifier.imageDigest, tag: identifier.imageTag)
                if seen.insert(image.imageDigest).inserted { images.append(image) }
            }
        }
        let selected: [EcrImage]
        switch request.tagStatus?.uppercased() {
        case nil, "ANY": selected = images
        case "TAGGED": selected = images.filter { !$0.imageTags.isEmpty }
        case "UNTAGGED": selected = images.filter { $0.imageTags.isEmpty }
        default:
            throw NetctlError(
                .invalidParameterException,
                "tagStatus '\(request.tagStatus ?? "")' is not valid: use TAGGED, UNTAGGED or ANY.")
        }
        let page = try Pagination.page(
            selected, maxResults: request.maxResults, nextToken: request.nextToken, range: EcrRules.listRange)
        return EcrImageListResponse(
            images: page.items.map { image in
                EcrImageDetail(image, artifactMediaType: (try? EcrRules.manifestInfo(image.imageManifest))?.artifactMediaType)
            },
            nextToken: page.nextToken)
    }

    /// BatchGetImage: each image ID is answered with its image or a failure with AWS's code.
    public func batchGetEcrImages(_ request: EcrImageBatchGet, _ context: QueryContext) throws(NetctlError)
        -> EcrImageBatchGetResponse
    {
        let repository = try ecrRepository(request.repository, in: context.scope)
        guard (1...EcrRules.maximumBatchImages).contains(request.imageIds.count) else {
            throw NetctlError(
                .invalidParameterException,
                "imageIds must list 1 to \(EcrRules.maximumBatchImages) images; got \(request.imageIds.count).")
        }
        if let accepted = request.acceptedMediaTypes, !(1...100).contains(accepted.count) {
            throw NetctlError(
                .invalidParameterException, "acceptedMediaTypes must list 1 to 100 media types; got \(accepted.count).")
        }
        var images: [EcrImage] = []
        var failures: [EcrImageFailure] = []
        func fail(_ identifier: EcrImageIdentifier, _ code: String, _ reason: String) {
            failures.append(EcrImageFailure(imageId: identifier, failureCode: code, failureReason: reason))
        }
        for identifier in request.imageIds {
            switch (identifier.imageDigest, identifier.imageTag) {
            case (nil, nil):
                fail(identifier, EcrImageFailure.missingDigestAndTag, "Invalid request parameters: both tag and digest cannot be null")
                continue
            case (let digest?, _) where !EcrRules.isValidDigest(digest):
                fail(identifier, EcrImageFailure.invalidImageDigest, "Invalid image digest '\(digest)'")
                continue
            case (_, let tag?) where !EcrRules.isValidTag(tag):
                fail(identifier, EcrImageFailure.invalidImageTag, "Invalid image tag '\(tag)'")
                continue
            default:
                break
            }
            let arn = repository.repositoryArn
            let found: EcrImage?
            if let tag = identifier.imageTag {
                found = ecrImage(taggedWith: tag, in: arn)
                if let found, let digest = identifier.imageDigest, digest != found.imageDigest {
                    fail(
                        identifier, EcrImageFailure.imageTagDoesNotMatchDigest,
                        "Invalid request parameters: image tag '\(tag)' names \(found.imageDigest), not \(digest)")
                    continue
                }
            } else {
                found = identifier.imageDigest.flatMap { ecrImages[EcrRules.imageId(repositoryArn: arn, digest: $0)] }
            }
            guard let image = found else {
                fail(identifier, EcrImageFailure.imageNotFound, "Requested image not found")
                continue
            }
            if let accepted = request.acceptedMediaTypes, !accepted.contains(image.imageManifestMediaType) {
                // AWS's failure codes have none for this; the image is not found in any accepted form.
                fail(
                    identifier, EcrImageFailure.imageNotFound,
                    "Requested image not found in an accepted media type: its manifest is "
                        + "\(image.imageManifestMediaType), and netctld does not convert manifests between formats.")
                continue
            }
            images.append(image)
        }
        return EcrImageBatchGetResponse(images: images, failures: failures)
    }

    /// BatchDeleteImage: each image ID is acted on or reported as a failure with AWS's code; the ones
    /// that succeed are committed even when others fail.
    public mutating func deleteEcrImages(_ request: EcrImageDelete, _ context: inout CommandContext)
        throws(NetctlError) -> EcrImageDeleteResponse
    {
        let repository = try ecrRepository(request.repository, in: context.scope)
        let arn = repository.repositoryArn
        var identifiers: [EcrImageIdentifier] = []
        if request.imageDigest != nil || request.tag != nil {
            identifiers.append(EcrImageIdentifier(imageDigest: request.imageDigest, imageTag: request.tag))
        }
        identifiers += request.imageIds ?? []
        guard !identifiers.isEmpty else {
            throw NetctlError(.invalidParameterException, "Name the images to delete: imageDigest, tag or imageIds.")
        }
        guard identifiers.count <= EcrRules.maximumBatchImages else {
            throw NetctlError(
                .invalidParameterException,
                "\(identifiers.count) image IDs given; at most \(EcrRules.maximumBatchImages) per call.")
        }
        var deleted: [EcrImageIdentifier] = []
        var failures: [EcrImageFailure] = []
        func fail(_ identifier: EcrImageIdentifier, _ code: String, _ reason: String) {
            failures.append(EcrImageFailure(imageId: identifier, failureCode: code, failureReason: reason))
        }
        for identifier in identifiers {
            switch (identifier.imageDigest, identifier.imageTag) {
            case (nil, nil):
                fail(identifier, EcrImageFailure.missingDigestAndTag, "Invalid request parameters: both tag and digest cannot be null")
            case (let digest?, _) where !EcrRules.isValidDigest(digest):
                fail(identifier, EcrImageFailure.invalidImageDigest, "Invalid image digest '\(digest)'")
            case (_, let tag?) where !EcrRules.isValidTag(tag):
                fail(identifier, EcrImageFailure.invalidImageTag, "Invalid image tag '\(tag)'")
            case (let digest, let tag?):
                guard var image = ecrImage(taggedWith: tag, in: arn) else {
                    fail(identifier, EcrImageFailure.imageNotFound, "Requested image not found")
                    continue
                }
                if let digest, digest != image.imageDigest {
                    fail(
                        identifier, EcrImageFailure.imageTagDoesNotMatchDigest,
                        "Invalid request parameters: image tag '\(tag)' names \(image.imageDigest), not \(digest)")
                    continue
                }
                // Removing a tag deletes the image only with its last tag.
                image.imageTags.removeAll { $0 == tag }
                if image.imageTags.isEmpty {
                    recordDeletion(image, at: context.now)
                } else {
                    record(.untag, image, at: context.now)
                }
                deleted.append(EcrImageIdentifier(imageDigest: image.imageDigest, imageTag: tag))
            case (let digest?, nil):
                guard let image = ecrImages[EcrRules.imageId(repositoryArn: arn, digest: digest)] else {
                    fail(identifier, EcrImageFailure.imageNotFound, "Requested image not found")
                    continue
                }
                recordDeletion(image, at: context.now)
                deleted += image.imageTags.isEmpty
                    ? [EcrImageIdentifier(imageDigest: digest)]
                    : image.imageTags.map { EcrImageIdentifier(imageDigest: digest, imageTag: $0) }
            }
        }
        applyLifecyclePolicy(arn, now: context.now)
        return EcrImageDeleteResponse(imageIds: deleted, failures: failures)
    }

    // MARK: Lifecycle policies

    public mutating func putEcrLifecyclePolicy(_ request: EcrLifecyclePolicyPut, _ context: inout CommandContext)
        throws(NetctlError) -> EcrLifecyclePolicy
    {
        var repository = try ecrRepository(request.repository, in: context.scope)
        _ = try LifecyclePolicy(parsing: request.policy)
        repository.lifecyclePolicy = EcrRepositoryLifecyclePolicy(
            lifecyclePolicyText: request.policy, lastEvaluatedAt: context.now)
        save(repository)
        let expired = applyLifecyclePolicy(repository.repositoryArn, now: context.now, announcing: .putLifecyclePolicy)
        var response = try lifecyclePolicy(of: ecrRepositories[repository.repositoryArn] ?? repository)
        response.expiredImages = expired
        return response
    }

    public func getEcrLifecyclePolicy(_ request: EcrLifecyclePolicyGet, _ context: QueryContext) throws(NetctlError)
        -> EcrLifecyclePolicy
    {
        try lifecyclePolicy(of: ecrRepository(request.repository, in: context.scope))
    }

    public mutating func deleteEcrLifecyclePolicy(_ request: EcrLifecyclePolicyDelete, _ context: inout CommandContext)
        throws(NetctlError) -> EcrLifecyclePolicy
    {
        var repository = try ecrRepository(request.repository, in: context.scope)
        let policy = try lifecyclePolicy(of: repository)
        repository.lifecyclePolicy = nil
        record(.deleteLifecyclePolicy, repository, at: context.now)
        return policy
    }

    /// StartLifecyclePolicyPreview: the same evaluation as applying the policy, on the images as they
    /// are now, with nothing expired; the result is kept on the repository until the next preview.
    public mutating func startEcrLifecyclePolicyPreview(
        _ request: EcrLifecyclePolicyStartPreview, _ context: inout CommandContext
    ) throws(NetctlError) -> EcrLifecyclePolicyPreview {
        var repository = try ecrRepository(request.repository, in: context.scope)
        let text: String
        if let policy = request.policy {
            text = policy
        } else {
            text = try lifecyclePolicy(of: repository).lifecyclePolicyText
        }
        let policy = try LifecyclePolicy(parsing: text)
        let images = ecrImages.children(of: repository.repositoryArn)
        let byDigest = Dictionary(uniqueKeysWithValues: images.map { ($0.imageDigest, $0) })
        let results = policy.evaluate(images, now: context.now).compactMap { expiry in
            byDigest[expiry.imageDigest].map {
                EcrExpiredImage(
                    imageDigest: $0.imageDigest, imageTags: $0.imageTags, imagePushedAt: $0.imagePushedAt,
                    rulePriority: expiry.rulePriority)
            }
        }
        let preview = EcrLifecyclePolicyPreview(
            registryId: repository.registryId, repositoryName: repository.repositoryName, lifecyclePolicyText: text,
            evaluatedAt: context.now, previewResults: results)
        repository.lifecyclePolicyPreview = preview
        record(.update, repository, at: context.now)
        return preview
    }

    public func getEcrLifecyclePolicyPreview(_ request: EcrLifecyclePolicyGetPreview, _ context: QueryContext)
        throws(NetctlError) -> EcrLifecyclePolicyPreview
    {
        let repository = try ecrRepository(request.repository, in: context.scope)
        guard let preview = repository.lifecyclePolicyPreview else {
            throw NetctlError(
                .lifecyclePolicyPreviewNotFoundException,
                "There is no lifecycle policy preview for the repository with name '\(repository.repositoryName)' in "
                    + "the registry with id '\(repository.registryId)'. Start one with StartLifecyclePolicyPreview "
                    + "(ecr.lifecyclePolicy.startPreview).")
        }
        return preview
    }

    private func lifecyclePolicy(of repository: EcrRepository) throws(NetctlError) -> EcrLifecyclePolicy {
        guard let policy = repository.lifecyclePolicy else {
            throw NetctlError(
                .lifecyclePolicyNotFoundException,
                "Lifecycle policy does not exist for the repository with name '\(repository.repositoryName)' in the "
                    + "registry with id '\(repository.registryId)'. Set one with `netctl ecr lifecycle-policy put "
                    + "--repository \(repository.repositoryName) --file policy.json`.")
        }
        return EcrLifecyclePolicy(
            registryId: repository.registryId, repositoryName: repository.repositoryName,
            lifecyclePolicyText: policy.lifecyclePolicyText, lastEvaluatedAt: policy.lastEvaluatedAt,
            nextEvaluationAt: policy.nextEvaluationAt)
    }
}
