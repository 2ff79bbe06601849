import Crypto
import Foundation
import NetctlAPI

extension EC2.Vpc {
    init(_ vpc: Vpc) {
        self.init(
            ownerId: vpc.accountId, instanceTenancy: "default",
            cidrBlockAssociationSet: vpc.cidrBlocks.map { EC2.VpcCidrBlockAssociation(vpc: vpc.vpcId, cidr: $0) },
            isDefault: false, tags: Tagging.ec2Tags(name: vpc.name, tags: vpc.tags),
            blockPublicAccessStates: EC2.BlockPublicAccessStates(internetGatewayBlockMode: "off"), vpcId: vpc.vpcId,
            state: vpc.state.rawValue, cidrBlock: vpc.cidrBlocks.first, dhcpOptionsId: "default")
    }
}

extension EC2.VpcCidrBlockAssociation {
    init(vpc: String, cidr: String, state: String = "associated") {
        self.init(
            associationId: Self.associationId(vpc: vpc, cidr: cidr), cidrBlock: cidr,
            cidrBlockState: EC2.VpcCidrBlockState(state: state))
    }

    /// A CIDR's association ID, derived from the VPC and the CIDR: stable for as long as the CIDR is
    /// associated, and the same on every call, so `DisassociateVpcCidrBlock` can name it.
    static func associationId(vpc: String, cidr: String) -> String {
        let digest = SHA256.hash(data: Data("\(vpc)|\(cidr)".utf8))
        let hex = digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return "vpc-cidr-assoc-" + String(hex.joined().prefix(17))
    }
}
