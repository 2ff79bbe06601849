import ServiceLifecycle

/// Tells systemd STOPPING=1 as a shutdown begins, so `systemctl status` shows netctld stopping while it
/// answers what it read and commits what is queued, not only once that is over. Runs last in the
/// service group so it hears of the shutdown first (the group stops services in reverse order).
struct StoppingNotice: Service {
    func run() async throws {
        // Cancelled instead when the group fails: that is a stop too.
        try? await gracefulShutdown()
        ServiceManager.notifyStopping()
    }
}
