import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Many clients connecting at the same moment, with non-blocking sockets as Python, Go and NIO clients
/// use: a Unix socket refuses those with EAGAIN once its accept queue (the listen backlog) is full, so
/// netctld must listen with the system's maximum, not with a small fixed backlog.
@Suite("Connection bursts")
struct ConnectionBurstTests {
    static let clients = 1000

    /// net.core.somaxconn, the kernel's cap on any backlog: below `clients` no daemon can pass.
    static let somaxconn = (try? String(contentsOfFile: "/proc/sys/net/core/somaxconn", encoding: .utf8))
        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0

    @Test(
        "1,000 non-blocking connects at once: none is refused with EAGAIN, and every one is answered",
        .enabled(if: somaxconn > clients, "net.core.somaxconn is below 1,000"), .timeLimit(.minutes(3)))
    func burst() async throws {
        let daemon = try await DaemonProcess.start()
        #expect(daemon.log.contains("backlog=\(Self.somaxconn)"), "\(daemon.log)")
        try Self.connectAtOnce(to: daemon.socketPath)
        await daemon.terminate()
    }

    @Test(
        "the same burst on a socket passed by systemd-socket-activate: netctld raises the adopted socket's backlog",
        .enabled(if: somaxconn > clients, "net.core.somaxconn is below 1,000"),
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: SocketActivatedDaemon.activator),
            "systemd-socket-activate is not installed"),
        .timeLimit(.minutes(3)))
    func activatedBurst() async throws {
        let directory = try TemporaryDirectory()
        let daemon = try SocketActivatedDaemon(
            path: directory.path + "/activated.sock", arguments: ["--data-dir", directory.path + "/data"])
        // The burst starts once netctld has adopted the socket, not while the activator still holds it.
        let health = await daemon.health()
        try #require(health?.status == "ok")
        try Self.connectAtOnce(to: daemon.path)
        await daemon.terminate()
    }

    /// Opens `clients` non-blocking connections back to back, then sends `system.health` on each and
    /// reads every answer. Each read waits at most RawSocket's receive timeout, so a stuck daemon fails
    /// the test rather than hanging it.
    static func connectAtOnce(to path: String) throws {
        try withOpenFileLimit(atLeast: clients + 200) {
            var sockets: [RawSocket] = []
            sockets.reserveCapacity(clients)
            var refused: [String: Int] = [:]
            for _ in 0..<clients {
                do {
                    sockets.append(try RawSocket(path: path, nonBlocking: true))
                } catch let error as POSIXError {
                    refused[String(cString: strerror(error.code.rawValue)), default: 0] += 1
                }
            }
            #expect(refused.isEmpty, "connections refused: \(refused)")
            let request = #"{"jsonrpc":"2.0","id":1,"method":"system.health"}"# + "\n"
            for socket in sockets { try socket.send(request) }
            var answered = 0
            for socket in sockets {
                guard let line = try socket.readLine(),
                    let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    (answer["result"] as? [String: Any])?["status"] as? String == "ok"
                else { continue }
                answered += 1
            }
            #expect(answered == sockets.count && answered == clients, "\(answered) of \(clients) answered")
        }
    }

    /// Runs `body` with a soft open-file limit of at least `minimum`, raised only if it is lower and put
    /// back afterwards (the burst holds `clients` descriptors in this process).
    static func withOpenFileLimit(atLeast minimum: Int, _ body: () throws -> Void) throws {
        var limit = rlimit()
        try #require(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        let original = limit
        guard limit.rlim_cur < rlim_t(minimum) else { return try body() }
        try #require(
            limit.rlim_max >= rlim_t(minimum), "the hard open-file limit (\(limit.rlim_max)) is below \(minimum)")
        limit.rlim_cur = rlim_t(minimum)
        try #require(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        defer {
            var restore = original
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &restore)
        }
        try body()
    }
}
