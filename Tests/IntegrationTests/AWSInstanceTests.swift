import Foundation
import NetctlAPI
import Testing

/// Instances and network interfaces through the real AWS CLI and boto3, on netctld's manual clock,
/// with the state checked over the socket.
@Suite(.serialized) struct AWSInstanceTests {
    func ok(_ aws: AWSDaemon, _ arguments: [String]) throws -> [String: Any] {
        let result = try aws.aws(arguments)
        #expect(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result)")
        return result.object
    }

    func instances(_ described: [String: Any]) -> [[String: Any]] {
        ((described["Reservations"] as? [[String: Any]]) ?? []).flatMap { ($0["Instances"] as? [[String: Any]]) ?? [] }
    }

    @Test("run, describe, wait instance-running, stop, start, terminate with the AWS CLI")
    func lifecycle() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let vpc = try #require(
            (try ok(aws, ["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"])["Vpc"] as? [String: Any])?["VpcId"]
                as? String)
        let subnet = try #require(
            (try ok(aws, ["ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.1.0/24"])["Subnet"]
                as? [String: Any])?["SubnetId"] as? String)
        _ = try ok(aws, ["ec2", "modify-subnet-attribute", "--subnet-id", subnet, "--map-public-ip-on-launch"])

        let refused = try aws.aws([
            "ec2", "run-instances", "--image-id", "ami-0123456789abcdef0", "--count", "2", "--subnet-id", subnet,
            "--private-ip-address", "10.0.1.10",
        ])
        #expect(refused.status != 0 && refused.stderr.contains("InvalidParameterCombination"), "\(refused)")

        let launched = try ok(
            aws,
            [
                "ec2", "run-instances", "--image-id", "ami-0123456789abcdef0", "--instance-type", "t3.micro",
                "--count", "2", "--subnet-id", subnet,
                "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=web},{Key=env,Value=dev}]",
            ])
        #expect((launched["ReservationId"] as? String)?.hasPrefix("r-") == true)
        #expect(launched["OwnerId"] as? String == "000000000000")
        let started = try #require(launched["Instances"] as? [[String: Any]])
        #expect(started.count == 2)
        let ids = started.compactMap { $0["InstanceId"] as? String }
        #expect(started.map { ($0["State"] as? [String: Any])?["Name"] as? String } == ["pending", "pending"])
        #expect(started.map { ($0["State"] as? [String: Any])?["Code"] as? Int } == [0, 0])
        #expect(started.map { $0["PrivateIpAddress"] as? String } == ["10.0.1.4", "10.0.1.5"])
        #expect(started.allSatisfy { $0["PublicIpAddress"] as? String != nil }, "the subnet maps public addresses")
        #expect(started.map { $0["ImageId"] as? String } == ["ami-0123456789abcdef0", "ami-0123456789abcdef0"])
        let interface = try #require((started[0]["NetworkInterfaces"] as? [[String: Any]])?.first)
        #expect((interface["Attachment"] as? [String: Any])?["DeviceIndex"] as? Int == 0)
        #expect(interface["InterfaceType"] as? String == "interface")
        let groups = try #require(started[0]["SecurityGroups"] as? [[String: Any]])
        #expect(groups.map { $0["GroupName"] as? String } == ["default"], "the VPC's default group, named")

        // The waiter polls DescribeInstances until both are running.
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        let waited = try aws.aws(["ec2", "wait", "instance-running", "--instance-ids"] + ids)
        #expect(waited.status == 0, "\(waited)")
        let running = instances(try ok(aws, ["ec2", "describe-instances", "--instance-ids"] + ids))
        #expect(running.map { ($0["State"] as? [String: Any])?["Code"] as? Int } == [16, 16])
        #expect(running.map { $0["SubnetId"] as? String } == [subnet, subnet])
        #expect(running.map { $0["VpcId"] as? String } == [vpc, vpc])
        let byAddress = instances(
            try ok(aws, ["ec2", "describe-instances", "--filters", "Name=private-ip-address,Values=10.0.1.5"]))
        #expect(byAddress.map { $0["InstanceId"] as? String } == [ids[1]])
        let byTag = instances(
            try ok(
                aws,
                [
                    "ec2", "describe-instances", "--filters", "Name=tag:env,Values=dev",
                    "Name=instance-state-name,Values=running", "Name=vpc-id,Values=\(vpc)",
                ]))
        #expect(byTag.count == 2)
        let unknown = try aws.aws(["ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0"])
        #expect(unknown.stderr.contains("InvalidInstanceID.NotFound"), "\(unknown)")

        let stopping = try ok(aws, ["ec2", "stop-instances", "--instance-ids", ids[0]])
        let change = try #require((stopping["StoppingInstances"] as? [[String: Any]])?.first)
        #expect((change["PreviousState"] as? [String: Any])?["Code"] as? Int == 16)
        #expect((change["CurrentState"] as? [String: Any])?["Code"] as? Int == 64)
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        #expect(try aws.aws(["ec2", "wait", "instance-stopped", "--instance-ids", ids[0]]).status == 0)
        let stopped = instances(try ok(aws, ["ec2", "describe-instances", "--instance-ids", ids[0]]))
        #expect(stopped.first?["PublicIpAddress"] == nil, "a stopped instance has no public address")
        #expect(stopped.first?["PrivateIpAddress"] as? String == "10.0.1.4")

        let starting = try ok(aws, ["ec2", "start-instances", "--instance-ids", ids[0]])
        let startChange = try #require((starting["StartingInstances"] as? [[String: Any]])?.first)
        #expect((startChange["PreviousState"] as? [String: Any])?["Code"] as? Int == 80)
        #expect((startChange["CurrentState"] as? [String: Any])?["Code"] as? Int == 0)

        let terminating = try ok(aws, ["ec2", "terminate-instances", "--instance-ids"] + ids)
        let codes = (terminating["TerminatingInstances"] as? [[String: Any]])?.map {
            (($0["CurrentState"] as? [String: Any])?["Code"] as? Int)
        }
        #expect(codes == [32, 32])
        _ = try await client.send(DebugClockAdvance(seconds: 5))
        #expect(try aws.aws(["ec2", "wait", "instance-terminated", "--instance-ids"] + ids).status == 0)

        // The socket agrees, and the subnet has its addresses back.
        let listed = try await client.send(InstanceList(subnet: subnet))
        #expect(listed.instances.map(\.state) == [.terminated, .terminated])
        #expect(try await client.send(SubnetGet(subnet: subnet)).availableIpAddressCount == 251)
        #expect(try await client.send(NetworkInterfaceList(subnet: subnet)).networkInterfaces.isEmpty)
    }

    @Test("network interfaces: create, describe with groups, modify source/dest check, delete; a launch's NetworkInterface.1")
    func networkInterfaces() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
            eni = ec2.create_network_interface(SubnetId=subnet, PrivateIpAddress="10.0.1.20", Description="spare",
                TagSpecifications=[{"ResourceType": "network-interface", "Tags": [{"Key": "env", "Value": "dev"}]}])
            out["created"] = eni["NetworkInterface"]
            eni = eni["NetworkInterface"]["NetworkInterfaceId"]
            out["taken"] = error_code(lambda: ec2.create_network_interface(SubnetId=subnet, PrivateIpAddress="10.0.1.20"))
            out["reserved"] = error_code(lambda: ec2.create_network_interface(SubnetId=subnet, PrivateIpAddress="10.0.1.2"))
            run = ec2.run_instances(ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1,
                NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": True,
                                    "PrivateIpAddress": "10.0.1.30"}])
            instance = run["Instances"][0]
            out["instance"] = instance
            primary = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
            out["both"] = error_code(lambda: ec2.run_instances(ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1,
                SubnetId=subnet, NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet}]))
            out["deleteAttached"] = error_code(lambda: ec2.delete_network_interface(NetworkInterfaceId=primary))
            ec2.modify_network_interface_attribute(NetworkInterfaceId=primary, SourceDestCheck={"Value": False})
            sg = ec2.create_security_group(VpcId=vpc, GroupName="web", Description="web tier")["GroupId"]
            out["sg"] = sg
            ec2.modify_network_interface_attribute(NetworkInterfaceId=primary, Groups=[sg])
            out["bothAttributes"] = error_code(lambda: ec2.modify_network_interface_attribute(NetworkInterfaceId=primary,
                Groups=[sg], SourceDestCheck={"Value": True}))
            out["instanceGroups"] = ec2.describe_instances(InstanceIds=[instance["InstanceId"]])["Reservations"][0][
                "Instances"][0]["SecurityGroups"]
            described = ec2.describe_network_interfaces(NetworkInterfaceIds=[primary])["NetworkInterfaces"][0]
            out["described"] = described
            out["byInstance"] = [i["NetworkInterfaceId"] for i in ec2.describe_network_interfaces(
                Filters=[{"Name": "attachment.instance-id", "Values": [instance["InstanceId"]]}])["NetworkInterfaces"]]
            ec2.delete_network_interface(NetworkInterfaceId=eni)
            out["deleted"] = error_code(lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=[eni]))
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let created = try #require(out["created"] as? [String: Any])
        #expect(created["PrivateIpAddress"] as? String == "10.0.1.20" && created["Status"] as? String == "available")
        #expect(created["InterfaceType"] as? String == "interface" && created["RequesterManaged"] as? Bool == false)
        #expect(created["Description"] as? String == "spare")
        #expect(out["taken"] as? String == "InvalidIPAddress.InUse")
        #expect(out["reserved"] as? String == "InvalidParameterValue")
        let instance = try #require(out["instance"] as? [String: Any])
        #expect(instance["PrivateIpAddress"] as? String == "10.0.1.30")
        #expect(instance["PublicIpAddress"] as? String != nil, "AssociatePublicIpAddress on NetworkInterface.1")
        #expect(out["both"] as? String == "InvalidParameterCombination")
        #expect(out["deleteAttached"] as? String == "InvalidNetworkInterface.InUse")
        let described = try #require(out["described"] as? [String: Any])
        #expect(described["SourceDestCheck"] as? Bool == false)
        let sg = try #require(out["sg"] as? String)
        #expect((described["Groups"] as? [[String: Any]])?.map { $0["GroupId"] as? String } == [sg])
        #expect((described["Groups"] as? [[String: Any]])?.map { $0["GroupName"] as? String } == ["web"])
        #expect((out["instanceGroups"] as? [[String: Any]])?.map { $0["GroupId"] as? String } == [sg])
        #expect(out["bothAttributes"] as? String == "InvalidParameterCombination")
        #expect((described["Attachment"] as? [String: Any])?["InstanceId"] as? String == instance["InstanceId"] as? String)
        #expect((described["Association"] as? [String: Any])?["PublicIp"] as? String == instance["PublicIpAddress"] as? String)
        #expect((out["byInstance"] as? [String])?.count == 1)
        #expect(out["deleted"] as? String == "InvalidNetworkInterfaceID.NotFound")

        let interfaces = try await aws.daemon.client.send(NetworkInterfaceList())
        #expect(interfaces.networkInterfaces.map(\.interfaceType) == ["instance"])
        #expect(interfaces.networkInterfaces.first?.sourceDestCheck == false)
    }
}
