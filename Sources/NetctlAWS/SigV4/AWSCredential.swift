/// An access key netctld accepts, and the account and powers it acts with: the AWS endpoint's
/// counterpart of a Unix user mapped to an account.
public struct AWSCredential: Sendable, Hashable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var accountId: String
    /// May call only actions that change nothing (the Unix read-only groups' power).
    public var readOnly: Bool
    /// May act in every account (the Unix admins' power); its own account is still the default.
    public var admin: Bool

    public init(accessKeyId: String, secretAccessKey: String, accountId: String, readOnly: Bool = false, admin: Bool = false) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.accountId = accountId
        self.readOnly = readOnly
        self.admin = admin
    }

    /// The pair every local AWS emulator accepts, used when the configuration names none.
    public static func wellKnownTest(accountId: String) -> AWSCredential {
        AWSCredential(accessKeyId: "test", secretAccessKey: "test", accountId: accountId)
    }
}

/// Who signed a request: the key, the region and service of its credential scope.
public struct AWSCaller: Sendable, Hashable {
    public var credential: AWSCredential
    public var region: String
    public var service: String

    public init(credential: AWSCredential, region: String, service: String) {
        self.credential = credential
        self.region = region
        self.service = service
    }
}
