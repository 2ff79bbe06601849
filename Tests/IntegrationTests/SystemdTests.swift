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
    @Test("READY=1 once serving, WATCHDOG=1 pings at half WATCHDOG_USEC, STOPPING=1 on SIGTERM")
    func notifyAndWatchdog() async throws {
        let directory = try TemporaryDirectory()
        let notify = try NotifySocket(path: directory.path + "/notify")
        let process = try launch(
            Binaries.netctld, ["--socket", directory.path + "/s.sock", "--data-dir", directory.path + "/data"],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])
        let ready = await notify.waitFor("READY=1")
        #expect(ready.contains { $0.contains("READY=1") && $0.contains("STATUS=") })
        // The status line systemctl shows: what it serves, and how much.
        #expect(ready.contains { $0.contains("0 VPCs, 0 peerings, 0 connections") }, "\(ready)")
        // READY means serving: the socket answers at once.
        #expect(try await NetctlClient(socketPath: directory.path + "/s.sock").send(SystemHealth()).status == "ok")
        #expect(await notify.waitFor("WATCHDOG=1").contains { $0.contains("WATCHDOG=1") })
        await stop(process)
        #expect(await notify.waitFor("STOPPING=1").contains { $0.contains("STOPPING=1") })
        #expect(process.terminationStatus == 0)
    }

    @Test("a writer stuck behind a locked database stops the watchdog pings; they resume once it commits")
    func stuckWriterStopsWatchdog() async throws {
        let directory = try TemporaryDirectory()
        let notify = try NotifySocket(path: directory.path + "/notify")
        let socket = directory.path + "/s.sock"
        let process = try launch(
            Binaries.netctld, ["--socket", socket, "--data-dir", directory.path + "/data"],
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "600000"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        _ = await notify.waitFor("READY=1")
        #expect(await notify.collect(for: 1).contains { $0.contains("WATCHDOG=1") }, "pings while healthy")
        // Another process takes SQLite's write lock and keeps it for 9 s: the next commit cannot finish.
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                + "c.execute('PRAGMA busy_timeout=10000'); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(9)",
            directory.path + "/data/state.db",
        ]
        let lockerOutput = Pipe()
        locker.standardOutput = lockerOutput
        try locker.run()
        _ = lockerOutput.fileHandleForReading.availableData  // "locked"
        let lockedAt = ContinuousClock.now
        _ = Task { try await NetctlClient(socketPath: socket).send(VpcCreate(cidrBlock: "10.0.0.0/16")) }
        while locker.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        let unlockedAt = ContinuousClock.now
        // The commit waits until SQLite's busy timeout (5 s) or the lock goes; pings then resume.
        #expect(await notify.collect(for: 2).contains { $0.contains("WATCHDOG=1") }, "pings resume")
        // Healthy, pings come every 0.3 s. The stuck writer withholds them from 0.6 s into its commit
        // until the commit ends: a silence of about 4 s while the lock is held (less if the request is
        // late). Judged on the reader's arrival times, so a busy machine that wakes this task late
        // cannot blur it.
        let pings = [lockedAt] + notify.arrivals(of: "WATCHDOG=1").filter { $0 > lockedAt && $0 < unlockedAt } + [unlockedAt]
        let longestSilence = zip(pings, pings.dropFirst()).map { $1 - $0 }.max() ?? .zero
        #expect(longestSilence > .seconds(2.5), "longest silence while locked: \(longestSilence)")
        await stop(process)
    }

    @Test("started by systemd-socket-activate, netctld adopts the passed socket and serves on it")
    func socketActivation() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: SocketActivatedDaemon.activator),
            "systemd-socket-activate is not installed")
        let directory = try TemporaryDirectory()
        let path = directory.path + "/activated.sock"
        // --socket names another path: an adopted socket must win over binding.
        let daemon = try SocketActivatedDaemon(
            path: path,
            arguments: ["--socket", directory.path + "/unused.sock", "--data-dir", directory.path + "/data"])
        let health = await daemon.health()
        #expect(health?.status == "ok")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/unused.sock"))
        // The activator created the socket with its umask (others may read it); netctld takes their bits away.
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o007 == 0, "mode \(String(status.st_mode & 0o777, radix: 8))")
        let vpc = try await NetctlClient(socketPath: path).send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        #expect(vpc.name == "a")
        await daemon.terminate()
        // The socket file belongs to the activator (systemd), not to netctld: it is left in place.
        #expect(FileManager.default.fileExists(atPath: path))
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("the units pass systemd-analyze verify, and the service's exposure stays 'OK' (below 2.0)")
    func unitsVerify() throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze), "systemd-analyze is not installed")
        let directory = try TemporaryDirectory()
        // verify checks that ExecStart exists: point it at the binary under test, as `make install` points it at PREFIX.
        let service = try String(contentsOf: Self.repository.appendingPathComponent("systemd/netctld.service"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/netctld", with: Binaries.netctld)
        try service.write(toFile: directory.path + "/netctld.service", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: Self.repository.appendingPathComponent("systemd/netctld.socket").path, toPath: directory.path + "/netctld.socket")
        // --man=no: the man pages are checked by groff in `make test`, not installed here.
        let verify = try run(analyze, ["verify", "--man=no", directory.path + "/netctld.service", directory.path + "/netctld.socket"])
        #expect(verify.status == 0 && verify.output.isEmpty, "\(verify.output)")
        let security = try run(analyze, ["security", "--offline=yes", directory.path + "/netctld.service"])
        let exposure = security.output.split(separator: "\n").last { $0.contains("Overall exposure level") }
            .flatMap { line in line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) } }
        let level = try #require(exposure, "\(security.output)")
        #expect(level < 2.0, "exposure \(level)")
    }

    @Test("the service unit has the directives an operator relies on, each hardening block explained")
    func serviceDirectives() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("systemd/netctld.service"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for directive in [
            "Type=notify", "NotifyAccess=main", "ExecReload=/bin/kill -HUP $MAINPID", "WatchdogSec=", "Restart=on-failure",
            "StateDirectory=netctld", "RuntimeDirectory=netctld", "RuntimeDirectoryPreserve=yes", "Documentation=man:netctld(8)",
            "User=netctld", "Group=netctl", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes",
            "NoNewPrivileges=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "SystemCallFilter=@system-service",
            "CapabilityBoundingSet=", "UMask=0077",
        ] {
            #expect(
                lines.contains { $0 == directive || $0.hasPrefix(directive + " ") || (directive.hasSuffix("=") && $0.hasPrefix(directive)) },
                "missing \(directive)")
        }
        // Within [Service], every block of directives starts with a comment saying why.
        let service = lines.drop { $0 != "[Service]" }.dropFirst().prefix { !$0.hasPrefix("[") }
        var previous = ""
        for line in service {
            if !line.isEmpty && !line.hasPrefix("#") {
                #expect(previous.hasPrefix("#") || (!previous.isEmpty && !previous.hasPrefix("#")), "no comment above \(line)")
            }
            previous = line
        }
        let socket = try String(contentsOf: Self.repository.appendingPathComponent("systemd/netctld.socket"), encoding: .utf8)
        for directive in [
            "ListenStream=/run/netctld/netctld.sock", "SocketMode=0660", "SocketGroup=netctl", "Backlog=4096",
        ] {
            #expect(socket.contains(directive + "\n"), "netctld.socket lacks \(directive)")
        }
    }

    @Test("the sysusers snippet creates the netctl group and the netctld user in it")
    func sysusers() throws {
        let sysusers = "/usr/bin/systemd-sysusers"
        try #require(FileManager.default.isExecutableFile(atPath: sysusers), "systemd-sysusers is not installed")
        try #require(getuid() == 0, "systemd-sysusers --root needs root")
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: root.path + "/etc", withIntermediateDirectories: true)
        let result = try run(
            sysusers, ["--root=" + root.path, Self.repository.appendingPathComponent("systemd/netctl.sysusers.conf").path])
        #expect(result.status == 0, "\(result.output)")
        let group = try String(contentsOfFile: root.path + "/etc/group", encoding: .utf8)
        let passwd = try String(contentsOfFile: root.path + "/etc/passwd", encoding: .utf8)
        let gid = try #require(group.split(separator: "\n").first { $0.hasPrefix("netctl:") }?.split(separator: ":")[2])
        let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("netctld:") }?.split(separator: ":", omittingEmptySubsequences: false))
        #expect(user[3] == gid, "netctld's primary group is netctl")
        #expect(user[5] == "/var/lib/netctld")
    }
}
