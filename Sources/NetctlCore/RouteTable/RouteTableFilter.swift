import NetctlAPI

/// EC2's DescribeRouteTables filters, by their AWS names. Features netctl does not model (IPv6,
/// gateway associations, instance and egress-only targets) have no values, so a
/// filter on them matches nothing, as it would in a VPC without them.
public enum RouteTableFilter {
    public static let table = FilterTable<RouteTable>(
        [
            "route-table-id": { [$0.routeTableId] },
            "vpc-id": { [$0.vpcId] },
            "owner-id": { [$0.accountId] },
            "association.route-table-association-id": { table in
                (table.currentMainAssociationId.map { [$0] } ?? []) + table.associations.map(\.associationId)
            },
            "association.route-table-id": { table in
                table.main || !table.associations.isEmpty ? [table.routeTableId] : []
            },
            "association.subnet-id": { $0.associations.map(\.subnetId) },
            // Per association: "true" for the main one, "false" for each subnet's.
            "association.main": { table in
                (table.main ? ["true"] : []) + (table.associations.isEmpty ? [] : ["false"])
            },
            "association.gateway-id": { _ in [] },
            "route.destination-cidr-block": { $0.routes.compactMap(\.destinationCidrBlock) },
            "route.destination-ipv6-cidr-block": { _ in [] },
            "route.destination-prefix-list-id": { $0.routes.compactMap(\.destinationPrefixListId) },
            "route.gateway-id": targets(.gatewayId),
            "route.nat-gateway-id": targets(.natGatewayId),
            "route.vpc-peering-connection-id": targets(.vpcPeeringConnectionId),
            "route.egress-only-internet-gateway-id": { _ in [] },
            "route.instance-id": { _ in [] },
            "route.transit-gateway-id": targets(.transitGatewayId),
            "route.origin": { $0.routes.map(\.origin) },
            "route.state": { $0.routes.map(\.state.rawValue) },
        ],
        tags: { $0.tags })

    private static func targets(_ member: EC2RouteTargetMember) -> FilterTable<RouteTable>.Values {
        { table in table.routes.filter { EC2RouteTargetMember(of: $0.target) == member }.map(\.target.id) }
    }
}

/// The member of EC2's `Route` that names a netctl route target: `GatewayId` for the internet
/// gateway, a virtual private gateway, a gateway endpoint and `local`, and the member of its own kind for the others.
public enum EC2RouteTargetMember: Sendable, Hashable {
    case gatewayId
    case natGatewayId
    case vpcPeeringConnectionId
    case transitGatewayId

    /// Nil for a target kind EC2's `Route` has no member for.
    public init?(of target: RouteTarget) {
        switch target.type {
        case RouteTarget.localTypeName, RouteTarget.internetGateway, RouteTarget.endpoint, RouteTarget.vpnGateway:
            self = .gatewayId
        case RouteTarget.natGateway: self = .natGatewayId
        case RouteTarget.peering: self = .vpcPeeringConnectionId
        case RouteTarget.transitGateway: self = .transitGatewayId
        default: return nil
        }
    }
}
