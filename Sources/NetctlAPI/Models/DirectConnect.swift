import Foundation

/// A Direct Connect gateway: the routing a Direct Connect link implies, without the link. It carries
/// the on-premises networks its (unmodelled) private or transit virtual interfaces would advertise
/// over BGP to the virtual private gateways and transit gateways it is associated with.
public struct DirectConnectGateway: Codable, Sendable, Hashable {
    /// A UUID, as AWS's are.
    public var dxGatewayId: String
    public var name: String
    public var accountId: String
    /// AWS's DX gateways are global; netctld keeps each in the region it was created in.
    public var region: String
    public var amazonSideAsn: Int64
    /// `pending`, `available`, `deleting` or `deleted` (the last only in the delete's final event).
    public var state: String
    /// The on-premises CIDRs the virtual interfaces advertise over BGP (at most 100 per session).
    public var onPremisesCidrs: [String]
    /// Its associations with virtual private gateways and transit gateways, oldest first.
    public var associations: [DirectConnectGatewayAssociation]
    public var createdAt: Date
    /// When `state` last changed: the clock moves `pending` and `deleting` on from here.
    public var stateChangedAt: Date

    public init(
        dxGatewayId: String, name: String, accountId: String, region: String, amazonSideAsn: Int64, state: String,
        onPremisesCidrs: [String], associations: [DirectConnectGatewayAssociation] = [], createdAt: Date,
        stateChangedAt: Date
    ) {
        self.dxGatewayId = dxGatewayId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.amazonSideAsn = amazonSideAsn
        self.state = state
        self.onPremisesCidrs = onPremisesCidrs
        self.associations = associations
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }
}

/// One association of a DX gateway with a virtual private gateway or a transit gateway.
public struct DirectConnectGatewayAssociation: Codable, Sendable, Hashable {
    /// A UUID.
    public var associationId: String
    /// `associated`: associating and disassociating take effect at once.
    public var associationState: String
    public var associatedGateway: DirectConnectAssociatedGateway
    /// For a VGW, a filter: a VPC CIDR is advertised on-premises only if one of these equals or
    /// contains it. For a transit gateway, exactly what is advertised on-premises.
    public var allowedPrefixes: [String]
    /// The hub attachment (type `direct-connect-gateway`) an association with a transit gateway made.
    public var transitGatewayAttachmentId: String?

    public init(
        associationId: String, associationState: String, associatedGateway: DirectConnectAssociatedGateway,
        allowedPrefixes: [String], transitGatewayAttachmentId: String? = nil
    ) {
        self.associationId = associationId
        self.associationState = associationState
        self.associatedGateway = associatedGateway
        self.allowedPrefixes = allowedPrefixes
        self.transitGatewayAttachmentId = transitGatewayAttachmentId
    }

    public static let associated = "associated"
}

/// AWS's `AssociatedGateway`: the VGW or hub, its type, owner and region.
public struct DirectConnectAssociatedGateway: Codable, Sendable, Hashable {
    public var id: String
    /// `virtualPrivateGateway` or `transitGateway`.
    public var type: String
    public var ownerAccount: String
    public var region: String

    public init(id: String, type: String, ownerAccount: String, region: String) {
        self.id = id
        self.type = type
        self.ownerAccount = ownerAccount
        self.region = region
    }

    public static let virtualPrivateGateway = "virtualPrivateGateway"
    public static let transitGateway = "transitGateway"
}

extension TransitGatewayAttachment {
    /// A DX gateway's attachment to a hub (AWS's `direct-connect-gateway` resource type): `resourceId`
    /// is the DX gateway's ID and there are no subnets.
    public static let directConnectGatewayType = "direct-connect-gateway"
}

extension ErrorCode {
    /// netctl's code for an unknown DX gateway (AWS answers `DirectConnectClientException`).
    public static let directConnectGatewayNotFound: Self = "InvalidDirectConnectGatewayID.NotFound"
    /// netctl's code for an association that does not exist.
    public static let directConnectGatewayAssociationNotFound: Self = "InvalidDirectConnectGatewayAssociationID.NotFound"
}
