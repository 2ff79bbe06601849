import Foundation
import NetctlAPI

extension CustomerGateway: StoredResource {
    public static let kind = ResourceKind.customerGateway
    public static var table: WritableKeyPath<State, Table<CustomerGateway>> { \.customerGateways }
    public var id: String { customerGatewayId }
    public var parentId: String? { nil }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
    public var indexKeys: [String] { TransitGatewayTiming.duration(of: state) == nil ? [] : [VpnTiming.timedKey] }
    public var nextTransitionAt: Date? {
        TransitGatewayTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }
}

extension VpnGateway: StoredResource {
    public static let kind = ResourceKind.vpnGateway
    public static var table: WritableKeyPath<State, Table<VpnGateway>> { \.vpnGateways }
    public var id: String { vpnGatewayId }
    public var parentId: String? { attachedVpcId }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
    /// The attached VPC (one gateway per VPC) and the timed marker while the clock has a state to move on.
    public var indexKeys: [String] {
        var keys = attachedVpcId.map { [$0] } ?? []
        if TransitGatewayTiming.duration(of: state) != nil { keys.append(VpnTiming.timedKey) }
        return keys
    }
    public var nextTransitionAt: Date? {
        TransitGatewayTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }
}

extension VpnConnection: StoredResource {
    public static let kind = ResourceKind.vpnConnection
    public static var table: WritableKeyPath<State, Table<VpnConnection>> { \.vpnConnections }
    public var id: String { vpnConnectionId }
    public var parentId: String? { vpnGatewayId ?? transitGatewayId }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
    /// The Amazon-side gateway (its learned routes), the customer gateway (in use while a connection
    /// names it) and the timed marker.
    public var indexKeys: [String] {
        var keys = [customerGatewayId]
        if let gateway = vpnGatewayId ?? transitGatewayId { keys.append(gateway) }
        if TransitGatewayTiming.duration(of: state) != nil { keys.append(VpnTiming.timedKey) }
        return keys
    }
    public var nextTransitionAt: Date? {
        TransitGatewayTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }

    /// Not on its way out: it still holds its gateways.
    var isLive: Bool { state == TransitGateway.pending || state == TransitGateway.available }

    /// The on-premises CIDRs the Amazon side routes to over this connection now: the static routes of
    /// a static connection, the advertised CIDRs of a BGP one while a tunnel is up.
    var learnedCidrs: [String] {
        guard state == TransitGateway.available else { return [] }
        if staticRoutesOnly { return routes.map(\.destinationCidrBlock) }
        return anyTunnelUp ? advertisedCidrs : []
    }

    /// The on-premises networks behind the connection, whatever the tunnels: what reach takes the
    /// customer's side to hold.
    var onPremisesCidrs: [IPv4CIDR] {
        (advertisedCidrs + routes.map(\.destinationCidrBlock)).compactMap { IPv4CIDR($0) }
    }
}

/// VPN resources and DX gateways move on the transit gateways' clock; their own marker keeps the
/// due-work scan to them.
enum VpnTiming {
    static let timedKey = "timed:vpn"
}

/// AWS's limits of SEMANTICS-2 3.3, not adjustable.
public enum VpnLimits {
    /// BGP routes a customer gateway may advertise to a VGW, and static routes per connection.
    public static let routesPerConnection = 100
    /// Propagated routes in one VPC route table.
    public static let propagatedRoutesPerTable = 100
}

extension IDPrefix {
    public static let customerGateway = "cgw"
    public static let vpnGateway = "vgw"
    public static let vpnConnection = "vpn"
}

extension Route {
    /// AWS's origin of a route a virtual private gateway propagates.
    public static let propagatedOrigin = "EnableVgwRoutePropagation"
}

/// DescribeCustomerGateways' filters, by their AWS names.
public enum CustomerGatewayFilter {
    public static let table = FilterTable<CustomerGateway>(
        [
            "customer-gateway-id": { [$0.customerGatewayId] },
            "ip-address": { [$0.ipAddress] },
            "bgp-asn": { [String($0.bgpAsn)] },
            "state": { [$0.state] },
            "type": { [$0.type] },
        ],
        tags: { $0.tags })
}

/// DescribeVpnGateways' filters, by their AWS names.
public enum VpnGatewayFilter {
    public static let table = FilterTable<VpnGateway>(
        [
            "vpn-gateway-id": { [$0.vpnGatewayId] },
            "state": { [$0.state] },
            "type": { [$0.type] },
            "amazon-side-asn": { [String($0.amazonSideAsn)] },
            "attachment.vpc-id": { $0.vpcAttachments.map(\.vpcId) },
            "attachment.state": { $0.vpcAttachments.map(\.state) },
        ],
        tags: { $0.tags })
}

/// DescribeVpnConnections' filters, by their AWS names.
public enum VpnConnectionFilter {
    public static let table = FilterTable<VpnConnection>(
        [
            "vpn-connection-id": { [$0.vpnConnectionId] },
            "customer-gateway-id": { [$0.customerGatewayId] },
            "vpn-gateway-id": { $0.vpnGatewayId.map { [$0] } ?? [] },
            "transit-gateway-id": { $0.transitGatewayId.map { [$0] } ?? [] },
            "state": { [$0.state] },
            "type": { [$0.type] },
            "option.static-routes-only": { [String($0.staticRoutesOnly)] },
            "route.destination-cidr-block": { $0.routes.map(\.destinationCidrBlock) },
        ],
        tags: { $0.tags })
}

// CreateTags, DeleteTags and DescribeTags reach the VPN resources too (EC2's tag:KEY filters on them
// are only useful if their tags can change after creation). The Name tag is the resource's name.
extension CustomerGateway: Taggable {
    public static let tagResourceType = "customer-gateway"
    public static let idPrefix = IDPrefix.customerGateway
    public static let notFoundCode = ErrorCode.customerGatewayNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}

extension VpnGateway: Taggable {
    public static let tagResourceType = "vpn-gateway"
    public static let idPrefix = IDPrefix.vpnGateway
    public static let notFoundCode = ErrorCode.vpnGatewayNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}

extension VpnConnection: Taggable {
    public static let tagResourceType = "vpn-connection"
    public static let idPrefix = IDPrefix.vpnConnection
    public static let notFoundCode = ErrorCode.vpnConnectionNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}
