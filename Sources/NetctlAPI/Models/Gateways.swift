import Foundation

/// An internet gateway. netctl creates it attached to a VPC; `detach` leaves it `detached`.
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
    public var tags: Tags
    public var createdAt: Date

    public init(
        natGatewayId: String, subnetId: String, vpcId: String, accountId: String, region: String,
        state: NatGatewayState, connectivityType: String, networkInterfaceId: String, privateIpAddress: String,
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
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// A NAT gateway's `state`; `deleted` only in the answer to the delete call and its change event.
public enum NatGatewayState: String, Codable, Sendable, Hashable, CaseIterable {
    case available
    case deleted
}
