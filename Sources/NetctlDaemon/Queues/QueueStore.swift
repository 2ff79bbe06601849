import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// SQS queues and their messages in `DATA_DIR/queues.db`, apart from state.db so that message
/// traffic never touches the file the control plane commits to. WAL with synchronous FULL: a send
/// is answered only once its row is on disk, so it survives a crash of netctld and of the machine.
final class QueueStore: Sendable {
    private let database: any DatabaseWriter
    let path: String

    convenience init(path: String, readOnly: Bool) throws {
        // A read-only data directory without queues.db has no queues: serve an empty book.
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            self.init(path: path, database: try DatabaseQueue())
            try Self.migrator.migrate(database)
            return
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try self.init(
            path: path,
            database: DatabaseOpening.open(
                path: path, configuration: configuration, migrator: Self.migrator, readOnly: readOnly))
    }

    /// Queues held in memory, gone with this object (the fuzz harness).
    static func inMemory() throws -> QueueStore {
        let store = QueueStore(path: ":memory:", database: try DatabaseQueue())
        try migrator.migrate(store.database)
        return store
    }

    private init(path: String, database: any DatabaseWriter) {
        self.path = path
        self.database = database
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: queues, messages, deduplication entries") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sqs_queues (
                        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, body BLOB NOT NULL,
                        PRIMARY KEY (account, region, name));
                    CREATE TABLE sqs_messages (
                        account TEXT NOT NULL, region TEXT NOT NULL, queue TEXT NOT NULL, seq INTEGER NOT NULL,
                        body BLOB NOT NULL, PRIMARY KEY (account, region, queue, seq));
                    CREATE TABLE sqs_dedup (
                        account TEXT NOT NULL, region TEXT NOT NULL, queue TEXT NOT NULL, key TEXT NOT NULL,
                        body BLOB NOT NULL, PRIMARY KEY (account, region, queue, key));
                    """)
        }
        return migrator
    }

    // Exact dates (seconds as a double), unlike the wire's milliseconds: a visibility deadline read back
    // after a restart is the one that was written.
    private static let encoder = JSONEncoder()
    private static let decoder = JSONDecoder()

    /// Every queue, message and deduplication entry.
    func load() throws -> SqsBook {
        try database.read { db in
            let queues = try Data.fetchAll(db, sql: "SELECT body FROM sqs_queues").map {
                try Self.decoder.decode(SqsQueueRecord.self, from: $0)
            }
            var messages: [SqsQueueKey: [SqsMessageRecord]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT account, region, queue, body FROM sqs_messages ORDER BY seq") {
                let key = SqsQueueKey(accountId: row["account"], region: row["region"], name: row["queue"])
                messages[key, default: []].append(
                    try Self.decoder.decode(SqsMessageRecord.self, from: row["body"] as Data))
            }
            var dedup: [SqsQueueKey: [SqsDedupRecord]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT account, region, queue, body FROM sqs_dedup") {
                let key = SqsQueueKey(accountId: row["account"], region: row["region"], name: row["queue"])
                dedup[key, default: []].append(try Self.decoder.decode(SqsDedupRecord.self, from: row["body"] as Data))
            }
            return SqsBook(queues: queues, messages: messages, dedup: dedup)
        }
    }

    /// Writes what `changes` names as `book` now has it, in one transaction.
    func write(_ changes: SqsChanges, of book: SqsBook) throws {
        guard !changes.isEmpty else { return }
        try database.write { db in
            for key in changes.cleared {
                let arguments: StatementArguments = [key.accountId, key.region, key.name]
                try db.execute(
                    sql: "DELETE FROM sqs_messages WHERE account = ? AND region = ? AND queue = ?", arguments: arguments
                )
                try db.execute(
                    sql: "DELETE FROM sqs_dedup WHERE account = ? AND region = ? AND queue = ?", arguments: arguments)
            }
            for key in changes.queues {
                if let state = book.queue(key) {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO sqs_queues (account, region, name, body) VALUES (?, ?, ?, ?)",
                        arguments: [key.accountId, key.region, key.name, try Self.encoder.encode(state.record)])
                } else {
                    try db.execute(
                        sql: "DELETE FROM sqs_queues WHERE account = ? AND region = ? AND name = ?",
                        arguments: [key.accountId, key.region, key.name])
                }
            }
            for change in changes.messages {
                let key = change.queue
                if let message = book.queue(key)?.messages[change.sequence] {
                    try db.execute(
                        sql:
                            "INSERT OR REPLACE INTO sqs_messages (account, region, queue, seq, body) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            key.accountId, key.region, key.name, change.sequence, try Self.encoder.encode(message),
                        ])
                } else {
                    try db.execute(
                        sql: "DELETE FROM sqs_messages WHERE account = ? AND region = ? AND queue = ? AND seq = ?",
                        arguments: [key.accountId, key.region, key.name, change.sequence])
                }
            }
            for change in changes.dedup {
                let key = change.queue
                if let entry = book.queue(key)?.dedupEntry(change.key) {
                    try db.execute(
                        sql:
                            "INSERT OR REPLACE INTO sqs_dedup (account, region, queue, key, body) VALUES (?, ?, ?, ?, ?)",
                        arguments: [key.accountId, key.region, key.name, change.key, try Self.encoder.encode(entry)])
                } else {
                    try db.execute(
                        sql: "DELETE FROM sqs_dedup WHERE account = ? AND region = ? AND queue = ? AND key = ?",
                        arguments: [key.accountId, key.region, key.name, change.key])
                }
            }
        }
    }
}
