import NetctlAPI
import NetctlCore

extension EC2.VpcPeeringConnection {
    /// `peering` as the caller's side sees it (the core's view: tags are the requester's only).
    init(_ peering: Peering) {
        let active = peering.status.code == PeeringStatus.active
        self.init(
            accepterVpcInfo: EC2.VpcPeeringConnectionVpcInfo(
                peering.accepter, cidrs: PeeringRules.showsAccepterCidrs(peering), options: active),
            expirationTime: peering.expirationTime,
            requesterVpcInfo: EC2.VpcPeeringConnectionVpcInfo(peering.requester, cidrs: true, options: active),
            status: EC2.VpcPeeringConnectionStateReason(code: peering.status.code, message: peering.status.message),
            tags: Tagging.ec2Tags(name: nil, tags: peering.tags), vpcPeeringConnectionId: peering.peeringId)
    }
}

extension EC2.VpcPeeringConnectionVpcInfo {
    /// Options exist only while the peering is active, where they can be set.
    init(_ side: PeeringVpcInfo, cidrs: Bool, options: Bool) {
        self.init(
            cidrBlock: cidrs ? side.cidrBlocks.first : nil,
            cidrBlockSet: cidrs ? side.cidrBlocks.map { EC2.CidrBlock(cidrBlock: $0) } : nil, ownerId: side.accountId,
            peeringOptions: options ? EC2.VpcPeeringConnectionOptionsDescription(PeeringOptions(side)) : nil,
            vpcId: side.vpcId, region: side.region)
    }
}

/// One side's options. ClassicLink is retired: its two options are always off.
struct PeeringOptions {
    var allowDnsResolutionFromRemoteVpc: Bool

    init(_ side: PeeringVpcInfo) { allowDnsResolutionFromRemoteVpc = side.allowDnsResolutionFromRemoteVpc }
}

extension EC2.VpcPeeringConnectionOptionsDescription {
    init(_ options: PeeringOptions) {
        self.init(
            allowDnsResolutionFromRemoteVpc: options.allowDnsResolutionFromRemoteVpc,
            allowEgressFromLocalClassicLinkToRemoteVpc: false, allowEgressFromLocalVpcToRemoteClassicLink: false)
    }
}

extension EC2.PeeringConnectionOptions {
    init(_ options: PeeringOptions) {
        self.init(
            allowDnsResolutionFromRemoteVpc: options.allowDnsResolutionFromRemoteVpc,
            allowEgressFromLocalClassicLinkToRemoteVpc: false, allowEgressFromLocalVpcToRemoteClassicLink: false)
    }
}
