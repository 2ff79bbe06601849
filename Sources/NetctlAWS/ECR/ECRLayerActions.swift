import Foundation
import NetctlAPI
import NetctlCore

/// ECR's authorization and layer operations: the registry's token, and the layer upload API on the
/// same blob store and upload sessions as the Registry API under `/v2/` (what `docker push` uses).
extension ECRActions {
    static let layers: [JSONAction] = [
        .make("GetAuthorizationToken", mutating: false, supported: ["registryIds"]) {
            (input: ECR.GetAuthorizationTokenRequest, context) throws(AWSError) in
            let registry = try context.registry()
            for id in input.registryIds ?? [] where id != context.accountId {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "netctld issues tokens for the caller's own registry only (\(context.accountId)), not "
                        + "\(id). Leave registryIds out.")
            }
            let token = registry.authorizationToken(for: context.caller.credential, now: Date())
            let encoded = Data("AWS:\(token.password)".utf8).base64EncodedString()
            // One entry per registry asked for (AWS answers one for the caller's own when none is named).
            let count = max(1, input.registryIds?.count ?? 0)
            return ECR.GetAuthorizationTokenResponse(
                authorizationData: Array(
                    repeating: ECR.AuthorizationData(
                        authorizationToken: encoded, expiresAt: token.expiresAt, proxyEndpoint: registry.proxyEndpoint),
                    count: count))
        },
        .make("InitiateLayerUpload", mutating: true, supported: ["registryId", "repositoryName"]) {
            (input: ECR.InitiateLayerUploadRequest, context) throws(AWSError) in
            let repository = try await context.registryRepository(input.repositoryName, registryId: input.registryId)
            let registry = try context.registry()
            let uploadId = try await ECRActions.layerCall { () async throws(RegistryFailure) in
                try await registry.initiateUpload(repository)
            }
            return ECR.InitiateLayerUploadResponse(uploadId: uploadId, partSize: ECRActions.partSize)
        },
        .make(
            "UploadLayerPart", mutating: true,
            supported: ["registryId", "repositoryName", "uploadId", "partFirstByte", "partLastByte", "layerPartBlob"]
        ) { (input: ECR.UploadLayerPartRequest, context) throws(AWSError) in
            let repository = try await context.registryRepository(input.repositoryName, registryId: input.registryId)
            guard input.partFirstByte >= 0, input.partLastByte == input.partFirstByte + input.layerPartBlob.count - 1
            else {
                throw AWSError(
                    code: "InvalidLayerPartException",
                    message: "partFirstByte \(input.partFirstByte) and partLastByte \(input.partLastByte) do not frame "
                        + "the \(input.layerPartBlob.count) bytes of layerPartBlob: partLastByte must be partFirstByte "
                        + "plus the part's length minus one.")
            }
            let registry = try context.registry()
            let last = try await ECRActions.layerCall { () async throws(RegistryFailure) in
                try await registry.uploadPart(
                    input.uploadId, repository, firstByte: Int64(input.partFirstByte), bytes: input.layerPartBlob)
            }
            return ECR.UploadLayerPartResponse(
                registryId: repository.accountId, repositoryName: repository.name, uploadId: input.uploadId,
                lastByteReceived: Int(last))
        },
        .make(
            "CompleteLayerUpload", mutating: true,
            supported: ["registryId", "repositoryName", "uploadId", "layerDigests"]
        ) { (input: ECR.CompleteLayerUploadRequest, context) throws(AWSError) in
            let repository = try await context.registryRepository(input.repositoryName, registryId: input.registryId)
            guard input.layerDigests.count == 1, let digest = input.layerDigests.first else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "Pass exactly one layer digest (the layer's sha256:…); \(input.layerDigests.count) given.")
            }
            let registry = try context.registry()
            let stored = try await ECRActions.layerCall { () async throws(RegistryFailure) in
                try await registry.completeUpload(input.uploadId, repository, digest: digest)
            }
            return ECR.CompleteLayerUploadResponse(
                registryId: repository.accountId, repositoryName: repository.name, uploadId: input.uploadId,
                layerDigest: stored)
        },
        .make(
            "BatchCheckLayerAvailability", mutating: false, supported: ["registryId", "repositoryName", "layerDigests"]
        ) { (input: ECR.BatchCheckLayerAvailabilityRequest, context) throws(AWSError) in
            _ = try await context.registryRepository(input.repositoryName, registryId: input.registryId)
            guard (1...100).contains(input.layerDigests.count) else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "layerDigests takes 1 to 100 digests; \(input.layerDigests.count) given.")
            }
            let registry = try context.registry()
            var layers: [ECR.Layer] = []
            var failures: [ECR.LayerFailure] = []
            for digest in input.layerDigests {
                guard EcrRules.isValidDigest(digest) else {
                    failures.append(
                        ECR.LayerFailure(
                            layerDigest: digest, failureCode: "InvalidLayerDigest",
                            failureReason: "Invalid layer digest: use sha256: and 64 lowercase hex digits."))
                    continue
                }
                if let size = await registry.blobSize(digest) {
                    layers.append(ECR.Layer(layerDigest: digest, layerAvailability: "AVAILABLE", layerSize: Int(size)))
                } else {
                    failures.append(
                        ECR.LayerFailure(
                            layerDigest: digest, failureCode: "MissingLayerDigest",
                            failureReason: "Could not find layer"))
                }
            }
            return ECR.BatchCheckLayerAvailabilityResponse(layers: layers, failures: failures)
        },
        .make("GetDownloadUrlForLayer", mutating: false, supported: ["registryId", "repositoryName", "layerDigest"]) {
            (input: ECR.GetDownloadUrlForLayerRequest, context) throws(AWSError) in
            let repository = try await context.registryRepository(input.repositoryName, registryId: input.registryId)
            let registry = try context.registry()
            guard EcrRules.isValidDigest(input.layerDigest) else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message:
                        "layerDigest '\(input.layerDigest)' is not a digest: use sha256: and 64 lowercase hex digits.")
            }
            guard await registry.blobSize(input.layerDigest) != nil else {
                throw AWSError(
                    code: "LayersNotFoundException",
                    message: "The image layer \(input.layerDigest) does not exist in the registry with id "
                        + "'\(repository.accountId)'. Upload it first (InitiateLayerUpload, or a push to /v2/).")
            }
            return ECR.GetDownloadUrlForLayerResponse(
                downloadUrl: registry.downloadURL(repository, digest: input.layerDigest, now: Date()),
                layerDigest: input.layerDigest)
        },
    ]

    /// What InitiateLayerUpload tells clients to send per UploadLayerPart: parts must fit in one
    /// request to the listener (16 MiB, base64 adds a third).
    static let partSize = 10 << 20

    /// Runs a registry call, naming its refusal with ECR's exception.
    static func layerCall<T>(_ body: () async throws(RegistryFailure) -> T) async throws(AWSError) -> T {
        do {
            return try await body()
        } catch {
            throw error.awsError
        }
    }
}

extension RegistryFailure {
    var awsError: AWSError {
        switch self {
        case .uploadNotFound:
            AWSError(
                code: "UploadNotFoundException",
                message: "The upload could not be found, or it belongs to another repository, or it expired after an "
                    + "hour without parts. Start one with InitiateLayerUpload.")
        case .invalidPart(let last):
            AWSError(
                code: "InvalidLayerPartException",
                message: "The layer part does not start where the upload ends: the last valid byte received is "
                    + "\(last). Send the part that starts at byte \(last + 1).")
        case .emptyUpload:
            AWSError(
                code: "EmptyUploadException",
                message: "The upload has no bytes: send its parts with UploadLayerPart first.")
        case .digestMismatch(let computed):
            AWSError(
                code: "InvalidLayerException",
                message: "The layer digest calculated for the uploaded bytes, \(computed), does not match the digest "
                    + "given. The upload is discarded; upload the layer again.")
        case .invalidDigest:
            AWSError(
                code: "InvalidLayerException",
                message: "The layer digest given is not a digest: use sha256: and 64 lowercase hex digits.")
        case .alreadyExists:
            AWSError(
                code: "LayerAlreadyExistsException",
                message: "The image layer already exists in the registry; the upload is discarded.")
        case .readOnly:
            AWSError(
                code: "ServerException",
                message: "netctld serves a read-only data directory and stores no layers until it is writable and "
                    + "netctld restarts.", status: 500)
        case .io(let detail):
            AWSError(code: "ServerException", message: "netctld could not store the layer: \(detail)", status: 500)
        }
    }
}

extension ActionContext {
    func registry() throws(AWSError) -> any RegistryBackend {
        guard let registry = backend.registry else {
            throw AWSError(
                code: "ServerException",
                message: "This netctld endpoint has no registry (it runs with aws.listen only).",
                status: 500)
        }
        return registry
    }

    /// The caller's repository, which must exist (ECR never creates one on push).
    func registryRepository(_ name: String, registryId: String?) async throws(AWSError) -> RegistryRepository {
        if let registryId, registryId != accountId {
            throw AWSError(
                code: "RepositoryNotFoundException",
                message: "The repository with name '\(name)' does not exist in the registry with id '\(registryId)': "
                    + "netctld's keys act in their own registry (\(accountId)) only.")
        }
        let repository = try await run(EcrRepositoryGet(name: name))
        return RegistryRepository(
            accountId: repository.accountId, region: repository.region, name: repository.repositoryName)
    }
}
