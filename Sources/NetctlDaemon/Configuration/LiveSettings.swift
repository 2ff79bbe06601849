import NIOConcurrencyHelpers
import NetctlAWS
import NetctlCore

/// The part of the configuration SIGHUP may change. It is replaced as one value, so a request sees
/// the old settings or the new ones, never a mix of both.
public struct ReloadableSettings: Sendable, Hashable {
    public var identity: IdentityConfiguration
    public var quotas: Quotas
    public var logLevel: String
    public var emfFile: String?
    public var emfEndpoint: String?
    /// The access keys the AWS endpoint accepts (its listener itself is fixed at start).
    public var awsCredentials: [AWSCredential]

    public init(_ configuration: DaemonConfiguration) {
        awsCredentials = configuration.aws.credentials
        identity = configuration.identity
        quotas = configuration.quotas
        logLevel = configuration.logLevel
        emfFile = configuration.emfFile
        emfEndpoint = configuration.emfEndpoint
    }
}

/// The settings in force, read by the router (identity) per request and by the writer (quotas) per batch.
public final class LiveSettings: Sendable {
    private let settings: NIOLockedValueBox<ReloadableSettings>

    public init(_ settings: ReloadableSettings) { self.settings = NIOLockedValueBox(settings) }

    public var current: ReloadableSettings { settings.withLockedValue { $0 } }

    func replace(_ new: ReloadableSettings) { settings.withLockedValue { $0 = new } }
}
