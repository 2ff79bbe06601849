import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// `reach.matrix` and security groups as `reach.analyze` endpoints, through the socket and
/// `netctl reach matrix` (table, dot, json); `netctl reach SOURCE DESTINATION` keeps working.
@Suite(.serialized) struct ReachMatrixTests {
    @Test("a VPC's matrix over the socket and in the CLI; groups as endpoints; netctl reach a b unchanged")
    func matrix() async throws {
        let daemon = try await DaemonProcess.start([])
        let client = daemon.client
        let socket = daemon.socketPath
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
        _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", name: "web"))
        _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.2.0/24", name: "db"))
        let webGroup = try await client.send(SecurityGroupCreate(vpc: "app", name: "web"))
        let dbGroup = try await client.send(SecurityGroupCreate(vpc: "app", name: "db"))
        _ = try await client.send(
            SecurityGroupAuthorizeIngress(
                group: dbGroup.groupId,
                rules: [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: webGroup.groupId)]))
        let w = try #require(
            try await client.send(InstanceRun(subnet: "web", name: "w", securityGroups: [webGroup.groupId])).instances.first)
        let d = try #require(
            try await client.send(InstanceRun(subnet: "db", name: "d", securityGroups: [dbGroup.groupId])).instances.first)

        let result = try await client.send(ReachMatrix(vpc: "app", protocol: "tcp", port: 5432))
        #expect(result.endpoints == [w.instanceId, d.instanceId].sorted())
        #expect(result.pairs.count == 2)
        let forth = try #require(result.pairs.first { $0.source == w.instanceId })
        let back = try #require(result.pairs.first { $0.source == d.instanceId })
        #expect(forth.reachable && forth.explanation == nil)
        #expect(!back.reachable && back.explanation?.code == ReachExplanation.securityGroupDeniesIngress)
        #expect(back.explanation?.component == webGroup.groupId)
        do {
            _ = try await client.send(ReachMatrix(vpc: "app", subnets: ["web"], protocol: "-1"))
            Issue.record("vpc and subnets together were accepted")
        } catch ClientError.rpc(let error) {
            #expect(error.domainCode == "InvalidParameterCombination")
        }

        // Groups as endpoints: every member of web to every member of db.
        let groups = try await client.send(
            ReachAnalyze(source: webGroup.groupId, destination: "db", port: 5432, protocol: "tcp"))
        #expect(groups.source.type == "securityGroup" && groups.destination.type == "subnet")
        #expect(try await client.send(
            ReachAnalyze(source: "web", destination: dbGroup.groupId, port: 5432, protocol: "tcp")).reachable == false,
            "the subnet web stands for a resource with the default group, which db does not admit")
        #expect(try await client.send(
            ReachAnalyze(source: webGroup.groupId, destination: dbGroup.groupId, port: 5432, protocol: "tcp")).reachable)

        func cli(_ arguments: [String], status: Int32 = 0) throws -> String {
            let result = try runCLI(arguments, socket: socket)
            #expect(result.status == status, "netctl \(arguments.joined(separator: " ")): \(result.stdout) \(result.stderr)")
            return result.stdout
        }
        let table = try cli(["reach", "matrix", "--vpc", "app", "--port", "5432"])
        #expect(table.contains("SOURCE \\ DESTINATION"), "\(table)")
        #expect(table.contains(w.instanceId) && table.contains(d.instanceId))
        #expect(table.contains(" ok") && table.contains("SG-IN"))
        #expect(table.contains("2 pairs: 1 reachable, 1 blocked."))
        #expect(table.contains("SECURITY_GROUP_DENIES_INGRESS"), "the legend")

        let dot = try cli(["reach", "matrix", "--instance", "w", "--instance", "d", "--port", "5432", "--format", "dot"])
        #expect(dot.hasPrefix("digraph reach {"), "\(dot)")
        #expect(dot.contains("\"\(w.instanceId)\" -> \"\(d.instanceId)\";"))
        #expect(dot.contains(
            "\"\(d.instanceId)\" -> \"\(w.instanceId)\" [style=dashed, color=\"#c62828\", label=\"SECURITY_GROUP_DENIES_INGRESS\"];"))

        let json = try cli(["reach", "matrix", "--vpc", "app", "--port", "5432", "--output", "json"])
        #expect(try NetctlJSON.decoder.decode(ReachMatrixResult.self, from: Data(json.utf8)) == result)

        let refused = try runCLI(["reach", "matrix", "--vpc", "app", "--subnet", "web"], socket: socket)
        #expect(refused.status == 1 && refused.stderr.contains("InvalidParameterCombination"), "\(refused)")
        let subnets = try cli(["reach", "matrix", "--subnet", "web", "--subnet", "db", "--protocol", "icmp"])
        #expect(subnets.contains("2 pairs:"), "\(subnets)")

        // The one-pair form, with and without its subcommand's name, and its exit status 4.
        #expect(try cli(["reach", "w", "d", "--port", "5432"]).contains("can reach"))
        #expect(try cli(["reach", "analyze", "w", "d", "--port", "5432"]).contains("can reach"))
        #expect(try cli(["reach", "d", "w", "--port", "5432"], status: 4).contains("SECURITY_GROUP_DENIES_INGRESS"))
        #expect(try cli(["reach", webGroup.groupId, dbGroup.groupId, "--port", "5432"]).contains("can reach"))
        await daemon.terminate()
    }
}
