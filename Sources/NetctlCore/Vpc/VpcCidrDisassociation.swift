import NetctlAPI

extension State {
    /// AWS's DisassociateVpcCidrBlock for IPv4 (SEMANTICS.md 1.2): the primary block never goes, and
    /// a secondary one only once nothing uses it. Its local routes leave every route table of the VPC
    /// and peerings see the VPC's new blocks.
    public mutating func disassociateVpcCidr(_ request: VpcDisassociateCidr, _ context: inout CommandContext)
        throws(NetctlError) -> Vpc
    {
        var vpc = try self.vpc(request.vpc, in: context.scope)
        let cidr = try Validation.cidr(request.cidrBlock, parameter: "cidrBlock")
        guard let index = vpc.cidrBlocks.firstIndex(where: { IPv4CIDR($0) == cidr }) else {
            throw NetctlError(
                .vpcCidrAssociationNotFound,
                "The CIDR block \(cidr) is not associated with \(vpc.vpcId), whose blocks are "
                    + "\(vpc.cidrBlocks.joined(separator: ", ")).")
        }
        guard index > 0 else {
            throw NetctlError(
                .operationNotPermitted,
                "The vpc CIDR block \(cidr) may not be disassociated: it is the primary IPv4 CIDR block of "
                    + "\(vpc.vpcId). Delete the VPC instead.")
        }
        let users = subnets.children(of: vpc.vpcId).filter { IPv4CIDR($0.cidrBlock).map(cidr.contains) ?? false }
        guard users.isEmpty else {
            throw NetctlError(
                .cidrBlockInUse,
                "The vpc \(vpc.vpcId) currently has a subnet within CIDR block \(cidr): "
                    + "\(users.map(\.subnetId).joined(separator: ", ")). Delete those subnets first.")
        }
        vpc.cidrBlocks.remove(at: index)
        record(.disassociateCidr, vpc, at: context.now)
        for var table in routeTables.children(of: vpc.vpcId) {
            let before = table.routes.count
            table.routes.removeAll { $0.origin == Self.localRouteOrigin && $0.destinationCidrBlock == cidr.description }
            if table.routes.count != before { record(.update, table, at: context.now) }
        }
        // An on-premises route inside the block was held back by its local route; now it propagates.
        for vgw in vpnGateways.children(of: vpc.vpcId) { syncVpnGatewayPropagation(vgw.vpnGatewayId, context) }
        refreshPeeringCidrs(of: vpc, context)
        return vpc
    }

    /// The origin of the local route each VPC block puts in every route table, whatever its target now.
    static let localRouteOrigin = "CreateRouteTable"
}
