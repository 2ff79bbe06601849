import NetctlAPI
import NetctlCore

/// VPC peering: AWS's actions on netctl's peering rules (same lifecycle, quotas, windows and events).
extension EC2Actions {
    static let peerings: [EC2Action] = [
        .make(
            "CreateVpcPeeringConnection", mutating: true,
            supported: ["VpcId", "PeerVpcId", "PeerOwnerId", "PeerRegion", "TagSpecification"]
        ) { (input: EC2.CreateVpcPeeringConnectionRequest, context) throws(AWSError) in
            guard let peerVpc = input.peerVpcId else {
                throw AWSError.missingParameter("The request must contain the parameter PeerVpcId")
            }
            let tags = try TagsIncludingName.from(input.tagSpecifications, for: "vpc-peering-connection")
            let peering = try await context.run(
                PeeringCreate(
                    requesterVpc: input.vpcId, accepterVpc: peerVpc, accepterAccountId: input.peerOwnerId,
                    accepterRegion: input.peerRegion, tags: tags))
            return EC2.CreateVpcPeeringConnectionResult(vpcPeeringConnection: EC2.VpcPeeringConnection(peering))
        },
        .make("AcceptVpcPeeringConnection", mutating: true, supported: ["VpcPeeringConnectionId"]) {
            (input: EC2.AcceptVpcPeeringConnectionRequest, context) throws(AWSError) in
            let peering = try await context.run(PeeringAccept(peering: input.vpcPeeringConnectionId))
            return EC2.AcceptVpcPeeringConnectionResult(vpcPeeringConnection: EC2.VpcPeeringConnection(peering))
        },
        .make("RejectVpcPeeringConnection", mutating: true, supported: ["VpcPeeringConnectionId"]) {
            (input: EC2.RejectVpcPeeringConnectionRequest, context) throws(AWSError) in
            _ = try await context.run(PeeringReject(peering: input.vpcPeeringConnectionId))
            return EC2Return()
        },
        .make("DeleteVpcPeeringConnection", mutating: true, supported: ["VpcPeeringConnectionId"]) {
            (input: EC2.DeleteVpcPeeringConnectionRequest, context) throws(AWSError) in
            _ = try await context.run(PeeringDelete(peering: input.vpcPeeringConnectionId))
            return EC2Return()
        },
        .make(
            "DescribeVpcPeeringConnections", mutating: false,
            supported: ["VpcPeeringConnectionId", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeVpcPeeringConnectionsRequest, context) throws(AWSError) in
            // One snapshot: the core fails an unknown ID with InvalidVpcPeeringConnectionID.NotFound.
            let ids = input.vpcPeeringConnectionIds.flatMap { $0.isEmpty ? nil : $0 }
            let page = try await context.run(
                PeeringList(
                    maxResults: input.maxResults, nextToken: input.nextToken, filters: try Filters.netctl(input.filters),
                    peerings: ids))
            return EC2.DescribeVpcPeeringConnectionsResult(
                vpcPeeringConnections: page.peerings.map(EC2.VpcPeeringConnection.init), nextToken: page.nextToken)
        },
        .make(
            "ModifyVpcPeeringConnectionOptions", mutating: true,
            supported: ["VpcPeeringConnectionId", "RequesterPeeringConnectionOptions", "AccepterPeeringConnectionOptions"]
        ) { (input: EC2.ModifyVpcPeeringConnectionOptionsRequest, context) throws(AWSError) in
            try refuseClassicLink(input.requesterPeeringConnectionOptions, "RequesterPeeringConnectionOptions")
            try refuseClassicLink(input.accepterPeeringConnectionOptions, "AccepterPeeringConnectionOptions")
            let peering = try await context.run(
                PeeringModifyOptions(
                    peering: input.vpcPeeringConnectionId,
                    requesterAllowDnsResolutionFromRemoteVpc:
                        input.requesterPeeringConnectionOptions?.allowDnsResolutionFromRemoteVpc,
                    accepterAllowDnsResolutionFromRemoteVpc:
                        input.accepterPeeringConnectionOptions?.allowDnsResolutionFromRemoteVpc))
            // AWS answers with the options of the sides the request named.
            return EC2.ModifyVpcPeeringConnectionOptionsResult(
                accepterPeeringConnectionOptions: input.accepterPeeringConnectionOptions.map { _ in
                    EC2.PeeringConnectionOptions(PeeringOptions(peering.accepter))
                },
                requesterPeeringConnectionOptions: input.requesterPeeringConnectionOptions.map { _ in
                    EC2.PeeringConnectionOptions(PeeringOptions(peering.requester))
                })
        },
    ]

    /// ClassicLink is retired: asking for its options is refused rather than ignored.
    private static func refuseClassicLink(_ options: EC2.PeeringConnectionOptionsRequest?, _ parameter: String)
        throws(AWSError)
    {
        guard let options else { return }
        if options.allowEgressFromLocalClassicLinkToRemoteVpc == true || options.allowEgressFromLocalVpcToRemoteClassicLink == true {
            throw AWSError(
                code: "UnsupportedOperation",
                message: "\(parameter): ClassicLink is retired; netctld models only AllowDnsResolutionFromRemoteVpc.")
        }
    }
}
