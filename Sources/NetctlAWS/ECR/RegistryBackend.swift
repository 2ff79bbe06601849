import Foundation

/// What ECR's layer operations need from the daemon's registry: its tokens and its blob store. The
/// daemon implements it (it does the I/O); the `/v2/` Registry API and these operations share one
/// store and one set of upload sessions.
public protocol RegistryBackend: Sendable {
    /// A password for `docker login -u AWS` on the registry, for this key, and when it expires.
    func authorizationToken(for credential: AWSCredential, now: Date) -> (password: String, expiresAt: Date)
    /// `http://HOST:PORT` of the listener serving `/v2/`.
    var proxyEndpoint: String { get }
    func initiateUpload(_ repository: RegistryRepository) async throws(RegistryFailure) -> String
    /// Appends `bytes`, which must start where the upload ends; returns the last byte's offset.
    func uploadPart(_ uploadId: String, _ repository: RegistryRepository, firstByte: Int64, bytes: Data)
        async throws(RegistryFailure) -> Int64
    /// Verifies the upload against `digest` and stores it; returns the digest.
    func completeUpload(_ uploadId: String, _ repository: RegistryRepository, digest: String)
        async throws(RegistryFailure) -> String
    /// The stored blob's size, nil when it is not stored.
    func blobSize(_ digest: String) async -> Int64?
    /// A URL on the listener that serves the blob without further authentication until it expires.
    func downloadURL(_ repository: RegistryRepository, digest: String, now: Date) -> String
}

/// A repository as the registry keys uploads: account, region and name.
public struct RegistryRepository: Sendable, Hashable {
    public var accountId: String
    public var region: String
    public var name: String

    public init(accountId: String, region: String, name: String) {
        self.accountId = accountId
        self.region = region
        self.name = name
    }

    /// Uploads belong to one repository: another's upload ID is unknown to it.
    public var key: String { "\(accountId)/\(region)/\(name)" }
}

/// Why the registry refused a layer operation; each ECR action names it with its own exception.
public enum RegistryFailure: Error, Sendable, Equatable {
    case uploadNotFound
    /// The part does not start where the upload ends; carries the last byte received (-1: none).
    case invalidPart(lastValidByte: Int64)
    case emptyUpload
    case digestMismatch(computed: String)
    case invalidDigest
    case alreadyExists
    case readOnly
    case io(String)
}

extension AWSBackend {
    /// nil where no registry runs (an endpoint built without one, as in unit tests).
    public var registry: (any RegistryBackend)? { nil }
}
