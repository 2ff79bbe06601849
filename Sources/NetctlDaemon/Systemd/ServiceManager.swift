import CSystemd

/// Tells systemd (when it started us with `Type=notify`) how the daemon is doing. A no-op when
/// NOTIFY_SOCKET is not set, so it is safe to call everywhere.
public enum ServiceManager {
    public static func notifyReady(status: String) {
        _ = sd_notify(0, "READY=1\nSTATUS=\(status)")
    }

    public static func notifyStopping() {
        _ = sd_notify(0, "STOPPING=1\nSTATUS=Shutting down")
    }

    public static func notifyStatus(_ status: String) {
        _ = sd_notify(0, "STATUS=\(status)")
    }
}
