import Foundation
import NetctlAPI
import Testing

/// Direct Connect gateways (directconnect, JSON 1.1) through boto3: gateways and associations with a
/// VGW and a hub, the same state the socket sees, and AWS's one refusal code.
@Suite(.serialized) struct AWSDirectConnectTests {
    @Test func gatewaysAndAssociationsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let vgw = try await client.send(VpnGatewayCreate(name: "edge"))
        let hub = try await client.send(TransitGatewayCreate(name: "hub"))
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        _ = try await client.send(VpnGatewayAttach(vpnGateway: "edge", vpc: "a"))
        let created = try aws.boto3(
            """
            dx = boto3.client("directconnect", config=_config)
            gateway = dx.create_direct_connect_gateway(directConnectGatewayName="dc", amazonSideAsn=64520)
            print(json.dumps(gateway["directConnectGateway"]))
            """)
        #expect(created.status == 0, "\(created)")
        let gatewayId = try #require(created.object["directConnectGatewayId"] as? String)
        #expect(created.object["directConnectGatewayState"] as? String == "pending")
        #expect(created.object["amazonSideAsn"] as? Int == 64520)
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let result = try aws.boto3(
            """
            dx = boto3.client("directconnect", config=_config)
            def failure(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    return {"code": error.response["Error"]["Code"],
                            "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
                return None
            out = {}
            out["state"] = dx.describe_direct_connect_gateways(
                directConnectGatewayId="\(gatewayId)")["directConnectGateways"][0]["directConnectGatewayState"]
            vgw = dx.create_direct_connect_gateway_association(
                directConnectGatewayId="\(gatewayId)", virtualGatewayId="\(vgw.vpnGatewayId)")["directConnectGatewayAssociation"]
            out["vgw"] = {"state": vgw["associationState"], "type": vgw["associatedGateway"]["type"],
                          "prefixes": [p["cidr"] for p in vgw["allowedPrefixesToDirectConnectGateway"]],
                          "virtualGatewayId": vgw["virtualGatewayId"]}
            hub = dx.create_direct_connect_gateway_association(
                directConnectGatewayId="\(gatewayId)", gatewayId="\(hub.transitGatewayId)",
                addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.0.0.0/8"}])["directConnectGatewayAssociation"]
            out["overlap"] = failure(lambda: dx.create_direct_connect_gateway_association(
                directConnectGatewayId="\(gatewayId)", gatewayId="\(hub.transitGatewayId)",
                addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.1.0.0/16"}]))
            updated = dx.update_direct_connect_gateway_association(associationId=hub["associationId"],
                addAllowedPrefixesToDirectConnectGateway=[{"cidr": "192.168.0.0/16"}],
                removeAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.0.0.0/8"}])["directConnectGatewayAssociation"]
            out["updated"] = [p["cidr"] for p in updated["allowedPrefixesToDirectConnectGateway"]]
            out["listed"] = sorted(a["associatedGateway"]["id"] for a in dx.describe_direct_connect_gateway_associations(
                directConnectGatewayId="\(gatewayId)")["directConnectGatewayAssociations"])
            out["inUse"] = failure(lambda: dx.delete_direct_connect_gateway(directConnectGatewayId="\(gatewayId)"))
            out["unknown"] = failure(lambda: dx.describe_direct_connect_gateways(
                directConnectGatewayId="00000000-0000-4000-8000-000000000000"))
            gone = dx.delete_direct_connect_gateway_association(associationId=hub["associationId"])
            out["gone"] = gone["directConnectGatewayAssociation"]["associationState"]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        func failure(_ key: String) -> String? { (out[key] as? [String: Any])?["code"] as? String }
        #expect(out["state"] as? String == "available")
        let association = try #require(out["vgw"] as? [String: Any], "\(result)")
        #expect(association["state"] as? String == "associated")
        #expect(association["type"] as? String == "virtualPrivateGateway")
        #expect(association["prefixes"] as? [String] == ["10.0.0.0/16"], "a VGW's default: the VPC's CIDR")
        #expect(association["virtualGatewayId"] as? String == vgw.vpnGatewayId)
        #expect(failure("overlap") == "DirectConnectClientException")
        #expect(out["updated"] as? [String] == ["192.168.0.0/16"])
        #expect(out["listed"] as? [String] == [hub.transitGatewayId, vgw.vpnGatewayId].sorted())
        #expect(failure("inUse") == "DirectConnectClientException")
        #expect(failure("unknown") == "DirectConnectClientException")
        #expect(out["gone"] as? String == "disassociated")
        // The socket sees the same gateway, with the VGW association left.
        let gateway = try await client.send(DxGatewayGet(dxGateway: gatewayId))
        #expect(gateway.associations.map(\.associatedGateway.id) == [vgw.vpnGatewayId])
    }
}
