import Foundation
import NetctlAPI
import Testing

/// Internet gateways, NAT gateways, Elastic IPs and CIDR disassociation through boto3 and the AWS
/// CLI, with the state checked over the socket and in the watcher's logs.
@Suite(.serialized) struct AWSGatewayTests {
    @Test func detachedInternetGatewayLifecycle() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            other = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
            created = ec2.create_internet_gateway(TagSpecifications=[{"ResourceType": "internet-gateway",
                "Tags": [{"Key": "Name", "Value": "edge"}, {"Key": "env", "Value": "dev"}]}])["InternetGateway"]
            igw = created["InternetGatewayId"]
            out["vpc"], out["created"] = vpc, created
            out["detachNotAttached"] = error_code(lambda: ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc))
            ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            ec2.get_waiter("internet_gateway_exists").wait(InternetGatewayIds=[igw], WaiterConfig={"Delay": 1})
            out["attachAgain"] = error_code(lambda: ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=other))
            out["detachWrongVpc"] = error_code(lambda: ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=other))
            out["deleteAttached"] = error_code(lambda: ec2.delete_internet_gateway(InternetGatewayId=igw))
            out["attached"] = ec2.describe_internet_gateways(InternetGatewayIds=[igw])["InternetGateways"]
            def ids(**kwargs):
                return [g["InternetGatewayId"] for g in ec2.describe_internet_gateways(**kwargs)["InternetGateways"]]
            second = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            out["second"] = second
            out["secondIntoSameVpc"] = error_code(lambda: ec2.attach_internet_gateway(InternetGatewayId=second, VpcId=vpc))
            out["byVpc"] = ids(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])
            out["byState"] = ids(Filters=[{"Name": "attachment.state", "Values": ["available"]}])
            out["byTag"] = ids(Filters=[{"Name": "tag:env", "Values": ["d?v"]}])
            out["paged"] = ec2.describe_internet_gateways(MaxResults=5)
            out["idsWithMax"] = error_code(lambda: ec2.describe_internet_gateways(InternetGatewayIds=[igw], MaxResults=5))
            out["unknown"] = error_code(lambda: ec2.describe_internet_gateways(InternetGatewayIds=["igw-0123456789abcdef0"]))
            out["badFilter"] = error_code(lambda: ec2.describe_internet_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc]}]))
            ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            out["detached"] = ec2.describe_internet_gateways(InternetGatewayIds=[igw])["InternetGateways"][0]
            out["secondAttachNow"] = error_code(lambda: ec2.attach_internet_gateway(InternetGatewayId=second, VpcId=vpc))
            ec2.delete_internet_gateway(InternetGatewayId=igw)
            out["deleted"] = error_code(lambda: ec2.describe_internet_gateways(InternetGatewayIds=[igw]))
            out["igw"] = igw
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let vpc = try #require(out["vpc"] as? String)
        let igw = try #require(out["igw"] as? String)
        let second = try #require(out["second"] as? String)
        let created = try #require(out["created"] as? [String: Any])
        #expect((created["Attachments"] as? [Any])?.isEmpty == true, "AWS creates internet gateways detached")
        #expect(created["OwnerId"] as? String == "000000000000")
        #expect(tags(created) == ["Name": "edge", "env": "dev"])
        #expect(out["detachNotAttached"] as? String == "Gateway.NotAttached")
        #expect(out["attachAgain"] as? String == "Resource.AlreadyAssociated")
        #expect(out["detachWrongVpc"] as? String == "Gateway.NotAttached")
        #expect(out["deleteAttached"] as? String == "DependencyViolation")
        let attached = try #require((out["attached"] as? [[String: Any]])?.first)
        let attachments = try #require(attached["Attachments"] as? [[String: Any]])
        #expect(attachments.map { $0["VpcId"] as? String } == [vpc])
        #expect(attachments.map { $0["State"] as? String } == ["available"], "AWS's word for an attachment in place")
        #expect(out["secondIntoSameVpc"] as? String == "Resource.AlreadyAssociated")
        #expect(out["byVpc"] as? [String] == [igw])
        #expect(out["byState"] as? [String] == [igw])
        #expect(out["byTag"] as? [String] == [igw])
        #expect(((out["paged"] as? [String: Any])?["InternetGateways"] as? [Any])?.count == 2)
        #expect(out["idsWithMax"] as? String == "InvalidParameterCombination")
        #expect(out["unknown"] as? String == "InvalidInternetGatewayID.NotFound")
        #expect(out["badFilter"] as? String == "InvalidParameterValue")
        #expect(((out["detached"] as? [String: Any])?["Attachments"] as? [Any])?.isEmpty == true)
        #expect(out["secondAttachNow"] == nil || out["secondAttachNow"] is NSNull, "\(out)")
        #expect(out["deleted"] as? String == "InvalidInternetGatewayID.NotFound")

        // The socket sees the same gateways; the watcher logged the first one's life in /netctl/vpc.
        let overSocket = try await aws.daemon.client.send(GatewayList())
        #expect(overSocket.gateways.map(\.internetGatewayId) == [second])
        #expect(overSocket.gateways.first?.state == .attached && overSocket.gateways.first?.vpcId == vpc)
        let statuses = try await logStatuses(aws, stream: igw, count: 4)
        #expect(statuses == ["create detached", "attach attached", "detach detached", "delete deleted"])
    }

    @Test func natGatewayWithAnElasticIp() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        // Subnets and routes are other actions' business: made over the socket, used over AWS's wire.
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let subnet = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a"))
        let igw = try await client.send(GatewayCreate(vpc: "a"))
        let table = try await client.send(RouteTableCreate(vpc: "a"))
        _ = try await client.send(
            RouteCreate(routeTable: table.routeTableId, destinationCidrBlock: "0.0.0.0/0", gateway: igw.internetGatewayId))
        let result = try aws.boto3(
            """
            out = {}
            subnet, vpc, igw = "\(subnet.subnetId)", "\(vpc.vpcId)", "\(igw.internetGatewayId)"
            allocated = ec2.allocate_address(Domain="vpc", TagSpecifications=[{"ResourceType": "elastic-ip",
                "Tags": [{"Key": "Name", "Value": "egress"}]}])
            alloc, ip = allocated["AllocationId"], allocated["PublicIp"]
            out["allocated"] = allocated
            out["noAllocation"] = error_code(lambda: ec2.create_nat_gateway(SubnetId=subnet))
            out["privateWithAllocation"] = error_code(lambda: ec2.create_nat_gateway(
                SubnetId=subnet, ConnectivityType="private", AllocationId=alloc))
            out["unknownAllocation"] = error_code(lambda: ec2.create_nat_gateway(
                SubnetId=subnet, AllocationId="eipalloc-0123456789abcdef0"))
            create = lambda: ec2.create_nat_gateway(SubnetId=subnet, AllocationId=alloc, ClientToken="nat-1",
                TagSpecifications=[{"ResourceType": "natgateway", "Tags": [{"Key": "Name", "Value": "n1"}]}])
            created = create()
            nat = created["NatGateway"]["NatGatewayId"]
            out["created"], out["nat"] = created, nat
            out["sameToken"] = create()["NatGateway"]["NatGatewayId"]
            out["addressTaken"] = error_code(lambda: ec2.create_nat_gateway(SubnetId=subnet, AllocationId=alloc))
            ec2.get_waiter("nat_gateway_available").wait(NatGatewayIds=[nat], WaiterConfig={"Delay": 1, "MaxAttempts": 2})
            out["described"] = ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"]
            out["address"] = ec2.describe_addresses(AllocationIds=[alloc])["Addresses"]
            out["byIp"] = [a["AllocationId"] for a in ec2.describe_addresses(PublicIps=[ip])["Addresses"]]
            out["byInterface"] = [a["AllocationId"] for a in ec2.describe_addresses(Filters=[
                {"Name": "network-interface-id", "Values": [out["described"][0]["NatGatewayAddresses"][0]["NetworkInterfaceId"]]}])["Addresses"]]
            out["releaseInUse"] = error_code(lambda: ec2.release_address(AllocationId=alloc))
            private = ec2.create_nat_gateway(SubnetId=subnet, ConnectivityType="private")["NatGateway"]
            out["private"] = private
            out["byVpc"] = [n["NatGatewayId"] for n in ec2.describe_nat_gateways(
                Filter=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "tag:Name", "Values": ["n*"]}])["NatGateways"]]
            out["deleted"] = ec2.delete_nat_gateway(NatGatewayId=nat)
            ec2.get_waiter("nat_gateway_deleted").wait(NatGatewayIds=[nat], WaiterConfig={"Delay": 1, "MaxAttempts": 2})
            out["unknownNat"] = error_code(lambda: ec2.describe_nat_gateways(NatGatewayIds=[nat]))
            out["deleteAgain"] = error_code(lambda: ec2.delete_nat_gateway(NatGatewayId=nat))
            out["freed"] = ec2.describe_addresses(AllocationIds=[alloc])["Addresses"][0]
            out["alloc"] = alloc
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let alloc = try #require(out["alloc"] as? String)
        let nat = try #require(out["nat"] as? String)
        let allocated = try #require(out["allocated"] as? [String: Any])
        #expect(allocated["Domain"] as? String == "vpc" && allocated["PublicIp"] as? String == "192.0.2.1")
        #expect(allocated["PublicIpv4Pool"] as? String == "amazon" && allocated["NetworkBorderGroup"] as? String == "us-east-1")
        #expect(out["noAllocation"] as? String == "MissingParameter")
        #expect(out["privateWithAllocation"] as? String == "InvalidParameterCombination")
        #expect(out["unknownAllocation"] as? String == "InvalidAllocationID.NotFound")
        let created = try #require((out["created"] as? [String: Any])?["NatGateway"] as? [String: Any])
        #expect((out["created"] as? [String: Any])?["ClientToken"] as? String == "nat-1")
        #expect(out["sameToken"] as? String == nat)
        #expect(out["addressTaken"] as? String == "Resource.AlreadyAssociated")
        #expect(created["State"] as? String == "available" && created["ConnectivityType"] as? String == "public")
        #expect(created["SubnetId"] as? String == subnet.subnetId && created["VpcId"] as? String == vpc.vpcId)
        #expect(tags(created) == ["Name": "n1"])
        let described = try #require((out["described"] as? [[String: Any]])?.first)
        let natAddress = try #require((described["NatGatewayAddresses"] as? [[String: Any]])?.first)
        #expect(natAddress["AllocationId"] as? String == alloc && natAddress["PublicIp"] as? String == "192.0.2.1")
        #expect(natAddress["PrivateIp"] as? String == "10.0.1.4" && natAddress["IsPrimary"] as? Bool == true)
        let interface = try #require(natAddress["NetworkInterfaceId"] as? String)
        let association = try #require(natAddress["AssociationId"] as? String)
        let address = try #require((out["address"] as? [[String: Any]])?.first)
        #expect(address["AssociationId"] as? String == association && address["NetworkInterfaceId"] as? String == interface)
        #expect(address["PrivateIpAddress"] as? String == "10.0.1.4")
        #expect(address["NetworkInterfaceOwnerId"] as? String == "000000000000")
        #expect(tags(address) == ["Name": "egress"])
        #expect(out["byIp"] as? [String] == [alloc] && out["byInterface"] as? [String] == [alloc])
        #expect(out["releaseInUse"] as? String == "InvalidIPAddress.InUse")
        let privateNat = try #require(out["private"] as? [String: Any])
        #expect(privateNat["ConnectivityType"] as? String == "private")
        let privateAddress = try #require((privateNat["NatGatewayAddresses"] as? [[String: Any]])?.first)
        #expect(privateAddress["AllocationId"] == nil && privateAddress["PublicIp"] == nil)
        #expect(out["byVpc"] as? [String] == [nat])
        #expect((out["deleted"] as? [String: Any])?["NatGatewayId"] as? String == nat)
        #expect(out["unknownNat"] as? String == "NatGatewayNotFound")
        #expect(out["deleteAgain"] as? String == "NatGatewayNotFound")
        let freed = try #require(out["freed"] as? [String: Any])
        #expect(freed["AssociationId"] == nil && freed["NetworkInterfaceId"] == nil && freed["PublicIp"] as? String == "192.0.2.1")

        // The address stays the account's until released, free again, and so the socket sees it.
        let overSocket = try await client.send(AddressGet(address: "egress"))
        #expect(overSocket.allocationId == alloc && overSocket.natGatewayId == nil)
        #expect(try await client.send(NatGatewayList()).natGateways.map(\.connectivityType) == ["private"])
        let addressLog = try await logStatuses(aws, stream: alloc, count: 3)
        #expect(addressLog == ["create", "associate", "disassociate"])
        let natLog = try await logStatuses(aws, stream: nat, count: 3)
        #expect(natLog == ["create available", "delete deleting", "delete deleted"])
    }

    @Test func detachingWhileAnAddressIsMappedAsTheCLIReportsIt() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let subnet = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"))
        let igw = try await client.send(GatewayCreate(vpc: "a"))
        let table = try await client.send(RouteTableCreate(vpc: "a"))
        _ = try await client.send(
            RouteCreate(routeTable: table.routeTableId, destinationCidrBlock: "0.0.0.0/0", gateway: igw.internetGatewayId))
        let address = try await client.send(AddressAllocate())
        let nat = try await client.send(NatGatewayCreate(subnet: subnet.subnetId, address: address.allocationId))
        let refused = try aws.aws([
            "ec2", "detach-internet-gateway", "--internet-gateway-id", igw.internetGatewayId, "--vpc-id", igw.vpcId ?? "",
        ])
        #expect(refused.errorCode == "DependencyViolation", "\(refused)")
        #expect(refused.stderr.contains("has some mapped public address(es)"), "\(refused)")
        _ = try await client.send(NatGatewayDelete(natGateway: nat.natGatewayId))
        let detached = try aws.aws([
            "ec2", "detach-internet-gateway", "--internet-gateway-id", igw.internetGatewayId, "--vpc-id", igw.vpcId ?? "",
        ])
        #expect(detached.status == 0, "\(detached)")
        // Routes to a detached gateway stay, as blackholes.
        let route = try await client.send(RouteTableGet(routeTable: table.routeTableId)).routes
            .first { $0.destinationCidrBlock == "0.0.0.0/0" }
        #expect(route?.state == .blackhole)
    }

    @Test func elasticIpQuotaAndReleaseErrors() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            ids = [ec2.allocate_address(Domain="vpc")["AllocationId"] for _ in range(5)]
            out["sixth"] = error_code(lambda: ec2.allocate_address(Domain="vpc"))
            out["standard"] = error_code(lambda: ec2.allocate_address(Domain="standard"))
            out["otherBorderGroup"] = error_code(lambda: ec2.allocate_address(NetworkBorderGroup="us-west-2"))
            out["byPublicIp"] = error_code(lambda: ec2.release_address(PublicIp="192.0.2.1"))
            out["unknownRelease"] = error_code(lambda: ec2.release_address(AllocationId="eipalloc-0123456789abcdef0"))
            out["wrongBorderGroup"] = error_code(lambda: ec2.release_address(AllocationId=ids[0], NetworkBorderGroup="us-west-2"))
            out["unknownIp"] = error_code(lambda: ec2.describe_addresses(PublicIps=["203.0.113.77"]))
            out["unknownAllocation"] = error_code(lambda: ec2.describe_addresses(AllocationIds=["eipalloc-0123456789abcdef0"]))
            out["badFilter"] = error_code(lambda: ec2.describe_addresses(Filters=[{"Name": "ip", "Values": ["x"]}]))
            out["dryRun"] = error_code(lambda: ec2.release_address(AllocationId=ids[0], DryRun=True))
            out["all"] = [a["PublicIp"] for a in ec2.describe_addresses()["Addresses"]]
            out["filtered"] = [a["AllocationId"] for a in ec2.describe_addresses(
                Filters=[{"Name": "public-ip", "Values": ["192.0.2.2"]}, {"Name": "domain", "Values": ["vpc"]}])["Addresses"]]
            ec2.release_address(AllocationId=ids[0], NetworkBorderGroup="us-east-1")
            out["afterRelease"] = [a["PublicIp"] for a in ec2.describe_addresses()["Addresses"]]
            out["ids"] = ids
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let ids = try #require(out["ids"] as? [String])
        #expect(out["sixth"] as? String == "AddressLimitExceeded")
        #expect(out["standard"] as? String == "InvalidParameterValue")
        #expect(out["otherBorderGroup"] as? String == "InvalidParameterValue")
        #expect(out["byPublicIp"] as? String == "InvalidParameterValue")
        #expect(out["unknownRelease"] as? String == "InvalidAllocationID.NotFound")
        #expect(out["wrongBorderGroup"] as? String == "InvalidAddress.NotFound")
        #expect(out["unknownIp"] as? String == "InvalidAddress.NotFound")
        #expect(out["unknownAllocation"] as? String == "InvalidAllocationID.NotFound")
        #expect(out["badFilter"] as? String == "InvalidParameterValue")
        #expect(out["dryRun"] as? String == "DryRunOperation")
        #expect(out["all"] as? [String] == (1...5).map { "192.0.2.\($0)" })
        #expect(out["filtered"] as? [String] == [ids[1]])
        #expect(out["afterRelease"] as? [String] == (2...5).map { "192.0.2.\($0)" })
        #expect(try await aws.daemon.client.send(AddressList()).addresses.count == 4)

        // The quota as the CLI prints it, after the release freed one place and took it again.
        _ = try await aws.daemon.client.send(AddressAllocate())
        let cli = try aws.aws(["ec2", "allocate-address", "--domain", "vpc"])
        #expect(cli.errorCode == "AddressLimitExceeded", "\(cli)")
        #expect(cli.stderr.contains("The maximum number of addresses has been reached"), "\(cli)")
    }

    @Test func cidrDisassociation() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        _ = try await client.send(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"))
        _ = try await client.send(VpcAssociateCidr(vpc: "a", cidrBlock: "10.2.0.0/16"))
        let subnet = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.1.4.0/24"))
        let result = try aws.boto3(
            """
            out = {}
            vpc = "\(vpc.vpcId)"
            def associations():
                blocks = ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["CidrBlockAssociationSet"]
                return {b["CidrBlock"]: b["AssociationId"] for b in blocks}
            before = associations()
            out["primary"] = error_code(lambda: ec2.disassociate_vpc_cidr_block(AssociationId=before["10.0.0.0/16"]))
            out["inUse"] = error_code(lambda: ec2.disassociate_vpc_cidr_block(AssociationId=before["10.1.0.0/16"]))
            out["unknown"] = error_code(lambda: ec2.disassociate_vpc_cidr_block(AssociationId="vpc-cidr-assoc-0123456789abcdef0"))
            out["disassociated"] = ec2.disassociate_vpc_cidr_block(AssociationId=before["10.2.0.0/16"])
            out["again"] = error_code(lambda: ec2.disassociate_vpc_cidr_block(AssociationId=before["10.2.0.0/16"]))
            out["after"] = sorted(associations())
            out["expected"] = before["10.2.0.0/16"]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect(out["primary"] as? String == "OperationNotPermitted")
        #expect(out["inUse"] as? String == "InvalidCidrBlock.InUse")
        #expect(out["unknown"] as? String == "InvalidVpcCidrBlockAssociationID.NotFound")
        #expect(out["again"] as? String == "InvalidVpcCidrBlockAssociationID.NotFound")
        let disassociated = try #require(out["disassociated"] as? [String: Any])
        #expect(disassociated["VpcId"] as? String == vpc.vpcId)
        let association = try #require(disassociated["CidrBlockAssociation"] as? [String: Any])
        #expect(association["AssociationId"] as? String == out["expected"] as? String)
        #expect(association["CidrBlock"] as? String == "10.2.0.0/16")
        #expect((association["CidrBlockState"] as? [String: Any])?["State"] as? String == "disassociating")
        #expect(out["after"] as? [String] == ["10.0.0.0/16", "10.1.0.0/16"])

        let overSocket = try await client.send(VpcGet(vpc: "a"))
        #expect(overSocket.cidrBlocks == ["10.0.0.0/16", "10.1.0.0/16"])
        let main = try await client.send(RouteTableGet(routeTable: vpc.mainRouteTableId))
        #expect(main.routes.compactMap(\.destinationCidrBlock) == ["10.0.0.0/16", "10.1.0.0/16"])
        #expect(try await client.send(SubnetGet(subnet: subnet.subnetId)).cidrBlock == "10.1.4.0/24")
        let actions = try await logStatuses(aws, stream: vpc.vpcId, count: 4).map { $0.split(separator: " ")[0] }
        #expect(actions == ["create", "associateCidr", "associateCidr", "disassociateCidr"])
    }

    /// A resource's change events in /netctl/vpc as "action status", once the watcher has caught up.
    func logStatuses(_ aws: AWSDaemon, stream: String, count: Int) async throws -> [String] {
        var events: [LogEvent] = []
        for _ in 0..<300 {
            events = (try? await aws.daemon.client.send(LogsGet(group: "/netctl/vpc", stream: stream)).events) ?? []
            if events.count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try events.map { event in
            let message = try NetctlJSON.decoder.decode(JSONValue.self, from: Data(event.message.utf8))
            return [message["action"]?.stringValue, message["status"]?.stringValue].compactMap { $0 }
                .joined(separator: " ")
        }
    }

    func tags(_ resource: [String: Any]) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in resource["Tags"] as? [[String: Any]] ?? [] {
            if let key = tag["Key"] as? String { tags[key] = tag["Value"] as? String }
        }
        return tags
    }
}
