import Foundation
import NetctlAPI
import Testing

/// Direct Connect's answers checked against botocore's `directconnect` model (see `JSONConformance`).
@Suite struct AWSDirectConnectConformanceTests {
    static func scenarios(vgw: String, hub: String) -> [JSONConformance.Scenario] {
        [
            .init(
                name: "gateways and associations",
                python: """
                    import time
                    gateway = client.create_direct_connect_gateway(directConnectGatewayName="conformance")
                    gateway = gateway["directConnectGateway"]["directConnectGatewayId"]
                    client.describe_direct_connect_gateways()
                    client.describe_direct_connect_gateways(directConnectGatewayId=gateway)
                    error_code(lambda: client.describe_direct_connect_gateways(
                        directConnectGatewayId="00000000-0000-4000-8000-000000000000"))
                    time.sleep(5.5)  # pending lasts 5 seconds on the daemon's clock
                    client.create_direct_connect_gateway_association(directConnectGatewayId=gateway, virtualGatewayId="\(vgw)")
                    hub = client.create_direct_connect_gateway_association(directConnectGatewayId=gateway, gatewayId="\(hub)",
                        addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.80.0.0/16"}])
                    client.describe_direct_connect_gateway_associations(directConnectGatewayId=gateway)
                    client.describe_direct_connect_gateway_associations(associatedGatewayId="\(vgw)")
                    client.update_direct_connect_gateway_association(
                        associationId=hub["directConnectGatewayAssociation"]["associationId"],
                        addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.81.0.0/16"}],
                        removeAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.80.0.0/16"}])
                    error_code(lambda: client.update_direct_connect_gateway_association(
                        associationId="00000000-0000-4000-8000-000000000000",
                        addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.81.0.0/16"}]))
                    error_code(lambda: client.delete_direct_connect_gateway(directConnectGatewayId=gateway))
                    client.delete_direct_connect_gateway_association(
                        associationId=hub["directConnectGatewayAssociation"]["associationId"])
                    client.delete_direct_connect_gateway_association(directConnectGatewayId=gateway, virtualGatewayId="\(vgw)")
                    client.delete_direct_connect_gateway(directConnectGatewayId=gateway)
                    """)
        ]
    }

    @Test func directConnectAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.79.0.0/16", name: "conformance"))
        let vgw = try await client.send(VpnGatewayCreate(name: "conformance"))
        let hub = try await client.send(TransitGatewayCreate(name: "conformance"))
        try await Task.sleep(for: .seconds(5.5))
        _ = try await client.send(VpnGatewayAttach(vpnGateway: vgw.vpnGatewayId, vpc: "conformance"))
        let report = try JSONConformance.check(
            service: "directconnect", scenarios: Self.scenarios(vgw: vgw.vpnGatewayId, hub: hub.transitGatewayId), on: aws)
        #expect(Set(report.served).isSuperset(of: ["CreateDirectConnectGateway", "DescribeDirectConnectGateways"]), "\(report.served)")
    }
}
