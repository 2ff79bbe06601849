import Foundation
import NetctlAPI
import Testing

/// Security groups through the real AWS CLI, with the state checked over the socket; and through the
/// socket and `netctl sg`.
@Suite(.serialized) struct AWSSecurityGroupTests {
    func ok(_ aws: AWSDaemon, _ arguments: [String]) throws -> [String: Any] {
        let result = try aws.aws(arguments)
        #expect(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result)")
        return result.object
    }

    func refused(_ aws: AWSDaemon, _ arguments: [String]) throws -> String? {
        let result = try aws.aws(arguments)
        #expect(result.status != 0, "aws \(arguments.joined(separator: " ")) should fail: \(result)")
        return result.errorCode
    }

    @Test("create, describe, authorize, duplicate, revoke, dependency and delete with the AWS CLI")
    func lifecycle() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let vpc = try #require((try ok(aws, ["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"])["Vpc"] as? [String: Any])?["VpcId"] as? String)

        // Terraform's aws_vpc reads the default group this way.
        let defaults = try ok(
            aws,
            ["ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values=\(vpc)", "Name=group-name,Values=default"])
        let defaultGroup = try #require((defaults["SecurityGroups"] as? [[String: Any]])?.first)
        #expect(defaultGroup["GroupName"] as? String == "default" && defaultGroup["VpcId"] as? String == vpc)
        #expect(defaultGroup["Description"] as? String == "default VPC security group")
        let defaultId = try #require(defaultGroup["GroupId"] as? String)
        let selfRule = try #require((defaultGroup["IpPermissions"] as? [[String: Any]])?.first)
        #expect(selfRule["IpProtocol"] as? String == "-1")
        #expect((selfRule["UserIdGroupPairs"] as? [[String: Any]])?.first?["GroupId"] as? String == defaultId)

        let web = try #require(
            try ok(aws, ["ec2", "create-security-group", "--group-name", "web", "--description", "Web tier", "--vpc-id", vpc])[
                "GroupId"] as? String)
        let db = try #require(
            try ok(aws, ["ec2", "create-security-group", "--group-name", "db", "--description", "Database", "--vpc-id", vpc])[
                "GroupId"] as? String)
        #expect(web.hasPrefix("sg-") && web.count == 20)
        #expect(
            try refused(aws, ["ec2", "create-security-group", "--group-name", "WEB", "--description", "x", "--vpc-id", vpc])
                == "InvalidGroup.Duplicate")
        #expect(
            try refused(aws, ["ec2", "create-security-group", "--group-name", "default", "--description", "x", "--vpc-id", vpc])
                == "InvalidGroup.Reserved")

        // The CLI's shorthand (the legacy flat form) and IpPermissions JSON; "6" is echoed as tcp.
        let authorized = try ok(
            aws,
            ["ec2", "authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "443", "--cidr", "0.0.0.0/0"])
        #expect(authorized["Return"] as? Bool == true)
        let newRule = try #require((authorized["SecurityGroupRules"] as? [[String: Any]])?.first)
        #expect((newRule["SecurityGroupRuleId"] as? String)?.hasPrefix("sgr-") == true)
        #expect(newRule["IsEgress"] as? Bool == false && newRule["CidrIpv4"] as? String == "0.0.0.0/0")
        _ = try ok(
            aws,
            [
                "ec2", "authorize-security-group-ingress", "--group-id", db, "--ip-permissions",
                #"[{"IpProtocol":"6","FromPort":5432,"ToPort":5432,"UserIdGroupPairs":[{"GroupId":"\#(web)","Description":"from web"}]}]"#,
            ])
        let duplicate = try aws.aws([
            "ec2", "authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "443", "--cidr", "0.0.0.0/0",
        ])
        #expect(duplicate.errorCode == "InvalidPermission.Duplicate")
        #expect(duplicate.stderr.contains(#"the specified rule "peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW" already exists"#))

        let described = try ok(aws, ["ec2", "describe-security-groups", "--group-ids", db])
        let dbGroup = try #require((described["SecurityGroups"] as? [[String: Any]])?.first)
        let dbRule = try #require((dbGroup["IpPermissions"] as? [[String: Any]])?.first)
        #expect(dbRule["IpProtocol"] as? String == "tcp" && dbRule["FromPort"] as? Int == 5432)
        #expect((dbRule["UserIdGroupPairs"] as? [[String: Any]])?.first?["GroupId"] as? String == web)
        let egress = try #require((dbGroup["IpPermissionsEgress"] as? [[String: Any]])?.first)
        #expect(egress["IpProtocol"] as? String == "-1")
        #expect((egress["IpRanges"] as? [[String: Any]])?.first?["CidrIp"] as? String == "0.0.0.0/0")
        #expect(
            try refused(aws, ["ec2", "describe-security-groups", "--group-ids", "sg-0123456789abcdef0"]) == "InvalidGroup.NotFound")
        let rules = try ok(aws, ["ec2", "describe-security-group-rules", "--filters", "Name=group-id,Values=\(db)"])
        #expect((rules["SecurityGroupRules"] as? [[String: Any]])?.count == 2)

        // Deleting a referenced group, the default group, a missing rule.
        #expect(try refused(aws, ["ec2", "delete-security-group", "--group-id", web]) == "DependencyViolation")
        #expect(try refused(aws, ["ec2", "delete-security-group", "--group-id", defaultId]) == "CannotDelete")
        #expect(
            try refused(
                aws, ["ec2", "revoke-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0"])
                == "InvalidPermission.NotFound")
        #expect(try refused(aws, ["ec2", "delete-vpc", "--vpc-id", vpc]) == "DependencyViolation")
        let revoked = try ok(
            aws,
            [
                "ec2", "revoke-security-group-ingress", "--group-id", db, "--ip-permissions",
                #"[{"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"UserIdGroupPairs":[{"GroupId":"\#(web)"}]}]"#,
            ])
        #expect((revoked["RevokedSecurityGroupRules"] as? [[String: Any]])?.first?["ReferencedGroupId"] as? String == web)
        _ = try ok(aws, ["ec2", "delete-security-group", "--group-id", web])
        _ = try ok(aws, ["ec2", "delete-security-group", "--group-name", "db"])
        #expect(try refused(aws, ["ec2", "delete-security-group", "--group-id", web]) == "InvalidGroup.NotFound")

        // The socket sees what the CLI did; the VPC goes with its default group.
        let left = try await aws.daemon.client.send(SecurityGroupList(vpc: vpc))
        #expect(left.securityGroups.map(\.groupId) == [defaultId])
        _ = try ok(aws, ["ec2", "delete-vpc", "--vpc-id", vpc])
        #expect(try await aws.daemon.client.send(SecurityGroupList()).securityGroups.isEmpty)
    }

    @Test("stale rules after a peering ends, through DescribeStaleSecurityGroups and securityGroup.stale")
    func staleReferences() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let a = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let b = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        let app = try await client.send(SecurityGroupCreate(vpc: "a", name: "app"))
        let remote = try await client.send(SecurityGroupCreate(vpc: "b", name: "remote"))
        let peering = try await client.send(PeeringCreate(requesterVpc: a.vpcId, accepterVpc: b.vpcId))
        _ = try await client.send(PeeringAccept(peering: peering.peeringId))
        _ = try await client.send(
            SecurityGroupAuthorizeIngress(
                group: app.groupId,
                rules: [SecurityGroupPermission(protocol: "tcp", fromPort: 8080, toPort: 8080, referencedGroupId: remote.groupId)]))
        #expect(try await client.send(SecurityGroupStale(vpc: "a")).staleSecurityGroups.isEmpty)
        _ = try await client.send(PeeringDelete(peering: peering.peeringId))
        let stale = try await client.send(SecurityGroupStale(vpc: "a")).staleSecurityGroups
        #expect(stale.map(\.groupId) == [app.groupId])
        let described = try ok(aws, ["ec2", "describe-stale-security-groups", "--vpc-id", a.vpcId])
        let set = try #require((described["StaleSecurityGroupSet"] as? [[String: Any]])?.first)
        #expect(set["GroupId"] as? String == app.groupId && set["VpcId"] as? String == a.vpcId)
        let pair = (set["StaleIpPermissions"] as? [[String: Any]])?.first?["UserIdGroupPairs"] as? [[String: Any]]
        #expect(pair?.first?["GroupId"] as? String == remote.groupId && pair?.first?["PeeringStatus"] as? String == "deleted")
    }

    @Test("netctl sg: create, authorize, get, list, revoke, stale and delete through the socket")
    func cli() async throws {
        let daemon = try await DaemonProcess.start()
        func run(_ arguments: [String]) throws -> CLIResult { try runCLI(arguments, socket: daemon.socketPath) }
        #expect(try run(["vpc", "create", "a", "--cidr", "10.0.0.0/16"]).status == 0)
        let created = try run(["sg", "create", "web", "--vpc", "a", "--description", "Web tier", "--output", "json"])
        #expect(created.status == 0, "\(created.stderr)")
        let group = try NetctlJSON.decoder.decode(SecurityGroup.self, from: Data(created.stdout.utf8))
        #expect(group.groupName == "web" && group.egressRules.count == 1)
        let authorized = try run(["sg", "authorize", "web", "--ingress", "--protocol", "tcp", "--port", "1024-65535", "--cidr", "10.0.0.5/8"])
        #expect(authorized.status == 0, "\(authorized.stderr)")
        #expect(authorized.stdout.contains("1024-65535") && authorized.stdout.contains("10.0.0.0/8"))
        let duplicate = try run(["sg", "authorize", "web", "--protocol", "6", "--port", "1024-65535", "--cidr", "10.0.0.0/8"])
        #expect(duplicate.status == 1 && duplicate.stderr.contains("InvalidPermission.Duplicate"))
        #expect(try run(["sg", "authorize", "web", "--egress", "--protocol", "icmp", "--icmp-type", "8", "--source-group", "web"]).status == 0)
        let listed = try run(["sg", "list", "--vpc", "a"])
        #expect(listed.status == 0 && listed.stdout.contains("web") && listed.stdout.contains("default"))
        let current = try await daemon.client.send(SecurityGroupGet(group: group.groupId))
        #expect(current.ingressRules.count == 1 && current.egressRules.count == 2)
        let byId = try run(["sg", "revoke", "web", "--egress", "--rule-id", current.egressRules[1].ruleId])
        #expect(byId.status == 0, "\(byId.stderr)")
        let missing = try run(["sg", "revoke", "web", "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0"])
        #expect(missing.status == 1 && missing.stderr.contains("InvalidPermission.NotFound"))
        #expect(try run(["sg", "authorize", "web", "--protocol", "tcp", "--port", "99999", "--cidr", "0.0.0.0/0"]).status == 1)
        #expect(try run(["sg", "authorize", "web", "--protocol", "tcp", "--port", "443"]).status == 2, "a peer is required")
        #expect(try run(["sg", "stale", "a"]).status == 0)
        #expect(try run(["sg", "get", "web"]).stdout.contains("inbound"))
        let deleted = try run(["sg", "delete", "web"])
        #expect(deleted.status == 0 && deleted.stdout.contains("deleted \(group.groupId)"))
        #expect(try run(["sg", "delete", "default"]).status == 1)
    }
}
