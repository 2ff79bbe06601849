import Foundation
import NetctlAPI
import Testing

/// Site-to-Site VPN through the AWS endpoint with the real AWS CLI: customer gateways, a VGW on a VPC,
/// static and BGP connections, VGW propagation into a VPC route table, and AWS's error codes, on the
/// same `vpn.*` rules as the socket.
@Suite(.serialized) struct AWSVpnTests {
    /// `aws ec2 ARGS`, which must succeed: its JSON answer.
    func ec2(_ aws: AWSDaemon, _ arguments: [String]) throws -> [String: Any] {
        let result = try aws.aws(["ec2"] + arguments)
        #expect(result.status == 0, "aws ec2 \(arguments.joined(separator: " ")): \(result)")
        return result.object
    }

    /// `aws ec2 ARGS`, which must fail: its AWS error code.
    func refusal(_ aws: AWSDaemon, _ arguments: [String]) throws -> String? {
        let result = try aws.aws(["ec2"] + arguments)
        #expect(result.status != 0, "aws ec2 \(arguments.joined(separator: " ")) succeeded: \(result)")
        return result.errorCode
    }

    func routes(_ aws: AWSDaemon, table: String) throws -> (propagating: [String], routes: [[String: Any]]) {
        let tables =
            try ec2(aws, ["describe-route-tables", "--route-table-ids", table])["RouteTables"] as? [[String: Any]]
        let described = try #require(tables?.first)
        let propagating = (described["PropagatingVgws"] as? [[String: Any]] ?? []).compactMap {
            $0["GatewayId"] as? String
        }
        return (propagating, described["Routes"] as? [[String: Any]] ?? [])
    }

    @Test func vpnOverTheAWSCLI() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let vpcId = try #require(
            (try ec2(aws, ["create-vpc", "--cidr-block", "10.0.0.0/16"])["Vpc"] as? [String: Any])?["VpcId"] as? String)
        let mainTable = try #require(
            ((try ec2(aws, ["describe-route-tables", "--filters", "Name=vpc-id,Values=\(vpcId)"])["RouteTables"]
                as? [[String: Any]])?.first)?["RouteTableId"] as? String)

        // Customer gateways: BgpAsn 65000 by default, an identical request answers the same gateway,
        // another DeviceName makes another one.
        let office = try #require(
            try ec2(
                aws,
                [
                    "create-customer-gateway", "--type", "ipsec.1", "--ip-address", "203.0.113.12",
                    "--tag-specifications", "ResourceType=customer-gateway,Tags=[{Key=Name,Value=office}]",
                ])["CustomerGateway"] as? [String: Any])
        let officeId = try #require(office["CustomerGatewayId"] as? String)
        #expect(officeId.hasPrefix("cgw-"))
        #expect(office["BgpAsn"] as? String == "65000" && office["Type"] as? String == "ipsec.1")
        #expect(office["IpAddress"] as? String == "203.0.113.12" && office["State"] as? String == "pending")
        #expect((office["Tags"] as? [[String: String]]) == [["Key": "Name", "Value": "office"]])
        let again = try ec2(
            aws,
            [
                "create-customer-gateway", "--type", "ipsec.1", "--ip-address", "203.0.113.12",
                "--tag-specifications", "ResourceType=customer-gateway,Tags=[{Key=Name,Value=office}]",
            ])
        #expect((again["CustomerGateway"] as? [String: Any])?["CustomerGatewayId"] as? String == officeId)
        let router = try #require(
            try ec2(
                aws,
                [
                    "create-customer-gateway", "--type", "ipsec.1", "--public-ip", "198.51.100.7", "--bgp-asn", "65010",
                    "--device-name", "router-2",
                ])["CustomerGateway"] as? [String: Any])
        let routerId = try #require(router["CustomerGatewayId"] as? String)
        #expect(router["DeviceName"] as? String == "router-2" && router["BgpAsn"] as? String == "65010")
        #expect(
            try refusal(aws, ["create-customer-gateway", "--type", "ipsec.2", "--ip-address", "203.0.113.12"])
                == "InvalidParameterValue")
        #expect(try refusal(aws, ["create-customer-gateway", "--type", "ipsec.1"]) == "MissingParameter")

        let vgw = try #require(
            try ec2(
                aws,
                [
                    "create-vpn-gateway", "--type", "ipsec.1", "--amazon-side-asn", "64600",
                    "--tag-specifications", "ResourceType=vpn-gateway,Tags=[{Key=Name,Value=edge}]",
                ])["VpnGateway"] as? [String: Any])
        let vgwId = try #require(vgw["VpnGatewayId"] as? String)
        #expect(vgw["AmazonSideAsn"] as? Int == 64600 && vgw["State"] as? String == "pending")
        #expect(
            try refusal(aws, ["attach-vpn-gateway", "--vpn-gateway-id", vgwId, "--vpc-id", vpcId]) == "IncorrectState")
        _ = try await client.send(DebugClockAdvance(seconds: 10))

        let attachment = try #require(
            try ec2(aws, ["attach-vpn-gateway", "--vpn-gateway-id", vgwId, "--vpc-id", vpcId])["VpcAttachment"]
                as? [String: String])
        #expect(attachment == ["VpcId": vpcId, "State": "attached"])
        #expect(try refusal(aws, ["delete-vpn-gateway", "--vpn-gateway-id", vgwId]) == "IncorrectState")

        // A static connection from the office, a BGP one from the router advertising 172.16.0.0/16.
        let staticVpn = try #require(
            try ec2(
                aws,
                [
                    "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", officeId, "--vpn-gateway-id",
                    vgwId,
                    "--options", "StaticRoutesOnly=true",
                    "--tag-specifications", "ResourceType=vpn-connection,Tags=[{Key=Name,Value=office-vpn}]",
                ])["VpnConnection"] as? [String: Any])
        let staticId = try #require(staticVpn["VpnConnectionId"] as? String)
        #expect(staticVpn["State"] as? String == "pending" && staticVpn["VpnGatewayId"] as? String == vgwId)
        #expect((staticVpn["Options"] as? [String: Any])?["StaticRoutesOnly"] as? Bool == true)
        let telemetry = try #require(staticVpn["VgwTelemetry"] as? [[String: Any]])
        #expect(telemetry.count == 2 && telemetry.allSatisfy { $0["Status"] as? String == "UP" })
        #expect(staticVpn["CustomerGatewayConfiguration"] == nil, "no pre-shared keys are made up")
        let bgpVpn = try #require(
            try ec2(
                aws,
                [
                    "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", routerId, "--vpn-gateway-id",
                    vgwId,
                    "--options", "LocalIpv4NetworkCidr=172.16.0.0/16",
                ])["VpnConnection"] as? [String: Any])
        let bgpId = try #require(bgpVpn["VpnConnectionId"] as? String)
        let bgpOptions = try #require(bgpVpn["Options"] as? [String: Any])
        #expect(bgpOptions["StaticRoutesOnly"] as? Bool == false)
        #expect(bgpOptions["LocalIpv4NetworkCidr"] as? String == "172.16.0.0/16")
        // CreateVpnConnection is idempotent.
        let repeated = try ec2(
            aws,
            [
                "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", routerId, "--vpn-gateway-id",
                vgwId, "--options", "LocalIpv4NetworkCidr=172.16.0.0/16",
            ])
        #expect((repeated["VpnConnection"] as? [String: Any])?["VpnConnectionId"] as? String == bgpId)
        #expect(
            try refusal(
                aws,
                [
                    "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", officeId, "--vpn-gateway-id",
                    vgwId,
                    "--options", "TunnelInsideIpVersion=ipv6",
                ]) == "UnsupportedOperation")
        #expect(
            try refusal(
                aws,
                [
                    "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", "cgw-0123456789abcdef0",
                    "--vpn-gateway-id", vgwId,
                ]) == "InvalidCustomerGatewayID.NotFound")
        _ = try await client.send(DebugClockAdvance(seconds: 10))

        _ = try ec2(
            aws,
            [
                "create-vpn-connection-route", "--vpn-connection-id", staticId, "--destination-cidr-block",
                "10.50.0.0/16",
            ])
        #expect(
            try refusal(
                aws,
                [
                    "create-vpn-connection-route", "--vpn-connection-id", staticId, "--destination-cidr-block",
                    "10.50.0.0/16",
                ])
                == "RouteAlreadyExists")
        #expect(
            try refusal(
                aws,
                [
                    "create-vpn-connection-route", "--vpn-connection-id", bgpId, "--destination-cidr-block",
                    "10.51.0.0/16",
                ])
                == "InvalidParameterValue")

        // Describe with filters.
        func connections(_ arguments: [String]) throws -> [[String: Any]] {
            try ec2(aws, ["describe-vpn-connections"] + arguments)["VpnConnections"] as? [[String: Any]] ?? []
        }
        let byRoute = try connections(["--filters", "Name=route.destination-cidr-block,Values=10.50.0.0/16"])
        #expect(byRoute.map { $0["VpnConnectionId"] as? String } == [staticId])
        #expect(
            byRoute.first?["Routes"] as? [[String: String]] == [
                ["DestinationCidrBlock": "10.50.0.0/16", "Source": "Static", "State": "available"]
            ])
        #expect(
            try connections(["--filters", "Name=vpn-gateway-id,Values=\(vgwId)", "Name=state,Values=available"]).count
                == 2)
        #expect(
            try connections(["--filters", "Name=customer-gateway-id,Values=\(routerId)"]).map {
                $0["VpnConnectionId"] as? String
            } == [bgpId])
        #expect(
            try connections(["--filters", "Name=tag:Name,Values=office-*"]).map { $0["VpnConnectionId"] as? String }
                == [staticId])
        #expect(
            try connections([
                "--filters", "Name=type,Values=ipsec.1", "Name=transit-gateway-id,Values=tgw-0123456789abcdef0",
            ]).isEmpty)
        #expect(try connections(["--vpn-connection-ids", bgpId]).first?["State"] as? String == "available")
        #expect(
            try refusal(aws, ["describe-vpn-connections", "--vpn-connection-ids", "vpn-0123456789abcdef0"])
                == "InvalidVpnConnectionID.NotFound")

        func customerGateways(_ arguments: [String]) throws -> [String] {
            (try ec2(aws, ["describe-customer-gateways"] + arguments)["CustomerGateways"] as? [[String: Any]] ?? [])
                .compactMap { $0["CustomerGatewayId"] as? String }
        }
        #expect(try customerGateways(["--filters", "Name=bgp-asn,Values=65000"]) == [officeId])
        #expect(
            try customerGateways(["--filters", "Name=ip-address,Values=198.51.100.7", "Name=state,Values=available"])
                == [routerId])
        #expect(
            try customerGateways(["--filters", "Name=tag-key,Values=Name", "Name=type,Values=ipsec.1"]) == [officeId])
        #expect(
            try customerGateways(["--customer-gateway-ids", routerId, officeId]).sorted()
                == [officeId, routerId].sorted())
        #expect(
            try refusal(aws, ["describe-customer-gateways", "--customer-gateway-ids", "cgw-0123456789abcdef0"])
                == "InvalidCustomerGatewayID.NotFound")

        func vpnGateways(_ arguments: [String]) throws -> [[String: Any]] {
            try ec2(aws, ["describe-vpn-gateways"] + arguments)["VpnGateways"] as? [[String: Any]] ?? []
        }
        let byVpc = try vpnGateways([
            "--filters", "Name=attachment.vpc-id,Values=\(vpcId)", "Name=attachment.state,Values=attached",
        ])
        #expect(byVpc.map { $0["VpnGatewayId"] as? String } == [vgwId])
        #expect(byVpc.first?["VpcAttachments"] as? [[String: String]] == [["VpcId": vpcId, "State": "attached"]])
        #expect(
            try vpnGateways(["--filters", "Name=amazon-side-asn,Values=64600", "Name=tag:Name,Values=edge"]).count == 1)
        #expect(try vpnGateways(["--filters", "Name=state,Values=pending"]).isEmpty)
        // Tags change after creation too, and the Name tag renames.
        _ = try ec2(
            aws, ["create-tags", "--resources", vgwId, bgpId, "--tags", "Key=env,Value=prod", "Key=Name,Value=edge-2"])
        #expect(
            try vpnGateways(["--filters", "Name=tag:env,Values=prod"]).map { $0["VpnGatewayId"] as? String } == [vgwId])
        #expect(
            try connections(["--filters", "Name=tag:Name,Values=edge-2"]).map { $0["VpnConnectionId"] as? String } == [
                bgpId
            ])
        let tagged =
            try ec2(aws, ["describe-tags", "--filters", "Name=key,Values=env"])["Tags"] as? [[String: String]] ?? []
        #expect(
            tagged.map { [$0["ResourceId"], $0["ResourceType"]] }.sorted { "\($0)" < "\($1)" }
                == [
                    [vgwId, "vpn-gateway"], [bgpId, "vpn-connection"],
                ].sorted { "\($0)" < "\($1)" })
        _ = try ec2(aws, ["delete-tags", "--resources", officeId, "--tags", "Key=Name"])
        #expect(try customerGateways(["--filters", "Name=tag-key,Values=Name"]).isEmpty)
        #expect(try await client.send(VpnGatewayGet(vpnGateway: "edge-2")).vpnGatewayId == vgwId)
        #expect(
            try refusal(aws, ["describe-vpn-gateways", "--vpn-gateway-ids", "vgw-0123456789abcdef0"])
                == "InvalidVpnGatewayID.NotFound")

        // Propagation: the static route and the BGP route appear in the VPC's table, with the VGW as
        // target; CreateRoute and ReplaceRoute take the VGW in GatewayId.
        _ = try ec2(aws, ["enable-vgw-route-propagation", "--gateway-id", vgwId, "--route-table-id", mainTable])
        let propagated = try routes(aws, table: mainTable)
        #expect(propagated.propagating == [vgwId])
        let learned = propagated.routes.filter { $0["Origin"] as? String == "EnableVgwRoutePropagation" }
        #expect(
            learned.compactMap { $0["DestinationCidrBlock"] as? String }.sorted() == ["10.50.0.0/16", "172.16.0.0/16"])
        #expect(learned.allSatisfy { $0["GatewayId"] as? String == vgwId && $0["State"] as? String == "active" })
        let igwId = try #require(
            (try ec2(aws, ["create-internet-gateway"])["InternetGateway"] as? [String: Any])?["InternetGatewayId"]
                as? String)
        _ = try ec2(aws, ["attach-internet-gateway", "--internet-gateway-id", igwId, "--vpc-id", vpcId])
        _ = try ec2(
            aws,
            [
                "create-route", "--route-table-id", mainTable, "--destination-cidr-block", "10.60.0.0/16",
                "--gateway-id", igwId,
            ])
        _ = try ec2(
            aws,
            [
                "replace-route", "--route-table-id", mainTable, "--destination-cidr-block", "10.60.0.0/16",
                "--gateway-id", vgwId,
            ])
        _ = try ec2(
            aws,
            [
                "create-route", "--route-table-id", mainTable, "--destination-cidr-block", "10.61.0.0/16",
                "--gateway-id", vgwId,
            ])
        let targeted = try routes(aws, table: mainTable).routes.filter { $0["Origin"] as? String == "CreateRoute" }
        #expect(
            targeted.map { [$0["DestinationCidrBlock"] as? String, $0["GatewayId"] as? String] }.sorted {
                "\($0)" < "\($1)"
            } == [
                ["10.60.0.0/16", vgwId], ["10.61.0.0/16", vgwId],
            ])
        let byTarget = try ec2(aws, ["describe-route-tables", "--filters", "Name=route.gateway-id,Values=\(vgwId)"])
        #expect(
            (byTarget["RouteTables"] as? [[String: Any]])?.compactMap { $0["RouteTableId"] as? String } == [mainTable])
        #expect(
            try refusal(
                aws,
                [
                    "enable-vgw-route-propagation", "--gateway-id", "vgw-0123456789abcdef0", "--route-table-id",
                    mainTable,
                ])
                == "InvalidVpnGatewayID.NotFound")

        // Over the socket: the same rules, the same routes.
        let table = try await client.send(RouteTableGet(routeTable: mainTable))
        #expect(table.propagatingVgws == [vgwId])
        #expect(
            try await client.send(VpnConnectionGet(vpnConnection: staticId)).routes.map(\.destinationCidrBlock) == [
                "10.50.0.0/16"
            ])

        _ = try ec2(
            aws,
            [
                "delete-vpn-connection-route", "--vpn-connection-id", staticId, "--destination-cidr-block",
                "10.50.0.0/16",
            ])
        #expect(
            try refusal(
                aws,
                [
                    "delete-vpn-connection-route", "--vpn-connection-id", staticId, "--destination-cidr-block",
                    "10.50.0.0/16",
                ])
                == "InvalidRoute.NotFound")
        _ = try ec2(aws, ["disable-vgw-route-propagation", "--gateway-id", vgwId, "--route-table-id", mainTable])
        let afterDisable = try routes(aws, table: mainTable)
        #expect(afterDisable.propagating.isEmpty)
        #expect(!afterDisable.routes.contains { $0["Origin"] as? String == "EnableVgwRoutePropagation" })

        // Deletes wait for what uses a gateway, and unknown IDs answer NotFound.
        #expect(try refusal(aws, ["delete-customer-gateway", "--customer-gateway-id", officeId]) == "IncorrectState")
        _ = try ec2(aws, ["delete-vpn-connection", "--vpn-connection-id", staticId])
        _ = try ec2(aws, ["delete-vpn-connection", "--vpn-connection-id", bgpId])
        #expect(try connections(["--vpn-connection-ids", staticId]).first?["State"] as? String == "deleting")
        #expect(
            try refusal(aws, ["delete-vpn-connection", "--vpn-connection-id", "vpn-0123456789abcdef0"])
                == "InvalidVpnConnectionID.NotFound")
        _ = try ec2(aws, ["detach-vpn-gateway", "--vpn-gateway-id", vgwId, "--vpc-id", vpcId])
        #expect(
            try refusal(aws, ["detach-vpn-gateway", "--vpn-gateway-id", vgwId, "--vpc-id", vpcId])
                == "InvalidVpnGatewayAttachment.NotFound")
        _ = try ec2(aws, ["delete-vpn-gateway", "--vpn-gateway-id", vgwId])
        _ = try ec2(aws, ["delete-customer-gateway", "--customer-gateway-id", officeId])
        _ = try ec2(aws, ["delete-customer-gateway", "--customer-gateway-id", routerId])
        #expect(
            try refusal(aws, ["delete-vpn-gateway", "--vpn-gateway-id", "vgw-0123456789abcdef0"])
                == "InvalidVpnGatewayID.NotFound")
        #expect(
            try refusal(aws, ["delete-customer-gateway", "--customer-gateway-id", "cgw-0123456789abcdef0"])
                == "InvalidCustomerGatewayID.NotFound")
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(try connections([]).isEmpty)
        #expect(try vpnGateways([]).isEmpty)
        #expect(try customerGateways([]).isEmpty)
    }

    @Test func vpnToATransitGatewayOverTheAWSCLI() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let hub = try #require(
            (try ec2(aws, ["create-transit-gateway"])["TransitGateway"] as? [String: Any])?["TransitGatewayId"]
                as? String)
        let cgw = try #require(
            (try ec2(aws, ["create-customer-gateway", "--type", "ipsec.1", "--ip-address", "203.0.113.40"])[
                "CustomerGateway"]
                as? [String: Any])?["CustomerGatewayId"] as? String)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let connection = try #require(
            try ec2(
                aws,
                [
                    "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", cgw, "--transit-gateway-id",
                    hub,
                    "--options", "StaticRoutesOnly=true",
                ])["VpnConnection"] as? [String: Any])
        let id = try #require(connection["VpnConnectionId"] as? String)
        #expect(connection["TransitGatewayId"] as? String == hub && connection["VpnGatewayId"] == nil)
        let attachments = try ec2(
            aws, ["describe-transit-gateway-attachments", "--filters", "Name=resource-type,Values=vpn"])
        #expect((attachments["TransitGatewayAttachments"] as? [[String: Any]])?.first?["ResourceId"] as? String == id)
        let byHub = try ec2(aws, ["describe-vpn-connections", "--filters", "Name=transit-gateway-id,Values=\(hub)"])
        #expect((byHub["VpnConnections"] as? [[String: Any]])?.compactMap { $0["VpnConnectionId"] as? String } == [id])
        // A hub's static routes go into its route table, not the connection.
        #expect(
            try refusal(
                aws,
                ["create-vpn-connection-route", "--vpn-connection-id", id, "--destination-cidr-block", "10.9.0.0/16"])
                == "InvalidParameterValue")
    }
}
