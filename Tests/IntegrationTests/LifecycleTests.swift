import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Daemon lifecycle and durability")
struct LifecycleTests {
    @Test("state survives SIGTERM and a restart with the same IDs")
    func restartKeepsState() async throws {
        let daemon = try await DaemonProcess.start()
        let vpc = try await daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let subnet = try await daemon.client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1b"))
        let table = try await daemon.client.send(RouteTableCreate(vpc: "a", name: "private"))
        _ = try await daemon.client.send(RouteTableAssociate(routeTable: "private", subnet: subnet.subnetId))
        let nat = try await daemon.client.send(NatGatewayCreate(subnet: subnet.subnetId))
        #expect(await daemon.terminate() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))

        try await daemon.start()
        let reloaded = try await daemon.client.send(VpcGet(vpc: "a"))
        #expect(reloaded == vpc)
        let reloadedSubnet = try await daemon.client.send(SubnetGet(subnet: subnet.subnetId))
        #expect(reloadedSubnet.availableIpAddressCount == subnet.availableIpAddressCount - 1)
        let reloadedTable = try await daemon.client.send(RouteTableGet(routeTable: table.routeTableId))
        #expect(reloadedTable.associations.map(\.subnetId) == [subnet.subnetId])
        #expect(try await daemon.client.send(NatGatewayGet(natGateway: nat.natGatewayId)) == nat)
        await daemon.terminate()
    }

    @Test("kill -9 while 4 clients create VPCs: every acknowledged create survives, the database is sound")
    func crashDuringWrites() async throws {
        let daemon = try await DaemonProcess.start(["--quota", "vpcsPerRegion=100000"])
        let acknowledged = AcknowledgedIDs()
        let client = daemon.client
        let writers = (0..<4).map { worker in
            Task {
                var index = 0
                while !Task.isCancelled {
                    do {
                        let second = worker * 64 + index / 256
                        let cidr = "10.\(second).\(index % 256).0/24"
                        let vpc = try await client.send(VpcCreate(cidrBlock: cidr))
                        acknowledged.add(vpc.vpcId)
                    } catch {
                        return
                    }
                    index += 1
                }
            }
        }
        // Let the writers get going, then pull the plug mid-stream.
        while acknowledged.count < 200 { try await Task.sleep(for: .milliseconds(10)) }
        await daemon.killHard()
        for writer in writers { writer.cancel() }
        for writer in writers { await writer.value }

        #expect(try sqlite(daemon.databasePath, "PRAGMA integrity_check") == "ok")
        try await daemon.start()
        var present = Set<String>()
        var token: String?
        repeat {
            let page = try await daemon.client.send(VpcList(maxResults: 1000, nextToken: token))
            present.formUnion(page.vpcs.map(\.vpcId))
            token = page.nextToken
        } while token != nil
        let missing = acknowledged.all.subtracting(present)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        // Every VPC came with its main route table in the same transaction.
        let tables = try await daemon.client.send(RouteTableList())
        #expect(tables.routeTables.count >= present.count || tables.nextToken == nil)
        await daemon.terminate()
    }

    @Test("a second netctld on the same socket refuses to start; a stale socket file is replaced")
    func singleInstance() async throws {
        let daemon = try await DaemonProcess.start()
        let second = try DaemonProcess(directory: daemon.directory)
        let status = try await second.runUntilExit()
        #expect(status != 0)
        #expect(second.log.contains("another netctld is already serving \(daemon.socketPath)"))
        // The first one is unharmed.
        #expect(try await daemon.client.send(SystemHealth()).status == "ok")
        await daemon.killHard()
        // kill -9 leaves the socket file behind; the next start replaces it.
        #expect(FileManager.default.fileExists(atPath: daemon.socketPath))
        try await daemon.start()
        #expect(try await daemon.client.send(SystemHealth()).status == "ok")
        await daemon.terminate()
    }

    @Test("data directory is private (0700) and the socket is 0660")
    func permissions() async throws {
        let daemon = try await DaemonProcess.start()
        let dataMode = try FileManager.default.attributesOfItem(atPath: daemon.dataDirectory)[.posixPermissions] as? Int
        #expect(dataMode == 0o700)
        let socketMode = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)[.posixPermissions] as? Int
        #expect(socketMode == 0o660)
        await daemon.terminate()
    }

    @Test("a bad config is refused at start with a message naming the problem")
    func badConfiguration() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path + "/netctld.yaml"
        try "quotas:\n  activePeeringsPerVpc: 500\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["--config", config], directory: directory)
        #expect(try await daemon.runUntilExit() != 0)
        #expect(daemon.log.contains("activePeeringsPerVpc must be between 1 and 125"))
        let unknownQuota = try DaemonProcess(arguments: ["--quota", "vpcs=3"], directory: directory)
        #expect(try await unknownQuota.runUntilExit() != 0)
        #expect(unknownQuota.log.contains("Unknown quota 'vpcs'"))
        try "quotas:\n  vpcsPerRegion: lots\n".write(toFile: config, atomically: true, encoding: .utf8)
        let typo = try DaemonProcess(arguments: ["--config", config], directory: directory)
        #expect(try await typo.runUntilExit() != 0)
        #expect(typo.log.contains("quotas.vpcsPerRegion must be a whole number, not 'lots'"))
        // Nothing was started, so nothing was created.
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }

    @Test("config file, environment and flags stack in that order")
    func configurationPrecedence() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path + "/netctld.yaml"
        try "region: eu-west-1\nquotas:\n  vpcsPerRegion: 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try await DaemonProcess.start(["--config", config], directory: directory)
        #expect(try await daemon.client.send(SystemWhoami()).region == "eu-west-1")
        _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16"))
        await #expect { try await daemon.client.send(VpcCreate(cidrBlock: "10.1.0.0/16")) } throws: { error in
            guard case ClientError.rpc(let rpc) = error else { return false }
            return rpc.domainCode == "VpcLimitExceeded" && rpc.message.contains("vpcsPerRegion")
        }
        await daemon.terminate()
        let flagged = try await DaemonProcess.start(["--config", config, "--region", "ap-south-1"], directory: directory)
        #expect(try await flagged.client.send(SystemWhoami()).region == "ap-south-1")
        await flagged.terminate()
    }
}

final class AcknowledgedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids = Set<String>()
    func add(_ id: String) { lock.withLock { _ = ids.insert(id) } }
    var count: Int { lock.withLock { ids.count } }
    var all: Set<String> { lock.withLock { ids } }
}

/// Runs the sqlite3 shell read-only, as an operator inspecting the file would.
func sqlite(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", "-readonly", database, sql]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // A failed statement prints nothing on standard output: never let that pass for an empty answer.
    guard process.terminationStatus == 0, problem.isEmpty else {
        throw DaemonFailure(message: "sqlite3 \(sql): status \(process.terminationStatus): \(problem)")
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
