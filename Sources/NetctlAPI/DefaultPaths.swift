import Foundation

/// Where netctld listens and keeps its state when no flag says otherwise. The daemon and the client
/// both call this, so `netctl` finds the daemon a user started with no arguments.
public struct DefaultPaths: Sendable, Hashable {
    public var socketPath: String
    public var dataDirectory: String

    /// The inputs the resolution depends on, separate from the process so tests can vary them.
    public struct Environment: Sendable {
        public var variables: [String: String]
        public var uid: UInt32
        public var homeDirectory: String

        public init(variables: [String: String], uid: UInt32, homeDirectory: String) {
            self.variables = variables
            self.uid = uid
            self.homeDirectory = homeDirectory
        }

        public static var current: Environment {
            Environment(
                variables: ProcessInfo.processInfo.environment, uid: getuid(),
                homeDirectory: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory())
        }
    }

    public static let socketFileName = "netctld.sock"
    public static let databaseFileName = "state.db"

    public init(socketPath: String, dataDirectory: String) {
        self.socketPath = socketPath
        self.dataDirectory = dataDirectory
    }

    public static func resolve(_ environment: Environment = .current) -> DefaultPaths {
        DefaultPaths(socketPath: socketPath(environment), dataDirectory: dataDirectory(environment))
    }

    /// `$NETCTL_SOCKET`; under systemd `$RUNTIME_DIRECTORY/netctld.sock`; as root
    /// `/run/netctld/netctld.sock`; else `$XDG_RUNTIME_DIR/netctld.sock`, falling back to
    /// `~/.local/state/netctld/netctld.sock`.
    public static func socketPath(_ environment: Environment) -> String {
        let variables = environment.variables
        if let explicit = variables["NETCTL_SOCKET"].nonEmpty { return explicit }
        if let runtime = variables["RUNTIME_DIRECTORY"].nonEmpty {
            // systemd may list several directories separated by colons; the first is ours.
            return join(String(runtime.split(separator: ":").first ?? Substring(runtime)), socketFileName)
        }
        if environment.uid == 0 { return "/run/netctld/\(socketFileName)" }
        if let xdg = variables["XDG_RUNTIME_DIR"].nonEmpty { return join(xdg, socketFileName) }
        return join(environment.homeDirectory, ".local/state/netctld/\(socketFileName)")
    }

    /// `$STATE_DIRECTORY` under systemd; `/var/lib/netctld` as root; else `$XDG_STATE_HOME/netctld`
    /// (`~/.local/state/netctld`).
    public static func dataDirectory(_ environment: Environment) -> String {
        let variables = environment.variables
        if let state = variables["STATE_DIRECTORY"].nonEmpty {
            return String(state.split(separator: ":").first ?? Substring(state))
        }
        if environment.uid == 0 { return "/var/lib/netctld" }
        if let xdg = variables["XDG_STATE_HOME"].nonEmpty { return join(xdg, "netctld") }
        return join(environment.homeDirectory, ".local/state/netctld")
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        guard let value = self, !value.isEmpty else { return nil }
        return value
    }
}
