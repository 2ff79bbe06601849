import NetctlAPI
import NetctlCore

extension EC2.RouteTable {
    /// The main association first, then the subnets' (implicit associations are not listed, as in AWS).
    init(_ table: RouteTable) {
        let main = table.currentMainAssociationId.map {
            EC2.RouteTableAssociation(
                main: true, routeTableAssociationId: $0, routeTableId: table.routeTableId, associationState: .associated
            )
        }
        let subnets = table.associations.map {
            EC2.RouteTableAssociation(
                main: false, routeTableAssociationId: $0.associationId, routeTableId: table.routeTableId,
                subnetId: $0.subnetId, associationState: .associated)
        }
        self.init(
            associations: (main.map { [$0] } ?? []) + subnets,
            propagatingVgws: (table.propagatingVgws ?? []).map { EC2.PropagatingVgw(gatewayId: $0) },
            routeTableId: table.routeTableId, routes: table.routes.map(EC2.Route.init),
            tags: Tagging.ec2Tags(name: table.name, tags: table.tags), vpcId: table.vpcId, ownerId: table.accountId)
    }
}

extension EC2.Route {
    init(_ route: Route) {
        self.init(
            destinationCidrBlock: route.destinationCidrBlock, destinationPrefixListId: route.destinationPrefixListId,
            origin: route.origin, state: route.state.rawValue)
        switch EC2RouteTargetMember(of: route.target) {
        case .gatewayId: gatewayId = route.target.id
        case .natGatewayId: natGatewayId = route.target.id
        case .vpcPeeringConnectionId: vpcPeeringConnectionId = route.target.id
        case .transitGatewayId: transitGatewayId = route.target.id
        case nil: break
        }
    }
}

extension EC2.RouteTableAssociationState {
    /// netctld's associations take effect in the call that makes them.
    static let associated = EC2.RouteTableAssociationState(state: "associated")
}

/// The members CreateRoute and ReplaceRoute share: a destination and the targets netctl models.
protocol EC2RouteMembers {
    var routeTableId: String { get }
    var destinationCidrBlock: String? { get }
    var destinationPrefixListId: String? { get }
    var gatewayId: String? { get }
    var natGatewayId: String? { get }
    var vpcPeeringConnectionId: String? { get }
    var vpcEndpointId: String? { get }
    var transitGatewayId: String? { get }
}

extension EC2.CreateRouteRequest: EC2RouteMembers {}
extension EC2.ReplaceRouteRequest: EC2RouteMembers {}

extension EC2RouteMembers {
    /// `GatewayId` names a gateway endpoint when it is a `vpce-` ID. Given with `VpcEndpointId` too, it
    /// stays a gateway, so the core sees two targets and refuses them.
    private var gatewayIsEndpoint: Bool {
        gatewayId?.hasPrefix(IDPrefix.endpoint + "-") == true && vpcEndpointId == nil
    }

    /// `GatewayId` names a virtual private gateway when it is a `vgw-` ID.
    private var gatewayIsVpn: Bool { gatewayId?.hasPrefix(IDPrefix.vpnGateway + "-") == true }

    var routeCreate: RouteCreate {
        RouteCreate(
            routeTable: routeTableId, destinationCidrBlock: destinationCidrBlock,
            destinationPrefixListId: destinationPrefixListId, peering: vpcPeeringConnectionId,
            gateway: gatewayIsEndpoint || gatewayIsVpn ? nil : gatewayId, natGateway: natGatewayId,
            endpoint: gatewayIsEndpoint ? gatewayId : vpcEndpointId, transitGateway: transitGatewayId,
            vpnGateway: gatewayIsVpn ? gatewayId : nil)
    }

    /// The same route, as the replacement of the one with its destination.
    var routeReplace: RouteReplace {
        let route = routeCreate
        return RouteReplace(
            routeTable: route.routeTable, destinationCidrBlock: route.destinationCidrBlock,
            destinationPrefixListId: route.destinationPrefixListId, peering: route.peering, gateway: route.gateway,
            natGateway: route.natGateway, endpoint: route.endpoint, transitGateway: route.transitGateway,
            vpnGateway: route.vpnGateway)
    }
}
