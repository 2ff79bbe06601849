import Foundation
import NetctlAPI
import Testing

@testable import NetctlAWS

/// What a peering, an endpoint and an interface look like on EC2's wire, where netctl's model and
/// AWS's shape differ.
struct PeeringShapesTests {
    func peering(_ status: String) -> Peering {
        Peering(
            peeringId: "pcx-0123456789abcdef0", status: PeeringStatus(code: status, message: status),
            requester: PeeringVpcInfo(vpcId: "vpc-1", accountId: "111122223333", region: "us-east-1", cidrBlocks: ["10.0.0.0/16", "10.5.0.0/16"]),
            accepter: PeeringVpcInfo(
                vpcId: "vpc-2", accountId: "444455556666", region: "us-west-2", cidrBlocks: ["10.1.0.0/16"],
                allowDnsResolutionFromRemoteVpc: true),
            mtu: 1500, expirationTime: status == PeeringStatus.pendingAcceptance ? Date(timeIntervalSince1970: 0) : nil,
            tags: ["Name": "ab"], createdAt: Date(timeIntervalSince1970: 0), statusUpdatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func pendingHidesTheAccepterCidrsAndHasNoOptions() {
        let shape = EC2.VpcPeeringConnection(peering(PeeringStatus.pendingAcceptance))
        #expect(shape.requesterVpcInfo?.cidrBlock == "10.0.0.0/16")
        #expect(shape.requesterVpcInfo?.cidrBlockSet?.map(\.cidrBlock) == ["10.0.0.0/16", "10.5.0.0/16"])
        #expect(shape.accepterVpcInfo?.cidrBlock == nil && shape.accepterVpcInfo?.cidrBlockSet == nil)
        #expect(shape.accepterVpcInfo?.region == "us-west-2" && shape.accepterVpcInfo?.ownerId == "444455556666")
        #expect(shape.accepterVpcInfo?.peeringOptions == nil)
        #expect(shape.expirationTime != nil)
        #expect(shape.tags?.map(\.key) == ["Name"])
    }

    @Test func activeShowsBothSidesWithTheirOptions() {
        let shape = EC2.VpcPeeringConnection(peering(PeeringStatus.active))
        #expect(shape.accepterVpcInfo?.cidrBlock == "10.1.0.0/16")
        #expect(shape.accepterVpcInfo?.peeringOptions?.allowDnsResolutionFromRemoteVpc == true)
        #expect(shape.accepterVpcInfo?.peeringOptions?.allowEgressFromLocalClassicLinkToRemoteVpc == false)
        #expect(shape.requesterVpcInfo?.peeringOptions?.allowDnsResolutionFromRemoteVpc == false)
        #expect(shape.status?.code == "active" && shape.expirationTime == nil)
    }

    @Test func interfacesGetEC2sPrivateHostnames() {
        #expect(EC2.NetworkInterface.privateDnsName("10.0.1.5", region: "us-east-1") == "ip-10-0-1-5.ec2.internal")
        #expect(
            EC2.NetworkInterface.privateDnsName("10.0.1.5", region: "eu-west-1") == "ip-10-0-1-5.eu-west-1.compute.internal")
    }

    @Test func endpointTypesInAWSsSpelling() {
        let endpoint = Endpoint(
            endpointId: "vpce-0123456789abcdef0", type: Endpoint.gateway, serviceName: "com.amazonaws.us-east-1.s3",
            vpcId: "vpc-1", accountId: "111122223333", region: "us-east-1", state: .available, routeTableIds: ["rtb-1"],
            subnetIds: [], networkInterfaces: [], dnsEntries: [], privateDnsEnabled: false, securityGroupIds: [],
            policy: "{}", tags: [:], createdAt: Date(timeIntervalSince1970: 0))
        let shape = EC2.VpcEndpoint(endpoint)
        #expect(shape.vpcEndpointType == "Gateway")
        #expect(shape.dnsOptions == nil, "DNS options belong to interface endpoints")
        #expect(shape.routeTableIds == ["rtb-1"])
    }
}
