import Foundation
import NetctlAPI

extension TransitGateway: StoredResource {
    public static let kind = ResourceKind.transitGateway
    public static var table: WritableKeyPath<State, Table<TransitGateway>> { \.transitGateways }
    public var id: String { transitGatewayId }
    public var parentId: String? { nil }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
    public var indexKeys: [String] { TransitGatewayTiming.duration(of: state) == nil ? [] : [Self.timedKey] }

    /// Index key of the hubs whose state falls due on the clock.
    static let timedKey = "timed:transitGateway"

    public var nextTransitionAt: Date? {
        TransitGatewayTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }
}

extension TransitGatewayAttachment: StoredResource {
    public static let kind = ResourceKind.transitGatewayAttachment
    public static var table: WritableKeyPath<State, Table<TransitGatewayAttachment>> { \.transitGatewayAttachments }
    public var id: String { attachmentId }
    /// The hub: a hub with attachments cannot be deleted, and `tgw.attachment.list {tgw}` lists a hub's.
    public var parentId: String? { transitGatewayId }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
    /// The hub, the attached VPC (one attachment per hub and VPC; a VPC's routes to a hub), and the
    /// timed marker while the clock has a state to move on.
    public var indexKeys: [String] {
        var keys = [transitGatewayId, resourceId]
        if TransitGatewayTiming.duration(of: state) != nil { keys.append(Self.timedKey) }
        return keys
    }

    static let timedKey = "timed:transitGatewayAttachment"

    public var nextTransitionAt: Date? {
        TransitGatewayTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }

    /// The availability zones the attachment has a subnet in: the only ones whose traffic enters the hub.
    public var availabilityZones: [String] { networkInterfaces.map(\.availabilityZone) }
}

extension TransitGatewayRouteTable: StoredResource {
    public static let kind = ResourceKind.transitGatewayRouteTable
    public static var table: WritableKeyPath<State, Table<TransitGatewayRouteTable>> { \.transitGatewayRouteTables }
    public var id: String { routeTableId }
    public var parentId: String? { transitGatewayId }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
}

/// How long hubs and attachments stay in each passing state on the daemon's clock.
public enum TransitGatewayTiming {
    public static let pending: TimeInterval = 5
    public static let deleting: TimeInterval = 5
    /// A peering request reaches the accepter this long after it is made (AWS: `initiatingRequest`).
    public static let initiatingRequest: TimeInterval = 2

    static func duration(of state: String) -> TimeInterval? {
        switch state {
        case TransitGateway.pending: pending
        case TransitGateway.deleting: deleting
        case TransitGatewayAttachment.initiatingRequest: initiatingRequest
        // A rejected peering stays visible as long as a deleted attachment does, then goes.
        case TransitGatewayAttachment.rejected: deleting
        default: nil
        }
    }
}

extension IDPrefix {
    public static let transitGateway = "tgw"
    public static let transitGatewayAttachment = "tgw-attach"
    public static let transitGatewayRouteTable = "tgw-rtb"
}

/// DescribeTransitGateways' filters netctld keeps, by their AWS names.
public enum TransitGatewayFilter {
    public static let table = FilterTable<TransitGateway>(
        [
            "transit-gateway-id": { [$0.transitGatewayId] },
            "state": { [$0.state] },
            "owner-id": { [$0.accountId] },
            "options.amazon-side-asn": { [String($0.amazonSideAsn)] },
            "options.default-route-table-association": { [$0.options.defaultRouteTableAssociation] },
            "options.default-route-table-propagation": { [$0.options.defaultRouteTablePropagation] },
            "options.association-default-route-table-id": { $0.options.associationDefaultRouteTableId.map { [$0] } ?? [] },
            "options.propagation-default-route-table-id": { $0.options.propagationDefaultRouteTableId.map { [$0] } ?? [] },
        ],
        tags: { $0.tags })
}

/// DescribeTransitGatewayAttachments' filters, by their AWS names.
public enum TransitGatewayAttachmentFilter {
    public static let table = FilterTable<TransitGatewayAttachment>(
        [
            "transit-gateway-attachment-id": { [$0.attachmentId] },
            "transit-gateway-id": { [$0.transitGatewayId] },
            "resource-id": { [$0.resourceId] },
            "resource-type": { [$0.type] },
            "resource-owner-id": { [$0.accountId] },
            "state": { [$0.state] },
            "association.transit-gateway-route-table-id": { $0.associatedRouteTableId.map { [$0] } ?? [] },
            // DescribeTransitGatewayVpcAttachments' name for the attached VPC.
            "vpc-id": { $0.type == TransitGatewayAttachment.vpcType ? [$0.resourceId] : [] },
        ],
        tags: { $0.tags })
}

/// DescribeTransitGatewayRouteTables' filters, by their AWS names.
public enum TransitGatewayRouteTableFilter {
    public static let table = FilterTable<TransitGatewayRouteTable>(
        [
            "transit-gateway-route-table-id": { [$0.routeTableId] },
            "transit-gateway-id": { [$0.transitGatewayId] },
            "state": { [$0.state] },
            "default-association-route-table": { [String($0.defaultAssociationRouteTable)] },
            "default-propagation-route-table": { [String($0.defaultPropagationRouteTable)] },
        ],
        tags: { $0.tags })
}
