import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// `instance.*` and `networkInterface.*` through the socket and the `netctl instance`/`netctl eni`
/// commands, on netctld's manual clock.
@Suite(.serialized) struct InstanceTests {
    @Test("run over the socket, watch the states move on the clock, and drive it with netctl instance and eni")
    func throughSocketAndCLI() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        let socket = daemon.socketPath
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
        _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", name: "public"))
        _ = try await client.send(SubnetModifyAttribute(subnet: "public", mapPublicIpOnLaunch: true))
        func cli(_ arguments: [String]) throws -> CLIResult {
            let result = try runCLI(arguments, socket: socket)
            #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }

        let launched = try await client.send(InstanceRun(subnet: "public", name: "web")).instances
        #expect(launched.count == 1 && launched[0].state == .pending && launched[0].publicIpAddress != nil)
        let web = launched[0]
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        #expect(try await client.send(InstanceGet(instance: "web")).state == .running)
        let interface = try await client.send(NetworkInterfaceGet(networkInterface: web.networkInterfaceId))
        #expect(interface.interfaceType == "instance" && interface.attachment?.instanceId == web.instanceId)
        #expect(interface.publicIpAddress == web.publicIpAddress)

        // A taken address is refused with AWS's code, over the socket and in the CLI.
        do {
            _ = try await client.send(InstanceRun(subnet: "public", privateIpAddress: web.privateIpAddress))
            Issue.record("a taken address was accepted")
        } catch ClientError.rpc(let error) {
            #expect(error.domainCode == "InvalidIPAddress.InUse")
        }
        let taken = try runCLI(
            ["instance", "run", "--subnet", "public", "--private-ip", web.privateIpAddress], socket: socket)
        #expect(taken.status == 1 && taken.stderr.contains("InvalidIPAddress.InUse"), "\(taken)")

        let run = try cli(["instance", "run", "db", "--subnet", "public", "--private-ip", "10.0.1.50", "--no-public-ip"])
        #expect(run.stdout.contains("10.0.1.50") && run.stdout.contains("pending"), "\(run.stdout)")
        let listed = try cli(["instance", "list", "--vpc", "app"]).stdout
        #expect(listed.contains(web.instanceId) && listed.contains("running") && listed.contains("db"), "\(listed)")
        #expect(try cli(["instance", "get", "db"]).stdout.contains("10.0.1.50"))
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        #expect(try cli(["instance", "stop", "web"]).stdout.contains("stopping"))
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        let stopped = try await client.send(InstanceGet(instance: "web"))
        #expect(stopped.state == .stopped && stopped.publicIpAddress == nil)
        #expect(try cli(["instance", "start", "web"]).stdout.contains("pending"))
        #expect(try cli(["instance", "list", "--state", "pending"]).stdout.contains(web.instanceId))

        let created = try cli(["eni", "create", "--subnet", "public", "--private-ip", "10.0.1.60", "--description", "spare"])
        #expect(created.stdout.contains("10.0.1.60") && created.stdout.contains("available"), "\(created.stdout)")
        let enis = try await client.send(NetworkInterfaceList(vpc: "app")).networkInterfaces
        #expect(enis.count == 3)
        let spare = try #require(enis.first { $0.privateIpAddress == "10.0.1.60" })
        #expect(try cli(["eni", "list", "--subnet", "public"]).stdout.contains(spare.networkInterfaceId))
        #expect(try cli(["eni", "get", web.networkInterfaceId]).stdout.contains(web.instanceId))
        let inUse = try runCLI(["eni", "delete", web.networkInterfaceId], socket: socket)
        #expect(inUse.status == 1 && inUse.stderr.contains("InvalidNetworkInterface.InUse"), "\(inUse)")
        #expect(try cli(["eni", "delete", spare.networkInterfaceId]).stdout.contains("deleted"))

        #expect(try cli(["instance", "terminate", "web"]).stdout.contains("shutting-down"))
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        #expect(try await client.send(InstanceGet(instance: web.instanceId)).state == .terminated)
        let left = try await client.send(NetworkInterfaceList(vpc: "app")).networkInterfaces
        #expect(left.map(\.privateIpAddress) == ["10.0.1.50"])
        _ = try await client.send(DebugClockAdvance(seconds: 3600))
        let remaining = try await client.send(InstanceList()).instances
        #expect(remaining.map(\.name) == ["db"])
        await daemon.terminate()
    }
}
