import Foundation
import NetctlAPI
import NetctlClient

#if canImport(Glibc)
    import Glibc
#endif

/// Starts `executable` with the test's environment minus the systemd and netctl variables, plus
/// `extra`; its output is discarded.
func launch(_ executable: String, _ arguments: [String], environment extra: [String: String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = nil
    environment["NETCTL_SOCKET"] = nil
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// SIGTERM, then SIGKILL after 20 s; never blocks the caller's thread for long.
func stop(_ process: Process) async {
    kill(process.processIdentifier, SIGTERM)
    for _ in 0..<400 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
}

/// netctld started by `systemd-socket-activate`, which binds and listens on `path` and passes the
/// socket (LISTEN_FDS) as systemd does with netctld.socket.
struct SocketActivatedDaemon {
    static let activator = "/usr/bin/systemd-socket-activate"
    let path: String
    let process: Process

    /// `arguments` are netctld's.
    init(path: String, arguments: [String]) throws {
        self.path = path
        // The activator closes every inherited descriptor, Foundation's exit-detection socket among them;
        // Foundation then blocks its reaper in waitpid until the activator exits, and no other test's
        // process is reaped meanwhile (with two cores, that hung the suite). A Python parent keeps that
        // socket open and passes SIGTERM on (the test process blocks SIGTERM, and
        // its children start with that mask).
        let forwarder = """
            import signal, subprocess, sys
            child = subprocess.Popen(sys.argv[1:])
            signal.signal(signal.SIGTERM, lambda *_: child.terminate())
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
            sys.exit(child.wait())
            """
        process = try launch(
            "/usr/bin/python3", ["-c", forwarder, Self.activator, "-l", path, Binaries.netctld] + arguments,
            environment: [:])
    }

    /// Waits up to 15 s until netctld answers `system.health` on `path`.
    func health() async -> HealthResponse? {
        for _ in 0..<300 {
            if let health = try? await NetctlClient(socketPath: path).send(SystemHealth()) { return health }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func terminate() async { await stop(process) }
}
