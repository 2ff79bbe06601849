/// One RPC method: the conforming struct is its params object, `method` its wire name and `Response`
/// the type of its result. The daemon's method table, the client and the OpenRPC document are all
/// derived from these types, so a method is described exactly once. Where the daemon runs it, and so
/// whether it changes anything, is said by the one placement protocol it conforms to there
/// (`StateQuery`, `StateCommand`, …; CONTRIBUTING.md, "The path of a request").
public protocol RPCMethod: Codable, Sendable {
    associatedtype Response: Codable & Sendable
    static var method: String { get }
    /// One line for `rpc.discover` and the man page.
    static var summary: String { get }
}

/// The members every resource method accepts besides its own params. They are read from the same
/// params object, so requests do not repeat them.
public struct CallOptions: Sendable, Hashable, Codable {
    /// Act as this account; only admins may name an account other than their own.
    public var accountId: String?
    /// Defaults to the daemon's configured region.
    public var region: String?
    /// Idempotency token for mutating methods (at most 64 ASCII characters).
    public var clientToken: String?

    public init(accountId: String? = nil, region: String? = nil, clientToken: String? = nil) {
        self.accountId = accountId
        self.region = region
        self.clientToken = clientToken
    }

    public static let memberNames: Set<String> = ["accountId", "region", "clientToken"]
}

/// `{}`: the result of methods that return nothing.
public struct EmptyResponse: Codable, Sendable, Hashable {
    public init() {}
}
