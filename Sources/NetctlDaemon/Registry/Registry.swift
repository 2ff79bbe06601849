import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import NetctlAPI
import NetctlAWS
import NetctlCore
import ServiceLifecycle

/// netctld's container registry: the Registry API under `/v2/` and ECR's layer operations, on one
/// blob store. Manifests are ECR images in the state: a push goes through `ecr.image.put` (tag
/// immutability, lifecycle policies, events) and is at once what DescribeImages, BatchGetImage and
/// ECS's image check see. As a service it purges stale uploads and collects unreferenced blobs.
final class Registry: RegistryBackend, Service {
    let blobs: BlobStore
    private let tokens: RegistryTokens
    private let gateway: AWSGateway
    private let published: PublishedState
    private let credentials: @Sendable () -> [AWSCredential]
    private let defaultRegion: String
    private let logger: Logger
    /// The listener's `host:port`, known once it is bound.
    private let listener = NIOLockedValueBox<String>("127.0.0.1")
    /// Rung by image deletions and expiries: the service loop then collects garbage.
    private let doorbell = Doorbell()

    /// The largest manifest accepted, as ECR's own limit.
    static let maximumManifestBytes = 4 << 20

    init(
        dataDirectory: String, readOnly: Bool, router: Router, published: PublishedState,
        credentials: @escaping @Sendable () -> [AWSCredential], defaultRegion: String, logger: Logger
    ) throws {
        blobs = BlobStore(dataDirectory: dataDirectory, readOnly: readOnly)
        try blobs.prepare()
        tokens = try RegistryTokens.load(dataDirectory: dataDirectory, readOnly: readOnly)
        gateway = AWSGateway(router: router)
        self.published = published
        self.credentials = credentials
        self.defaultRegion = defaultRegion
        self.logger = logger
    }

    func setListener(_ hostAndPort: String) { listener.withLockedValue { $0 = hostAndPort } }

    /// Pushed manifests name their blobs (no longer in their upload grace); deletions and expiries
    /// may leave blobs unreferenced.
    func observe(_ committed: CommittedEvents) {
        for event in committed.events where event.resourceType == .ecrImage || event.resourceType == .ecrRepository {
            if event.resourceType == .ecrImage, event.action == .push {
                if let image = try? NetctlJSON.decoder.decode(EcrImage.self, from: Data(event.detail.utf8)),
                    let references = ManifestReferences(json: image.imageManifest)
                {
                    blobs.claim(references.blobs)
                }
            } else if event.action == .delete || event.action == .expire {
                doorbell.ring()
            }
        }
    }

    // MARK: Service

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // Blobs an earlier run left unreferenced (its deletions may not have been collected).
            await self.collectGarbage()
            while !Task.isCancelled {
                if await self.doorbell.wait(upTo: .seconds(60)) {
                    await self.collectGarbage()
                    continue
                }
                guard !Task.isCancelled else { break }
                let purged = self.blobs.purgeStaleUploads(now: Date())
                if purged > 0 { self.logger.info("registry: dropped idle uploads", metadata: ["count": "\(purged)"]) }
                // Fresh uploads whose manifest never came end their grace: look again.
                await self.collectGarbage()
            }
        }
    }

    /// Deletes the blobs no image of any repository names.
    func collectGarbage() async {
        let published = self.published
        let deleted =
            (try? await NIOThreadPool.singleton.runIfActive { [blobs] in
                blobs.collectGarbage(referenced: { Self.referencedBlobs(published.current) }, now: Date())
            }) ?? []
        if !deleted.isEmpty {
            logger.info("registry: deleted unreferenced blobs", metadata: ["count": "\(deleted.count)"])
        }
    }

    static func referencedBlobs(_ state: State) -> Set<String> {
        var referenced = Set<String>()
        for image in state.ecrImages.all {
            referenced.formUnion(ManifestReferences(json: image.imageManifest)?.blobs ?? [])
        }
        return referenced
    }

    // MARK: RegistryBackend (ECR's JSON operations)

    func authorizationToken(for credential: AWSCredential, now: Date) -> (password: String, expiresAt: Date) {
        tokens.issue(accessKeyId: credential.accessKeyId, now: now)
    }

    var proxyEndpoint: String { "http://" + listener.withLockedValue { $0 } }

    func initiateUpload(_ repository: RegistryRepository) async throws(RegistryFailure) -> String {
        try await onPool { [blobs] () throws(RegistryFailure) in
            do throws(BlobStore.UploadError) {
                return try blobs.startUpload(owner: repository.key, now: Date()).id
            } catch {
                throw error.failure
            }
        }
    }

    func uploadPart(_ uploadId: String, _ repository: RegistryRepository, firstByte: Int64, bytes: Data)
        async throws(RegistryFailure) -> Int64
    {
        try await onPool { [blobs] () throws(RegistryFailure) in
            guard let session = blobs.session(uploadId, owner: repository.key) else { throw .uploadNotFound }
            do throws(BlobStore.UploadError) {
                try session.begin(at: firstByte, now: Date())
            } catch {
                throw error.failure
            }
            defer { session.end(now: Date()) }
            var failure: BlobStore.UploadError?
            bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                do throws(BlobStore.UploadError) { try session.append(buffer) } catch { failure = error }
            }
            if let failure {
                // A part half written leaves the upload unusable.
                blobs.abandon(session)
                throw failure.failure
            }
            return session.size - 1
        }
    }

    func completeUpload(_ uploadId: String, _ repository: RegistryRepository, digest: String)
        async throws(RegistryFailure) -> String
    {
        try await onPool { [blobs] () throws(RegistryFailure) in
            guard let session = blobs.session(uploadId, owner: repository.key) else { throw .uploadNotFound }
            // The upload stays open: its parts can still be sent.
            guard session.size > 0 else { throw .emptyUpload }
            do {
                try session.begin(at: nil, now: Date())
                let stored = try blobs.complete(session, expected: digest, now: Date())
                if stored.existed { throw RegistryFailure.alreadyExists }
                return stored.digest
            } catch let failure as RegistryFailure {
                throw failure
            } catch let error as BlobStore.UploadError {
                throw error.failure
            } catch {
                throw .io("\(error)")
            }
        }
    }

    func blobSize(_ digest: String) async -> Int64? {
        try? await NIOThreadPool.singleton.runIfActive { [blobs] in blobs.size(of: digest) }
    }

    func downloadURL(_ repository: RegistryRepository, digest: String, now: Date) -> String {
        let path = "/v2/\(repository.name)/blobs/\(digest)"
        return proxyEndpoint + path + "?" + tokens.presign(path: path, now: now)
    }

    /// Blocking blob-store work, off the event loops and the cooperative pool.
    private func onPool<T: Sendable>(_ body: @escaping @Sendable () throws(RegistryFailure) -> T)
        async throws(RegistryFailure) -> T
    {
        let result: Result<T, RegistryFailure>
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                do throws(RegistryFailure) { return .success(try body()) } catch { return .failure(error) }
            }
        } catch {
            throw .io("netctld is shutting down")
        }
        return try result.get()
    }

    // MARK: The Registry API

    /// Who a `/v2/` request acts as, and in which registry.
    struct Client: Sendable {
        var credential: AWSCredential
        var region: String
        var accountId: String { credential.accountId }
        var caller: AWSCaller { AWSCaller(credential: credential, region: region, service: "ecr") }
    }

    /// A request's head, as the handler read it.
    struct Request: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [(name: String, value: String)]

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

        func headerValues(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    /// What to do with a request's body, decided from its head before any of the body is read.
    enum Plan: Sendable {
        /// Nothing to read: the body, if any, is discarded.
        case respond(RegistryResponse)
        /// Read the body into memory up to `limit` (nil when it was longer), then answer.
        case collect(limit: Int, finish: @Sendable ([UInt8]?) async -> RegistryResponse)
        /// Stream the body into the upload, then answer (with the error, when writing failed).
        case upload(UploadSession, finish: @Sendable (BlobStore.UploadError?, Int64) async -> RegistryResponse)
    }

    static let realm = "Basic realm=\"netctld ECR registry\",service=\"ecr.amazonaws.com\""

    func plan(_ request: Request) async -> Plan {
        do throws(RegistryError) {
            return try await route(request)
        } catch {
            let challenge: [(name: String, value: String)] =
                error.status == 401 ? [("WWW-Authenticate", Self.realm)] : []
            return .respond(RegistryResponse(error, headers: challenge))
        }
    }

    private func route(_ request: Request) async throws(RegistryError) -> Plan {
        guard let route = RegistryRoute(path: request.path) else {
            throw RegistryError(
                status: 404, code: "NAME_INVALID",
                message: "\(request.path) is not a Registry API path (/v2/NAME/blobs/…, /v2/NAME/manifests/…, "
                    + "/v2/NAME/tags/list).")
        }
        let method = request.method.uppercased()
        // GetDownloadUrlForLayer's URLs carry their own signature instead of a login.
        if case .blob(_, let digest) = route, method == "GET" || method == "HEAD",
            tokens.verifyPresigned(
                path: request.path, expires: request.query["X-Netctl-Expires"],
                signature: request.query["X-Netctl-Signature"], now: Date())
        {
            return .respond(try await blobResponse(digest, head: method == "HEAD"))
        }
        let client = try authenticate(request)
        switch route {
        case .base:
            guard method == "GET" || method == "HEAD" else { throw Self.methodNotAllowed(method, request.path) }
            return .respond(.json(200, [String: String]()))
        case .blob(let name, let digest):
            try await requireRepository(name, client)
            switch method {
            case "GET", "HEAD": return .respond(try await blobResponse(digest, head: method == "HEAD"))
            case "DELETE":
                throw .unsupported(
                    "ECR does not delete layers directly: delete the images (BatchDeleteImage) and netctld removes the "
                        + "blobs no image names.")
            default: throw Self.methodNotAllowed(method, request.path)
            }
        case .uploads(let name):
            guard method == "POST" else { throw Self.methodNotAllowed(method, request.path) }
            try await requireRepository(name, client)
            return try await startUpload(name, client, request)
        case .upload(let name, let id):
            try await requireRepository(name, client)
            return try await continueUpload(name, id, client, request)
        case .manifest(let name, let reference):
            try await requireRepository(name, client)
            switch method {
            case "GET", "HEAD":
                return .respond(try await manifestResponse(name, reference, client, request, head: method == "HEAD"))
            case "PUT":
                try requireWriter(client)
                return .collect(limit: Self.maximumManifestBytes) { body in
                    do throws(RegistryError) {
                        guard let body else {
                            throw RegistryError(
                                status: 413, code: "SIZE_INVALID",
                                message: "The manifest is larger than \(Self.maximumManifestBytes) bytes, ECR's limit.")
                        }
                        return try await self.putManifest(name, reference, body, client)
                    } catch {
                        return RegistryResponse(error)
                    }
                }
            case "DELETE":
                try requireWriter(client)
                return .respond(try await deleteManifest(name, reference, client))
            default: throw Self.methodNotAllowed(method, request.path)
            }
        case .tags(let name):
            guard method == "GET" else { throw Self.methodNotAllowed(method, request.path) }
            return .respond(try await tags(name, client, request))
        }
    }

    private static func methodNotAllowed(_ method: String, _ path: String) -> RegistryError {
        RegistryError(status: 405, code: "UNSUPPORTED", message: "\(method) is not supported on \(path).")
    }

    // MARK: Authentication

    /// `Authorization: Basic base64(AWS:PASSWORD)` with a password from GetAuthorizationToken, for a
    /// key still configured; the host names the registry (`ACCOUNT.dkr.ecr.REGION.amazonaws.com`) or
    /// is the listener's own address (the key's account, the daemon's region).
    private func authenticate(_ request: Request) throws(RegistryError) -> Client {
        guard let header = request.header("Authorization") else {
            throw .unauthorized("authentication required: log in with the password of aws ecr get-login-password.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            throw .unauthorized(
                "authentication required: send Basic credentials, user AWS and the password of aws ecr get-login-password."
            )
        }
        guard text[..<colon] == "AWS" else {
            throw .unauthorized("the user name must be AWS (docker login --username AWS).")
        }
        let password = String(text[text.index(after: colon)...])
        guard let accessKeyId = tokens.verify(password: password, now: Date()),
            let credential = credentials().first(where: { $0.accessKeyId == accessKeyId })
        else {
            throw .unauthorized(
                "the password is not a valid or current token of this registry (tokens last 12 hours): get a new one "
                    + "with aws ecr get-login-password.")
        }
        var region = defaultRegion
        if let host = request.header("Host"), let named = Self.registryHost(host) {
            guard named.accountId == credential.accountId else {
                throw .denied(
                    "The token of account \(credential.accountId) cannot access the registry of account \(named.accountId)."
                )
            }
            region = named.region
        }
        return Client(credential: credential, region: region)
    }

    /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com[:PORT]`: account and region; nil for any other host.
    static func registryHost(_ host: String) -> (accountId: String, region: String)? {
        let name = host.split(separator: ":").first.map(String.init) ?? host
        let labels = name.lowercased().split(separator: ".").map(String.init)
        guard labels.count == 6, labels[1] == "dkr", labels[2] == "ecr", labels[4] == "amazonaws", labels[5] == "com",
            labels[0].count == 12, labels[0].allSatisfy(\.isNumber)
        else { return nil }
        return (labels[0], labels[3])
    }

    private func requireWriter(_ client: Client) throws(RegistryError) {
        if client.credential.readOnly {
            throw .denied("The access key \(client.credential.accessKeyId) may only pull: it is read-only.")
        }
        if blobs.readOnly {
            throw .denied(
                "netctld serves a read-only data directory: nothing can be pushed until it is writable and netctld restarts."
            )
        }
    }

    private func run<M: RPCMethod>(_ request: M, _ client: Client) async -> Result<M.Response, NetctlError> {
        await gateway.run(request, as: client.caller, clientToken: nil)
    }

    private func requireRepository(_ name: String, _ client: Client) async throws(RegistryError) {
        switch await run(EcrRepositoryGet(name: name), client) {
        case .success: return
        case .failure(let error): throw Self.translate(error, name: name, client: client)
        }
    }

    /// A rule's refusal as the registry API names it.
    private static func translate(_ error: NetctlError, name: String, client: Client, reference: String = "")
        -> RegistryError
    {
        switch error.code {
        case .repositoryNotFoundException: .nameUnknown(name, registry: client.accountId)
        case .imageNotFoundException: .manifestUnknown(reference, error.message)
        case .imageTagAlreadyExistsException: RegistryError(status: 400, code: "TAG_INVALID", message: error.message)
        case .imageDigestDoesNotMatchException: .digestInvalid(error.message)
        case .invalidParameterException: .manifestInvalid(error.message)
        case .limitExceededException, .unauthorizedOperation, .authFailure: .denied(error.message)
        case .unavailable: RegistryError(status: 503, code: "UNAVAILABLE", message: error.message)
        default: RegistryError(status: 500, code: "UNKNOWN", message: "\(error.code.rawValue): \(error.message)")
        }
    }

    // MARK: Blobs

    private func blobResponse(_ digest: String, head: Bool) async throws(RegistryError) -> RegistryResponse {
        guard BlobStore.isValidDigest(digest) else {
            throw .digestInvalid(
                "'\(digest)' is not a digest netctld stores: sha256: and 64 lowercase hex digits.", digest: digest)
        }
        guard let size = await blobSize(digest), let path = blobs.path(of: digest) else { throw .blobUnknown(digest) }
        return RegistryResponse(
            status: 200,
            headers: [
                ("Content-Type", "application/octet-stream"), ("Docker-Content-Digest", digest),
                ("ETag", "\"\(digest)\""),
            ],
            body: .file(path: path, length: size), headOnly: head)
    }

    private func startUpload(_ name: String, _ client: Client, _ request: Request) async throws(RegistryError) -> Plan {
        try requireWriter(client)
        let key = RegistryRepository(accountId: client.accountId, region: client.region, name: name).key
        // A blob of another repository is mounted without uploading it again: the store holds it once.
        if let mount = request.query["mount"], let from = request.query["from"], BlobStore.isValidDigest(mount),
            case .success = await run(EcrRepositoryGet(name: from), client), await blobSize(mount) != nil
        {
            return .respond(
                RegistryResponse(
                    status: 201,
                    headers: [("Location", "/v2/\(name)/blobs/\(mount)"), ("Docker-Content-Digest", mount)]))
        }
        let digest = request.query["digest"]
        if let digest, !BlobStore.isValidDigest(digest) {
            throw .digestInvalid(
                "'\(digest)' is not a digest netctld accepts: sha256: and 64 lowercase hex digits.", digest: digest)
        }
        let session: UploadSession
        do throws(BlobStore.UploadError) {
            session = try await onPoolThrowing { [blobs] () throws(BlobStore.UploadError) in
                try blobs.startUpload(owner: key, now: Date())
            }
        } catch {
            throw error.registryError(id: "")
        }
        guard let digest else {
            return .respond(
                RegistryResponse(status: 202, headers: Self.uploadHeaders(name, session.id, size: 0)))
        }
        // Monolithic upload: the POST's body is the whole blob.
        return .upload(session) { failure, _ in
            await self.finishUpload(session, name, expected: digest, failure: failure)
        }
    }

    private func continueUpload(_ name: String, _ id: String, _ client: Client, _ request: Request)
        async throws(RegistryError)
        -> Plan
    {
        let key = RegistryRepository(accountId: client.accountId, region: client.region, name: name).key
        guard let session = blobs.session(id, owner: key) else { throw .uploadUnknown(id) }
        let method = request.method.uppercased()
        switch method {
        case "GET":
            return .respond(RegistryResponse(status: 204, headers: Self.uploadHeaders(name, id, size: session.size)))
        case "DELETE":
            try requireWriter(client)
            blobs.abandon(session)
            return .respond(RegistryResponse(status: 204))
        case "PATCH", "PUT":
            try requireWriter(client)
            var start: Int64?
            var end: Int64?
            if let range = request.header("Content-Range") {
                // `START-END`, also as `bytes START-END/TOTAL`.
                let numbers =
                    range.replacingOccurrences(of: "bytes", with: "").trimmingCharacters(in: .whitespaces)
                    .split(separator: "/").first?.split(separator: "-").compactMap {
                        Int64($0.trimmingCharacters(in: .whitespaces))
                    }
                    ?? []
                guard numbers.count == 2, numbers[0] >= 0, numbers[1] >= numbers[0] - 1 else {
                    throw RegistryError(
                        status: 416, code: "BLOB_UPLOAD_INVALID",
                        message: "Content-Range '\(range)' is not START-END.")
                }
                start = numbers[0]
                end = numbers[1]
            }
            do throws(BlobStore.UploadError) {
                try session.begin(at: start, now: Date())
            } catch .outOfOrder(let size) {
                throw RegistryError(
                    status: 416, code: "BLOB_UPLOAD_INVALID",
                    message:
                        "The chunk starts at \(start ?? 0) but the upload holds \(size) bytes: send the chunk that "
                        + "starts at \(size).",
                    detail: ["range": size > 0 ? "0-\(size - 1)" : "0-0"])
            } catch .busy {
                throw RegistryError(
                    status: 416, code: "BLOB_UPLOAD_INVALID",
                    message: "Another request is writing to this upload: send chunks in turn.")
            } catch {
                throw error.registryError(id: id)
            }
            let before = session.size
            let range = (start: start, end: end)
            if method == "PATCH" {
                return .upload(session) { failure, written in
                    session.end(now: Date())
                    if let failure {
                        self.blobs.abandon(session)
                        return RegistryResponse(failure.registryError(id: id))
                    }
                    if let start = range.start, let end = range.end, written != end - start + 1 {
                        self.blobs.abandon(session)
                        return RegistryResponse(
                            RegistryError(
                                status: 416, code: "BLOB_UPLOAD_INVALID",
                                message:
                                    "Content-Range \(start)-\(end) announced \(end - start + 1) bytes but the body "
                                    + "had \(written); the upload is dropped."))
                    }
                    return RegistryResponse(status: 202, headers: Self.uploadHeaders(name, id, size: before + written))
                }
            }
            guard let digest = request.query["digest"] else {
                session.end(now: Date())
                throw .digestInvalid("Completing an upload needs ?digest=sha256:… naming the blob's digest.")
            }
            return .upload(session) { failure, _ in
                await self.finishUpload(session, name, expected: digest, failure: failure)
            }
        default:
            throw Self.methodNotAllowed(method, request.path)
        }
    }

    /// Verifies and stores a finished upload.
    private func finishUpload(
        _ session: UploadSession, _ name: String, expected: String, failure: BlobStore.UploadError?
    )
        async -> RegistryResponse
    {
        if let failure {
            blobs.abandon(session)
            return RegistryResponse(failure.registryError(id: session.id))
        }
        do throws(BlobStore.UploadError) {
            let stored = try await onPoolThrowing { [blobs] () throws(BlobStore.UploadError) in
                try blobs.complete(session, expected: expected, now: Date())
            }
            return RegistryResponse(
                status: 201,
                headers: [("Location", "/v2/\(name)/blobs/\(stored.digest)"), ("Docker-Content-Digest", stored.digest)])
        } catch {
            return RegistryResponse(error.registryError(id: session.id))
        }
    }

    static func uploadHeaders(_ name: String, _ id: String, size: Int64) -> [(name: String, value: String)] {
        [
            ("Location", "/v2/\(name)/blobs/uploads/\(id)"),
            ("Range", size > 0 ? "0-\(size - 1)" : "0-0"),
            ("Docker-Upload-UUID", id),
        ]
    }

    private func onPoolThrowing<T: Sendable>(_ body: @escaping @Sendable () throws(BlobStore.UploadError) -> T)
        async throws(BlobStore.UploadError) -> T
    {
        let result: Result<T, BlobStore.UploadError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                do throws(BlobStore.UploadError) { return .success(try body()) } catch { return .failure(error) }
            }
        } catch {
            throw .io("netctld is shutting down")
        }
        return try result.get()
    }

    // MARK: Manifests

    private static func isDigestReference(_ reference: String) -> Bool { reference.contains(":") }

    private func image(_ name: String, _ reference: String, _ client: Client) async throws(RegistryError) -> EcrImage {
        let request =
            Self.isDigestReference(reference)
            ? EcrImageGet(repository: name, imageDigest: reference) : EcrImageGet(repository: name, tag: reference)
        switch await run(request, client) {
        case .success(let image): return image
        case .failure(let error): throw Self.translate(error, name: name, client: client, reference: reference)
        }
    }

    private func manifestResponse(_ name: String, _ reference: String, _ client: Client, _ request: Request, head: Bool)
        async throws(RegistryError) -> RegistryResponse
    {
        let image = try await image(name, reference, client)
        let accepted = request.headerValues("Accept").flatMap { $0.split(separator: ",") }
            .map { $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            .filter { !$0.isEmpty }
        // ECR converts nothing: a client that accepts none of the stored type cannot use it.
        if !accepted.isEmpty, !accepted.contains("*/*"), !accepted.contains(image.imageManifestMediaType) {
            throw .manifestUnknown(
                reference,
                "The manifest is \(image.imageManifestMediaType), which the request's Accept (\(accepted.joined(separator: ", "))) "
                    + "does not list; netctld does not convert manifests.")
        }
        return RegistryResponse(
            status: 200,
            headers: [
                ("Content-Type", image.imageManifestMediaType), ("Docker-Content-Digest", image.imageDigest),
                ("ETag", "\"\(image.imageDigest)\""),
            ],
            body: .bytes(Array(image.imageManifest.utf8)), headOnly: head)
    }

    private func putManifest(_ name: String, _ reference: String, _ body: [UInt8], _ client: Client)
        async throws(RegistryError) -> RegistryResponse
    {
        let isDigest = Self.isDigestReference(reference)
        if !isDigest, !EcrRules.isValidTag(reference) {
            throw RegistryError(
                status: 400, code: "TAG_INVALID",
                message:
                    "'\(reference)' is not a valid tag: 1 to 128 letters, digits, underscores, periods and dashes, "
                    + "not starting with a period or a dash.")
        }
        // Stored verbatim: its digest is that of the exact bytes received.
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .manifestInvalid("The manifest is not UTF-8 JSON text.")
        }
        guard let references = ManifestReferences(json: text) else {
            throw .manifestInvalid("The manifest is not one JSON object.")
        }
        for child in references.manifests {
            guard case .success = await run(EcrImageGet(repository: name, imageDigest: child), client) else {
                throw RegistryError(
                    status: 400, code: "MANIFEST_BLOB_UNKNOWN",
                    message:
                        "The index names the manifest \(child), which is not in the repository '\(name)': push it first.",
                    detail: ["digest": child])
            }
        }
        let wanted = Set(references.blobs)
        let missing = blobs.pin(wanted)
        if let first = missing.first {
            throw RegistryError(
                status: 400, code: "MANIFEST_BLOB_UNKNOWN",
                message:
                    "The manifest names the blob \(first)\(missing.count > 1 ? " (and \(missing.count - 1) more)" : ""), "
                    + "which the registry does not hold: push the blobs before the manifest.",
                detail: ["digest": first])
        }
        defer { blobs.unpin(wanted) }
        let put = EcrImagePut(
            repository: name, manifest: text, tag: isDigest ? nil : reference, imageDigest: isDigest ? reference : nil)
        let digest: String
        switch await run(put, client) {
        case .success(let image):
            digest = image.imageDigest
        case .failure(let error) where error.code == .imageAlreadyExistsException:
            // Pushing what is already there (same manifest, same tag) is not an error on the registry API.
            digest = EcrRules.digest(of: text)
        case .failure(let error):
            throw Self.translate(error, name: name, client: client, reference: reference)
        }
        return RegistryResponse(
            status: 201, headers: [("Location", "/v2/\(name)/manifests/\(digest)"), ("Docker-Content-Digest", digest)])
    }

    private func deleteManifest(_ name: String, _ reference: String, _ client: Client) async throws(RegistryError)
        -> RegistryResponse
    {
        let request =
            Self.isDigestReference(reference)
            ? EcrImageDelete(repository: name, imageDigest: reference)
            : EcrImageDelete(repository: name, tag: reference)
        switch await run(request, client) {
        case .success(let response):
            if let failure = response.failures.first {
                throw .manifestUnknown(reference, failure.failureReason)
            }
            return RegistryResponse(status: 202)
        case .failure(let error):
            throw Self.translate(error, name: name, client: client, reference: reference)
        }
    }

    // MARK: Tags

    private func tags(_ name: String, _ client: Client, _ request: Request) async throws(RegistryError)
        -> RegistryResponse
    {
        var tags: [String] = []
        var nextToken: String?
        repeat {
            switch await run(
                EcrImageList(repository: name, tagStatus: "TAGGED", maxResults: 1000, nextToken: nextToken), client)
            {
            case .success(let page):
                tags += page.images.flatMap(\.imageTags)
                nextToken = page.nextToken
            case .failure(let error):
                throw Self.translate(error, name: name, client: client)
            }
        } while nextToken != nil
        tags.sort()
        if let last = request.query["last"] { tags = tags.filter { $0 > last } }
        var headers: [(name: String, value: String)] = []
        if let text = request.query["n"] {
            guard let n = Int(text), n >= 0 else {
                throw RegistryError(
                    status: 400, code: "PAGINATION_NUMBER_INVALID", message: "n must be a whole number.")
            }
            if tags.count > n {
                tags = Array(tags.prefix(n))
                if let last = tags.last {
                    headers.append(("Link", "</v2/\(name)/tags/list?n=\(n)&last=\(last)>; rel=\"next\""))
                }
            }
        }
        struct TagList: Encodable {
            var name: String
            var tags: [String]
        }
        return .json(200, TagList(name: name, tags: tags), headers: headers)
    }
}

extension BlobStore.UploadError {
    var failure: RegistryFailure {
        switch self {
        case .readOnly: .readOnly
        case .unknown, .busy: .uploadNotFound
        case .outOfOrder(let size): .invalidPart(lastValidByte: size - 1)
        case .digestMismatch(let computed): .digestMismatch(computed: computed)
        case .invalidDigest: .invalidDigest
        case .io(let detail): .io(detail)
        }
    }

    func registryError(id: String) -> RegistryError {
        switch self {
        case .readOnly:
            .denied(
                "netctld serves a read-only data directory: nothing can be pushed until it is writable and netctld restarts."
            )
        case .unknown: .uploadUnknown(id)
        case .busy, .outOfOrder:
            RegistryError(status: 416, code: "BLOB_UPLOAD_INVALID", message: "The chunk does not continue the upload.")
        case .digestMismatch(let computed):
            .digestInvalid(
                "The uploaded bytes have the digest \(computed), not the one given; the upload is dropped.",
                digest: computed)
        case .invalidDigest:
            .digestInvalid("The digest given is not sha256: and 64 lowercase hex digits.")
        case .io(let detail):
            RegistryError(
                status: 500, code: "BLOB_UPLOAD_INVALID", message: "netctld could not store the upload: \(detail)")
        }
    }
}
