import CSystemd

#if canImport(Glibc)
    import Glibc
#endif

/// Tells systemd (when it started us with `Type=notify`) how the daemon is doing. A no-op when
/// NOTIFY_SOCKET is not set, so it is safe to call everywhere.
public enum ServiceManager {
    public static func notifyReady(status: String) {
        _ = sd_notify(0, "READY=1\nSTATUS=\(status)")
    }

    /// Before re-reading the configuration; systemd holds `systemctl reload` until the next READY=1.
    /// MONOTONIC_USEC lets systemd match the two (systemd.service(5), Type=notify-reload).
    public static func notifyReloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        _ = sd_notify(0, "RELOADING=1\nMONOTONIC_USEC=\(microseconds)\nSTATUS=Reloading the configuration")
    }

    public static func notifyStopping() {
        _ = sd_notify(0, "STOPPING=1\nSTATUS=Shutting down")
    }

    public static func notifyStatus(_ status: String) {
        _ = sd_notify(0, "STATUS=\(status)")
    }

    public static func notifyWatchdog() {
        _ = sd_notify(0, "WATCHDOG=1")
    }

    /// The listening socket systemd passed (socket activation), if any. Consumes LISTEN_FDS so
    /// children do not inherit it.
    public static func activatedSocket() -> Int32? {
        let count = sd_listen_fds(1)
        guard count >= 1 else { return nil }
        return SD_LISTEN_FDS_START
    }

    /// The watchdog interval systemd expects pings within, if it set one (WATCHDOG_USEC).
    public static func watchdogInterval() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
    }
}
