import Foundation
import NetctlAPI

/// The service quotas netctl enforces, with AWS's default values. Each can be changed with
/// `netctld --quota NAME=VALUE` or `quotas.NAME` in netctld.yaml, within AWS's adjustable range.
public enum QuotaName: String, Sendable, Hashable, CaseIterable, Codable {
    case vpcsPerRegion
    case cidrsPerVpc
    case subnetsPerVpc
    case routeTablesPerVpc
    case routesPerRouteTable
    case activePeeringsPerVpc
    case outstandingPeeringsPerAccount
    case interfaceEndpointsPerVpc
    case gatewayEndpointsPerRegion
    case internetGatewaysPerRegion
    case natGatewaysPerAvailabilityZone
    case elasticIpsPerRegion
    case securityGroupsPerRegion
    case rulesPerSecurityGroup
    case networkAclsPerVpc
    case rulesPerNetworkAcl
    case networkInterfacesPerRegion
    case transitGatewaysPerRegion
    case attachmentsPerTransitGateway
    case routeTablesPerTransitGateway
    case routesPerTransitGateway
    case transitGatewaysPerVpc
    case peeringAttachmentsPerTransitGateway
    case pendingPeeringAttachmentsPerTransitGateway
    case transitGatewaysPerDirectConnectGateway
    case directConnectGatewaysPerTransitGateway
    case vpnGatewaysPerDirectConnectGateway
    case applicationLoadBalancersPerRegion
    case networkLoadBalancersPerRegion
    case listenersPerLoadBalancer
    case rulesPerApplicationLoadBalancer
    case targetGroupsPerRegion
    case targetsPerTargetGroup

    public var defaultValue: Int {
        switch self {
        case .vpcsPerRegion: 5
        case .cidrsPerVpc: 5
        case .subnetsPerVpc: 200
        case .routeTablesPerVpc: 200
        case .routesPerRouteTable: 50
        case .activePeeringsPerVpc: 50
        case .outstandingPeeringsPerAccount: 25
        case .interfaceEndpointsPerVpc: 50
        case .gatewayEndpointsPerRegion: 20
        case .internetGatewaysPerRegion: 5
        case .natGatewaysPerAvailabilityZone: 5
        case .elasticIpsPerRegion: 5
        case .securityGroupsPerRegion: 2500
        case .rulesPerSecurityGroup: 60
        case .networkAclsPerVpc: 200
        case .rulesPerNetworkAcl: 20
        case .networkInterfacesPerRegion: 5000
        case .transitGatewaysPerRegion: 5
        case .attachmentsPerTransitGateway: 5000
        case .routeTablesPerTransitGateway: 20
        case .routesPerTransitGateway: 10000
        case .transitGatewaysPerVpc: 5
        case .peeringAttachmentsPerTransitGateway: 50
        case .pendingPeeringAttachmentsPerTransitGateway: 10
        // SEMANTICS-2 open point 5: 3 in the TGW guide, 6 in the DX guide; the default is the former.
        case .transitGatewaysPerDirectConnectGateway: 3
        case .directConnectGatewaysPerTransitGateway: 20
        case .vpnGatewaysPerDirectConnectGateway: 20
        case .applicationLoadBalancersPerRegion: 50
        case .networkLoadBalancersPerRegion: 50
        case .listenersPerLoadBalancer: 50
        case .rulesPerApplicationLoadBalancer: 100
        case .targetGroupsPerRegion: 3000
        case .targetsPerTargetGroup: 1000
        }
    }

    /// The highest value AWS lets the quota be raised to, where it documents one.
    public var maximum: Int {
        switch self {
        case .cidrsPerVpc: 50
        case .routesPerRouteTable: 1000
        case .activePeeringsPerVpc: 125
        case .rulesPerSecurityGroup: 1000
        case .rulesPerNetworkAcl: 40
        case .attachmentsPerTransitGateway: 5000
        case .transitGatewaysPerVpc: 5
        case .transitGatewaysPerDirectConnectGateway: 6
        case .directConnectGatewaysPerTransitGateway: 20
        case .vpnGatewaysPerDirectConnectGateway: 20
        default: 1_000_000
        }
    }

    public var summary: String {
        switch self {
        case .vpcsPerRegion: "VPCs per account and region"
        case .cidrsPerVpc: "IPv4 CIDR blocks per VPC, the primary included"
        case .subnetsPerVpc: "subnets per VPC"
        case .routeTablesPerVpc: "route tables per VPC, the main table included"
        case .routesPerRouteTable: "routes per route table, local routes excluded"
        case .activePeeringsPerVpc: "active peering connections per VPC"
        case .outstandingPeeringsPerAccount: "pending peering requests per account and region"
        case .interfaceEndpointsPerVpc: "interface endpoints per VPC"
        case .gatewayEndpointsPerRegion: "gateway endpoints per account and region"
        case .internetGatewaysPerRegion: "internet gateways per account and region"
        case .natGatewaysPerAvailabilityZone: "NAT gateways per availability zone"
        case .elasticIpsPerRegion: "Elastic IP addresses per account and region"
        case .securityGroupsPerRegion: "security groups per account and region, default groups included"
        case .rulesPerSecurityGroup: "inbound or outbound rules per security group, each direction counted apart"
        case .networkAclsPerVpc: "network ACLs per VPC, the default ACL included"
        case .rulesPerNetworkAcl: "rules per network ACL in each direction, the final * deny included"
        case .networkInterfacesPerRegion: "network interfaces per account and region, every owner's counted"
        case .transitGatewaysPerRegion: "transit gateways per account and region"
        case .attachmentsPerTransitGateway: "attachments per transit gateway"
        case .routeTablesPerTransitGateway: "route tables per transit gateway, the default table included"
        case .routesPerTransitGateway: "routes across all route tables of a transit gateway, static and propagated"
        case .transitGatewaysPerVpc: "transit gateways one VPC is attached to"
        case .peeringAttachmentsPerTransitGateway: "peering attachments per transit gateway, either side, deleting ones included"
        case .pendingPeeringAttachmentsPerTransitGateway: "peering attachments a transit gateway has requested that wait for acceptance"
        case .transitGatewaysPerDirectConnectGateway: "transit gateways one Direct Connect gateway is associated with"
        case .directConnectGatewaysPerTransitGateway: "Direct Connect gateways one transit gateway is associated with"
        case .vpnGatewaysPerDirectConnectGateway: "virtual private gateways one Direct Connect gateway is associated with"
        case .applicationLoadBalancersPerRegion: "application load balancers per account and region"
        case .networkLoadBalancersPerRegion: "network load balancers per account and region"
        case .listenersPerLoadBalancer: "listeners per load balancer"
        case .rulesPerApplicationLoadBalancer: "listener rules per application load balancer, default actions excluded"
        case .targetGroupsPerRegion: "target groups per account and region"
        case .targetsPerTargetGroup: "registered targets per target group, draining ones included"
        }
    }
}

public struct Quotas: Sendable, Hashable {
    private var overrides: [QuotaName: Int]

    public init(_ overrides: [QuotaName: Int] = [:]) {
        self.overrides = overrides.filter { name, value in value != name.defaultValue }
    }

    public subscript(name: QuotaName) -> Int {
        get { overrides[name] ?? name.defaultValue }
        // Only differences from AWS's defaults are kept, so equal quotas compare equal.
        set { overrides[name] = newValue == name.defaultValue ? nil : newValue }
    }

    /// Parses `NAME=VALUE` as given to `--quota`.
    public static func parseAssignment(_ text: String) throws(NetctlError) -> (QuotaName, Int) {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else {
            throw NetctlError(.invalidParameterValue, "Quota '\(text)' is not NAME=VALUE, e.g. vpcsPerRegion=20.")
        }
        guard let name = QuotaName(rawValue: parts[0]) else {
            throw NetctlError(
                .invalidParameterValue,
                "Unknown quota '\(parts[0])'. Known quotas: \(QuotaName.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let value = Int(parts[1]) else {
            throw NetctlError(.invalidParameterValue, "Quota \(name.rawValue) needs a whole number, not '\(parts[1])'.")
        }
        try validate(name, value)
        return (name, value)
    }

    public static func validate(_ name: QuotaName, _ value: Int) throws(NetctlError) {
        guard (1...name.maximum).contains(value) else {
            throw NetctlError(
                .invalidParameterValue,
                "Quota \(name.rawValue) must be between 1 and \(name.maximum) (AWS's adjustable range); got \(value).")
        }
    }

    /// The error for a full quota: names the quota, its value and how to raise it.
    public func exceeded(_ name: QuotaName, code: ErrorCode, _ situation: String) -> NetctlError {
        NetctlError(
            code,
            "\(situation): the \(name.rawValue) quota (\(name.summary)) is \(self[name]). "
                + "Remove one first, or raise the quota with `netctld --quota \(name.rawValue)=N` "
                + "or `quotas: {\(name.rawValue): N}` in netctld.yaml.")
    }
}
