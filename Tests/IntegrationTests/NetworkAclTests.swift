import Foundation
import NetctlAPI
import Testing

/// Network ACLs through the socket and `netctl nacl`, kept across a restart, and given to VPCs a
/// database from before ACLs already holds.
@Suite(.serialized) struct NetworkAclTests {
    @Test func aclsOverTheSocketAndTheCLI() async throws {
        let daemon = try await DaemonProcess.start()
        defer { Task { await daemon.terminate() } }
        let client = daemon.client
        let socket = daemon.socketPath
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let subnet = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "s1"))
        let defaults = try await client.send(
            NetworkAclList(vpc: "a", filters: [Filter(name: "default", values: ["true"])]))
        let defaultAcl = try #require(defaults.networkAcls.first)
        #expect(defaults.networkAcls.count == 1)
        #expect(subnet.networkAclId == defaultAcl.networkAclId)
        #expect(defaultAcl.associations.map(\.subnetId) == [subnet.subnetId])

        // The CLI: create, entries with --port ranges and aliases, associate.
        let create = try runCLI(["nacl", "create", "web", "--vpc", "a", "--output", "json"], socket: socket)
        #expect(create.status == 0, "\(create)")
        let add = try runCLI(
            [
                "nacl", "entry", "add", "web", "--ingress", "--rule", "100", "--allow", "--protocol", "tcp", "--port",
                "443", "--cidr", "0.0.0.0/0",
            ], socket: socket)
        #expect(add.status == 0, "\(add)")
        #expect(add.stdout.contains("443"), "\(add.stdout)")
        let ephemeral = try runCLI(
            [
                "nacl", "entry", "add", "web", "--egress", "--rule", "100", "--allow", "--protocol", "tcp", "--port",
                "1024-65535", "--cidr", "0.0.0.0/0",
            ], socket: socket)
        #expect(ephemeral.status == 0, "\(ephemeral)")
        let ping = try runCLI(
            [
                "nacl", "entry", "add", "web", "--ingress", "--rule", "110", "--allow", "--protocol", "icmp", "--cidr",
                "10.0.0.0/8",
            ],
            socket: socket)
        #expect(ping.status == 0, "\(ping)")
        let duplicate = try runCLI(
            ["nacl", "entry", "add", "web", "--ingress", "--rule", "100", "--deny", "--cidr", "0.0.0.0/0"],
            socket: socket)
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("NetworkAclEntryAlreadyExists"), "\(duplicate)")
        let badPort = try runCLI(
            [
                "nacl", "entry", "add", "web", "--ingress", "--rule", "120", "--allow", "--port", "80-", "--cidr",
                "0.0.0.0/0",
            ],
            socket: socket)
        #expect(badPort.status == 2, "\(badPort)")
        let replace = try runCLI(
            [
                "nacl", "entry", "replace", "web", "--ingress", "--rule", "100", "--allow", "--protocol", "udp",
                "--port",
                "53", "--cidr", "10.1.2.3/16",
            ], socket: socket)
        #expect(replace.status == 0, "\(replace)")
        let delete = try runCLI(["nacl", "entry", "delete", "web", "--egress", "--rule", "100"], socket: socket)
        #expect(delete.status == 0, "\(delete)")
        let associate = try runCLI(["nacl", "associate", "web", "--subnet", "s1"], socket: socket)
        #expect(associate.status == 0, "\(associate)")
        #expect(associate.stdout.contains("aclassoc-"), "\(associate.stdout)")

        let web = try await client.send(NetworkAclGet(networkAcl: "web"))
        #expect(!web.isDefault && web.vpcId == vpc.vpcId)
        #expect(
            web.entries == [
                NetworkAclEntry(
                    ruleNumber: 32767, egress: true, protocol: "-1", ruleAction: .deny, cidrBlock: "0.0.0.0/0"),
                NetworkAclEntry(
                    ruleNumber: 100, egress: false, protocol: "17", ruleAction: .allow, cidrBlock: "10.1.0.0/16",
                    fromPort: 53, toPort: 53),
                NetworkAclEntry(
                    ruleNumber: 110, egress: false, protocol: "1", ruleAction: .allow, cidrBlock: "10.0.0.0/8",
                    icmpType: -1, icmpCode: -1),
                NetworkAclEntry(
                    ruleNumber: 32767, egress: false, protocol: "-1", ruleAction: .deny, cidrBlock: "0.0.0.0/0"),
            ])
        #expect(web.associations.map(\.subnetId) == [subnet.subnetId])
        #expect(try await client.send(SubnetGet(subnet: "s1")).networkAclId == web.networkAclId)
        let subnetShown = try runCLI(["subnet", "get", "s1"], socket: socket)
        #expect(subnetShown.stdout.contains(web.networkAclId), "\(subnetShown)")
        let get = try runCLI(["nacl", "get", "web"], socket: socket)
        #expect(get.status == 0 && get.stdout.contains("udp") && get.stdout.contains("*"), "\(get)")
        let list = try runCLI(["nacl", "list", "--vpc", "a"], socket: socket)
        #expect(list.stdout.contains(defaultAcl.networkAclId) && list.stdout.contains(web.networkAclId), "\(list)")

        // Refusals over the socket carry AWS's codes.
        await expectCode("CannotDelete") {
            _ = try await client.send(NetworkAclDelete(networkAcl: defaultAcl.networkAclId))
        }
        await expectCode("DependencyViolation") { _ = try await client.send(NetworkAclDelete(networkAcl: "web")) }
        await expectCode("DependencyViolation") { _ = try await client.send(VpcDelete(vpc: "a")) }
        await expectCode("InvalidNetworkAclId.Malformed") {
            _ = try await client.send(NetworkAclGet(networkAcl: "acl-1"))
        }
        await expectCode("InvalidNetworkAclID.NotFound") {
            _ = try await client.send(NetworkAclGet(networkAcl: "acl-0123456789abcdef0"))
        }

        // Everything survives a restart.
        #expect(await daemon.terminate() == 0)
        try await daemon.start()
        #expect(try await client.send(NetworkAclGet(networkAcl: "web")) == web)
        #expect(try await client.send(NetworkAclGet(networkAcl: defaultAcl.networkAclId)).associations.isEmpty)

        // Back to the default, then the VPC can go, and its default ACL with it.
        let back = try await client.send(NetworkAclAssociate(networkAcl: defaultAcl.networkAclId, subnet: "s1"))
        #expect(back.networkAcl.isDefault && back.newAssociationId != web.associations[0].associationId)
        _ = try await client.send(NetworkAclDelete(networkAcl: "web"))
        _ = try await client.send(SubnetDelete(subnet: "s1"))
        _ = try await client.send(VpcDelete(vpc: "a"))
        #expect(try await client.send(NetworkAclList()).networkAcls.isEmpty)
    }

    @Test func aDatabaseFromBeforeACLsGetsDefaultACLs() async throws {
        let daemon = try await DaemonProcess.start()
        defer { Task { await daemon.terminate() } }
        let client = daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let first = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"))
        let second = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.2.0/24"))
        let acl = try #require(try await client.send(NetworkAclList(vpc: "a")).networkAcls.first)
        #expect(await daemon.terminate() == 0)

        // Undo the upgrade as if the database were written before it: no ACL table, no networkAclId.
        for statement in [
            "DROP TABLE network_acls", "DELETE FROM grdb_migrations WHERE identifier = 'v10: network ACLs'",
            "UPDATE subnets SET body = json_remove(body, '$.networkAclId')",
        ] {
            let result = try runProcess(
                "/usr/bin/env", ["sqlite3", daemon.databasePath, statement],
                environment: ProcessInfo.processInfo.environment)
            #expect(result.status == 0, "\(statement): \(result.stderr)")
        }
        let stripped = try runProcess(
            "/usr/bin/env",
            ["sqlite3", daemon.databasePath, "SELECT count(*) FROM subnets WHERE body LIKE '%networkAclId%'"],
            environment: ProcessInfo.processInfo.environment)
        #expect(stripped.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        try await daemon.start()
        let upgraded = try await client.send(NetworkAclList(vpc: "a")).networkAcls
        #expect(upgraded.count == 1)
        let restored = try #require(upgraded.first)
        #expect(restored.networkAclId == acl.networkAclId, "the same derived ID on every copy of a database")
        #expect(restored.isDefault && restored.vpcId == vpc.vpcId && restored.entries == acl.entries)
        #expect(Set(restored.associations.map(\.subnetId)) == [first.subnetId, second.subnetId])
        #expect(try await client.send(SubnetGet(subnet: first.subnetId)).networkAclId == acl.networkAclId)
        // And the rules hold for it: a new subnet joins it, the default cannot be deleted.
        let third = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.3.0/24"))
        #expect(third.networkAclId == acl.networkAclId)
        await expectCode("CannotDelete") { _ = try await client.send(NetworkAclDelete(networkAcl: acl.networkAclId)) }
    }

    private func expectCode(
        _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected \(code), the call succeeded", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(code), "\(error)", sourceLocation: sourceLocation)
        }
    }
}
