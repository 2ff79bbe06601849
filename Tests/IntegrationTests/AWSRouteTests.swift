import Foundation
import NetctlAPI
import Testing

/// Subnets, route tables, associations and routes through the AWS endpoint with boto3 (one program
/// per test) and the AWS CLI where what it prints matters; every change seen over the socket too.
@Suite(.serialized) struct AWSRouteTests {
    @Test func subnetsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            other = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
            out["vpc"] = vpc
            web = ec2.create_subnet(
                VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a",
                TagSpecifications=[{"ResourceType": "subnet",
                                    "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "tier", "Value": "public"}]}])["Subnet"]
            db = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/28", AvailabilityZoneId="use1-az2")["Subnet"]
            out["created"] = web
            out["db"] = db
            for i in range(4):
                ec2.create_subnet(VpcId=other, CidrBlock=f"10.1.{i}.0/24")
            out["conflict"] = error_code(lambda: ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.128/25"))
            out["outside"] = error_code(lambda: ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.0.0/24"))
            out["noVpc"] = error_code(lambda: ec2.create_subnet(VpcId="vpc-0123456789abcdef0", CidrBlock="10.0.3.0/24"))
            out["badZone"] = error_code(lambda: ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.3.0/24", AvailabilityZone="us-east-1z"))
            out["ipv6"] = error_code(lambda: ec2.create_subnet(VpcId=vpc, Ipv6CidrBlock="2600:1f18::/64"))
            ec2.modify_subnet_attribute(SubnetId=web["SubnetId"], MapPublicIpOnLaunch={"Value": True})
            out["modifyIpv6"] = error_code(lambda: ec2.modify_subnet_attribute(
                SubnetId=db["SubnetId"], AssignIpv6AddressOnCreation={"Value": True}))
            out["modifyUnknown"] = error_code(lambda: ec2.modify_subnet_attribute(
                SubnetId="subnet-0123456789abcdef0", MapPublicIpOnLaunch={"Value": True}))
            def ids(**kw):
                return [s["SubnetId"] for s in ec2.describe_subnets(**kw)["Subnets"]]
            def filtered(name, *values):
                return ids(Filters=[{"Name": name, "Values": list(values)}])
            out["byVpc"] = filtered("vpc-id", vpc)
            out["byTag"] = filtered("tag:tier", "pub*")
            out["byTagKey"] = filtered("tag-key", "tier")
            out["byZoneId"] = filtered("availability-zone-id", "use1-az2")
            out["byZone"] = filtered("availability-zone", "us-east-1b")
            out["byCidr"] = filtered("cidr-block", "10.0.1.0/24")
            out["public"] = filtered("map-public-ip-on-launch", "true")
            out["default"] = filtered("default-for-az", "true")
            out["byIds"] = ids(SubnetIds=[db["SubnetId"], web["SubnetId"]])
            out["described"] = ec2.describe_subnets(SubnetIds=[web["SubnetId"]])["Subnets"][0]
            out["unknownId"] = error_code(lambda: ec2.describe_subnets(SubnetIds=[web["SubnetId"], "subnet-0123456789abcdef0"]))
            out["badFilter"] = error_code(lambda: ec2.describe_subnets(Filters=[{"Name": "flavour", "Values": ["x"]}]))
            out["idsAndMax"] = error_code(lambda: ec2.describe_subnets(SubnetIds=[web["SubnetId"]], MaxResults=5))
            first = ec2.describe_subnets(MaxResults=5)
            second = ec2.describe_subnets(MaxResults=5, NextToken=first["NextToken"])
            out["pages"] = {"first": len(first["Subnets"]), "second": len(second["Subnets"]), "more": "NextToken" in second}
            pages = ec2.get_paginator("describe_subnets").paginate(PaginationConfig={"PageSize": 5})
            out["paginated"] = sorted(s["SubnetId"] for page in pages for s in page["Subnets"])
            out["all"] = sorted(ids())
            out["deleteUnknown"] = error_code(lambda: ec2.delete_subnet(SubnetId="subnet-0123456789abcdef0"))
            ec2.delete_subnet(SubnetId=db["SubnetId"])
            out["afterDelete"] = filtered("vpc-id", vpc)
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let created = try #require(out["created"] as? [String: Any], "\(result)")
        let webId = try #require(created["SubnetId"] as? String)
        let db = try #require(out["db"] as? [String: Any])
        let dbId = try #require(db["SubnetId"] as? String)
        #expect(created["CidrBlock"] as? String == "10.0.1.0/24")
        #expect(created["State"] as? String == "available")
        #expect(created["AvailableIpAddressCount"] as? Int == 251)
        #expect(db["AvailabilityZone"] as? String == "us-east-1b", "created by zone ID")
        #expect(db["AvailabilityZoneId"] as? String == "use1-az2")
        #expect(db["AvailableIpAddressCount"] as? Int == 11)
        #expect(out["conflict"] as? String == "InvalidSubnet.Conflict")
        #expect(out["outside"] as? String == "InvalidSubnet.Range")
        #expect(out["noVpc"] as? String == "InvalidVpcID.NotFound")
        #expect(out["badZone"] as? String == "InvalidParameterValue")
        #expect(out["ipv6"] as? String == "UnsupportedOperation")
        #expect(out["modifyIpv6"] as? String == "UnsupportedOperation")
        #expect(out["modifyUnknown"] as? String == "InvalidSubnetID.NotFound")
        #expect(out["byVpc"] as? [String] == [webId, dbId])
        #expect(out["byTag"] as? [String] == [webId])
        #expect(out["byTagKey"] as? [String] == [webId])
        #expect(out["byZoneId"] as? [String] == [dbId])
        #expect(out["byZone"] as? [String] == [dbId])
        #expect(out["byCidr"] as? [String] == [webId])
        #expect(out["public"] as? [String] == [webId])
        #expect(out["default"] as? [String] == [])
        #expect(out["byIds"] as? [String] == [webId, dbId])
        let described = try #require(out["described"] as? [String: Any])
        #expect(described["MapPublicIpOnLaunch"] as? Bool == true)
        #expect(described["DefaultForAz"] as? Bool == false)
        #expect(described["AvailabilityZoneId"] as? String == "use1-az1")
        #expect(described["OwnerId"] as? String == "000000000000")
        #expect(described["SubnetArn"] as? String == "arn:aws:ec2:us-east-1:000000000000:subnet/\(webId)")
        #expect(described["VpcId"] as? String == out["vpc"] as? String)
        let tags = (described["Tags"] as? [[String: String]])?.map { "\($0["Key"] ?? "")=\($0["Value"] ?? "")" }
        #expect(tags == ["Name=web", "tier=public"])
        #expect(out["unknownId"] as? String == "InvalidSubnetID.NotFound")
        #expect(out["badFilter"] as? String == "InvalidParameterValue")
        #expect(out["idsAndMax"] as? String == "InvalidParameterCombination")
        let pages = try #require(out["pages"] as? [String: Any])
        #expect(pages["first"] as? Int == 5 && pages["second"] as? Int == 1 && pages["more"] as? Bool == false)
        let all = try #require(out["all"] as? [String])
        #expect(all.count == 6)
        #expect(out["paginated"] as? [String] == all)
        #expect(out["deleteUnknown"] as? String == "InvalidSubnetID.NotFound")
        #expect(out["afterDelete"] as? [String] == [webId])

        // The same subnet over the socket, by the name its Name tag gave it.
        let web = try await aws.daemon.client.send(SubnetGet(subnet: "web"))
        #expect(web.subnetId == webId)
        #expect(web.mapPublicIpOnLaunch)
        #expect(web.tags["tier"] == "public")
        let remaining = try await aws.daemon.client.send(
            SubnetList(filters: [Filter(name: "cidr-block", values: ["10.0.*"])]))
        #expect(remaining.subnets.map(\.subnetId) == [webId])
    }

    @Test func routeTablesAndAssociationsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
            out["vpc"], out["subnet"] = vpc, subnet
            def tables(*filters, **kw):
                answer = ec2.describe_route_tables(Filters=[{"Name": n, "Values": list(v)} for n, *v in filters], **kw)
                return [t["RouteTableId"] for t in answer["RouteTables"]]
            out["main"] = ec2.describe_route_tables(
                Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
            tagged = [{"ResourceType": "route-table", "Tags": [{"Key": "Name", "Value": "public"}]}]
            created = ec2.create_route_table(VpcId=vpc, ClientToken="token-1", TagSpecifications=tagged)
            out["created"], out["clientToken"] = created["RouteTable"], created.get("ClientToken")
            out["again"] = ec2.create_route_table(
                VpcId=vpc, ClientToken="token-1", TagSpecifications=tagged)["RouteTable"]["RouteTableId"]
            out["mismatch"] = error_code(lambda: ec2.create_route_table(VpcId=vpc, ClientToken="token-1"))
            rtb = created["RouteTable"]["RouteTableId"]
            second = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            out["second"] = second
            association = ec2.associate_route_table(RouteTableId=rtb, SubnetId=subnet)
            out["association"] = association
            out["alreadyAssociated"] = error_code(lambda: ec2.associate_route_table(RouteTableId=second, SubnetId=subnet))
            out["inUse"] = error_code(lambda: ec2.delete_route_table(RouteTableId=rtb))
            out["bySubnet"] = tables(("association.subnet-id", subnet))
            out["byAssociation"] = tables(("association.route-table-association-id", association["AssociationId"]))
            out["byName"] = tables(("tag:Name", "pub*"))
            replaced = ec2.replace_route_table_association(AssociationId=association["AssociationId"], RouteTableId=second)
            out["replaced"] = replaced
            out["bySubnetAfter"] = tables(("association.subnet-id", subnet))
            out["oldAssociation"] = error_code(lambda: ec2.disassociate_route_table(AssociationId=association["AssociationId"]))
            main_association = out["main"][0]["Associations"][0]["RouteTableAssociationId"]
            out["disassociateMain"] = error_code(lambda: ec2.disassociate_route_table(AssociationId=main_association))
            new_main = ec2.replace_route_table_association(AssociationId=main_association, RouteTableId=rtb)
            out["newMain"] = new_main
            out["mainNow"] = tables(("association.main", "true"))
            out["mainTableNow"] = ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]
            out["deleteMain"] = error_code(lambda: ec2.delete_route_table(RouteTableId=rtb))
            ec2.delete_route_table(RouteTableId=out["main"][0]["RouteTableId"])
            ec2.disassociate_route_table(AssociationId=replaced["NewAssociationId"])
            out["withAssociations"] = tables(("association.main", "false"))
            out["unknownTable"] = error_code(lambda: ec2.describe_route_tables(RouteTableIds=[rtb, "rtb-0123456789abcdef0"]))
            out["unknownDelete"] = error_code(lambda: ec2.delete_route_table(RouteTableId="rtb-0123456789abcdef0"))
            out["unknownAssociate"] = error_code(lambda: ec2.associate_route_table(
                RouteTableId="rtb-0123456789abcdef0", SubnetId=subnet))
            out["unknownSubnet"] = error_code(lambda: ec2.associate_route_table(
                RouteTableId=rtb, SubnetId="subnet-0123456789abcdef0"))
            out["unknownAssociation"] = error_code(lambda: ec2.replace_route_table_association(
                AssociationId="rtbassoc-0123456789abcdef0", RouteTableId=rtb))
            out["gatewayAssociation"] = error_code(lambda: ec2.associate_route_table(
                RouteTableId=rtb, GatewayId="igw-0123456789abcdef0"))
            out["idsAndMax"] = error_code(lambda: ec2.describe_route_tables(RouteTableIds=[rtb], MaxResults=5))
            out["tooMany"] = error_code(lambda: ec2.describe_route_tables(MaxResults=101))
            ec2.delete_route_table(RouteTableId=second)
            out["tables"] = tables()
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let vpcId = try #require(out["vpc"] as? String, "\(result)")
        let subnetId = try #require(out["subnet"] as? String)
        let main = try #require((out["main"] as? [[String: Any]])?.first)
        let oldMainId = try #require(main["RouteTableId"] as? String)
        let mainAssociation = try #require((main["Associations"] as? [[String: Any]])?.first)
        #expect(mainAssociation["Main"] as? Bool == true)
        #expect(mainAssociation["RouteTableId"] as? String == oldMainId)
        #expect((mainAssociation["AssociationState"] as? [String: Any])?["State"] as? String == "associated")
        let mainAssociationId = try #require(mainAssociation["RouteTableAssociationId"] as? String)
        #expect(mainAssociationId.wholeMatch(of: /rtbassoc-[0-9a-f]{17}/) != nil)
        let mainRoutes = try #require(main["Routes"] as? [[String: Any]])
        #expect(mainRoutes.count == 1)
        #expect(mainRoutes.first?["GatewayId"] as? String == "local")
        #expect(mainRoutes.first?["Origin"] as? String == "CreateRouteTable")
        #expect(mainRoutes.first?["State"] as? String == "active")

        let created = try #require(out["created"] as? [String: Any])
        let rtb = try #require(created["RouteTableId"] as? String)
        let second = try #require(out["second"] as? String)
        #expect(created["VpcId"] as? String == vpcId)
        #expect(created["OwnerId"] as? String == "000000000000")
        #expect((created["Associations"] as? [Any])?.isEmpty == true)
        #expect((created["Tags"] as? [[String: String]]) == [["Key": "Name", "Value": "public"]])
        #expect(out["clientToken"] as? String == "token-1")
        #expect(out["again"] as? String == rtb, "the same ClientToken returns the same table")
        #expect(out["mismatch"] as? String == "IdempotentParameterMismatch")

        let association = try #require(out["association"] as? [String: Any])
        let associationId = try #require(association["AssociationId"] as? String)
        #expect((association["AssociationState"] as? [String: Any])?["State"] as? String == "associated")
        #expect(out["alreadyAssociated"] as? String == "Resource.AlreadyAssociated")
        #expect(out["inUse"] as? String == "DependencyViolation")
        #expect(out["bySubnet"] as? [String] == [rtb])
        #expect(out["byAssociation"] as? [String] == [rtb])
        #expect(out["byName"] as? [String] == [rtb])
        let replaced = try #require(out["replaced"] as? [String: Any])
        let replacedId = try #require(replaced["NewAssociationId"] as? String)
        #expect(replacedId != associationId)
        #expect(out["bySubnetAfter"] as? [String] == [second])
        #expect(out["oldAssociation"] as? String == "InvalidAssociationID.NotFound")
        #expect(out["disassociateMain"] as? String == "InvalidParameterValue")
        let newMainId = try #require((out["newMain"] as? [String: Any])?["NewAssociationId"] as? String)
        #expect(newMainId != mainAssociationId)
        #expect(out["mainNow"] as? [String] == [rtb])
        let mainTableNow = try #require(out["mainTableNow"] as? [String: Any])
        let nowAssociations = try #require(mainTableNow["Associations"] as? [[String: Any]])
        #expect(nowAssociations.map { $0["Main"] as? Bool } == [true])
        #expect(nowAssociations.first?["RouteTableAssociationId"] as? String == newMainId)
        #expect(out["deleteMain"] as? String == "DependencyViolation")
        #expect(out["withAssociations"] as? [String] == [])
        #expect(out["unknownTable"] as? String == "InvalidRouteTableID.NotFound")
        #expect(out["unknownDelete"] as? String == "InvalidRouteTableID.NotFound")
        #expect(out["unknownAssociate"] as? String == "InvalidRouteTableID.NotFound")
        #expect(out["unknownSubnet"] as? String == "InvalidSubnetID.NotFound")
        #expect(out["unknownAssociation"] as? String == "InvalidAssociationID.NotFound")
        #expect(out["gatewayAssociation"] as? String == "UnsupportedOperation")
        #expect(out["idsAndMax"] as? String == "InvalidParameterCombination")
        #expect(out["tooMany"] as? String == "InvalidParameterValue")
        #expect(out["tables"] as? [String] == [rtb])

        // Over the socket: the VPC's main table moved, under the new main association ID.
        let vpc = try await aws.daemon.client.send(VpcGet(vpc: vpcId))
        #expect(vpc.mainRouteTableId == rtb)
        let table = try await aws.daemon.client.send(RouteTableGet(routeTable: "public"))
        #expect(table.routeTableId == rtb)
        #expect(table.main && table.mainAssociationId == newMainId)
        #expect(table.associations.isEmpty)
        let mains = try await aws.daemon.client.send(
            RouteTableList(filters: [Filter(name: "association.main", values: ["true"])]))
        #expect(mains.routeTables.map(\.routeTableId) == [rtb])
        #expect(try await aws.daemon.client.send(SubnetGet(subnet: subnetId)).vpcId == vpcId)
    }

    @Test func routesThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        // What other areas' actions make, made over the socket: a gateway, a NAT gateway, a peering.
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let other = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        let subnet = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "s1"))
        let igw = try await client.send(GatewayCreate(vpc: "a"))
        let nat = try await client.send(NatGatewayCreate(subnet: "s1"))
        let peering = try await client.send(PeeringCreate(requesterVpc: "a", accepterVpc: "b"))
        let result = try aws.boto3(
            """
            VPC, SUBNET, IGW, NAT, PCX = "\(vpc.vpcId)", "\(subnet.subnetId)", "\(igw.internetGatewayId)", "\(nat.natGatewayId)", "\(peering.peeringId)"
            out = {}
            rtb = ec2.create_route_table(VpcId=VPC)["RouteTable"]["RouteTableId"]
            out["rtb"] = rtb
            out["created"] = ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=IGW)["Return"]
            out["duplicate"] = error_code(lambda: ec2.create_route(
                RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=NAT))
            ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="10.1.0.0/16", VpcPeeringConnectionId=PCX)
            out["beforeReplace"] = ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"]
            ec2.replace_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=NAT)
            out["routes"] = ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"]
            def code(call, table=rtb, **kw):
                return error_code(lambda: call(RouteTableId=table, **kw))
            out["replaceMissing"] = code(ec2.replace_route, DestinationCidrBlock="192.168.0.0/16", GatewayId=IGW)
            out["deleteMissing"] = code(ec2.delete_route, DestinationCidrBlock="192.168.0.0/16")
            out["unknownGateway"] = code(ec2.create_route, DestinationCidrBlock="192.168.0.0/16", GatewayId="igw-0123456789abcdef0")
            out["unknownNat"] = code(ec2.create_route, DestinationCidrBlock="192.168.0.0/16", NatGatewayId="nat-0123456789abcdef0")
            out["unknownPeering"] = code(
                ec2.create_route, DestinationCidrBlock="192.168.0.0/16", VpcPeeringConnectionId="pcx-0123456789abcdef0")
            out["unknownTable"] = code(
                ec2.create_route, table="rtb-0123456789abcdef0", DestinationCidrBlock="192.168.0.0/16", GatewayId=IGW)
            out["twoTargets"] = code(ec2.create_route, DestinationCidrBlock="192.168.0.0/16", GatewayId=IGW, NatGatewayId=NAT)
            out["transit"] = code(
                ec2.create_route, DestinationCidrBlock="192.168.0.0/16", TransitGatewayId="tgw-0123456789abcdef0")
            out["deleteLocal"] = code(ec2.delete_route, DestinationCidrBlock="10.0.0.0/16")
            out["localTarget"] = code(ec2.replace_route, DestinationCidrBlock="10.0.0.0/16", LocalTarget=True)
            out["prefixList"] = code(ec2.create_route, DestinationPrefixListId="pl-63a5400a", GatewayId=IGW)
            def tables(name, *values):
                answer = ec2.describe_route_tables(Filters=[{"Name": name, "Values": list(values)}])
                return [t["RouteTableId"] for t in answer["RouteTables"]]
            out["byNat"] = tables("route.nat-gateway-id", NAT)
            out["byGateway"] = tables("route.gateway-id", "igw-*")
            out["byPeering"] = tables("route.vpc-peering-connection-id", PCX)
            out["blackholes"] = tables("route.state", "blackhole")
            out["byDestination"] = tables("route.destination-cidr-block", "10.1.0.0/16")
            out["byOrigin"] = tables("route.origin", "CreateRoute")
            out["subnetInUse"] = error_code(lambda: ec2.delete_subnet(SubnetId=SUBNET))
            ec2.delete_route(RouteTableId=rtb, DestinationCidrBlock="10.1.0.0/16")
            out["afterDelete"] = [r.get("DestinationCidrBlock") for r in
                                  ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"]]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let rtb = try #require(out["rtb"] as? String, "\(result)")
        #expect(out["created"] as? Bool == true)
        #expect(out["duplicate"] as? String == "RouteAlreadyExists")
        let before = try #require(out["beforeReplace"] as? [[String: Any]])
        let internet = try #require(before.first { $0["DestinationCidrBlock"] as? String == "0.0.0.0/0" })
        #expect(internet["GatewayId"] as? String == igw.internetGatewayId)
        let routes = try #require(out["routes"] as? [[String: Any]])
        #expect(routes.map { $0["DestinationCidrBlock"] as? String } == ["10.0.0.0/16", "0.0.0.0/0", "10.1.0.0/16"])
        let natRoute = routes[1]
        #expect(natRoute["NatGatewayId"] as? String == nat.natGatewayId)
        #expect(natRoute["GatewayId"] == nil)
        #expect(natRoute["State"] as? String == "active")
        #expect(natRoute["Origin"] as? String == "CreateRoute")
        let peeringRoute = routes[2]
        #expect(peeringRoute["VpcPeeringConnectionId"] as? String == peering.peeringId)
        #expect(peeringRoute["State"] as? String == "blackhole", "the peering is still pending acceptance")
        #expect(out["replaceMissing"] as? String == "InvalidRoute.NotFound")
        #expect(out["deleteMissing"] as? String == "InvalidRoute.NotFound")
        #expect(out["unknownGateway"] as? String == "InvalidGatewayID.NotFound")
        #expect(out["unknownNat"] as? String == "InvalidNatGatewayID.NotFound")
        #expect(out["unknownPeering"] as? String == "InvalidVpcPeeringConnectionID.NotFound")
        #expect(out["unknownTable"] as? String == "InvalidRouteTableID.NotFound")
        #expect(out["twoTargets"] as? String == "InvalidParameterCombination")
        #expect(out["transit"] as? String == "InvalidTransitGatewayID.NotFound")
        #expect(out["deleteLocal"] as? String == "InvalidParameterValue")
        #expect(out["localTarget"] as? String == "UnsupportedOperation")
        #expect(out["prefixList"] as? String == "InvalidParameterValue")
        #expect(out["byNat"] as? [String] == [rtb])
        #expect(out["byGateway"] as? [String] == [])
        #expect(out["byPeering"] as? [String] == [rtb])
        #expect(out["blackholes"] as? [String] == [rtb])
        #expect(
            out["byDestination"] as? [String] == [other.mainRouteTableId, rtb], "b's local route, and the peering route"
        )
        #expect(out["byOrigin"] as? [String] == [rtb])
        #expect(out["subnetInUse"] as? String == "DependencyViolation")
        #expect(out["afterDelete"] as? [String] == ["10.0.0.0/16", "0.0.0.0/0"])

        // Over the socket: the replaced route points at the NAT gateway, and the main table is untouched.
        let table = try await client.send(RouteTableGet(routeTable: rtb))
        #expect(
            table.routes.map(\.target) == [.local, RouteTarget(type: RouteTarget.natGateway, id: nat.natGatewayId)])
        let main = try await client.send(RouteTableGet(routeTable: vpc.mainRouteTableId))
        #expect(main.routes.map(\.target) == [.local])
        // And in the watcher's logs: the replacement as one routeReplace change of the table, and the two
        // route.replace calls, the refused one too. The watcher writes after the commit, so wait for it.
        var tableEvents: [LogEvent] = []
        var rpcEvents: [LogEvent] = []
        for _ in 0..<100
        where !tableEvents.contains(where: { $0.message.contains(#""action":"routeReplace""#) }) || rpcEvents.count < 2
        {
            tableEvents = (try? await client.send(LogsGet(group: "/netctl/vpc", stream: rtb)).events) ?? []
            rpcEvents = (try? await client.send(LogsGet(group: "/netctl/rpc", stream: "route.replace")).events) ?? []
            try await Task.sleep(for: .milliseconds(100))
        }
        let actions = tableEvents.compactMap { $0.message.firstMatch(of: /"action":"(\w+)"/).map { String($0.1) } }
        #expect(actions == ["create", "routeCreate", "routeCreate", "routeReplace", "routeDelete"], "\(tableEvents)")
        #expect(rpcEvents.count == 2, "\(rpcEvents)")
        #expect(rpcEvents.filter { $0.message.contains("InvalidRoute.NotFound") }.count == 1, "\(rpcEvents)")
    }

    @Test func routeErrorsAsTheCLIPrintsThem() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let igw = try await client.send(GatewayCreate(vpc: "a"))
        _ = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "s1"))
        let table = try await client.send(RouteTableCreate(vpc: "a", name: "public"))
        _ = try await client.send(RouteTableAssociate(routeTable: "public", subnet: "s1"))
        let route = [
            "ec2", "create-route", "--route-table-id", table.routeTableId, "--destination-cidr-block", "0.0.0.0/0",
            "--gateway-id", igw.internetGatewayId,
        ]
        let created = try aws.aws(route)
        #expect(created.status == 0, "\(created)")
        #expect(created.object["Return"] as? Bool == true)

        let duplicate = try aws.aws(route)
        #expect(duplicate.status != 0, "\(duplicate)")
        #expect(duplicate.stdout.isEmpty)
        // The CLI's one line: the code, the action, and netctld's message naming the table and the route's target.
        #expect(
            duplicate.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                == "An error occurred (RouteAlreadyExists) when calling the CreateRoute operation: The route identified "
                + "by 0.0.0.0/0 already exists in \(table.routeTableId) (→ \(igw.internetGatewayId)). Delete it first "
                + "to point it elsewhere.",
            "\(duplicate)")

        let inUse = try aws.aws(["ec2", "delete-route-table", "--route-table-id", table.routeTableId])
        #expect(inUse.status != 0)
        #expect(inUse.errorCode == "DependencyViolation", "\(inUse)")
        #expect(
            inUse.stderr.contains(
                "when calling the DeleteRouteTable operation: The routeTable '\(table.routeTableId)' has dependencies and "
                    + "cannot be deleted"),
            "\(inUse)")
        let stillThere = try await client.send(RouteTableGet(routeTable: table.routeTableId))
        #expect(stillThere.routes.count == 2 && stillThere.associations.count == 1)
    }
}
