import Foundation
import NetctlAPI
import Testing

/// Transit gateways through the AWS endpoint with boto3 and the AWS CLI: the hub's rules (states on the
/// daemon clock, one subnet per zone, propagation, static over propagated routes) answered as EC2 does.
@Suite(.serialized) struct AWSTransitGatewayTests {
    @Test func hubThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let setUp = try aws.boto3(
            """
            out = {}
            a = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            b = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
            out["a"], out["b"] = a, b
            out["a1"] = ec2.create_subnet(VpcId=a, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
            out["a2"] = ec2.create_subnet(VpcId=a, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
            out["b1"] = ec2.create_subnet(VpcId=b, CidrBlock="10.1.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
            hub = ec2.create_transit_gateway(
                Description="hub", Options={"AmazonSideAsn": 64600},
                TagSpecifications=[{"ResourceType": "transit-gateway", "Tags": [{"Key": "Name", "Value": "hub"}]}]
            )["TransitGateway"]
            out["created"] = hub
            out["badAsn"] = error_code(lambda: ec2.create_transit_gateway(Options={"AmazonSideAsn": 100}))
            out["badOption"] = error_code(lambda: ec2.create_transit_gateway(Options={"DnsSupport": "maybe"}))
            out["multicast"] = error_code(lambda: ec2.create_transit_gateway(Options={"MulticastSupport": "enable"}))
            out["early"] = error_code(lambda: ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=hub["TransitGatewayId"], VpcId=a, SubnetIds=[out["a1"]]))
            out["unknown"] = error_code(lambda: ec2.describe_transit_gateways(TransitGatewayIds=["tgw-0123456789abcdef0"]))
            print(json.dumps(out, default=str))
            """)
        #expect(setUp.status == 0, "\(setUp)")
        let ids = setUp.object
        let created = try #require(ids["created"] as? [String: Any], "\(setUp)")
        let hubId = try #require(created["TransitGatewayId"] as? String)
        #expect(created["State"] as? String == "pending")
        let options = try #require(created["Options"] as? [String: Any])
        #expect(options["AmazonSideAsn"] as? Int == 64600)
        #expect(options["DefaultRouteTableAssociation"] as? String == "enable")
        #expect(options["DefaultRouteTablePropagation"] as? String == "enable")
        #expect((options["AssociationDefaultRouteTableId"] as? String)?.hasPrefix("tgw-rtb-") == true)
        #expect(ids["badAsn"] as? String == "InvalidParameterValue")
        #expect(ids["badOption"] as? String == "InvalidParameterValue")
        #expect(ids["multicast"] as? String == "UnsupportedOperation")
        #expect(ids["early"] as? String == "IncorrectState")
        #expect(ids["unknown"] as? String == "InvalidTransitGatewayID.NotFound")
        let (a, b, a1, a2, b1) = (
            try #require(ids["a"] as? String), try #require(ids["b"] as? String), try #require(ids["a1"] as? String),
            try #require(ids["a2"] as? String), try #require(ids["b1"] as? String)
        )
        _ = try await client.send(DebugClockAdvance(seconds: 10))

        let attached = try aws.boto3(
            """
            out = {}
            hub = "\(hubId)"
            out["state"] = ec2.describe_transit_gateways(TransitGatewayIds=[hub])["TransitGateways"][0]["State"]
            out["sameZone"] = error_code(lambda: ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=hub, VpcId="\(a)", SubnetIds=["\(a1)", "\(a2)"]))
            out["a"] = ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=hub, VpcId="\(a)", SubnetIds=["\(a1)"],
                TagSpecifications=[{"ResourceType": "transit-gateway-attachment", "Tags": [{"Key": "Name", "Value": "a-att"}]}]
            )["TransitGatewayVpcAttachment"]
            out["b"] = ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=hub, VpcId="\(b)", SubnetIds=["\(b1)"])["TransitGatewayVpcAttachment"]
            out["duplicate"] = error_code(lambda: ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=hub, VpcId="\(a)", SubnetIds=["\(a1)"]))
            print(json.dumps(out, default=str))
            """)
        #expect(attached.status == 0, "\(attached)")
        #expect(attached.object["state"] as? String == "available")
        #expect(attached.object["sameZone"] as? String == "DuplicateSubnetsInSameZone")
        #expect(attached.object["duplicate"] as? String == "DuplicateTransitGatewayAttachment")
        let attachmentA = try #require(attached.object["a"] as? [String: Any], "\(attached)")
        #expect(attachmentA["State"] as? String == "pending")
        #expect(attachmentA["VpcId"] as? String == a)
        #expect(attachmentA["SubnetIds"] as? [String] == [a1])
        let aAtt = try #require(attachmentA["TransitGatewayAttachmentId"] as? String)
        let bAtt = try #require((attached.object["b"] as? [String: Any])?["TransitGatewayAttachmentId"] as? String)
        _ = try await client.send(DebugClockAdvance(seconds: 10))

        let routed = try aws.boto3(
            """
            out = {}
            hub = "\(hubId)"
            table = ec2.describe_transit_gateways(TransitGatewayIds=[hub])["TransitGateways"][0]["Options"]["AssociationDefaultRouteTableId"]
            out["table"] = table
            out["tables"] = [t["TransitGatewayRouteTableId"] for t in ec2.describe_transit_gateway_route_tables(
                Filters=[{"Name": "transit-gateway-id", "Values": [hub]}])["TransitGatewayRouteTables"]]
            out["attachments"] = sorted((x["ResourceType"], x["State"], x["Association"]["State"])
                for x in ec2.describe_transit_gateway_attachments()["TransitGatewayAttachments"])
            out["byVpc"] = [x["TransitGatewayAttachmentId"] for x in ec2.describe_transit_gateway_vpc_attachments(
                Filters=[{"Name": "vpc-id", "Values": ["\(b)"]}])["TransitGatewayVpcAttachments"]]
            out["associations"] = sorted(x["TransitGatewayAttachmentId"] for x in
                ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=table)["Associations"])
            out["propagations"] = sorted(x["ResourceId"] for x in ec2.get_transit_gateway_route_table_propagations(
                TransitGatewayRouteTableId=table)["TransitGatewayRouteTablePropagations"])
            def search(*filters):
                return ec2.search_transit_gateway_routes(TransitGatewayRouteTableId=table, Filters=list(filters))["Routes"]
            out["propagated"] = sorted((r["DestinationCidrBlock"], r["Type"], r["State"])
                for r in search({"Name": "type", "Values": ["propagated"]}))
            out["static"] = ec2.create_transit_gateway_route(
                TransitGatewayRouteTableId=table, DestinationCidrBlock="10.1.0.0/16", Blackhole=True)["Route"]
            out["hidden"] = [(r["Type"], r["State"]) for r in search(
                {"Name": "route-search.exact-match", "Values": ["10.1.0.0/16"]})]
            out["again"] = error_code(lambda: ec2.create_transit_gateway_route(
                TransitGatewayRouteTableId=table, DestinationCidrBlock="10.1.0.0/16", Blackhole=True))
            out["replaced"] = ec2.replace_transit_gateway_route(
                TransitGatewayRouteTableId=table, DestinationCidrBlock="10.1.0.0/16",
                TransitGatewayAttachmentId="\(bAtt)")["Route"]
            out["replaceMissing"] = error_code(lambda: ec2.replace_transit_gateway_route(
                TransitGatewayRouteTableId=table, DestinationCidrBlock="10.7.0.0/16", Blackhole=True))
            out["deleted"] = ec2.delete_transit_gateway_route(
                TransitGatewayRouteTableId=table, DestinationCidrBlock="10.1.0.0/16")["Route"]
            out["after"] = [(r["Type"], r["State"]) for r in search(
                {"Name": "route-search.exact-match", "Values": ["10.1.0.0/16"]})]
            ec2.create_route(RouteTableId=ec2.describe_route_tables(Filters=[
                {"Name": "vpc-id", "Values": ["\(a)"]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"],
                DestinationCidrBlock="10.1.0.0/16", TransitGatewayId=hub)
            out["vpcRoutes"] = [r.get("TransitGatewayId") for rt in ec2.describe_route_tables(
                Filters=[{"Name": "route.transit-gateway-id", "Values": [hub]}])["RouteTables"] for r in rt["Routes"]]
            disabled = ec2.disable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId="\(bAtt)")["Propagation"]
            out["disabled"] = disabled["State"]
            out["withoutB"] = [r["DestinationCidrBlock"] for r in search({"Name": "type", "Values": ["propagated"]})]
            out["notPropagating"] = error_code(lambda: ec2.disable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId="\(bAtt)"))
            out["enabled"] = ec2.enable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId="\(bAtt)")["Propagation"]["State"]
            out["disassociated"] = ec2.disassociate_transit_gateway_route_table(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId="\(aAtt)")["Association"]["State"]
            out["associated"] = ec2.associate_transit_gateway_route_table(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId="\(aAtt)")["Association"]
            out["twice"] = error_code(lambda: ec2.associate_transit_gateway_route_table(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId="\(aAtt)"))
            out["hubInUse"] = error_code(lambda: ec2.delete_transit_gateway(TransitGatewayId=hub))
            out["detached"] = ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId="\(aAtt)")[
                "TransitGatewayVpcAttachment"]["State"]
            print(json.dumps(out, default=str))
            """)
        #expect(routed.status == 0, "\(routed)")
        let out = routed.object
        let table = try #require(out["table"] as? String, "\(routed)")
        #expect(out["tables"] as? [String] == [table])
        #expect(out["attachments"] as? [[String]] == [["vpc", "available", "associated"], ["vpc", "available", "associated"]])
        #expect(out["byVpc"] as? [String] == [bAtt])
        #expect(out["associations"] as? [String] == [aAtt, bAtt].sorted())
        #expect(out["propagations"] as? [String] == [a, b].sorted())
        #expect(out["propagated"] as? [[String]] == [["10.0.0.0/16", "propagated", "active"], ["10.1.0.0/16", "propagated", "active"]])
        let staticRoute = try #require(out["static"] as? [String: Any])
        #expect(staticRoute["Type"] as? String == "static" && staticRoute["State"] as? String == "blackhole")
        #expect(out["hidden"] as? [[String]] == [["static", "blackhole"]], "a static route hides the propagated one")
        #expect(out["again"] as? String == "RouteAlreadyExists")
        let replaced = try #require(out["replaced"] as? [String: Any])
        #expect(replaced["State"] as? String == "active")
        #expect((replaced["TransitGatewayAttachments"] as? [[String: Any]])?.first?["ResourceId"] as? String == b)
        #expect(out["replaceMissing"] as? String == "InvalidRoute.NotFound")
        #expect((out["deleted"] as? [String: Any])?["State"] as? String == "deleted")
        #expect(out["after"] as? [[String]] == [["propagated", "active"]], "the propagated route is back")
        // The local route has no TransitGatewayId: JSON null.
        #expect((out["vpcRoutes"] as? [Any])?.compactMap { $0 as? String } == [hubId], "\(routed)")
        #expect(out["disabled"] as? String == "disabled")
        #expect(out["withoutB"] as? [String] == ["10.0.0.0/16"])
        #expect(out["notPropagating"] as? String == "TransitGatewayRouteTablePropagation.NotFound")
        #expect(out["enabled"] as? String == "enabled")
        #expect(out["disassociated"] as? String == "disassociated")
        #expect((out["associated"] as? [String: Any])?["ResourceId"] as? String == a)
        #expect(out["twice"] as? String == "Resource.AlreadyAssociated")
        #expect(out["hubInUse"] as? String == "DependencyViolation")
        #expect(out["detached"] as? String == "deleting")

        // The same hub over the socket: one implementation of the rules. a's attachment is being
        // deleted, so its CIDR no longer propagates.
        let overSocket = try await client.send(TransitGatewayRouteSearch(routeTable: table))
        #expect(overSocket.routes.map(\.destinationCidrBlock) == ["10.1.0.0/16"])
    }

    @Test func describeThroughTheAWSCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let created = try aws.aws(["ec2", "create-transit-gateway", "--description", "hub"])
        #expect(created.status == 0, "\(created)")
        let hub = try #require((created.object["TransitGateway"] as? [String: Any])?["TransitGatewayId"] as? String)
        let described = try aws.aws(["ec2", "describe-transit-gateways", "--transit-gateway-ids", hub])
        #expect(described.status == 0, "\(described)")
        let hubs = try #require(described.object["TransitGateways"] as? [[String: Any]])
        #expect(hubs.map { $0["TransitGatewayId"] as? String } == [hub])
        let tables = try aws.aws([
            "ec2", "describe-transit-gateway-route-tables", "--filters", "Name=default-association-route-table,Values=true",
        ])
        #expect((tables.object["TransitGatewayRouteTables"] as? [[String: Any]])?.count == 1, "\(tables)")
        let unknown = try aws.aws(["ec2", "delete-transit-gateway", "--transit-gateway-id", "tgw-0123456789abcdef0"])
        #expect(unknown.status != 0 && unknown.stderr.contains("InvalidTransitGatewayID.NotFound"), "\(unknown)")
    }
}
