import Foundation

/// A VPC endpoint: a gateway endpoint (route-table target through a prefix list) or an interface
/// endpoint (one network interface per subnet).
/// A VPC endpoint's `state`; `deleted` only in the answer to the delete call and its change event.
public enum EndpointState: String, Codable, Sendable, Hashable, CaseIterable {
    case available
    case deleted
}

public struct Endpoint: Codable, Sendable, Hashable {
    public var endpointId: String
    /// `gateway` or `interface`.
    public var type: String
    public var serviceName: String
    public var vpcId: String
    public var accountId: String
    public var region: String
    /// lowerCamelCase as decided for netctl: `available`, `deleted`.
    public var state: EndpointState
    public var routeTableIds: [String]
    public var subnetIds: [String]
    public var networkInterfaces: [EndpointInterface]
    public var dnsEntries: [DnsEntry]
    public var privateDnsEnabled: Bool
    public var securityGroupIds: [String]
    /// The endpoint policy as JSON text.
    public var policy: String
    public var tags: Tags
    public var createdAt: Date

    public init(
        endpointId: String, type: String, serviceName: String, vpcId: String, accountId: String, region: String,
        state: EndpointState, routeTableIds: [String], subnetIds: [String], networkInterfaces: [EndpointInterface],
        dnsEntries: [DnsEntry], privateDnsEnabled: Bool, securityGroupIds: [String], policy: String, tags: Tags,
        createdAt: Date
    ) {
        self.endpointId = endpointId
        self.type = type
        self.serviceName = serviceName
        self.vpcId = vpcId
        self.accountId = accountId
        self.region = region
        self.state = state
        self.routeTableIds = routeTableIds
        self.subnetIds = subnetIds
        self.networkInterfaces = networkInterfaces
        self.dnsEntries = dnsEntries
        self.privateDnsEnabled = privateDnsEnabled
        self.securityGroupIds = securityGroupIds
        self.policy = policy
        self.tags = tags
        self.createdAt = createdAt
    }

    public static let gateway = "gateway"
    public static let interface = "interface"
}

public struct EndpointInterface: Codable, Sendable, Hashable {
    public var networkInterfaceId: String
    public var subnetId: String
    public var availabilityZone: String
    public var privateIpAddress: String

    public init(networkInterfaceId: String, subnetId: String, availabilityZone: String, privateIpAddress: String) {
        self.networkInterfaceId = networkInterfaceId
        self.subnetId = subnetId
        self.availabilityZone = availabilityZone
        self.privateIpAddress = privateIpAddress
    }
}

public struct DnsEntry: Codable, Sendable, Hashable {
    public var dnsName: String
    public var hostedZoneId: String
    public init(dnsName: String, hostedZoneId: String) {
        self.dnsName = dnsName
        self.hostedZoneId = hostedZoneId
    }
}

/// An AWS-managed prefix list: the public ranges of a gateway-endpoint service in a region.
public struct PrefixList: Codable, Sendable, Hashable {
    public var prefixListId: String
    public var prefixListName: String
    public var cidrs: [String]
    public init(prefixListId: String, prefixListName: String, cidrs: [String]) {
        self.prefixListId = prefixListId
        self.prefixListName = prefixListName
        self.cidrs = cidrs
    }
}

/// One service an endpoint can reach.
public struct EndpointService: Codable, Sendable, Hashable {
    public var serviceName: String
    /// The short name the CLI accepts, e.g. `s3`.
    public var shortName: String
    /// `gateway`, `interface`, or both.
    public var serviceTypes: [String]
    /// The name that resolves to interface endpoints inside a VPC with private DNS.
    public var privateDnsName: String?
    public var availabilityZones: [String]

    public init(
        serviceName: String, shortName: String, serviceTypes: [String], privateDnsName: String?,
        availabilityZones: [String]
    ) {
        self.serviceName = serviceName
        self.shortName = shortName
        self.serviceTypes = serviceTypes
        self.privateDnsName = privateDnsName
        self.availabilityZones = availabilityZones
    }
}
