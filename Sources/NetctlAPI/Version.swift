/// The version `system.health`, `netctl --version` and `netctld --version` report.
public enum NetctlVersion {
    public static let current = "0.1.0"
}
