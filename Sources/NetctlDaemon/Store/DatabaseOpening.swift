import Foundation
import GRDB

/// Opens one of netctld's SQLite files, writable or (when the data directory is not) read-only. Both
/// databases go through here so they agree on what read-only means.
enum DatabaseOpening {
    /// A writable file is created if needed and migrated; a read-only one must exist and already have
    /// every migration, since nothing can be written to it.
    static func open(
        path: String, configuration: Configuration, migrator: DatabaseMigrator, readOnly: Bool
    ) throws -> DatabasePool {
        guard readOnly else {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
            return pool
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReadOnlyDataError(
                "\(path) does not exist and cannot be created: the data directory is read-only. Start netctld once "
                    + "with a writable data directory, or point --data-dir at one that holds a netctld database.")
        }
        var readOnlyConfiguration = configuration
        readOnlyConfiguration.readonly = true
        let pool = try DatabasePool(path: uri(for: path), configuration: readOnlyConfiguration)
        guard try pool.read({ try migrator.hasCompletedMigrations($0) }) else {
            throw ReadOnlyDataError(
                "\(path) was written by an older netctld and needs an upgrade, which cannot be written to a read-only "
                    + "data directory. Start netctld once with the directory writable.")
        }
        return pool
    }

    /// SQLite reads a WAL-mode file read-only only if its -wal and -shm files exist (it cannot create
    /// them). With no -wal file every committed change is in the main file, and `immutable=1` tells
    /// SQLite nothing will change it, so it needs no -shm either. With a -wal file, immutable would
    /// ignore the changes in it: open it as a plain read-only file instead.
    static func uri(for path: String) -> String {
        if FileManager.default.fileExists(atPath: path + "-wal") { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file://\(escaped)?immutable=1"
    }

    /// A migrated schema in memory, for the fuzz harness: migrated once, and copied for every
    /// database asked of it, since migrating takes longer than replaying most fuzz inputs.
    struct InMemoryTemplate: Sendable {
        private let template: Result<DatabaseQueue, any Error>
        private let configuration: Configuration

        init(migrator: DatabaseMigrator, configuration: Configuration = Configuration()) {
            self.configuration = configuration
            template = Result {
                let database = try DatabaseQueue(configuration: configuration)
                try migrator.migrate(database)
                return database
            }
        }

        /// A fresh database holding the migrated, empty schema; it goes with the returned object.
        func copy() throws -> DatabaseQueue {
            let database = try DatabaseQueue(configuration: configuration)
            try template.get().backup(to: database)
            return database
        }
    }

    /// True when netctld cannot create or change files in `directory` (a read-only mount, or
    /// permissions that keep its user out).
    static func isWritable(directory: String) -> Bool {
        access(directory, W_OK) == 0
    }
}

/// Why a database could not be opened read-only; the message says what to do.
struct ReadOnlyDataError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
