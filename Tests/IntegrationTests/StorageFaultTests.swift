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
}
