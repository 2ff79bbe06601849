import NetctlAPI
import NetctlCore

extension EC2.TransitGateway {
    init(_ hub: TransitGateway) {
        self.init(
            transitGatewayId: hub.transitGatewayId, transitGatewayArn: hub.transitGatewayArn, state: hub.state,
            ownerId: hub.accountId, description: nil, creationTime: hub.createdAt,
            options: EC2.TransitGatewayOptions(
                amazonSideAsn: Int(hub.amazonSideAsn), transitGatewayCidrBlocks: nil,
                autoAcceptSharedAttachments: hub.options.autoAcceptSharedAttachments,
                defaultRouteTableAssociation: hub.options.defaultRouteTableAssociation,
                associationDefaultRouteTableId: hub.options.associationDefaultRouteTableId,
                defaultRouteTablePropagation: hub.options.defaultRouteTablePropagation,
                propagationDefaultRouteTableId: hub.options.propagationDefaultRouteTableId,
                vpnEcmpSupport: hub.options.vpnEcmpSupport, dnsSupport: hub.options.dnsSupport,
                // Not modelled, so AWS's defaults: off.
                securityGroupReferencingSupport: TransitGatewayOptions.disable,
                multicastSupport: TransitGatewayOptions.disable),
            tags: Tagging.ec2Tags(name: hub.name, tags: hub.tags))
    }
}

extension EC2.TransitGatewayVpcAttachment {
    init(_ attachment: TransitGatewayAttachment) {
        self.init(
            transitGatewayAttachmentId: attachment.attachmentId, transitGatewayId: attachment.transitGatewayId,
            vpcId: attachment.resourceId, vpcOwnerId: attachment.accountId, state: attachment.state,
            subnetIds: attachment.subnetIds, creationTime: attachment.createdAt,
            options: EC2.TransitGatewayVpcAttachmentOptions(
                dnsSupport: TransitGatewayOptions.enable, securityGroupReferencingSupport: TransitGatewayOptions.disable,
                ipv6Support: TransitGatewayOptions.disable, applianceModeSupport: TransitGatewayOptions.disable),
            tags: Tagging.ec2Tags(name: attachment.name, tags: attachment.tags))
    }
}

extension EC2.TransitGatewayAttachment {
    init(_ attachment: TransitGatewayAttachment) {
        self.init(
            transitGatewayAttachmentId: attachment.attachmentId, transitGatewayId: attachment.transitGatewayId,
            transitGatewayOwnerId: attachment.accountId, resourceOwnerId: attachment.accountId,
            resourceType: attachment.type, resourceId: attachment.resourceId, state: attachment.state,
            association: attachment.associatedRouteTableId.map {
                EC2.TransitGatewayAttachmentAssociation(transitGatewayRouteTableId: $0, state: TransitGatewayWire.associated)
            },
            creationTime: attachment.createdAt, tags: Tagging.ec2Tags(name: attachment.name, tags: attachment.tags))
    }
}

extension EC2.TransitGatewayRouteTable {
    init(_ table: TransitGatewayRouteTable) {
        self.init(
            transitGatewayRouteTableId: table.routeTableId, transitGatewayId: table.transitGatewayId, state: table.state,
            defaultAssociationRouteTable: table.defaultAssociationRouteTable,
            defaultPropagationRouteTable: table.defaultPropagationRouteTable, creationTime: table.createdAt,
            tags: Tagging.ec2Tags(name: table.name, tags: table.tags))
    }
}

extension EC2.TransitGatewayRoute {
    init(_ route: TransitGatewayRoute) {
        self.init(
            destinationCidrBlock: route.destinationCidrBlock,
            transitGatewayAttachments: route.attachments.map {
                EC2.TransitGatewayRouteAttachment(
                    resourceId: $0.resourceId, transitGatewayAttachmentId: $0.attachmentId, resourceType: $0.resourceType)
            },
            type: route.type, state: route.state)
    }
}

/// States netctld reaches at once that AWS reports for an association or a propagation.
enum TransitGatewayWire {
    static let associated = "associated"
    static let disassociated = "disassociated"
    static let enabled = "enabled"
    static let disabled = "disabled"
    static let deleted = "deleted"
}
