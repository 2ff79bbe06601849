import Foundation
import NetctlAPI

/// Everything a command may depend on besides the state: who asks, what time it is, the quotas in
/// force and where new IDs come from. Passing these in keeps the rules pure and testable.
public struct CommandContext: Sendable {
    public var scope: Scope
    public var now: Date
    public var quotas: Quotas
    public var ids: IDGenerator
    /// The CloudWatch Logs groups that exist: a starting task's `awslogs` containers need theirs.
    public var logGroups: any LogGroupDirectory

    public init(
        scope: Scope, now: Date, quotas: Quotas, ids: IDGenerator, logGroups: any LogGroupDirectory = KnownLogGroups()
    ) {
        self.scope = scope
        self.now = now
        self.quotas = quotas
        self.ids = ids
        self.logGroups = logGroups
    }

    public var accountId: String { scope.accountId }
    public var region: String { scope.region }
}

/// The read-side counterpart of `CommandContext`.
public struct QueryContext: Sendable {
    public var scope: Scope
    public var now: Date
    public var quotas: Quotas

    public init(scope: Scope, now: Date, quotas: Quotas) {
        self.scope = scope
        self.now = now
        self.quotas = quotas
    }
}
