import Foundation
import NetctlAPI
import Testing

@Suite("netctl status")
struct StatusTests {
    @Test("status reports the socket, data dir, database and WAL sizes, counts, connections, watcher lag and last commit")
    func status() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = daemon.socketPath
        let before = try await daemon.client.send(SystemStatus())
        #expect(before.lastCommitAt == nil)
        #expect(before.resources["vpcs"] == 0)
        _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))

        let status = try await daemon.client.send(SystemStatus())
        #expect(status.socket == socket)
        #expect(status.dataDir == daemon.dataDirectory)
        #expect(status.resources["vpcs"] == 2 && status.resources["routeTables"] == 2)
        #expect(status.databaseBytes > 0 && status.walBytes > 0 && status.streamsDatabaseBytes > 0)
        #expect(status.connections >= 1)
        #expect(status.lastCommitAt != nil)
        #expect(status.watcherLagEvents >= 0)
        #expect(status.pid == daemon.process?.processIdentifier)

        let table = try runCLI(["status"], socket: socket)
        #expect(table.status == 0, "\(table.stderr)")
        for expected in ["Socket:", socket, "Data dir:", "Database:", "WAL", "2 VPCs", "2 route tables", "Connections:",
            "Watcher lag:", "Last commit:", "Read-only:   no"]
        {
            #expect(table.stdout.contains(expected), "missing \(expected) in\n\(table.stdout)")
        }
        let json = try runCLI(["status", "--output", "json"], socket: socket)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["health", "status", "whoami"])
        #expect(((object["status"] as? [String: Any])?["resources"] as? [String: Any])?["vpcs"] as? Int == 2)

        // The watcher catches up: its lag drains to zero.
        var lag = Int64.max
        for _ in 0..<200 where lag != 0 {
            lag = try await daemon.client.send(SystemStatus()).watcherLagEvents
            if lag != 0 { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(lag == 0)
        await daemon.terminate()
    }
}
