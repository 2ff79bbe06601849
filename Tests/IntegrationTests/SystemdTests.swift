import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The systemd integration, tested without systemd as PID 1: a notify socket the test binds, and
/// `systemd-socket-activate` handing over a listening socket as systemd would.
@Suite("systemd: notify, watchdog, socket activation")
struct SystemdTests {
    /// A Unix datagram socket standing in for systemd's NOTIFY_SOCKET.
    final class NotifySocket {
        let path: String
        let fd: Int32

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: path.utf8)
                raw[path.utf8.count] = 0
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
            var timeout = timeval(tv_sec: 20, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(fd) }

        /// Messages until one contains `text` (or the timeout).
        func await(_ text: String) -> [String] {
            var messages: [String] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !messages.contains(where: { $0.contains(text) }) {
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { break }
                messages.append(String(decoding: buffer[..<count], as: UTF8.self))
            }
            return messages
        }
    }

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

    @Test("READY=1 once serving, WATCHDOG=1 pings at half WATCHDOG_USEC, STOPPING=1 on SIGTERM")
    func notifyAndWatchdog() async throws {
        let directory = try TemporaryDirectory()
        let notify = try NotifySocket(path: directory.path + "/notify")
        let process = try launch(
            Binaries.netctld, ["--socket", directory.path + "/s.sock", "--data-dir", directory.path + "/data"],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])
        let ready = notify.await("READY=1")
        #expect(ready.contains { $0.contains("READY=1") && $0.contains("STATUS=") })
        // READY means serving: the socket answers at once.
        #expect(try await NetctlClient(socketPath: directory.path + "/s.sock").send(SystemHealth()).status == "ok")
        #expect(notify.await("WATCHDOG=1").contains { $0.contains("WATCHDOG=1") })
        await stop(process)
        #expect(notify.await("STOPPING=1").contains { $0.contains("STOPPING=1") })
        #expect(process.terminationStatus == 0)
    }

    @Test("started by systemd-socket-activate, netctld adopts the passed socket and serves on it")
    func socketActivation() async throws {
        let activator = "/usr/bin/systemd-socket-activate"
        try #require(FileManager.default.isExecutableFile(atPath: activator), "systemd-socket-activate is not installed")
        let directory = try TemporaryDirectory()
        let path = directory.path + "/activated.sock"
        // --socket names another path: an adopted socket must win over binding.
        let process = try launch(
            activator, ["-l", path, Binaries.netctld, "--socket", directory.path + "/unused.sock", "--data-dir", directory.path + "/data"],
            environment: [:])
        var health: HealthResponse?
        for _ in 0..<300 where health == nil {
            health = try? await NetctlClient(socketPath: path).send(SystemHealth())
            if health == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(health?.status == "ok")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/unused.sock"))
        let vpc = try await NetctlClient(socketPath: path).send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        #expect(vpc.name == "a")
        await stop(process)
        // The socket file belongs to the activator (systemd), not to netctld: it is left in place.
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
