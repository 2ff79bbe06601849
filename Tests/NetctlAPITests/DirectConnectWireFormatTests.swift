import Foundation
import NetctlAPI
import Testing

/// Golden JSON of Direct Connect gateways with their associations, and the params of the DX methods.
@Suite("Wire format of Direct Connect gateways (golden JSON)")
struct DirectConnectWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    static let time = Date(timeIntervalSince1970: 1_764_091_474.123)

    @Test("a DX gateway with a VGW and a hub association, as dx.gateway.list answers it")
    func gateway() throws {
        let gateway = DirectConnectGateway(
            dxGatewayId: "5f3c2a10-7b1e-4c2d-8e9f-0a1b2c3d4e5f", name: "dc", accountId: "000000000000",
            region: "us-east-1", amazonSideAsn: 64512, state: "available", onPremisesCidrs: ["172.16.0.0/12"],
            associations: [
                DirectConnectGatewayAssociation(
                    associationId: "0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5", associationState: "associated",
                    associatedGateway: DirectConnectAssociatedGateway(
                        id: "vgw-1", type: "virtualPrivateGateway", ownerAccount: "000000000000", region: "us-east-1"),
                    allowedPrefixes: ["10.0.0.0/15"]),
                DirectConnectGatewayAssociation(
                    associationId: "1e2f3041-5b6c-4d7e-8f80-91a2b3c4d5e6", associationState: "associated",
                    associatedGateway: DirectConnectAssociatedGateway(
                        id: "tgw-1", type: "transitGateway", ownerAccount: "000000000000", region: "us-east-1"),
                    allowedPrefixes: ["10.2.0.0/16"], transitGatewayAttachmentId: "tgw-attach-1"),
            ], createdAt: Self.time, stateChangedAt: Self.time)
        #expect(
            try json(DxGatewayListResponse(dxGateways: [gateway], nextToken: nil))
                == #"{"dxGateways":[{"accountId":"000000000000","amazonSideAsn":64512,"associations":[{"allowedPrefixes":["10.0.0.0/15"],"associatedGateway":{"id":"vgw-1","ownerAccount":"000000000000","region":"us-east-1","type":"virtualPrivateGateway"},"associationId":"0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5","associationState":"associated"},{"allowedPrefixes":["10.2.0.0/16"],"associatedGateway":{"id":"tgw-1","ownerAccount":"000000000000","region":"us-east-1","type":"transitGateway"},"associationId":"1e2f3041-5b6c-4d7e-8f80-91a2b3c4d5e6","associationState":"associated","transitGatewayAttachmentId":"tgw-attach-1"}],"createdAt":"2025-11-25T17:24:34.123Z","dxGatewayId":"5f3c2a10-7b1e-4c2d-8e9f-0a1b2c3d4e5f","name":"dc","onPremisesCidrs":["172.16.0.0/12"],"region":"us-east-1","state":"available","stateChangedAt":"2025-11-25T17:24:34.123Z"}]}"#
        )
        let decoded = try NetctlJSON.decoder.decode(DirectConnectGateway.self, from: try NetctlJSON.encoder.encode(gateway))
        #expect(decoded == gateway)
    }

    @Test("the DX methods' params as scripts send them, with API.md's names")
    func params() throws {
        let create = try NetctlJSON.decoder.decode(
            DxGatewayCreate.self, from: Data(#"{"name":"dc","amazonSideAsn":64513}"#.utf8))
        #expect(create.name == "dc" && create.amazonSideAsn == 64513 && create.onPremisesCidrs == nil)
        let associate = try NetctlJSON.decoder.decode(
            DxGatewayAssociate.self,
            from: Data(#"{"dxGateway":"dc","transitGateway":"hub","allowedPrefixes":["10.0.0.0/8"]}"#.utf8))
        #expect(associate.transitGateway == "hub" && associate.vpnGateway == nil && associate.allowedPrefixes == ["10.0.0.0/8"])
        let disassociate = try NetctlJSON.decoder.decode(
            DxGatewayDisassociate.self, from: Data(#"{"dxGateway":"dc","associationId":"x"}"#.utf8))
        #expect(disassociate.associationId == "x" && disassociate.vpnGateway == nil)
        #expect(DxGatewayCreate.method == "dx.gateway.create")
        #expect(DxGatewayAssociate.method == "dx.gateway.associate")
        #expect(DxGatewaySetOnPremisesCidrs.method == "dx.gateway.setOnPremisesCidrs")
    }
}
