import GRDB

extension StreamStore {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: log groups, streams, events, watcher cursor") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log_groups (
                        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                        retention_days INTEGER, created_at INTEGER NOT NULL,
                        PRIMARY KEY (account, region, name));
                    CREATE TABLE log_streams (
                        account TEXT NOT NULL, region TEXT NOT NULL, grp TEXT NOT NULL, name TEXT NOT NULL,
                        created_at INTEGER NOT NULL, first_event INTEGER, last_event INTEGER,
                        stored_bytes INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (account, region, grp, name));
                    CREATE TABLE log_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL, region TEXT NOT NULL, grp TEXT NOT NULL, stream TEXT NOT NULL,
                        timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
                    CREATE INDEX log_events_group_time ON log_events (account, region, grp, timestamp);
                    CREATE INDEX log_events_stream_time ON log_events (account, region, grp, stream, timestamp);
                    CREATE TABLE watcher_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);
                    INSERT INTO watcher_cursor (id, last_seq) VALUES (1, 0);
                    """)
        }
        migrator.registerMigration("v2: metric datapoints") { db in
            try db.execute(
                sql: """
                    CREATE TABLE metric_data (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL, region TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                        dims TEXT NOT NULL, timestamp INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,
                        resolution INTEGER NOT NULL);
                    CREATE INDEX metric_data_series ON metric_data (account, region, namespace, name, dims, timestamp);
                    """)
        }
        migrator.registerMigration("v3: alarms") { db in
            try db.execute(
                sql: """
                    CREATE TABLE alarms (
                        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
                        PRIMARY KEY (account, region, name));
                    """)
        }
        migrator.registerMigration("v4: rolled-up metric statistics") { db in
            // Raw rows leave these NULL; a rollup row holds the statistics of the values it replaced.
            try db.execute(
                sql: """
                    ALTER TABLE metric_data ADD COLUMN sample_count REAL;
                    ALTER TABLE metric_data ADD COLUMN sum REAL;
                    ALTER TABLE metric_data ADD COLUMN minimum REAL;
                    ALTER TABLE metric_data ADD COLUMN maximum REAL;
                    """)
        }
        migrator.registerMigration(integerKeysMigration, migrate: Self.useIntegerKeys)
        return migrator
    }

    static let integerKeysMigration = "v5: events and datapoints keyed by stream and series IDs"

    /// Events and datapoints name their stream and series by row ID instead of repeating account,
    /// region, group and name (or namespace and dimensions) in every row and index entry. A new
    /// resource's stream then appends to the event indexes instead of landing on a random page of
    /// them; with the smaller entries this halves what the watcher writes per change. Event IDs
    /// (handed to clients as eventId and paging tokens) are kept.
    private static func useIntegerKeys(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO log_groups (account, region, name, created_at)
                    SELECT account, region, grp, MIN(ingestion_time) FROM log_events GROUP BY account, region, grp;
                INSERT OR IGNORE INTO log_streams (account, region, grp, name, created_at)
                    SELECT account, region, grp, stream, MIN(ingestion_time) FROM log_events
                    GROUP BY account, region, grp, stream;

                CREATE TABLE groups_v5 (
                    id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                    retention_days INTEGER, created_at INTEGER NOT NULL,
                    UNIQUE (account, region, name));
                INSERT INTO groups_v5 (account, region, name, retention_days, created_at)
                    SELECT account, region, name, retention_days, created_at FROM log_groups ORDER BY rowid;

                CREATE TABLE streams_v5 (
                    id INTEGER PRIMARY KEY,
                    group_id INTEGER NOT NULL, name TEXT NOT NULL,
                    created_at INTEGER NOT NULL, first_event INTEGER, last_event INTEGER,
                    stored_bytes INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (group_id, name));
                INSERT INTO streams_v5 (group_id, name, created_at, first_event, last_event, stored_bytes)
                    SELECT g.id, s.name, s.created_at, s.first_event, s.last_event, s.stored_bytes
                    FROM log_streams s JOIN groups_v5 g ON g.account = s.account AND g.region = s.region AND g.name = s.grp
                    ORDER BY s.rowid;

                CREATE TABLE events_v5 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL,
                    timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
                INSERT INTO events_v5 (id, group_id, stream_id, timestamp, ingestion_time, message)
                    SELECT e.id, g.id, s.id, e.timestamp, e.ingestion_time, e.message FROM log_events e
                    JOIN groups_v5 g ON g.account = e.account AND g.region = e.region AND g.name = e.grp
                    JOIN streams_v5 s ON s.group_id = g.id AND s.name = e.stream
                    ORDER BY e.id;
                -- Deleted events' IDs are never handed out again.
                DELETE FROM sqlite_sequence WHERE name = 'events_v5';
                INSERT INTO sqlite_sequence (name, seq)
                    SELECT 'events_v5', last FROM (
                        SELECT MAX(seq) AS last FROM (
                            SELECT seq FROM sqlite_sequence WHERE name = 'log_events'
                            UNION ALL SELECT MAX(id) FROM events_v5))
                    WHERE last IS NOT NULL;

                CREATE TABLE metric_series (
                    id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL, region TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                    dims TEXT NOT NULL,
                    UNIQUE (account, region, namespace, name, dims));
                INSERT INTO metric_series (account, region, namespace, name, dims)
                    SELECT DISTINCT account, region, namespace, name, dims FROM metric_data;
                CREATE TABLE data_v5 (
                    series_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,
                    resolution INTEGER NOT NULL, sample_count REAL, sum REAL, minimum REAL, maximum REAL);
                INSERT INTO data_v5 (series_id, timestamp, value, unit, resolution, sample_count, sum, minimum, maximum)
                    SELECT s.id, d.timestamp, d.value, d.unit, d.resolution, d.sample_count, d.sum, d.minimum, d.maximum
                    FROM metric_data d JOIN metric_series s
                      ON s.account = d.account AND s.region = d.region AND s.namespace = d.namespace
                     AND s.name = d.name AND s.dims = d.dims
                    ORDER BY d.id;

                DROP TABLE log_events;
                DROP TABLE log_streams;
                DROP TABLE log_groups;
                DROP TABLE metric_data;
                ALTER TABLE groups_v5 RENAME TO log_groups;
                ALTER TABLE streams_v5 RENAME TO log_streams;
                ALTER TABLE events_v5 RENAME TO log_events;
                ALTER TABLE data_v5 RENAME TO metric_data;
                CREATE INDEX log_events_group_time ON log_events (group_id, timestamp);
                CREATE INDEX log_events_stream_time ON log_events (stream_id, timestamp);
                CREATE INDEX metric_data_series ON metric_data (series_id, timestamp);
                """)
    }
}
