import Foundation
import NetctlAPI

/// Everything a command may depend on besides the state: who asks, what time it is, the quotas in
/// force and where new IDs come from. Passing these in keeps the rules pure and testable.
public struct CommandContext: Sendable {
    public var scope: Scope
    public var now: Date
    public var quotas: Quotas
    public var ids: IDGenerator

    public init(scope: Scope, now: Date, quotas: Quotas, ids: IDGenerator) {
        self.scope = scope
        self.now = now
        self.quotas = quotas
        self.ids = ids
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
