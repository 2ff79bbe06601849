import NetctlAPI

/// Through a transit gateway: the VPC route leads to the hub, which is entered only from an
/// availability zone its attachment has a subnet in; the route table associated with the ingress
/// attachment picks the route (longest prefix, static over propagated); the route's attachment
/// delivers into its VPC. Unlike peering, the hub is transitive: any attachment its tables reach.
extension State {
    /// What the hub does with a packet from `vpc` (from `subnet`) to `address`: the attachment it
    /// leaves by, or nil with the explanation recorded. `returning` words it for replies.
    func transitHub(
        _ route: Route, from vpc: Vpc, subnet: Subnet?, table: RouteTable, to address: IPv4Address,
        returning: Bool, _ walk: inout ReachWalk
    ) -> TransitGatewayAttachment? {
        let hubId = route.target.id
        let what = returning ? "Replies to \(address)" : "Traffic to \(address)"
        guard let hub = transitGateways[hubId], hub.state == TransitGateway.available,
            let ingress = availableAttachment(of: hubId, toVpc: vpc.vpcId)
        else {
            walk.explain(
                ReachExplanation.routeBlackhole,
                "The route \(route.destination) → \(hubId) in \(table.routeTableId) is a blackhole: \(hubId) "
                    + (transitGateways[hubId] == nil
                        ? "no longer exists." : "has no available attachment to \(vpc.vpcId). Attach the VPC "
                            + "(`netctl tgw attach \(hubId) \(vpc.vpcId) --subnet SUBNET`) or wait until its attachment is "
                            + "available."),
                component: table.routeTableId)
            return nil
        }
        if let subnet, !ingress.availabilityZones.contains(subnet.availabilityZone) {
            walk.explain(
                ReachExplanation.tgwNoAttachmentInAz,
                "\(what) from \(subnet.subnetId) in \(subnet.availabilityZone) cannot enter \(hubId): its attachment "
                    + "\(ingress.attachmentId) to \(vpc.vpcId) has no subnet in \(subnet.availabilityZone) (only in "
                    + "\(ingress.availabilityZones.joined(separator: ", "))). Attach \(vpc.vpcId) with a subnet in "
                    + "\(subnet.availabilityZone) too (delete the attachment and attach again with one subnet per zone).",
                component: ingress.attachmentId)
            return nil
        }
        let entered = ingress.networkInterfaces.first { $0.availabilityZone == subnet?.availabilityZone }
            ?? ingress.networkInterfaces.first
        let hop = (
            "transitGatewayAttachment", ingress.attachmentId,
            "into \(hubId) from \(vpc.vpcId)" + (entered.map { " through \($0.privateIpAddress) in \($0.availabilityZone)" } ?? "")
        )
        walk.hop(hop, returning: returning)
        // Over hub peerings the packet enters the next hub and its table for the peering decides again.
        var (current, entry, visited) = (hubId, ingress, Set([hubId]))
        while true {
            guard let egress = routeOut(of: current, from: entry, to: address, what: what, returning: returning, &walk)
            else { return nil }
            guard let next = egress.peerHub(of: current) else { return egress }
            let peeringHop = ("transitGatewayAttachment", egress.attachmentId, "over the peering from \(current) into \(next)")
            walk.hop(peeringHop, returning: returning)
            guard !visited.contains(next), transitGateways[next]?.state == TransitGateway.available else {
                walk.explain(
                    ReachExplanation.tgwNoRoute,
                    visited.contains(next)
                        ? "\(what) would return to \(next) over \(egress.attachmentId): the hubs' static routes loop. "
                            + "Point the route in \(current) at the attachment that holds \(address)."
                        : "\(what) cannot enter \(next) over \(egress.attachmentId): the peer hub is not available.",
                    component: egress.attachmentId)
                return nil
            }
            visited.insert(next)
            (current, entry) = (next, egress)
        }
    }

    /// The route `hubId` picks for traffic that entered it over `ingress`: the attachment it leaves by
    /// (live), or nil with the table, the missing route or the blackhole explained.
    private func routeOut(
        of hubId: String, from ingress: TransitGatewayAttachment, to address: IPv4Address, what: String, returning: Bool,
        _ walk: inout ReachWalk
    ) -> TransitGatewayAttachment? {
        guard let hubTableId = ingress.associatedRouteTable(onHub: hubId),
            let hubTable = transitGatewayRouteTables[hubTableId]
        else {
            walk.explain(
                ReachExplanation.tgwAttachmentNotAssociated,
                "\(what) entered \(hubId) through \(ingress.attachmentId), which is associated with no route table of the "
                    + "hub, so the hub drops it. Associate it (`netctl tgw route-table associate TABLE "
                    + "\(ingress.attachmentId)` with a table of \(hubId)).",
                component: ingress.attachmentId)
            return nil
        }
        guard let hubRoute = transitGatewayRoute(in: hubTable, to: address) else {
            if explainNoHubVpnRoute(in: hubTable, to: address, returning: returning, &walk) { return nil }
            walk.explain(
                ReachExplanation.tgwNoRoute,
                "\(hubTable.routeTableId), the route table of \(hubId) associated with \(ingress.attachmentId), has no "
                    + "route that matches \(address). "
                    + (ingress.type == TransitGatewayAttachment.peeringType
                        ? "Hubs exchange no routes over a peering: add a static route to the attachment that leads "
                            + "there (`netctl tgw route add \(hubTable.routeTableId) --destination CIDR --attachment "
                            + "ATTACHMENT`)."
                        : "Propagate the destination's attachment into it (`netctl tgw route-table enable-propagation "
                            + "\(hubTable.routeTableId) ATTACHMENT`) or add a static route."),
                component: hubTable.routeTableId)
            return nil
        }
        let targetId = hubRoute.attachments.first?.attachmentId ?? "blackhole"
        let routeHop = (
            "transitGatewayRouteTable", hubTable.routeTableId,
            "\(hubRoute.destinationCidrBlock) → \(targetId) (\(hubRoute.type), \(hubRoute.state))"
        )
        walk.hop(routeHop, returning: returning)
        guard hubRoute.state == TransitGatewayRoute.active, let egressId = hubRoute.attachments.first?.attachmentId,
            let egress = transitGatewayAttachments[egressId], egress.state == TransitGateway.available
        else {
            walk.explain(
                ReachExplanation.tgwRouteBlackhole,
                "The route \(hubRoute.destinationCidrBlock) in \(hubTable.routeTableId) of \(hubId) is a blackhole"
                    + (hubRoute.attachments.isEmpty
                        ? " (created as one): the hub drops \(address)." : ": its attachment \(targetId) is gone or not available.")
                    + " Delete it (`netctl tgw route delete \(hubTable.routeTableId) \(hubRoute.destinationCidrBlock)`) "
                    + "or point a static route at a live attachment.",
                component: hubTable.routeTableId)
            return nil
        }
        return egress
    }

    /// The forward path over a hub: where the packet was delivered, or nil with explanations recorded.
    func crossTransitGateway(
        _ route: Route, from vpc: Vpc, subnet: Subnet?, table: RouteTable, to destination: ReachPlace,
        _ walk: inout ReachWalk
    ) -> (vpc: Vpc?, subnet: Subnet?)? {
        let address = destination.address
        guard let egress = transitHub(route, from: vpc, subnet: subnet, table: table, to: address, returning: false, &walk)
        else { return nil }
        let back = walk.source ?? vpc.cidrBlocks.first.flatMap { IPv4CIDR($0) }.map { $0.first } ?? address
        if egress.type == TransitGatewayAttachment.vpnType {
            return crossHubToOnPremises(egress, hubId: egress.transitGatewayId, from: vpc, back: back, to: destination, &walk)
        }
        if egress.type == TransitGatewayAttachment.directConnectGatewayType {
            guard destination.onPremises?.customerGatewayId == nil,
                case .dx(let gateway, let association)? = leaveHubOverDx(
                    egress, hubId: egress.transitGatewayId, to: address, returning: false, &walk)
            else {
                if destination.onPremises?.customerGatewayId != nil {
                    walk.explain(
                        ReachExplanation.noRouteToDestination,
                        "\(egress.transitGatewayId) sends \(address) to Direct Connect gateway \(egress.resourceId), not "
                            + "to the VPN connection of \(destination.onPremises?.customerGatewayId ?? "the customer gateway").",
                        component: egress.attachmentId)
                }
                return nil
            }
            return crossDxToOnPremises(gateway, association, from: vpc, back: back, to: address, &walk)
        }
        guard let target = vpcs[egress.resourceId] else { return nil }
        walk.hop(("transitGatewayAttachment", egress.attachmentId, "out of \(egress.transitGatewayId) into \(target.vpcId)"))
        guard target.holds(address) else {
            walk.explain(
                ReachExplanation.noRouteToDestination,
                "\(egress.transitGatewayId) delivers \(address) to \(target.vpcId) over \(egress.attachmentId), but \(address) is "
                    + "not inside \(target.vpcId) (\(target.cidrBlocks.joined(separator: ", "))). Route it to the "
                    + "attachment of the VPC that holds it.",
                component: egress.attachmentId)
            return nil
        }
        if let expected = destination.vpc, expected.vpcId != target.vpcId {
            walk.explain(
                ReachExplanation.noRouteToDestination,
                "\(egress.transitGatewayId) delivers \(address) to \(target.vpcId), not to \(expected.vpcId).",
                component: egress.attachmentId)
            return nil
        }
        walk.crossedTransitGateway = true
        let landed = self.subnet(ofVpc: target.vpcId, holding: address)
        walk.hop(landed.map { ("subnet", $0.subnetId, "delivered in \(target.vpcId) (\($0.cidrBlock))") }
            ?? ("vpc", target.vpcId, "delivered in \(target.vpcId); no subnet holds \(address)"))
        return (target, landed)
    }

    /// The way back over a hub: replies from `subnet` of `vpc` must enter the hub in their own zone and
    /// be routed by the table of their attachment to the source VPC's attachment.
    func returnOverTransitGateway(
        _ route: Route, from vpc: Vpc, subnet: Subnet?, table: RouteTable, back address: IPv4Address, sourceVpc: Vpc,
        _ walk: inout ReachWalk
    ) {
        guard let egress = transitHub(route, from: vpc, subnet: subnet, table: table, to: address, returning: true, &walk)
        else { return }
        guard egress.resourceId == sourceVpc.vpcId else {
            walk.explain(
                ReachExplanation.noReturnRoute,
                "Replies to \(address) leave \(egress.transitGatewayId) over \(egress.attachmentId) to \(egress.resourceId), not "
                    + "back to \(sourceVpc.vpcId).",
                component: egress.attachmentId)
            return
        }
        walk.returnHop(("transitGatewayAttachment", egress.attachmentId, "out of \(egress.transitGatewayId) into \(sourceVpc.vpcId)"))
    }
}
