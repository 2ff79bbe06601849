import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGHUP (what `systemctl reload netctld` sends) re-reads the configuration while clients stay connected.
@Suite("Reload on SIGHUP")
struct ReloadTests {
    func launch(config: String, directory: TemporaryDirectory, notify: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.netctld)
        process.arguments = [
            "--config", config, "--socket", directory.path + "/s.sock", "--data-dir", directory.path + "/data",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["NETCTL_SOCKET"] = nil
        environment["JOURNAL_STREAM"] = nil
        environment["NOTIFY_SOCKET"] = notify
        process.environment = environment
        let logPath = directory.path + "/netctld.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    func domainCode(_ response: [String: Any]?) -> String? {
        ((response?["error"] as? [String: Any])?["data"] as? [String: Any])?["code"] as? String
    }

    @Test("quotas, log level and EMF file change on SIGHUP on an open connection; a bad file leaves the old config in force")
    func reload() async throws {
        let directory = try TemporaryDirectory()
        let notify = try NotifySocket(path: directory.path + "/notify")
        let config = directory.path + "/netctld.yaml"
        let emf = directory.path + "/metrics.emf"
        try "quotas:\n  vpcsPerRegion: 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let process = try launch(config: config, directory: directory, notify: notify.path)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(await notify.waitFor("READY=1").contains { $0.contains("READY=1") })
        let connection = try RawSocket(path: directory.path + "/s.sock")
        func create(_ cidr: String) throws -> [String: Any]? {
            try connection.exchange(#"{"jsonrpc":"2.0","id":1,"method":"vpc.create","params":{"cidrBlock":"\#(cidr)"}}"#)
        }
        #expect(try create("10.0.0.0/16")?["result"] != nil)
        #expect(domainCode(try create("10.1.0.0/16")) == "VpcLimitExceeded")

        try "logLevel: debug\nemfFile: \(emf)\nquotas:\n  vpcsPerRegion: 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        let reloaded = await notify.waitFor("READY=1")
        #expect(reloaded.first?.contains("RELOADING=1") == true && reloaded.first?.contains("MONOTONIC_USEC=") == true)
        #expect(reloaded.last?.contains("Configuration reloaded") == true, "\(reloaded)")
        // The same connection, with the new quota.
        #expect(try create("10.1.0.0/16")?["result"] != nil)
        #expect(domainCode(try create("10.2.0.0/16")) == "VpcLimitExceeded")
        var emfText = ""
        for _ in 0..<200 where !emfText.contains("\"VpcCount\"") {
            try await Task.sleep(for: .milliseconds(50))
            emfText = (try? String(contentsOfFile: emf, encoding: .utf8)) ?? ""
        }
        #expect(emfText.contains("\"VpcCount\""), "the new EMF file receives metrics")

        // Not a number: rejected as a whole, the quota stays 2 and the connection stays open.
        try "logLevel: info\nquotas:\n  vpcsPerRegion: lots\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        let rejected = await notify.waitFor("READY=1")
        #expect(rejected.last?.contains("Reload rejected") == true, "\(rejected)")
        #expect(domainCode(try create("10.3.0.0/16")) == "VpcLimitExceeded")
        let status = try #require(try connection.exchange(#"{"jsonrpc":"2.0","id":2,"method":"vpc.list"}"#))
        #expect(((status["result"] as? [String: Any])?["vpcs"] as? [Any])?.count == 2)

        // The account map reloads too: the same connection's next request acts as the new default account.
        try "identity:\n  defaultAccountId: \"111122223333\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        #expect(await notify.waitFor("READY=1").last?.contains("Configuration reloaded") == true)
        let whoami = try #require(try connection.exchange(#"{"jsonrpc":"2.0","id":3,"method":"system.whoami"}"#))
        #expect((whoami["result"] as? [String: Any])?["accountId"] as? String == "111122223333")

        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<400 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(process.terminationStatus == 0)
        let log = try String(contentsOfFile: directory.path + "/netctld.log", encoding: .utf8)
        #expect(log.contains("configuration reloaded"))
        // The debug level was in force between the reloads: each request was logged with its method.
        #expect(log.contains("debug netctld: request") && log.contains("method=vpc.create"))
        #expect(log.contains("configuration reload rejected") && log.contains("quotas.vpcsPerRegion must be a whole number"))
    }
}
