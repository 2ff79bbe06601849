import GRDB
import Logging
import ServiceLifecycle

/// Pings systemd's watchdog at half its interval, but only while the daemon really works: a cheap
/// read of the state database succeeds and the writer is making progress. A stuck writer stops the
/// pings, and systemd restarts the service.
final class Watchdog: Service {
    private let interval: Duration
    private let store: Store
    private let writer: Writer
    private let logger: Logger

    init(interval: Duration, store: Store, writer: Writer, logger: Logger) {
        self.interval = interval
        self.store = store
        self.writer = writer
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if self.isHealthy() {
                    ServiceManager.notifyWatchdog()
                } else {
                    self.logger.warning("withholding the watchdog ping: the database or the writer is not making progress")
                }
                try? await Task.sleep(for: self.interval / 2)
            }
        }
    }

    func isHealthy() -> Bool {
        let readable = (try? store.database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
        return readable && !writer.isStuck(longerThan: interval)
    }
}
