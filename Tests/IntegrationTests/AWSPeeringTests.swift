import Foundation
import NetctlAPI
import Testing

/// VPC peering, endpoints, prefix lists and network interfaces through the real AWS CLI and boto3,
/// checked against what the socket and the watcher's logs show.
@Suite(.serialized) struct AWSPeeringTests {
    /// Two accounts' keys: the requester's (the default account's pair is not configured once any is).
    static let accounts = """
        aws:
          credentials:
            - "AKIAREQUESTER:requester-secret:111122223333"
            - "AKIAACCEPTER:accepter-secret:444455556666"
        """
    static let requester = ["AWS_ACCESS_KEY_ID": "AKIAREQUESTER", "AWS_SECRET_ACCESS_KEY": "requester-secret"]

    @Test func peeringLifecycleAcrossAccountsAndRegionsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(configuration: Self.accounts)
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            def client(key, secret, region="us-east-1"):
                return boto3.client("ec2", region_name=region, aws_access_key_id=key, aws_secret_access_key=secret, config=_config)
            theirs = client("AKIAACCEPTER", "accepter-secret")
            west = client("AKIAREQUESTER", "requester-secret", "us-west-2")
            out = {}
            a = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            b = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
            overlapping = ec2.create_vpc(CidrBlock="10.0.0.0/24")["Vpc"]["VpcId"]
            x = theirs.create_vpc(CidrBlock="10.2.0.0/16")["Vpc"]["VpcId"]
            w = west.create_vpc(CidrBlock="10.3.0.0/16")["Vpc"]["VpcId"]
            out["a"], out["b"], out["x"], out["w"] = a, b, x, w

            pending = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b, TagSpecifications=[
                {"ResourceType": "vpc-peering-connection", "Tags": [{"Key": "Name", "Value": "a-b"}, {"Key": "team", "Value": "net"}]}])["VpcPeeringConnection"]
            ab = pending["VpcPeeringConnectionId"]
            out["ab"] = ab
            out["created"] = pending
            out["failed"] = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=overlapping)["VpcPeeringConnection"]["Status"]
            out["pendingByFilter"] = [p["VpcPeeringConnectionId"] for p in ec2.describe_vpc_peering_connections(
                Filters=[{"Name": "status-code", "Values": ["pending-acceptance"]}, {"Name": "tag:team", "Values": ["n*"]}])["VpcPeeringConnections"]]
            out["unknownId"] = error_code(lambda: ec2.describe_vpc_peering_connections(VpcPeeringConnectionIds=[ab, "pcx-0123456789abcdef0"]))
            out["badFilter"] = error_code(lambda: ec2.describe_vpc_peering_connections(Filters=[{"Name": "colour", "Values": ["x"]}]))
            ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=ab)
            for vpc in (a, b):
                ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
            out["options"] = ec2.modify_vpc_peering_connection_options(VpcPeeringConnectionId=ab,
                RequesterPeeringConnectionOptions={"AllowDnsResolutionFromRemoteVpc": True})
            out["active"] = ec2.describe_vpc_peering_connections(VpcPeeringConnectionIds=[ab])["VpcPeeringConnections"][0]
            page = ec2.describe_vpc_peering_connections(MaxResults=5)
            out["listed"] = len(page["VpcPeeringConnections"])
            out["nextToken"] = page.get("NextToken")

            cross = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=x, PeerOwnerId="444455556666", TagSpecifications=[
                {"ResourceType": "vpc-peering-connection", "Tags": [{"Key": "team", "Value": "net"}]}])["VpcPeeringConnection"]
            out["requesterAcceptsOwnRequest"] = error_code(lambda: ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=cross["VpcPeeringConnectionId"]))
            out["crossAccepted"] = theirs.accept_vpc_peering_connection(VpcPeeringConnectionId=cross["VpcPeeringConnectionId"])["VpcPeeringConnection"]

            interRegion = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=w, PeerRegion="us-west-2")["VpcPeeringConnection"]
            out["acceptInWrongRegion"] = error_code(lambda: ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=interRegion["VpcPeeringConnectionId"]))
            out["seenInWest"] = [p["VpcPeeringConnectionId"] for p in west.describe_vpc_peering_connections()["VpcPeeringConnections"]]
            out["interRegion"] = interRegion["VpcPeeringConnectionId"]
            out["westRejects"] = west.reject_vpc_peering_connection(VpcPeeringConnectionId=interRegion["VpcPeeringConnectionId"])["Return"]

            out["deleted"] = ec2.delete_vpc_peering_connection(VpcPeeringConnectionId=ab)["Return"]
            out["afterDelete"] = ec2.describe_vpc_peering_connections(VpcPeeringConnectionIds=[ab])["VpcPeeringConnections"][0]["Status"]
            print(json.dumps(out, default=str))
            """, environment: Self.requester)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let ab = try #require(out["ab"] as? String)
        let created = try #require(out["created"] as? [String: Any])
        #expect((created["Status"] as? [String: Any])?["Code"] as? String == "pending-acceptance")
        #expect(created["ExpirationTime"] != nil)
        let requesterInfo = try #require(created["RequesterVpcInfo"] as? [String: Any])
        #expect(requesterInfo["CidrBlock"] as? String == "10.0.0.0/16")
        #expect(requesterInfo["OwnerId"] as? String == "111122223333")
        #expect(requesterInfo["Region"] as? String == "us-east-1")
        let accepterInfo = try #require(created["AccepterVpcInfo"] as? [String: Any])
        #expect(accepterInfo["VpcId"] as? String == out["b"] as? String)
        #expect(accepterInfo["CidrBlock"] == nil, "the accepter's CIDR shows only once accepted")
        #expect(Set((created["Tags"] as? [[String: String]] ?? []).map { $0["Key"] ?? "" }) == ["Name", "team"])
        #expect((out["failed"] as? [String: Any])?["Code"] as? String == "failed")
        #expect(((out["failed"] as? [String: Any])?["Message"] as? String)?.contains("Overlapping") == true)
        #expect(out["pendingByFilter"] as? [String] == [ab])
        #expect(out["unknownId"] as? String == "InvalidVpcPeeringConnectionID.NotFound")
        #expect(out["badFilter"] as? String == "InvalidParameterValue")
        let options = try #require(out["options"] as? [String: Any])
        #expect((options["RequesterPeeringConnectionOptions"] as? [String: Any])?["AllowDnsResolutionFromRemoteVpc"] as? Bool == true)
        #expect(options["AccepterPeeringConnectionOptions"] == nil)
        let active = try #require(out["active"] as? [String: Any])
        #expect((active["Status"] as? [String: Any])?["Code"] as? String == "active")
        #expect(active["ExpirationTime"] == nil)
        let activeAccepter = try #require(active["AccepterVpcInfo"] as? [String: Any])
        #expect(activeAccepter["CidrBlock"] as? String == "10.1.0.0/16")
        #expect((activeAccepter["CidrBlockSet"] as? [[String: String]])?.map { $0["CidrBlock"] } == ["10.1.0.0/16"])
        #expect(
            ((active["RequesterVpcInfo"] as? [String: Any])?["PeeringOptions"] as? [String: Any])?["AllowDnsResolutionFromRemoteVpc"]
                as? Bool == true)
        #expect(out["listed"] as? Int == 2)
        #expect(out["nextToken"] is NSNull)
        #expect(out["requesterAcceptsOwnRequest"] as? String == "InvalidStateTransition")
        let crossAccepted = try #require(out["crossAccepted"] as? [String: Any])
        #expect((crossAccepted["Status"] as? [String: Any])?["Code"] as? String == "active")
        #expect((crossAccepted["Tags"] as? [Any])?.isEmpty ?? true, "tags stay with the requester's account")
        #expect((crossAccepted["AccepterVpcInfo"] as? [String: Any])?["OwnerId"] as? String == "444455556666")
        #expect(out["acceptInWrongRegion"] as? String == "OperationNotPermitted")
        #expect((out["seenInWest"] as? [String])?.contains(out["interRegion"] as? String ?? "-") == true)
        #expect(out["westRejects"] as? Bool == true)
        #expect(out["deleted"] as? Bool == true)
        #expect((out["afterDelete"] as? [String: Any])?["Code"] as? String == "deleted")

        // The same peering over the socket, and its whole life in /netctl/peering.
        let client = aws.daemon.client
        let requesterAccount = CallOptions(accountId: "111122223333")
        let overSocket = try await client.send(PeeringGet(peering: ab), options: requesterAccount)
        #expect(overSocket.status.code == "deleted")
        #expect(overSocket.tags["team"] == "net")
        var statuses: [String] = []
        for _ in 0..<300 {
            let events =
                (try? await client.send(LogsGet(group: "/netctl/peering", stream: ab), options: requesterAccount).events) ?? []
            statuses = events.compactMap { event in
                (try? JSONSerialization.jsonObject(with: Data(event.message.utf8)) as? [String: Any])?["status"] as? String
            }
            if statuses.count >= 7 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(
            statuses == [
                "initiating-request", "pending-acceptance", "provisioning", "active", "active", "deleting", "deleted",
            ])
    }

    @Test func duplicatePeeringAsTheCLIPrintsIt() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let a = try await aws.daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let b = try await aws.daemon.client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        let first = try aws.aws(["ec2", "create-vpc-peering-connection", "--vpc-id", a.vpcId, "--peer-vpc-id", b.vpcId])
        #expect(first.status == 0, "\(first)")
        let peering = try #require((first.object["VpcPeeringConnection"] as? [String: Any])?["VpcPeeringConnectionId"] as? String)
        let second = try aws.aws(["ec2", "create-vpc-peering-connection", "--vpc-id", b.vpcId, "--peer-vpc-id", a.vpcId])
        #expect(second.status != 0)
        #expect(second.errorCode == "VpcPeeringConnectionAlreadyExists", "\(second)")
        #expect(
            second.stderr.contains(
                "An error occurred (VpcPeeringConnectionAlreadyExists) when calling the CreateVpcPeeringConnection "
                    + "operation: A VPC peering connection between b (\(b.vpcId)) and a (\(a.vpcId)) already exists: \(peering)"),
            "\(second)")
    }

    @Test func gatewayAndInterfaceEndpointsWithTheirInterfacesThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        // Subnets and route tables over the socket: their AWS actions are another area's.
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16"))
        let s1 = try await client.send(SubnetCreate(vpc: vpc.vpcId, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a"))
        let s2 = try await client.send(SubnetCreate(vpc: vpc.vpcId, cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b"))
        let rtb = try await client.send(RouteTableCreate(vpc: vpc.vpcId))
        let result = try aws.boto3(
            """
            out = {}
            vpc, s1, s2, rtb = "\(vpc.vpcId)", "\(s1.subnetId)", "\(s2.subnetId)", "\(rtb.routeTableId)"
            ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
            out["vpc"], out["rtb"] = vpc, rtb
            sg1 = ec2.create_security_group(VpcId=vpc, GroupName="one", Description="one")["GroupId"]
            sg2 = ec2.create_security_group(VpcId=vpc, GroupName="two", Description="two")["GroupId"]
            out["sg1"] = sg1
            services = ec2.describe_vpc_endpoint_services(Filters=[{"Name": "service-type", "Values": ["Gateway"]}])
            out["gatewayServices"] = services["ServiceNames"]
            out["s3Service"] = ec2.describe_vpc_endpoint_services(ServiceNames=["com.amazonaws.us-east-1.s3"])["ServiceDetails"][0]
            out["unknownService"] = error_code(lambda: ec2.describe_vpc_endpoint_services(ServiceNames=["com.amazonaws.us-east-1.nosuch"]))

            gateway = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.s3", RouteTableIds=[rtb],
                TagSpecifications=[{"ResourceType": "vpc-endpoint", "Tags": [{"Key": "Name", "Value": "s3"}]}])["VpcEndpoint"]
            out["gateway"] = gateway
            interface = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.logs", VpcEndpointType="Interface",
                SubnetIds=[s1, s2], SecurityGroupIds=[sg1], PrivateDnsEnabled=True, ClientToken="token-1")
            again = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.logs", VpcEndpointType="Interface",
                SubnetIds=[s1, s2], SecurityGroupIds=[sg1], PrivateDnsEnabled=True, ClientToken="token-1")
            out["interface"] = interface["VpcEndpoint"]
            out["clientToken"] = interface["ClientToken"]
            out["sameForToken"] = again["VpcEndpoint"]["VpcEndpointId"] == interface["VpcEndpoint"]["VpcEndpointId"]
            out["gatewayOnlyService"] = error_code(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.logs"))

            enis = ec2.describe_network_interfaces(Filters=[{"Name": "interface-type", "Values": ["vpc_endpoint"]}, {"Name": "vpc-id", "Values": [vpc]}])
            out["enis"] = enis["NetworkInterfaces"]
            first = interface["VpcEndpoint"]["NetworkInterfaceIds"][0]
            out["eniById"] = [n["NetworkInterfaceId"] for n in ec2.describe_network_interfaces(NetworkInterfaceIds=[first])["NetworkInterfaces"]]
            out["eniIdsWithMax"] = error_code(lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=[first], MaxResults=5))
            out["unknownEni"] = error_code(lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=["eni-0123456789abcdef0"]))
            address = ec2.allocate_address(Domain="vpc")
            ec2.create_nat_gateway(SubnetId=s1, AllocationId=address["AllocationId"])
            out["address"] = address
            out["natEni"] = ec2.describe_network_interfaces(Filters=[{"Name": "interface-type", "Values": ["nat_gateway"]}])["NetworkInterfaces"]

            iid = interface["VpcEndpoint"]["VpcEndpointId"]
            ec2.modify_vpc_endpoint(VpcEndpointId=iid, RemoveSubnetIds=[s2], AddSecurityGroupIds=[sg2], PrivateDnsEnabled=False)
            ec2.modify_vpc_endpoint(VpcEndpointId=gateway["VpcEndpointId"], PolicyDocument='{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}')
            out["modified"] = ec2.describe_vpc_endpoints(VpcEndpointIds=[iid])["VpcEndpoints"][0]
            out["gatewayPolicy"] = ec2.describe_vpc_endpoints(VpcEndpointIds=[gateway["VpcEndpointId"]])["VpcEndpoints"][0]["PolicyDocument"]
            ec2.modify_vpc_endpoint(VpcEndpointId=gateway["VpcEndpointId"], ResetPolicy=True)
            out["resetPolicy"] = ec2.describe_vpc_endpoints(VpcEndpointIds=[gateway["VpcEndpointId"]])["VpcEndpoints"][0]["PolicyDocument"]
            out["interfacesByFilter"] = [e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints(
                Filters=[{"Name": "vpc-endpoint-type", "Values": ["Interface"]}, {"Name": "vpc-endpoint-state", "Values": ["available"]}])["VpcEndpoints"]]
            out["byName"] = [e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "tag:Name", "Values": ["s?"]}])["VpcEndpoints"]]
            out["unknownEndpoint"] = error_code(lambda: ec2.describe_vpc_endpoints(VpcEndpointIds=["vpce-0123456789abcdef0"]))

            out["deleted"] = ec2.delete_vpc_endpoints(VpcEndpointIds=[gateway["VpcEndpointId"], "vpce-0123456789abcdef0", iid])
            out["left"] = len(ec2.describe_vpc_endpoints()["VpcEndpoints"])
            out["enisLeft"] = len(ec2.describe_network_interfaces(Filters=[{"Name": "interface-type", "Values": ["vpc_endpoint"]}])["NetworkInterfaces"])
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect(out["gatewayServices"] as? [String] == ["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"])
        let s3 = try #require(out["s3Service"] as? [String: Any])
        #expect(Set((s3["ServiceType"] as? [[String: String]] ?? []).map { $0["ServiceType"] ?? "" }) == ["Gateway", "Interface"])
        #expect(s3["Owner"] as? String == "amazon")
        #expect(s3["VpcEndpointPolicySupported"] as? Bool == true)
        #expect((s3["BaseEndpointDnsNames"] as? [String])?.contains("s3.us-east-1.vpce.amazonaws.com") == true)
        #expect((s3["AvailabilityZones"] as? [String])?.first == "us-east-1a")
        #expect(out["unknownService"] as? String == "InvalidServiceName")

        let gateway = try #require(out["gateway"] as? [String: Any])
        let gatewayId = try #require(gateway["VpcEndpointId"] as? String)
        #expect(gateway["VpcEndpointType"] as? String == "Gateway", "Gateway is AWS's default type")
        #expect(gateway["State"] as? String == "available")
        #expect(gateway["RouteTableIds"] as? [String] == [out["rtb"] as? String ?? "-"])
        #expect((gateway["Tags"] as? [[String: String]])?.first?["Value"] == "s3")
        let interface = try #require(out["interface"] as? [String: Any])
        let interfaceId = try #require(interface["VpcEndpointId"] as? String)
        #expect(interface["VpcEndpointType"] as? String == "Interface")
        #expect((interface["NetworkInterfaceIds"] as? [String])?.count == 2)
        #expect(interface["PrivateDnsEnabled"] as? Bool == true)
        #expect((interface["DnsEntries"] as? [[String: String]])?.contains { $0["DnsName"] == "logs.us-east-1.amazonaws.com" } == true)
        #expect((interface["Groups"] as? [[String: String]])?.map { $0["GroupId"] } == [out["sg1"] as? String ?? "-"])
        #expect(out["clientToken"] as? String == "token-1")
        #expect(out["sameForToken"] as? Bool == true)
        #expect(out["gatewayOnlyService"] as? String == "InvalidParameterValue")

        let enis = try #require(out["enis"] as? [[String: Any]])
        #expect(Set(enis.compactMap { $0["NetworkInterfaceId"] as? String }) == Set(interface["NetworkInterfaceIds"] as? [String] ?? []))
        for eni in enis {
            #expect(eni["InterfaceType"] as? String == "vpc_endpoint")
            #expect(eni["RequesterManaged"] as? Bool == true)
            #expect(eni["Status"] as? String == "in-use")
            #expect(eni["Description"] as? String == "VPC Endpoint Interface \(interfaceId)")
            #expect(eni["OwnerId"] as? String == "000000000000")
            #expect(((eni["PrivateIpAddresses"] as? [[String: Any]])?.first?["Primary"]) as? Bool == true)
        }
        #expect((out["eniById"] as? [String])?.count == 1)
        #expect(out["eniIdsWithMax"] as? String == "InvalidParameterCombination")
        #expect(out["unknownEni"] as? String == "InvalidNetworkInterfaceID.NotFound")
        // A NAT gateway's interface carries its Elastic IP as its association.
        let address = try #require(out["address"] as? [String: Any])
        let natEni = try #require((out["natEni"] as? [[String: Any]])?.first)
        let association = try #require(natEni["Association"] as? [String: Any])
        #expect(association["PublicIp"] as? String == address["PublicIp"] as? String)
        #expect(association["AllocationId"] as? String == address["AllocationId"] as? String)
        #expect(natEni["RequesterManaged"] as? Bool == true)
        #expect(
            ((natEni["PrivateIpAddresses"] as? [[String: Any]])?.first?["Association"] as? [String: Any])?["PublicIp"]
                as? String == address["PublicIp"] as? String)

        let modified = try #require(out["modified"] as? [String: Any])
        #expect((modified["SubnetIds"] as? [String])?.count == 1)
        #expect((modified["NetworkInterfaceIds"] as? [String])?.count == 1)
        #expect((modified["Groups"] as? [[String: String]])?.count == 2)
        #expect(modified["PrivateDnsEnabled"] as? Bool == false)
        #expect((out["gatewayPolicy"] as? String)?.contains("Deny") == true)
        #expect((out["resetPolicy"] as? String)?.contains("Allow") == true)
        #expect(out["interfacesByFilter"] as? [String] == [interfaceId])
        #expect(out["byName"] as? [String] == [gatewayId])
        #expect(out["unknownEndpoint"] as? String == "InvalidVpcEndpointId.NotFound")

        let deleted = try #require(out["deleted"] as? [String: Any])
        let unsuccessful = try #require(deleted["Unsuccessful"] as? [[String: Any]])
        #expect(unsuccessful.map { $0["ResourceId"] as? String } == ["vpce-0123456789abcdef0"])
        #expect((unsuccessful.first?["Error"] as? [String: Any])?["Code"] as? String == "InvalidVpcEndpointId.NotFound")
        #expect(out["left"] as? Int == 0)
        #expect(out["enisLeft"] as? Int == 0)
        // The gateway endpoint's route left the route table with it.
        let table = try await client.send(RouteTableGet(routeTable: rtb.routeTableId))
        #expect(table.routes.allSatisfy { $0.destinationPrefixListId == nil })
    }

    @Test func prefixListsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            out["prefixLists"] = ec2.describe_prefix_lists()["PrefixLists"]
            managed = ec2.describe_managed_prefix_lists(Filters=[{"Name": "prefix-list-name", "Values": ["*.s3"]}])["PrefixLists"]
            out["managed"] = managed
            pl = managed[0]["PrefixListId"]
            first = ec2.describe_managed_prefix_lists(MaxResults=1)
            second = ec2.describe_managed_prefix_lists(MaxResults=1, NextToken=first["NextToken"])
            out["paged"] = [p["PrefixListId"] for p in first["PrefixLists"] + second["PrefixLists"]]
            out["lastToken"] = second.get("NextToken")
            entries, token = [], None
            while True:
                page = ec2.get_managed_prefix_list_entries(PrefixListId=pl, MaxResults=2, **({"NextToken": token} if token else {}))
                entries += [e["Cidr"] for e in page["Entries"]]
                token = page.get("NextToken")
                if not token:
                    break
            out["entries"] = entries
            out["byId"] = [p["PrefixListName"] for p in ec2.describe_prefix_lists(PrefixListIds=[pl])["PrefixLists"]]
            out["unknown"] = error_code(lambda: ec2.describe_managed_prefix_lists(PrefixListIds=["pl-00000000"]))
            out["unknownEntries"] = error_code(lambda: ec2.get_managed_prefix_list_entries(PrefixListId="pl-00000000"))
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let overSocket = try await aws.daemon.client.send(PrefixListList())
        let s3 = try #require(overSocket.prefixLists.first { $0.prefixListName == "com.amazonaws.us-east-1.s3" })
        let lists = try #require(out["prefixLists"] as? [[String: Any]])
        #expect(Set(lists.compactMap { $0["PrefixListId"] as? String }) == Set(overSocket.prefixLists.map(\.prefixListId)))
        #expect(lists.first { $0["PrefixListId"] as? String == s3.prefixListId }?["Cidrs"] as? [String] == s3.cidrs)
        let managed = try #require((out["managed"] as? [[String: Any]])?.first)
        #expect(managed["PrefixListId"] as? String == s3.prefixListId)
        #expect(managed["OwnerId"] as? String == "AWS")
        #expect(managed["AddressFamily"] as? String == "IPv4")
        #expect(managed["State"] as? String == "create-complete")
        #expect(managed["PrefixListArn"] as? String == "arn:aws:ec2:us-east-1:aws:prefix-list/\(s3.prefixListId)")
        #expect(Set(out["paged"] as? [String] ?? []) == Set(overSocket.prefixLists.map(\.prefixListId)))
        #expect(out["lastToken"] is NSNull)
        #expect(out["entries"] as? [String] == s3.cidrs.sorted())
        #expect(out["byId"] as? [String] == ["com.amazonaws.us-east-1.s3"])
        #expect(out["unknown"] as? String == "InvalidPrefixListID.NotFound")
        #expect(out["unknownEntries"] as? String == "InvalidPrefixListID.NotFound")
    }
}
