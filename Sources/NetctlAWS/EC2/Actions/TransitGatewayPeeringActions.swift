import NetctlAPI
import NetctlCore

/// Peering attachments between hubs: requested by one hub's owner, accepted or rejected by the other's.
extension EC2Actions {
    static let transitGatewayPeerings: [EC2Action] = [
        .make(
            "CreateTransitGatewayPeeringAttachment", mutating: true,
            supported: ["TransitGatewayId", "PeerTransitGatewayId", "PeerAccountId", "PeerRegion", "TagSpecification"]
        ) { (input: EC2.CreateTransitGatewayPeeringAttachmentRequest, context) throws(AWSError) in
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "transit-gateway-attachment")
            let attachment = try await context.run(
                TransitGatewayAttachPeering(
                    tgw: input.transitGatewayId, peerTransitGateway: input.peerTransitGatewayId, peerRegion: input.peerRegion,
                    peerAccountId: input.peerAccountId, name: name, tags: tags))
            return EC2.CreateTransitGatewayPeeringAttachmentResult(
                transitGatewayPeeringAttachment: EC2.TransitGatewayPeeringAttachment(attachment))
        },
        .make("AcceptTransitGatewayPeeringAttachment", mutating: true, supported: ["TransitGatewayAttachmentId"]) {
            (input: EC2.AcceptTransitGatewayPeeringAttachmentRequest, context) throws(AWSError) in
            let attachment = try await context.run(TransitGatewayAcceptPeering(attachment: input.transitGatewayAttachmentId))
            return EC2.AcceptTransitGatewayPeeringAttachmentResult(
                transitGatewayPeeringAttachment: EC2.TransitGatewayPeeringAttachment(attachment))
        },
        .make("RejectTransitGatewayPeeringAttachment", mutating: true, supported: ["TransitGatewayAttachmentId"]) {
            (input: EC2.RejectTransitGatewayPeeringAttachmentRequest, context) throws(AWSError) in
            let attachment = try await context.run(TransitGatewayRejectPeering(attachment: input.transitGatewayAttachmentId))
            return EC2.RejectTransitGatewayPeeringAttachmentResult(
                transitGatewayPeeringAttachment: EC2.TransitGatewayPeeringAttachment(attachment))
        },
        .make("DeleteTransitGatewayPeeringAttachment", mutating: true, supported: ["TransitGatewayAttachmentId"]) {
            (input: EC2.DeleteTransitGatewayPeeringAttachmentRequest, context) throws(AWSError) in
            let attachment = try await context.run(TransitGatewayAttachmentGet(attachment: input.transitGatewayAttachmentId))
            try TransitGatewayOptionsCheck.expect(attachment, type: TransitGatewayAttachment.peeringType)
            let deleted = try await context.run(TransitGatewayAttachmentDelete(attachment: attachment.attachmentId))
            return EC2.DeleteTransitGatewayPeeringAttachmentResult(
                transitGatewayPeeringAttachment: EC2.TransitGatewayPeeringAttachment(deleted))
        },
        .make(
            "DescribeTransitGatewayPeeringAttachments", mutating: false,
            supported: ["TransitGatewayAttachmentIds", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeTransitGatewayPeeringAttachmentsRequest, context) throws(AWSError) in
            let page = try await describeAttachments(
                ids: input.transitGatewayAttachmentIds, filters: input.filters, type: TransitGatewayAttachment.peeringType,
                maxResults: input.maxResults, nextToken: input.nextToken, context)
            return EC2.DescribeTransitGatewayPeeringAttachmentsResult(
                transitGatewayPeeringAttachments: page.attachments.map(EC2.TransitGatewayPeeringAttachment.init),
                nextToken: page.nextToken)
        },
    ]
}

extension EC2.TransitGatewayPeeringAttachment {
    init(_ attachment: TransitGatewayAttachment) {
        func side(_ info: TransitGatewayPeeringSide?) -> EC2.PeeringTgwInfo? {
            info.map { EC2.PeeringTgwInfo(transitGatewayId: $0.transitGatewayId, ownerId: $0.accountId, region: $0.region) }
        }
        self.init(
            transitGatewayAttachmentId: attachment.attachmentId,
            requesterTgwInfo: side(attachment.peering?.requesterTgwInfo),
            accepterTgwInfo: side(attachment.peering?.accepterTgwInfo),
            options: EC2.TransitGatewayPeeringAttachmentOptions(dynamicRouting: TransitGatewayOptions.disable),
            status: EC2.PeeringAttachmentStatus(code: attachment.state, message: nil), state: attachment.state,
            creationTime: attachment.createdAt, tags: Tagging.ec2Tags(name: attachment.name, tags: attachment.tags))
    }
}
