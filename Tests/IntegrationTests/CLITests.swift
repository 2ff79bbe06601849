import Foundation
import NetctlAPI
import Testing

@Suite("netctl as a user types it")
struct CLITests {
    @Test("the README tour: create, list, get, a bad CIDR, delete")
    func tour() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = daemon.socketPath
        let create = try runCLI(["vpc", "create", "a", "--cidr", "10.0.0.0/16"], socket: socket)
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stdout.contains("10.0.0.0/16"))
        let subnet = try runCLI(["subnet", "create", "--vpc", "a", "--cidr", "10.0.1.0/24", "--az", "us-east-1a"], socket: socket)
        #expect(subnet.status == 0, "\(subnet.stderr)")
        #expect(subnet.stdout.contains("251"))
        let list = try runCLI(["vpc", "list"], socket: socket)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("VPC ID") == true)
        #expect(lines.count == 2 && lines[1].contains(" a ") && lines[1].contains("10.0.0.0/16"))

        let bad = try runCLI(["vpc", "create", "b", "--cidr", "10.0.0.0/8"], socket: socket)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: InvalidVpc.Range: "))
        #expect(bad.stdout.isEmpty)

        let busy = try runCLI(["vpc", "delete", "a"], socket: socket)
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("DependencyViolation"))
        #expect(try runCLI(["subnet", "delete", try subnetID(daemon)], socket: socket).status == 0)
        let deleted = try runCLI(["vpc", "delete", "a"], socket: socket)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try runCLI(["vpc", "get", "a"], socket: socket).stderr.contains("InvalidVpcID.NotFound"))
        await daemon.terminate()
    }

    @Test("--output json prints exactly the RPC result; global options go before or after the command")
    func jsonOutput() async throws {
        let daemon = try await DaemonProcess.start()
        _ = try runCLI(["vpc", "create", "a", "--cidr", "10.0.0.0/16"], socket: daemon.socketPath)
        let printed = try runCLI(["--socket", daemon.socketPath, "--output", "json", "vpc", "get", "a"], socket: nil)
        #expect(printed.status == 0, "\(printed.stderr)")
        let fromCLI = try NetctlJSON.decoder.decode(JSONValue.self, from: Data(printed.stdout.utf8))
        let fromSocket = try await daemon.client.call("vpc.get", params: ["vpc": "a"])
        #expect(fromCLI == fromSocket)
        let after = try runCLI(["vpc", "get", "a", "--output", "json", "--socket", daemon.socketPath], socket: nil)
        #expect(after.stdout == printed.stdout)
        await daemon.terminate()
    }

    @Test("exit codes: 2 for usage errors, 3 when the daemon cannot be reached, naming the socket tried")
    func exitCodes() async throws {
        let usage = try runCLI(["vpc", "create", "a"], socket: "/tmp/none.sock")
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--cidr"))
        #expect(try runCLI(["vpc", "frobnicate"], socket: "/tmp/none.sock").status == 2)
        let missing = "/tmp/netctl-no-daemon-\(UUID().uuidString.prefix(8)).sock"
        let down = try runCLI(["vpc", "list"], socket: missing)
        #expect(down.status == 3)
        #expect(down.stderr.contains(missing))
        #expect(down.stderr.contains("netctld"))
        #expect(try runCLI(["--help"], socket: nil).status == 0)
    }

    @Test("routes, gateways and route tables through the CLI")
    func routing() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = daemon.socketPath
        func ok(_ arguments: [String]) throws -> String {
            let result = try runCLI(arguments, socket: socket)
            #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
        _ = try ok(["vpc", "create", "a", "--cidr", "10.0.0.0/16"])
        _ = try ok(["subnet", "create", "public", "--vpc", "a", "--cidr", "10.0.0.0/24"])
        let gateway = try await daemon.client.send(GatewayList()).gateways
        #expect(gateway.isEmpty)
        _ = try ok(["gateway", "create", "internet", "--vpc", "a"])
        let igw = try #require(try await daemon.client.send(GatewayList()).gateways.first)
        _ = try ok(["route-table", "create", "public-rt", "--vpc", "a"])
        let shown = try ok(["route", "create", "public-rt", "--destination", "0.0.0.0/0", "--gateway", igw.internetGatewayId])
        #expect(shown.contains("0.0.0.0/0") && shown.contains(igw.internetGatewayId) && shown.contains("active"))
        _ = try ok(["route-table", "associate", "public-rt", "--subnet", "public"])
        _ = try ok(["gateway", "detach", igw.internetGatewayId])
        let table = try ok(["route-table", "get", "public-rt"])
        #expect(table.contains("blackhole"))
        let dup = try runCLI(["route", "create", "public-rt", "--destination", "0.0.0.0/0", "--gateway", igw.internetGatewayId], socket: socket)
        #expect(dup.status == 1)
        let list = try ok(["gateway", "list"])
        #expect(list.contains("detached"))
        await daemon.terminate()
    }

    private func subnetID(_ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(["--output", "json", "subnet", "list"], socket: daemon.socketPath)
        let list = try NetctlJSON.decoder.decode(SubnetListResponse.self, from: Data(result.stdout.utf8))
        return try #require(list.subnets.first?.subnetId)
    }
}
