import NetctlAPI
import NetctlCore

/// Taking a secondary CIDR block off a VPC, by the association ID DescribeVpcs shows for it.
extension EC2Actions {
    static let vpcCidrs: [EC2Action] = [
        .make("DisassociateVpcCidrBlock", mutating: true, supported: ["AssociationId"]) {
            (input: EC2.DisassociateVpcCidrBlockRequest, context) throws(AWSError) in
            // Association IDs are derived from the VPC and the block, so the block is found by deriving
            // them again over the caller's VPCs.
            let vpcs = try await context.run(VpcList()).vpcs
            let blocks = vpcs.flatMap { vpc in vpc.cidrBlocks.map { (vpcId: vpc.vpcId, cidr: $0) } }
            guard
                let block = blocks.first(where: {
                    EC2.VpcCidrBlockAssociation.associationId(vpc: $0.vpcId, cidr: $0.cidr) == input.associationId
                })
            else {
                throw AWSError(
                    code: ErrorCode.vpcCidrAssociationNotFound.rawValue,
                    message: "The vpc CIDR block association ID '\(input.associationId)' does not exist")
            }
            let vpc = try await context.run(VpcDisassociateCidr(vpc: block.vpcId, cidrBlock: block.cidr))
            return EC2.DisassociateVpcCidrBlockResult(
                cidrBlockAssociation: EC2.VpcCidrBlockAssociation(
                    vpc: vpc.vpcId, cidr: block.cidr, state: "disassociating"),
                vpcId: vpc.vpcId)
        }
    ]
}
