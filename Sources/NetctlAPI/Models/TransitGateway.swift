import Foundation

/// A transit gateway: a regional router that VPCs attach to. Its route tables decide where traffic
/// entering from each attachment goes.
public struct TransitGateway: Codable, Sendable, Hashable {
    public var transitGatewayId: String
    public var transitGatewayArn: String
    public var name: String?
    public var accountId: String
    public var region: String
    /// `pending`, `available`, `deleting` or `deleted` (the last only in the delete's final event).
    public var state: String
    public var amazonSideAsn: Int64
    /// The table new attachments are associated with and propagate into, when either option is on.
    public var defaultRouteTableId: String?
    public var options: TransitGatewayOptions
    public var tags: Tags
    public var createdAt: Date
    /// When `state` last changed: the clock moves `pending` and `deleting` on from here.
    public var stateChangedAt: Date

    public init(
        transitGatewayId: String, transitGatewayArn: String, name: String?, accountId: String, region: String,
        state: String, amazonSideAsn: Int64, defaultRouteTableId: String?, options: TransitGatewayOptions, tags: Tags,
        createdAt: Date, stateChangedAt: Date
    ) {
        self.transitGatewayId = transitGatewayId
        self.transitGatewayArn = transitGatewayArn
        self.name = name
        self.accountId = accountId
        self.region = region
        self.state = state
        self.amazonSideAsn = amazonSideAsn
        self.defaultRouteTableId = defaultRouteTableId
        self.options = options
        self.tags = tags
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }

    public static let pending = "pending"
    public static let available = "available"
    public static let deleting = "deleting"
    public static let deleted = "deleted"
}

/// CreateTransitGateway's options as AWS reports them (`enable`/`disable`).
public struct TransitGatewayOptions: Codable, Sendable, Hashable {
    public var amazonSideAsn: Int64
    public var defaultRouteTableAssociation: String
    public var defaultRouteTablePropagation: String
    public var associationDefaultRouteTableId: String?
    public var propagationDefaultRouteTableId: String?
    public var dnsSupport: String
    public var vpnEcmpSupport: String
    public var autoAcceptSharedAttachments: String

    public init(
        amazonSideAsn: Int64, defaultRouteTableAssociation: String, defaultRouteTablePropagation: String,
        associationDefaultRouteTableId: String?, propagationDefaultRouteTableId: String?, dnsSupport: String,
        vpnEcmpSupport: String = "enable", autoAcceptSharedAttachments: String = "disable"
    ) {
        self.amazonSideAsn = amazonSideAsn
        self.defaultRouteTableAssociation = defaultRouteTableAssociation
        self.defaultRouteTablePropagation = defaultRouteTablePropagation
        self.associationDefaultRouteTableId = associationDefaultRouteTableId
        self.propagationDefaultRouteTableId = propagationDefaultRouteTableId
        self.dnsSupport = dnsSupport
        self.vpnEcmpSupport = vpnEcmpSupport
        self.autoAcceptSharedAttachments = autoAcceptSharedAttachments
    }

    public static let enable = "enable"
    public static let disable = "disable"
}

/// An attachment of a resource to a hub: a VPC, or another hub (a peering attachment, which both
/// hubs share: `transitGatewayId` is the requester's, `resourceId` the accepter's).
public struct TransitGatewayAttachment: Codable, Sendable, Hashable {
    public var attachmentId: String
    public var transitGatewayId: String
    public var name: String?
    public var accountId: String
    public var region: String
    /// `vpc`, `peering`, or `vpn` for a VPN connection's attachment.
    public var type: String
    /// The attached VPC's ID; for a peering attachment, the accepter hub's ID; for a VPN attachment,
    /// the VPN connection's.
    public var resourceId: String
    /// `pending`, `available`, `deleting`, `deleted`; a peering attachment starts `initiatingRequest`,
    /// is `pendingAcceptance` two seconds later, and may end `rejected`.
    public var state: String
    public var subnetIds: [String]
    /// One interface per subnet: the address the hub holds in that subnet's availability zone.
    public var networkInterfaces: [TransitGatewayAttachmentInterface]
    /// The hub route table that decides where traffic entering from this attachment goes (for a
    /// peering attachment, the requester hub's table; the accepter's is in `peering`).
    public var associatedRouteTableId: String?
    /// The two hubs of a peering attachment; absent for other types.
    public var peering: TransitGatewayPeeringInfo?
    public var tags: Tags
    public var createdAt: Date
    public var stateChangedAt: Date

    public init(
        attachmentId: String, transitGatewayId: String, name: String?, accountId: String, region: String, type: String,
        resourceId: String, state: String, subnetIds: [String], networkInterfaces: [TransitGatewayAttachmentInterface],
        associatedRouteTableId: String?, peering: TransitGatewayPeeringInfo? = nil, tags: Tags, createdAt: Date,
        stateChangedAt: Date
    ) {
        self.attachmentId = attachmentId
        self.transitGatewayId = transitGatewayId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.type = type
        self.resourceId = resourceId
        self.state = state
        self.subnetIds = subnetIds
        self.networkInterfaces = networkInterfaces
        self.associatedRouteTableId = associatedRouteTableId
        self.peering = peering
        self.tags = tags
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }

    public static let vpcType = "vpc"
    public static let peeringType = "peering"
    /// A new peering attachment for a moment after the request, before the accepter can see it.
    public static let initiatingRequest = "initiatingRequest"
    /// A peering attachment waiting for the accepter hub's owner (`tgw.acceptPeering`).
    public static let pendingAcceptance = "pendingAcceptance"
    public static let rejected = "rejected"
    /// A VPN connection's attachment: `resourceId` is the `vpn-` ID and there are no subnets.
    public static let vpnType = "vpn"
}

/// The requester and accepter hubs of a peering attachment, as CreateTransitGatewayPeeringAttachment
/// names them, and the table each side associated the attachment with.
public struct TransitGatewayPeeringInfo: Codable, Sendable, Hashable {
    public var requesterTgwInfo: TransitGatewayPeeringSide
    public var accepterTgwInfo: TransitGatewayPeeringSide
    /// The accepter hub's route table that routes traffic arriving over the peering.
    public var accepterAssociatedRouteTableId: String?

    public init(
        requesterTgwInfo: TransitGatewayPeeringSide, accepterTgwInfo: TransitGatewayPeeringSide,
        accepterAssociatedRouteTableId: String? = nil
    ) {
        self.requesterTgwInfo = requesterTgwInfo
        self.accepterTgwInfo = accepterTgwInfo
        self.accepterAssociatedRouteTableId = accepterAssociatedRouteTableId
    }
}

public struct TransitGatewayPeeringSide: Codable, Sendable, Hashable {
    public var transitGatewayId: String
    public var accountId: String
    public var region: String

    public init(transitGatewayId: String, accountId: String, region: String) {
        self.transitGatewayId = transitGatewayId
        self.accountId = accountId
        self.region = region
    }
}

public struct TransitGatewayAttachmentInterface: Codable, Sendable, Hashable {
    public var subnetId: String
    public var availabilityZone: String
    public var networkInterfaceId: String
    public var privateIpAddress: String

    public init(subnetId: String, availabilityZone: String, networkInterfaceId: String, privateIpAddress: String) {
        self.subnetId = subnetId
        self.availabilityZone = availabilityZone
        self.networkInterfaceId = networkInterfaceId
        self.privateIpAddress = privateIpAddress
    }
}

/// A hub route table: the attachments associated with it (whose incoming traffic it routes), the
/// attachments propagating into it (their VPC CIDRs become `propagated` routes) and its static routes.
public struct TransitGatewayRouteTable: Codable, Sendable, Hashable {
    public var routeTableId: String
    public var transitGatewayId: String
    public var name: String?
    public var accountId: String
    public var region: String
    /// `available`, or `deleted` in the delete's answer and event.
    public var state: String
    public var defaultAssociationRouteTable: Bool
    public var defaultPropagationRouteTable: Bool
    /// Attachment IDs, in the order they were associated.
    public var associations: [String]
    /// Attachment IDs, in the order propagation was enabled.
    public var propagations: [String]
    public var staticRoutes: [TransitGatewayStaticRoute]
    public var tags: Tags
    public var createdAt: Date

    public init(
        routeTableId: String, transitGatewayId: String, name: String?, accountId: String, region: String,
        state: String, defaultAssociationRouteTable: Bool, defaultPropagationRouteTable: Bool,
        associations: [String] = [], propagations: [String] = [], staticRoutes: [TransitGatewayStaticRoute] = [],
        tags: Tags, createdAt: Date
    ) {
        self.routeTableId = routeTableId
        self.transitGatewayId = transitGatewayId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.state = state
        self.defaultAssociationRouteTable = defaultAssociationRouteTable
        self.defaultPropagationRouteTable = defaultPropagationRouteTable
        self.associations = associations
        self.propagations = propagations
        self.staticRoutes = staticRoutes
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// A static route as stored: to an attachment, or an explicit blackhole.
public struct TransitGatewayStaticRoute: Codable, Sendable, Hashable {
    public var destinationCidrBlock: String
    public var attachmentId: String?
    public var blackhole: Bool

    public init(destinationCidrBlock: String, attachmentId: String?, blackhole: Bool) {
        self.destinationCidrBlock = destinationCidrBlock
        self.attachmentId = attachmentId
        self.blackhole = blackhole
    }
}

/// A route as `tgw.route.search` reports it: static or propagated, active or blackhole.
public struct TransitGatewayRoute: Codable, Sendable, Hashable {
    public var destinationCidrBlock: String
    /// `static` or `propagated`.
    public var type: String
    /// `active` or `blackhole`.
    public var state: String
    public var attachments: [TransitGatewayRouteAttachment]

    public init(destinationCidrBlock: String, type: String, state: String, attachments: [TransitGatewayRouteAttachment]) {
        self.destinationCidrBlock = destinationCidrBlock
        self.type = type
        self.state = state
        self.attachments = attachments
    }

    public static let staticType = "static"
    public static let propagatedType = "propagated"
    public static let active = "active"
    public static let blackhole = "blackhole"
}

public struct TransitGatewayRouteAttachment: Codable, Sendable, Hashable {
    public var attachmentId: String
    /// The VPC's ID for a VPC attachment; the other hub's for a peering attachment.
    public var resourceId: String
    /// `vpc` or `peering`.
    public var resourceType: String

    public init(attachmentId: String, resourceId: String, resourceType: String) {
        self.attachmentId = attachmentId
        self.resourceId = resourceId
        self.resourceType = resourceType
    }
}

extension ErrorCode {
    public static let transitGatewayNotFound: Self = "InvalidTransitGatewayID.NotFound"
    public static let transitGatewayAttachmentNotFound: Self = "InvalidTransitGatewayAttachmentID.NotFound"
    /// SEMANTICS-2 open point 12: AWS's code for an unknown `tgw-rtb-` is probably this one.
    public static let transitGatewayRouteTableNotFound: Self = "InvalidRouteTableID.NotFound"
    public static let incorrectState: Self = "IncorrectState"
    public static let duplicateTransitGatewayAttachment: Self = "DuplicateTransitGatewayAttachment"
    public static let transitGatewayPropagationDuplicate: Self = "TransitGatewayRouteTablePropagation.Duplicate"
    public static let transitGatewayPropagationNotFound: Self = "TransitGatewayRouteTablePropagation.NotFound"
    public static let transitGatewayAssociationNotFound: Self = "TransitGatewayRouteTableAssociation.NotFound"
    public static let transitGatewayLimitExceeded: Self = "TransitGatewayLimitExceeded"
    public static let transitGatewayAttachmentLimitExceeded: Self = "TransitGatewayAttachmentLimitExceeded"
    public static let transitGatewayRouteTableLimitExceeded: Self = "TransitGatewayRouteTableLimitExceeded"
}
