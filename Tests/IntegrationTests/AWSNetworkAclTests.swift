import Foundation
import NetctlAPI
import Testing

/// Network ACLs through the AWS CLI (as a user types the commands) and boto3 (as Terraform's
/// aws_vpc reads the default ACL), with the same state seen over the socket.
@Suite(.serialized) struct AWSNetworkAclTests {
    @Test func networkAclsThroughTheAWSCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        func cli(_ arguments: [String]) throws -> AWSResult {
            let result = try aws.aws(["ec2"] + arguments)
            #expect(result.status == 0, "aws ec2 \(arguments.joined(separator: " ")): \(result)")
            return result
        }
        let vpc = try #require(
            (try cli(["create-vpc", "--cidr-block", "10.0.0.0/16"]).object["Vpc"] as? [String: Any])?["VpcId"]
                as? String)
        let subnet = try #require(
            (try cli(["create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.1.0/24"]).object["Subnet"]
                as? [String: Any])?["SubnetId"] as? String)

        // The default ACL, found the way Terraform's aws_vpc finds it.
        let defaults = try #require(
            try cli([
                "describe-network-acls", "--filters", "Name=vpc-id,Values=\(vpc)", "Name=default,Values=true",
            ]).object["NetworkAcls"] as? [[String: Any]])
        #expect(defaults.count == 1)
        let defaultAcl = try #require(defaults.first)
        let defaultId = try #require(defaultAcl["NetworkAclId"] as? String)
        #expect(defaultAcl["IsDefault"] as? Bool == true)
        #expect(defaultAcl["OwnerId"] as? String == "000000000000")
        #expect(
            entries(defaultAcl) == [
                "egress 100 -1 allow 0.0.0.0/0", "egress 32767 -1 deny 0.0.0.0/0", "ingress 100 -1 allow 0.0.0.0/0",
                "ingress 32767 -1 deny 0.0.0.0/0",
            ])
        let defaultAssociations = try #require(defaultAcl["Associations"] as? [[String: Any]])
        #expect(defaultAssociations.count == 1)
        #expect(defaultAssociations.first?["SubnetId"] as? String == subnet)
        #expect(defaultAssociations.first?["NetworkAclId"] as? String == defaultId)
        let firstAssociation = try #require(defaultAssociations.first?["NetworkAclAssociationId"] as? String)
        #expect(firstAssociation.hasPrefix("aclassoc-"))

        // A custom ACL: the * denies only, then entries as the CLI writes them (protocol names become numbers).
        let created = try #require(
            try cli([
                "create-network-acl", "--vpc-id", vpc, "--tag-specifications",
                "ResourceType=network-acl,Tags=[{Key=Name,Value=web}]",
            ]).object["NetworkAcl"] as? [String: Any])
        let aclId = try #require(created["NetworkAclId"] as? String)
        #expect(created["IsDefault"] as? Bool == false)
        #expect(entries(created) == ["egress 32767 -1 deny 0.0.0.0/0", "ingress 32767 -1 deny 0.0.0.0/0"])
        _ = try cli([
            "create-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "100", "--protocol", "tcp",
            "--port-range", "From=443,To=443", "--cidr-block", "10.20.30.40/16", "--rule-action", "allow", "--ingress",
        ])
        _ = try cli([
            "create-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "110", "--protocol", "icmp",
            "--icmp-type-code", "Type=3,Code=4", "--cidr-block", "0.0.0.0/0", "--rule-action", "allow", "--ingress",
        ])
        _ = try cli([
            "create-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "100", "--protocol", "-1",
            "--cidr-block", "0.0.0.0/0", "--rule-action", "allow", "--egress",
        ])
        let duplicate = try aws.aws([
            "ec2", "create-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "100", "--protocol", "udp",
            "--port-range", "From=53,To=53", "--cidr-block", "0.0.0.0/0", "--rule-action", "deny", "--ingress",
        ])
        #expect(duplicate.errorCode == "NetworkAclEntryAlreadyExists", "\(duplicate)")
        #expect(duplicate.stderr.contains("The network acl entry identified by 100 already exists."))
        _ = try cli([
            "replace-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "100", "--protocol", "tcp",
            "--port-range", "From=80,To=443", "--cidr-block", "10.20.0.0/16", "--rule-action", "allow", "--ingress",
        ])
        let replaceMissing = try aws.aws([
            "ec2", "replace-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "200", "--protocol", "-1",
            "--cidr-block", "0.0.0.0/0", "--rule-action", "allow", "--ingress",
        ])
        #expect(replaceMissing.errorCode == "InvalidNetworkAclEntry.NotFound", "\(replaceMissing)")
        _ = try cli(["delete-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "100", "--egress"])
        let deleteMissing = try aws.aws([
            "ec2", "delete-network-acl-entry", "--network-acl-id", aclId, "--rule-number", "100", "--egress",
        ])
        #expect(deleteMissing.errorCode == "InvalidNetworkAclEntry.NotFound", "\(deleteMissing)")

        let described = try #require(
            (try cli(["describe-network-acls", "--network-acl-ids", aclId]).object["NetworkAcls"] as? [[String: Any]])?
                .first)
        #expect(
            entries(described) == [
                "egress 32767 -1 deny 0.0.0.0/0", "ingress 100 6 allow 10.20.0.0/16 80-443",
                "ingress 110 1 allow 0.0.0.0/0 icmp 3/4", "ingress 32767 -1 deny 0.0.0.0/0",
            ])
        #expect((described["Tags"] as? [[String: String]]) == [["Key": "Name", "Value": "web"]])

        // Moving the subnet: a new association each time; back to the default ACL the same way.
        let moved = try #require(
            try cli([
                "replace-network-acl-association", "--association-id", firstAssociation, "--network-acl-id", aclId,
            ]).object["NewAssociationId"] as? String)
        #expect(moved.hasPrefix("aclassoc-") && moved != firstAssociation)
        let bySubnet = try #require(
            try cli(["describe-network-acls", "--filters", "Name=association.subnet-id,Values=\(subnet)"])
                .object["NetworkAcls"] as? [[String: Any]])
        #expect(bySubnet.compactMap { $0["NetworkAclId"] as? String } == [aclId])
        let stale = try aws.aws([
            "ec2", "replace-network-acl-association", "--association-id", firstAssociation, "--network-acl-id", aclId,
        ])
        #expect(stale.errorCode == "InvalidAssociationID.NotFound", "\(stale)")
        let inUse = try aws.aws(["ec2", "delete-network-acl", "--network-acl-id", aclId])
        #expect(inUse.errorCode == "DependencyViolation", "\(inUse)")
        let vpcInUse = try aws.aws(["ec2", "delete-vpc", "--vpc-id", vpc])
        #expect(vpcInUse.errorCode == "DependencyViolation", "\(vpcInUse)")

        // The socket sees the same ACL and the subnet's move.
        let overSocket = try await aws.daemon.client.send(NetworkAclGet(networkAcl: "web"))
        #expect(overSocket.networkAclId == aclId)
        #expect(overSocket.associations.map(\.associationId) == [moved])
        #expect(try await aws.daemon.client.send(SubnetGet(subnet: subnet)).networkAclId == aclId)

        let back = try #require(
            try cli(["replace-network-acl-association", "--association-id", moved, "--network-acl-id", defaultId])
                .object["NewAssociationId"] as? String)
        #expect(back != moved)
        let cannot = try aws.aws(["ec2", "delete-network-acl", "--network-acl-id", defaultId])
        #expect(cannot.errorCode == "CannotDelete", "\(cannot)")
        let unknown = try aws.aws(["ec2", "describe-network-acls", "--network-acl-ids", "acl-0123456789abcdef0"])
        #expect(unknown.errorCode == "InvalidNetworkAclID.NotFound", "\(unknown)")
        let malformed = try aws.aws(["ec2", "delete-network-acl", "--network-acl-id", "acl-12"])
        #expect(malformed.errorCode == "InvalidNetworkAclId.Malformed", "\(malformed)")
        _ = try cli(["delete-network-acl", "--network-acl-id", aclId])
        _ = try cli(["delete-subnet", "--subnet-id", subnet])
        _ = try cli(["delete-vpc", "--vpc-id", vpc])
        let gone = try await aws.daemon.client.send(NetworkAclList())
        #expect(gone.networkAcls.isEmpty, "the default ACL goes with its VPC")
    }

    @Test func networkAclsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(["--quota", "rulesPerNetworkAcl=3", "--quota", "networkAclsPerVpc=2"])
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            acl = ec2.create_network_acl(VpcId=vpc, ClientToken="t1")["NetworkAcl"]["NetworkAclId"]
            out["again"] = ec2.create_network_acl(VpcId=vpc, ClientToken="t1")["NetworkAcl"]["NetworkAclId"] == acl
            out["aclLimit"] = error_code(lambda: ec2.create_network_acl(VpcId=vpc))
            def entry(rule, **kw):
                args = dict(NetworkAclId=acl, RuleNumber=rule, Protocol="-1", RuleAction="allow", Egress=False,
                            CidrBlock="0.0.0.0/0")
                args.update(kw)
                return lambda: ec2.create_network_acl_entry(**args)
            # boto3 sends the protocol as given: the alias is echoed as its number.
            entry(10, Protocol="udp", PortRange={"From": 53, "To": 53})()
            entry(20)()
            out["entryLimit"] = error_code(entry(30))
            out["noPorts"] = error_code(lambda: ec2.create_network_acl_entry(
                NetworkAclId=acl, RuleNumber=40, Protocol="6", RuleAction="allow", Egress=True, CidrBlock="0.0.0.0/0"))
            out["badRule"] = error_code(entry(32767, Egress=True))
            out["badAction"] = error_code(entry(50, RuleAction="maybe", Egress=True))
            out["ipv6"] = error_code(lambda: ec2.create_network_acl_entry(
                NetworkAclId=acl, RuleNumber=60, Protocol="-1", RuleAction="allow", Egress=True, Ipv6CidrBlock="::/0"))
            out["udp"] = [e for e in ec2.describe_network_acls(NetworkAclIds=[acl])["NetworkAcls"][0]["Entries"]
                          if e["RuleNumber"] == 10][0]
            def ids(name, *values):
                return [a["NetworkAclId"] for a in
                        ec2.describe_network_acls(Filters=[{"Name": name, "Values": list(values)}])["NetworkAcls"]]
            out["byProtocol"] = ids("entry.protocol", "udp")
            out["byRule"] = ids("entry.rule-number", "20")
            out["byDefault"] = ids("default", "false")
            out["badFilter"] = error_code(lambda: ids("entry.colour", "red"))
            out["acl"] = acl
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let acl = try #require(out["acl"] as? String)
        #expect(out["again"] as? Bool == true, "ClientToken makes CreateNetworkAcl idempotent")
        #expect(out["aclLimit"] as? String == "NetworkAclLimitExceeded")
        #expect(out["entryLimit"] as? String == "NetworkAclEntryLimitExceeded")
        #expect(out["noPorts"] as? String == "MissingParameter")
        #expect(out["badRule"] as? String == "InvalidParameterValue")
        #expect(out["badAction"] as? String == "InvalidParameterValue")
        #expect(out["ipv6"] as? String == "UnsupportedOperation")
        let udp = try #require(out["udp"] as? [String: Any])
        #expect(udp["Protocol"] as? String == "17")
        #expect((udp["PortRange"] as? [String: Int]) == ["From": 53, "To": 53])
        #expect(udp["Egress"] as? Bool == false && udp["RuleAction"] as? String == "allow")
        #expect(out["byProtocol"] as? [String] == [acl])
        #expect(out["byRule"] as? [String] == [acl])
        #expect(out["byDefault"] as? [String] == [acl])
        #expect(out["badFilter"] as? String == "InvalidParameterValue")
    }

    /// Each entry as `direction rule protocol action cidr [ports | icmp type/code]`, in the order listed.
    func entries(_ acl: [String: Any]) -> [String] {
        (acl["Entries"] as? [[String: Any]] ?? []).map { entry in
            var text =
                "\(entry["Egress"] as? Bool == true ? "egress" : "ingress") \(entry["RuleNumber"] as? Int ?? 0) "
                + "\(entry["Protocol"] as? String ?? "?") \(entry["RuleAction"] as? String ?? "?") "
                + "\(entry["CidrBlock"] as? String ?? "?")"
            if let range = entry["PortRange"] as? [String: Int] { text += " \(range["From"] ?? 0)-\(range["To"] ?? 0)" }
            if let icmp = entry["IcmpTypeCode"] as? [String: Int] {
                text += " icmp \(icmp["Type"] ?? 0)/\(icmp["Code"] ?? 0)"
            }
            return text
        }
    }
}
