import GRDB
import NIOConcurrencyHelpers
import NetctlAPI
import NetctlCore

/// Every log group of streams.db, kept in memory for the writer: a starting task's `awslogs`
/// containers need their group (`State.taskLogGroupFailure`), and a command must not wait on another
/// database. Changed by `StreamStore` inside the write transaction that creates or deletes a group,
/// where GRDB's single writer orders the changes, and read back from the database when a write fails.
public final class LogGroupNames: LogGroupDirectory {
    private let names = NIOLockedValueBox(Set<KnownLogGroups.Key>())

    public func contains(_ scope: Scope, group: String) -> Bool {
        names.withLockedValue { $0.contains(KnownLogGroups.Key(scope, group)) }
    }

    func insert(_ scope: Scope, _ name: String) {
        _ = names.withLockedValue { $0.insert(KnownLogGroups.Key(scope, name)) }
    }

    func remove(_ scope: Scope, _ name: String) {
        _ = names.withLockedValue { $0.remove(KnownLogGroups.Key(scope, name)) }
    }

    func load(_ db: Database) throws {
        var loaded = Set<KnownLogGroups.Key>()
        for row in try Row.fetchAll(db, sql: "SELECT account, region, name FROM log_groups") {
            loaded.insert(KnownLogGroups.Key(Scope(accountId: row[0], region: row[1]), row[2]))
        }
        names.withLockedValue { $0 = loaded }
    }
}
