import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Connection limits")
struct ConnectionLimitTests {
    static let health = #"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#

    @Test("netctld raises its open-file limit at start and holds 1,000 connections at once")
    func thousandConnections() async throws {
        // Start netctld with a soft limit too low for 1,000 connections; it must raise it itself.
        var limits = rlimit()
        #expect(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0)
        try #require(limits.rlim_max >= 1200, "the hard open-file limit (\(limits.rlim_max)) is below what the test needs")
        let daemon = try DaemonProcess(softOpenFileLimit: 256)
        try await daemon.start()
        #expect(daemon.log.contains("open-files=256->\(limits.rlim_max)"), "\(daemon.log)")

        var sockets: [RawSocket] = []
        for _ in 0..<1000 { sockets.append(try RawSocket(path: daemon.socketPath)) }
        // Every one of them is served while all are open.
        for socket in sockets {
            let answer = try socket.exchange(Self.health)
            #expect((answer?["result"] as? [String: Any])?["status"] as? String == "ok")
        }
        sockets.removeAll()
        #expect(try await daemon.client.send(SystemHealth()).status == "ok")
        await daemon.terminate()
    }

    @Test("a connection that sends part of a line and then nothing is closed after idleTimeoutSeconds")
    func halfSentLineTimesOut() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path + "/netctld.yaml"
        try "idleTimeoutSeconds: 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try await DaemonProcess.start(["--config", config], directory: directory)

        // Idle between whole lines: kept.
        let patient = try RawSocket(path: daemon.socketPath)
        #expect(try patient.exchange(Self.health) != nil)
        try await Task.sleep(for: .seconds(2))
        #expect(try patient.exchange(Self.health) != nil)

        // Half a line, then silence: closed without an answer.
        let stalled = try RawSocket(path: daemon.socketPath)
        try stalled.send(#"{"jsonrpc":"2.0","id":1,"#)
        #expect(try stalled.readLine() == nil)
        #expect(daemon.log.contains("sent part of a line and then nothing"))
        // The patient one is still served.
        #expect(try patient.exchange(Self.health) != nil)
        await daemon.terminate()
    }

    @Test("a client that never reads its responses is cut off once they pass the bound; others are unaffected")
    func slowReaderIsCutOff() async throws {
        let daemon = try await DaemonProcess.start()
        let reader = try RawSocket(path: daemon.socketPath)
        // rpc.discover answers with every method's schema: a large response for a small request.
        let request = #"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"# + "\n"
        var cutOff = false
        for _ in 0..<20_000 {
            do {
                try reader.send(request)
            } catch {
                cutOff = true
                break
            }
        }
        // The daemon may still be answering what it read; give it time to reach the bound (not a speed
        // assertion: the deadline only keeps a broken build from hanging the suite).
        let deadline = ContinuousClock.now + .seconds(60)
        while !daemon.log.contains("closing a connection that does not read its responses"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(daemon.log.contains("closing a connection that does not read its responses"))
        if !cutOff {
            // Closed by now: writing more fails once the kernel notices.
            for _ in 0..<1000 where !cutOff {
                do { try reader.send(request) } catch { cutOff = true }
            }
        }
        #expect(cutOff, "the connection of a reader that never reads was not closed")
        #expect(try await daemon.client.send(SystemHealth()).status == "ok")
        await daemon.terminate()
    }
}
