import Foundation

/// An internet gateway. `gateway.create` with a VPC makes it attached; without one (as AWS's
/// CreateInternetGateway does) it starts `detached`, and `attach`/`detach` move it.
public struct InternetGateway: Codable, Sendable, Hashable {
    public var internetGatewayId: String
    public var vpcId: String?
    public var accountId: String
    public var region: String
    /// `attached` or `detached`.
    public var state: InternetGatewayState
    public var tags: Tags
    public var createdAt: Date

    public init(
        internetGatewayId: String, vpcId: String?, accountId: String, region: String, state: InternetGatewayState,
        tags: Tags, createdAt: Date
    ) {
        self.internetGatewayId = internetGatewayId
        self.vpcId = vpcId
        self.accountId = accountId
        self.region = region
        self.state = state
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// An internet gateway's `state`; `deleted` only in the answer to the delete call and its change event.
public enum InternetGatewayState: String, Codable, Sendable, Hashable, CaseIterable {
    case attached
    case detached
    case deleted
}

public struct NatGateway: Codable, Sendable, Hashable {
    public var natGatewayId: String
    public var subnetId: String
    public var vpcId: String
    public var accountId: String
    public var region: String
    /// `available`; a deleted NAT gateway leaves the state.
    public var state: NatGatewayState
    /// `public` or `private`.
    public var connectivityType: String
    public var networkInterfaceId: String
    public var privateIpAddress: String
    /// The Elastic IP address of a public NAT gateway created with one (`eipalloc-…`).
    public var allocationId: String?
    /// That address's public IPv4 address.
    public var publicIp: String?
    /// The address's association with this gateway (`eipassoc-…`).
    public var associationId: String?
    public var tags: Tags
    public var createdAt: Date

    public init(
        natGatewayId: String, subnetId: String, vpcId: String, accountId: String, region: String,
        state: NatGatewayState, connectivityType: String, networkInterfaceId: String, privateIpAddress: String,
        allocationId: String? = nil, publicIp: String? = nil, associationId: String? = nil,
        tags: Tags, createdAt: Date
    ) {
        self.natGatewayId = natGatewayId
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.accountId = accountId
        self.region = region
        self.state = state
        self.connectivityType = connectivityType
        self.networkInterfaceId = networkInterfaceId
        self.privateIpAddress = privateIpAddress
        self.allocationId = allocationId
        self.publicIp = publicIp
        self.associationId = associationId
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// A NAT gateway's `state`. `deleting` and `deleted` appear only in the delete call's change events
/// (`deleting` first, within the same commit) and `deleted` in its answer.
public enum NatGatewayState: String, Codable, Sendable, Hashable, CaseIterable {
    case available
    case deleting
    case deleted
}
