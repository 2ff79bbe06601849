import Foundation
import NetctlAPI
import NetctlClient

#if canImport(Glibc)
    import Glibc
#endif

/// Where `swift build` put the binaries: next to the test bundle, unless NETCTL_BIN_DIR says otherwise.
enum Binaries {
    static var directory: URL {
        if let explicit = ProcessInfo.processInfo.environment["NETCTL_BIN_DIR"] {
            return URL(fileURLWithPath: explicit)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the test runner is <bin>/netctlPackageTests.xctest; on other layouts walk up.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("netctld").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory
    }

    static var netctld: String { directory.appendingPathComponent("netctld").path }
    static var netctl: String { directory.appendingPathComponent("netctl").path }
}

/// A temporary directory removed when the test is done with it.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        // Short paths: a Unix socket path must fit in 108 bytes.
        let template = "/tmp/netctl-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw POSIXError(.EIO) }
        path = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A real netctld on a temporary socket and data directory.
final class DaemonProcess: @unchecked Sendable {
    let directory: TemporaryDirectory
    let extraArguments: [String]
    private(set) var process: Process?
    private(set) var logPath: String

    var socketPath: String { directory.path + "/netctld.sock" }
    var dataDirectory: String { directory.path + "/data" }
    var databasePath: String { dataDirectory + "/state.db" }
    var client: NetctlClient { NetctlClient(socketPath: socketPath) }

    /// A soft open-file limit for netctld alone, set by a shell that then execs it: lowering the test
    /// process's own limit would starve every test running beside it.
    let softOpenFileLimit: Int?

    init(arguments: [String] = [], directory: TemporaryDirectory? = nil, softOpenFileLimit: Int? = nil) throws {
        self.directory = try directory ?? TemporaryDirectory()
        self.extraArguments = arguments
        self.softOpenFileLimit = softOpenFileLimit
        self.logPath = self.directory.path + "/netctld.log"
    }

    /// Starts the daemon and waits until it answers `system.health`.
    @discardableResult
    static func start(_ arguments: [String] = [], directory: TemporaryDirectory? = nil) async throws -> DaemonProcess {
        let daemon = try DaemonProcess(arguments: arguments, directory: directory)
        try await daemon.start()
        return daemon
    }

    func start() async throws {
        let process = Process()
        let arguments = ["--socket", socketPath, "--data-dir", dataDirectory] + extraArguments
        if let softOpenFileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "ulimit -S -n \(softOpenFileLimit) && exec \"$0\" \"$@\"", Binaries.netctld] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: Binaries.netctld)
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NETCTL_SOCKET"] = nil
        environment["NOTIFY_SOCKET"] = nil
        process.environment = environment
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else {
            throw DaemonFailure(message: "cannot create \(logPath)")
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        // Generous: the whole suite starts dozens of daemons at once on two cores.
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if !process.isRunning {
                throw DaemonFailure(message: "netctld exited with \(process.terminationStatus): \(self.log)")
            }
            if (try? await client.send(SystemHealth())) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonFailure(message: "netctld did not answer within 90 s: \(self.log)")
    }

    /// Starts netctld and waits for it to exit on its own (for starts that must fail).
    func runUntilExit() async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.netctld)
        process.arguments = ["--socket", socketPath, "--data-dir", dataDirectory] + extraArguments
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let output = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try output.write(to: URL(fileURLWithPath: logPath))
        return process.terminationStatus
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGTERM and wait; returns the exit status.
    @discardableResult
    func terminate() async -> Int32 {
        guard let process, process.isRunning else { return process?.terminationStatus ?? 0 }
        kill(process.processIdentifier, SIGTERM)
        let started = ContinuousClock.now
        let status = await wait(process)
        if ContinuousClock.now - started > .seconds(5) {
            // A slow graceful shutdown is a bug worth seeing in CI's output.
            FileHandle.standardError.write(Data("netctld took \(ContinuousClock.now - started) to stop on SIGTERM:\n\(log)\n".utf8))
        }
        return status
    }

    /// SIGKILL: no chance to clean up, as in a crash or power loss of the process.
    func killHard() async {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = await wait(process)
    }

    private func wait(_ process: Process) async -> Int32 {
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

struct DaemonFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs the `netctl` binary and captures what a user would see.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// `stdin`, when given, is a file whose contents become netctl's standard input.
func runCLI(
    _ arguments: [String], socket: String?, environment extra: [String: String] = [:], stdin: String? = nil
) throws -> CLIResult {
    var environment = ProcessInfo.processInfo.environment
    environment["NETCTL_SOCKET"] = socket
    for (key, value) in extra { environment[key] = value }
    return try runProcess(Binaries.netctl, arguments, environment: environment, stdin: stdin)
}

/// Runs a program to its end and captures its exit status and output.
func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil,
    currentDirectory: String? = nil
) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    if let stdin { process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdin)) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}
