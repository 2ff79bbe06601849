import Foundation

/// The on-premises end of a Site-to-Site VPN: its public address and its BGP ASN.
public struct CustomerGateway: Codable, Sendable, Hashable {
    public var customerGatewayId: String
    public var name: String?
    public var accountId: String
    public var region: String
    /// `ipsec.1`, the only type AWS has.
    public var type: String
    public var ipAddress: String
    public var bgpAsn: Int64
    /// AWS's `DeviceName` of the on-premises device, when one was given.
    public var deviceName: String?
    /// `pending`, `available`, `deleting` or `deleted` (the last only in the delete's final event).
    public var state: String
    public var tags: Tags
    public var createdAt: Date
    /// When `state` last changed: the clock moves `pending` and `deleting` on from here.
    public var stateChangedAt: Date

    public init(
        customerGatewayId: String, name: String?, accountId: String, region: String, type: String = VpnConnection.ipsec1,
        ipAddress: String, bgpAsn: Int64, deviceName: String? = nil, state: String, tags: Tags, createdAt: Date,
        stateChangedAt: Date
    ) {
        self.customerGatewayId = customerGatewayId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.type = type
        self.ipAddress = ipAddress
        self.bgpAsn = bgpAsn
        self.deviceName = deviceName
        self.state = state
        self.tags = tags
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }
}

/// The Amazon end of a VPN on one VPC: attached to at most one VPC, it learns the on-premises routes of
/// its connections and propagates them into the VPC route tables that ask for them.
public struct VpnGateway: Codable, Sendable, Hashable {
    public var vpnGatewayId: String
    public var name: String?
    public var accountId: String
    public var region: String
    /// `ipsec.1`.
    public var type: String
    /// `pending`, `available`, `deleting` or `deleted`.
    public var state: String
    public var amazonSideAsn: Int64
    /// At most one: the VPC the gateway is attached to.
    public var vpcAttachments: [VpnGatewayVpcAttachment]
    public var tags: Tags
    public var createdAt: Date
    public var stateChangedAt: Date

    public init(
        vpnGatewayId: String, name: String?, accountId: String, region: String, type: String = VpnConnection.ipsec1,
        state: String, amazonSideAsn: Int64, vpcAttachments: [VpnGatewayVpcAttachment] = [], tags: Tags,
        createdAt: Date, stateChangedAt: Date
    ) {
        self.vpnGatewayId = vpnGatewayId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.type = type
        self.state = state
        self.amazonSideAsn = amazonSideAsn
        self.vpcAttachments = vpcAttachments
        self.tags = tags
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }

    /// The VPC the gateway is attached to, if any.
    public var attachedVpcId: String? { vpcAttachments.first { $0.state == VpnGatewayVpcAttachment.attached }?.vpcId }
}

public struct VpnGatewayVpcAttachment: Codable, Sendable, Hashable {
    public var vpcId: String
    /// `attached`: attaching and detaching take effect at once.
    public var state: String

    public init(vpcId: String, state: String) {
        self.vpcId = vpcId
        self.state = state
    }

    public static let attached = "attached"
}

/// A Site-to-Site VPN connection from a customer gateway to a virtual private gateway or a transit
/// gateway, over two tunnels.
public struct VpnConnection: Codable, Sendable, Hashable {
    public var vpnConnectionId: String
    public var name: String?
    public var accountId: String
    public var region: String
    /// `ipsec.1`.
    public var type: String
    /// `pending`, `available`, `deleting` or `deleted`.
    public var state: String
    public var customerGatewayId: String
    public var vpnGatewayId: String?
    public var transitGatewayId: String?
    /// The hub attachment (type `vpn`) a connection to a transit gateway made.
    public var transitGatewayAttachmentId: String?
    /// Static routing (routes added with `vpn.connection.createRoute`) instead of BGP.
    public var staticRoutesOnly: Bool
    /// The on-premises CIDRs the customer gateway advertises: learned over BGP while a tunnel is up.
    public var advertisedCidrs: [String]
    /// Static routes to the on-premises network (AWS's `Routes`, source `Static`).
    public var routes: [VpnStaticRoute]
    /// Always two.
    public var tunnels: [VpnTunnel]
    public var tags: Tags
    public var createdAt: Date
    public var stateChangedAt: Date

    public init(
        vpnConnectionId: String, name: String?, accountId: String, region: String, type: String = Self.ipsec1,
        state: String, customerGatewayId: String, vpnGatewayId: String?, transitGatewayId: String?,
        transitGatewayAttachmentId: String?, staticRoutesOnly: Bool, advertisedCidrs: [String],
        routes: [VpnStaticRoute] = [], tunnels: [VpnTunnel], tags: Tags, createdAt: Date, stateChangedAt: Date
    ) {
        self.vpnConnectionId = vpnConnectionId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.type = type
        self.state = state
        self.customerGatewayId = customerGatewayId
        self.vpnGatewayId = vpnGatewayId
        self.transitGatewayId = transitGatewayId
        self.transitGatewayAttachmentId = transitGatewayAttachmentId
        self.staticRoutesOnly = staticRoutesOnly
        self.advertisedCidrs = advertisedCidrs
        self.routes = routes
        self.tunnels = tunnels
        self.tags = tags
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }

    public static let ipsec1 = "ipsec.1"

    /// Whether at least one tunnel is up: BGP routes are learned only then.
    public var anyTunnelUp: Bool { tunnels.contains { $0.state == VpnTunnel.up } }
}

public struct VpnStaticRoute: Codable, Sendable, Hashable {
    public var destinationCidrBlock: String
    /// `Static`.
    public var source: String
    /// `available`.
    public var state: String

    public init(destinationCidrBlock: String, source: String = "Static", state: String = "available") {
        self.destinationCidrBlock = destinationCidrBlock
        self.source = source
        self.state = state
    }
}

/// One tunnel of a connection (AWS's `VgwTelemetry` and tunnel options together).
public struct VpnTunnel: Codable, Sendable, Hashable {
    /// AWS's public address of the tunnel.
    public var outsideIpAddress: String
    /// A /30 from 169.254.0.0/16 inside the tunnel.
    public var insideCidr: String
    /// `UP` or `DOWN`.
    public var state: String
    /// The BGP routes accepted over this tunnel: the advertised CIDRs while it is up, 0 otherwise.
    public var acceptedRouteCount: Int
    public var lastStatusChange: Date

    public init(outsideIpAddress: String, insideCidr: String, state: String, acceptedRouteCount: Int, lastStatusChange: Date) {
        self.outsideIpAddress = outsideIpAddress
        self.insideCidr = insideCidr
        self.state = state
        self.acceptedRouteCount = acceptedRouteCount
        self.lastStatusChange = lastStatusChange
    }

    public static let up = "UP"
    public static let down = "DOWN"
}

extension ErrorCode {
    public static let customerGatewayNotFound: Self = "InvalidCustomerGatewayID.NotFound"
    public static let vpnGatewayNotFound: Self = "InvalidVpnGatewayID.NotFound"
    public static let vpnGatewayAttachmentNotFound: Self = "InvalidVpnGatewayAttachment.NotFound"
    public static let vpnConnectionNotFound: Self = "InvalidVpnConnectionID.NotFound"
    public static let vpnGatewayAttachmentLimitExceeded: Self = "VpnGatewayAttachmentLimitExceeded"
}
