import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A data directory on a small tmpfs of its own, so the disk can really fill up. Mounting needs root.
private final class SmallFileSystem {
    let path: String

    init(path: String, bytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run(["mount", "-t", "tmpfs", "-o", "size=\(bytes),mode=0700", "tmpfs", path])
    }

    /// Writes a file until the file system refuses another byte; returns its path.
    func fill() throws -> String {
        let filler = path + "/filler"
        let fd = open(filler, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        for size in [65536, 4096, 1] {
            let chunk = [UInt8](repeating: 0x2a, count: size)
            while write(fd, chunk, size) == size {}
        }
        guard errno == ENOSPC else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return filler
    }

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonFailure(message: "\(arguments.joined(separator: " ")) failed: \(process.terminationStatus)")
        }
    }

    /// Remounts the file system read-only or writable again (it must have no file open for writing).
    func remount(writable: Bool) throws {
        try Self.run(["mount", "-o", "remount,\(writable ? "rw" : "ro")", path])
    }

    deinit { try? Self.run(["umount", "-l", path]) }
}

@Suite("Storage faults")
struct StorageFaultTests {
    @Test(
        "a full disk fails mutations with a clear InternalError and changes nothing; reads go on; writes resume when space returns",
        .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func fullDisk() async throws {
        let directory = try TemporaryDirectory()
        let disk = try SmallFileSystem(path: directory.path + "/data", bytes: 2 << 20)
        let daemon = try await DaemonProcess.start(["--quota", "vpcsPerRegion=100000"], directory: directory)
        let before = try await daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "before"))

        let filler = try disk.fill()
        // A checkpointed WAL is rewritten in place, so a few commits may still fit: write until one fails.
        var refused: (name: String, error: RPCErrorObject)?
        for index in 1...2000 where refused == nil {
            let name = "full-\(index)"
            do {
                _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.\(index % 250).0.0/16", name: name))
            } catch ClientError.rpc(let error) {
                refused = (name, error)
            }
        }
        let failure = try #require(refused, "2000 creations on a full disk all succeeded")
        #expect(failure.error.codeName == "InternalError")
        #expect(failure.error.message.contains("is full"), "\(failure.error.message)")
        #expect(failure.error.message.contains("Free space there"), "\(failure.error.message)")

        // Reads are answered; the refused creation left nothing behind.
        #expect(try await daemon.client.send(VpcGet(vpc: before.vpcId)) == before)
        let listed = try await daemon.client.send(VpcList(maxResults: 1000))
        #expect(!listed.vpcs.contains { $0.name == failure.name })
        #expect(try sqlite(daemon.databasePath, "PRAGMA integrity_check") == "ok")

        // Space returns: writes succeed again, without a restart.
        try FileManager.default.removeItem(atPath: filler)
        let after = try await daemon.client.send(VpcCreate(cidrBlock: "172.16.0.0/16", name: "after"))
        #expect(await daemon.terminate() == 0)
        #expect(try sqlite(daemon.databasePath, "PRAGMA integrity_check") == "ok")
        try await daemon.start()
        let reloaded = try await daemon.client.send(VpcList(maxResults: 1000)).vpcs
        #expect(reloaded.contains { $0.vpcId == before.vpcId } && reloaded.contains { $0.vpcId == after.vpcId })
        #expect(!reloaded.contains { $0.name == failure.name })
        // Every VPC still has its main route table: nothing half-applied.
        let orphans = try sqlite(
            daemon.databasePath,
            """
            SELECT id FROM vpcs v WHERE NOT EXISTS
                (SELECT 1 FROM route_tables r WHERE r.id = json_extract(v.body, '$.mainRouteTableId'))
            """)
        #expect(orphans.isEmpty)
        await daemon.terminate()
    }

    @Test(
        "a read-only data directory is served: reads answer, every change is refused with Unavailable, nothing is written",
        .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func readOnlyDataDirectory() async throws {
        let directory = try TemporaryDirectory()
        let disk = try SmallFileSystem(path: directory.path + "/data", bytes: 16 << 20)
        let daemon = try await DaemonProcess.start([], directory: directory)
        let a = try await daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let b = try await daemon.client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        let peering = try await daemon.client.send(PeeringCreate(requesterVpc: "a", accepterVpc: "b"))
        #expect(await daemon.terminate() == 0)

        // Twice: once with the write-ahead log netctld leaves behind, once with everything checkpointed
        // into the main files and no -wal or -shm file (as a copied or archived directory may be).
        for checkpointed in [false, true] {
            if checkpointed {
                try disk.remount(writable: true)
                for file in ["state.db", "streams.db"] {
                    try SmallFileSystem.run(["sqlite3", daemon.dataDirectory + "/" + file, "PRAGMA wal_checkpoint(TRUNCATE)"])
                    for suffix in ["-wal", "-shm"] {
                        try? FileManager.default.removeItem(atPath: daemon.dataDirectory + "/" + file + suffix)
                    }
                }
            }
            try disk.remount(writable: false)
            let listing = try FileManager.default.contentsOfDirectory(atPath: daemon.dataDirectory).sorted()
            try await daemon.start()

            #expect(try await daemon.client.send(VpcGet(vpc: "a")) == a, "checkpointed: \(checkpointed)")
            #expect(try await daemon.client.send(VpcGet(vpc: b.vpcId)) == b)
            #expect(try await daemon.client.send(PeeringGet(peering: peering.peeringId)).status.code == "pending-acceptance")
            #expect(try await daemon.client.send(SystemStatus()).readOnly)
            #expect(!(try await daemon.client.send(LogsGroups()).logGroups.isEmpty), "the watcher's logs are readable")

            for change in [
                { _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.2.0.0/16", name: "c")) },
                { _ = try await daemon.client.send(PeeringAccept(peering: peering.peeringId)) },
                {
                    _ = try await daemon.client.send(
                        LogsPut(group: "/netctl/vpc", stream: a.vpcId, events: [.init(timestamp: 0, message: "x")]))
                },
            ] as [@Sendable () async throws -> Void] {
                do {
                    try await change()
                    Issue.record("a change succeeded on a read-only data directory")
                } catch ClientError.rpc(let error) {
                    #expect(error.codeName == "Unavailable")
                    #expect(error.message.contains("read-only"), "\(error.message)")
                    #expect(error.message.contains("restart netctld"), "\(error.message)")
                }
            }
            #expect(try await daemon.client.send(VpcList()).vpcs.map(\.name) == ["a", "b"])
            #expect(await daemon.terminate() == 0)
            // Nothing was created or removed in the directory, and the database is sound.
            #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.dataDirectory).sorted() == listing)
            // SQLite cannot open a read-only WAL database without its -shm file unless told it is immutable.
            let database = checkpointed ? "file:\(daemon.databasePath)?immutable=1" : daemon.databasePath
            #expect(try sqlite(database, "PRAGMA integrity_check") == "ok")
        }

        // Writable again: after a restart, changes are taken.
        try disk.remount(writable: true)
        try await daemon.start()
        #expect(try await daemon.client.send(SystemStatus()).readOnly == false)
        _ = try await daemon.client.send(PeeringAccept(peering: peering.peeringId))
        _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.2.0.0/16", name: "c"))
        #expect(try await daemon.client.send(VpcList()).vpcs.count == 3)
        #expect(await daemon.terminate() == 0)
    }

    @Test(
        "an empty read-only data directory stops netctld at start with a message saying what to do",
        .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func emptyReadOnlyDataDirectory() async throws {
        let directory = try TemporaryDirectory()
        let disk = try SmallFileSystem(path: directory.path + "/data", bytes: 1 << 20)
        try disk.remount(writable: false)
        let daemon = try DaemonProcess(directory: directory)
        #expect(try await daemon.runUntilExit() != 0)
        #expect(daemon.log.contains("does not exist and cannot be created"), "\(daemon.log)")
    }
}
