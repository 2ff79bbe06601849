import Foundation
import NetctlAPI

/// Where an analysis starts or ends: a VPC (its main route table), a subnet (its route table), an
/// interface (its subnet), or a bare address that may belong to a VPC or to the internet.
struct ReachPlace {
    var endpoint: ReachEndpoint
    var vpc: Vpc?
    var subnet: Subnet?
    var address: IPv4Address
    /// Set when the destination is an AWS service by name.
    var service: EndpointService?
    /// The security groups of the place's interface; nil for a VPC, subnet or address, which have none
    /// (the groups are then not part of the analysis).
    var securityGroupIds: [String]? = nil
    /// Set for an on-premises network behind a VPN (`onprem:CIDR` or a customer gateway).
    var onPremises: OnPremises? = nil
}

extension State {
    /// Walks the real route tables from source to destination and back (SEMANTICS.md 2.5): longest
    /// prefix match in the subnet's table, `local` delivery inside the VPC, peerings only into the
    /// peer VPC's own CIDRs (no transit, no edge-to-edge), gateways to the internet. Costs in
    /// proportion to the hops walked and the peerings next to them, never to the number of VPCs.
    public func analyzeReach(_ request: ReachAnalyze, _ context: QueryContext) throws(NetctlError) -> ReachAnalysis {
        // A security group at either end: every pair of its members' interfaces, each walked alone.
        if let members = try analyzeGroupReach(request, context) { return members }
        return try walkReach(request, context).analysis
    }

    /// The analysis and the facts behind its hops and findings (the routes, rules and entries), which
    /// Network Insights reports in AWS's shapes.
    func walkReach(_ request: ReachAnalyze, _ context: QueryContext) throws(NetctlError)
        -> (analysis: ReachAnalysis, facts: ReachFacts)
    {
        if let without = request.without, !without.isEmpty {
            var plain = request
            plain.without = nil
            return try withoutForAnalysis(without, context).walkReach(plain, context)
        }
        let source = try reachPlace(request.source, role: "source", context.scope)
        if source.onPremises != nil { return try walkFromOnPremises(source, request, context) }
        guard let sourceVpc = source.vpc else {
            throw NetctlError(
                .invalidParameterValue,
                "The source \(request.source) is not inside any of your VPCs. Name a VPC, subnet, interface or an "
                    + "address inside one.")
        }
        var destination = try reachPlace(request.destination, role: "destination", context.scope)
        var walk = ReachWalk()
        walk.source = source.address
        walk.hop(source.subnet.map { ("subnet", $0.subnetId, "source \($0.cidrBlock) in \(sourceVpc.vpcId)") }
            ?? ("vpc", sourceVpc.vpcId, "source \(sourceVpc.cidrBlocks.joined(separator: ", "))"))
        if let service = destination.service, let interface = privateDnsInterface(for: service, in: sourceVpc, near: source.subnet) {
            // Private DNS: inside this VPC the service's own name resolves to the endpoint's interface.
            walk.hop(
                ("endpoint", interface.endpoint, "\(service.privateDnsName ?? service.serviceName) resolves to "
                    + "\(interface.address) (interface endpoint, private DNS)"))
            destination.vpc = sourceVpc
            destination.subnet = subnets[interface.subnetId]
            destination.address = IPv4Address(interface.address) ?? destination.address
            destination.securityGroupIds = endpoints[interface.endpoint]?.securityGroupIds
        }
        let traffic = try ReachTraffic.of(request, toService: destination.service != nil)
        let delivered = forward(from: sourceVpc, subnet: source.subnet, to: destination, &walk)
        if let delivered, let deliveredVpc = delivered.vpc, destination.service == nil {
            returnPath(from: deliveredVpc, subnet: delivered.subnet, back: source.address, sourceVpc: sourceVpc, &walk)
        }
        if let delivered {
            // The layers a route cannot show: groups on the interfaces, ACLs at the subnets' edges.
            var arrived = destination
            arrived.subnet = delivered.subnet ?? destination.subnet
            // A VPC, subnet or address stands for a resource launched there without groups: it carries
            // the VPC's default group, as EC2 gives one.
            var origin = source
            if origin.securityGroupIds == nil, let vpc = source.vpc, let group = defaultSecurityGroup(ofVpc: vpc.vpcId) {
                origin.securityGroupIds = [group.groupId]
            }
            checkSecurity(
                from: origin, to: arrived, traffic: traffic, groupReferences: !walk.crossedTransitGateway, &walk)
        }
        var resolvedDestination = destination.endpoint
        if let delivered {
            resolvedDestination.vpcId = delivered.vpc?.vpcId ?? resolvedDestination.vpcId
            resolvedDestination.subnetId = delivered.subnet?.subnetId ?? resolvedDestination.subnetId
        }
        let analysis = ReachAnalysis(
            reachable: walk.explanations.isEmpty && delivered != nil, source: source.endpoint,
            destination: resolvedDestination, path: walk.path, returnPath: walk.returnPath,
            explanations: walk.explanations)
        return (analysis, walk.facts)
    }

    /// The forward path; returns where the packet was delivered, or nil with explanations recorded.
    func forward(from vpc: Vpc, subnet: Subnet?, to destination: ReachPlace, _ walk: inout ReachWalk)
        -> (vpc: Vpc?, subnet: Subnet?)?
    {
        let address = destination.address
        guard let table = routeTable(for: vpc, subnet: subnet) else { return nil }
        walk.hop(("routeTable", table.routeTableId, table.main ? "main route table of \(vpc.vpcId)" : "route table of \(subnet?.subnetId ?? vpc.vpcId)"))
        guard let route = lpm(table, address) else {
            if let service = destination.service {
                walk.explain(
                    ReachExplanation.noEndpointOrGateway,
                    "\(table.routeTableId) has no route to \(service.serviceName): no gateway endpoint, internet gateway "
                        + "or NAT gateway serves it. Create an endpoint (`netctl endpoint create --vpc \(vpc.vpcId) "
                        + "--service \(service.shortName)`) or route 0.0.0.0/0 to an internet or NAT gateway.",
                    component: table.routeTableId)
                return nil
            }
            if let onPremises = destination.onPremises {
                explainNoVpnRoute(
                    from: vpc, table: table, to: address, customerGateway: onPremises.customerGatewayId, returning: false,
                    &walk)
                return nil
            }
            walk.explain(
                ReachExplanation.noRouteToDestination,
                "\(table.routeTableId) has no route that matches \(address)\(destination.vpc.map { " (\($0.vpcId))" } ?? ""). "
                    + "Add a route to the destination's CIDR.",
                component: table.routeTableId)
            explainTransitivity(from: vpc, to: destination, &walk)
            return nil
        }
        walk.routeHop(table, route)
        switch route.target.type {
        case RouteTarget.localTypeName:
            let target = self.subnet(ofVpc: vpc.vpcId, holding: address)
            if let expected = destination.vpc, expected.vpcId != vpc.vpcId {
                walk.explain(
                    ReachExplanation.noRouteToDestination,
                    "\(address) is inside \(vpc.vpcId)'s own CIDR, so it never leaves \(vpc.vpcId) for \(expected.vpcId).",
                    component: table.routeTableId)
                return nil
            }
            walk.hop(target.map { ("subnet", $0.subnetId, "delivered locally in \(vpc.vpcId) (\($0.cidrBlock))") }
                ?? ("vpc", vpc.vpcId, "delivered locally in \(vpc.vpcId); no subnet holds \(address)"))
            return (vpc, target)
        case RouteTarget.peering:
            return crossPeering(route, from: vpc, table: table, to: destination, &walk)
        case RouteTarget.transitGateway:
            return crossTransitGateway(route, from: vpc, subnet: subnet, table: table, to: destination, &walk)
        case RouteTarget.vpnGateway:
            return crossVpnGateway(route, from: vpc, table: table, to: destination, &walk)
        case RouteTarget.internetGateway:
            guard route.state == .active else {
                walk.explain(
                    ReachExplanation.routeBlackhole,
                    "The route \(route.destination) → \(route.target.id) in \(table.routeTableId) is a blackhole: the "
                        + "internet gateway is no longer attached to \(vpc.vpcId).",
                    component: route.target.id)
                return nil
            }
            walk.hop(("internetGateway", route.target.id, "to the internet"))
            let reached = toInternet(destination, via: route.target.id, &walk)
            if reached == nil { explainTransitivity(from: vpc, to: destination, &walk) }
            return reached
        case RouteTarget.natGateway:
            guard route.state == .active, let nat = natGateways[route.target.id] else {
                walk.explain(
                    ReachExplanation.routeBlackhole,
                    "The route \(route.destination) → \(route.target.id) in \(table.routeTableId) is a blackhole: the "
                        + "NAT gateway no longer exists.",
                    component: route.target.id)
                return nil
            }
            walk.hop(("natGateway", nat.natGatewayId, "translated to \(nat.privateIpAddress) in \(nat.subnetId)"))
            guard let natSubnet = subnets[nat.subnetId], let natTable = effectiveRouteTable(forSubnet: natSubnet.subnetId),
                let onward = lpm(natTable, address), onward.target.type == RouteTarget.internetGateway,
                onward.state == .active
            else {
                walk.explain(
                    ReachExplanation.noRouteToDestination,
                    "NAT gateway \(nat.natGatewayId) sits in \(nat.subnetId), whose route table has no active route to an "
                        + "internet gateway for \(address).",
                    component: nat.natGatewayId)
                return nil
            }
            walk.routeHop(natTable, onward)
            walk.hop(("internetGateway", onward.target.id, "to the internet"))
            let reached = toInternet(destination, via: onward.target.id, &walk)
            if reached == nil { explainTransitivity(from: vpc, to: destination, &walk) }
            return reached
        case RouteTarget.endpoint:
            guard route.state == .active, let endpoint = endpoints[route.target.id] else {
                walk.explain(
                    ReachExplanation.routeBlackhole,
                    "The route \(route.destination) → \(route.target.id) in \(table.routeTableId) is a blackhole: the "
                        + "endpoint no longer exists.",
                    component: route.target.id)
                return nil
            }
            walk.hop(("endpoint", endpoint.endpointId, "gateway endpoint to \(endpoint.serviceName)"))
            walk.hop(("service", endpoint.serviceName, "reached privately, without the internet"))
            return (nil, nil)
        default:
            walk.explain(
                ReachExplanation.routeBlackhole,
                "The route \(route.destination) → \(route.target.id) in \(table.routeTableId) leads nowhere.",
                component: route.target.id)
            return nil
        }
    }

    /// Longest prefix match with the region's AWS-managed prefix lists resolved.
    private func lpm(_ table: RouteTable, _ address: IPv4Address) -> Route? {
        table.route(to: address) { prefixListCidrs($0, region: table.region) }
    }

    private func crossPeering(
        _ route: Route, from vpc: Vpc, table: RouteTable, to destination: ReachPlace, _ walk: inout ReachWalk
    ) -> (vpc: Vpc?, subnet: Subnet?)? {
        let address = destination.address
        guard let peering = peerings[route.target.id], peering.status.code == PeeringStatus.active,
            peering.requester.vpcId == vpc.vpcId || peering.accepter.vpcId == vpc.vpcId
        else {
            let status = peerings[route.target.id]?.status.code ?? "deleted"
            walk.explain(
                ReachExplanation.routeBlackhole,
                "The route \(route.destination) → \(route.target.id) in \(table.routeTableId) is a blackhole.",
                component: table.routeTableId)
            walk.explain(
                ReachExplanation.peeringNotActive,
                "Peering \(route.target.id) is \(status), not active: traffic flows only over an active peering"
                    + (status == PeeringStatus.pendingAcceptance ? "; the accepter must accept it first." : "."),
                component: route.target.id)
            return nil
        }
        let peerInfo = peering.requester.vpcId == vpc.vpcId ? peering.accepter : peering.requester
        walk.hop(("peering", peering.peeringId, "\(vpc.vpcId) → \(peerInfo.vpcId) (mtu \(peering.mtu))"))
        guard let peer = vpcs[peerInfo.vpcId] else { return nil }
        if peer.holds(address) {
            let target = self.subnet(ofVpc: peer.vpcId, holding: address)
            walk.hop(target.map { ("subnet", $0.subnetId, "delivered in \(peer.vpcId) (\($0.cidrBlock))") }
                ?? ("vpc", peer.vpcId, "delivered in \(peer.vpcId); no subnet holds \(address)"))
            return (peer, target)
        }
        // Arrived over a peering but addressed elsewhere: a peering delivers only into the peer's CIDRs.
        // What the peer would have done with it, from any of its tables (main first): another peering
        // is transit, a gateway or an endpoint is edge-to-edge routing; both are refused.
        let peerTables = routeTables.children(of: peer.vpcId).sorted { $0.main && !$1.main }
        let onward = peerTables.lazy.compactMap { self.lpm($0, address) }.first {
            $0.target.type != RouteTarget.localTypeName
        }
        var message =
            "Traffic from \(label(vpc.vpcId)) reaches \(label(peer.vpcId)) over \(peering.peeringId), but \(address) is "
            + "not inside \(peer.vpcId) (\(peer.cidrBlocks.joined(separator: ", "))). VPC peering is not transitive: "
            + "\(peer.vpcId) never forwards traffic that arrived over a peering"
        if let onward, onward.target.type == RouteTarget.peering, let next = peerings[onward.target.id] {
            let far = next.requester.vpcId == peer.vpcId ? next.accepter.vpcId : next.requester.vpcId
            message += ", not even over its own peering \(next.peeringId) to \(label(far)). Peer \(label(vpc.vpcId)) "
                + "with \(label(far)) directly."
            walk.explain(ReachExplanation.peeringNotTransitive, message, component: peering.peeringId)
        } else if let onward {
            let what: String
            switch onward.target.type {
            case RouteTarget.endpoint: what = "gateway endpoint \(onward.target.id)"
            case RouteTarget.internetGateway: what = "internet gateway \(onward.target.id)"
            case RouteTarget.natGateway: what = "NAT gateway \(onward.target.id)"
            default: what = onward.target.id
            }
            message += ", and a VPC cannot use its peer's \(what): there is no edge-to-edge routing. Give "
                + "\(label(vpc.vpcId)) its own."
            walk.explain(ReachExplanation.noEdgeToEdgeRouting, message, component: peering.peeringId)
        } else {
            walk.explain(ReachExplanation.peeringNotTransitive, message + ".", component: peering.peeringId)
        }
        return nil
    }

    private func toInternet(_ destination: ReachPlace, via gateway: String, _ walk: inout ReachWalk)
        -> (vpc: Vpc?, subnet: Subnet?)?
    {
        let privateRanges = AddressRanges.rfc1918 + [AddressRanges.carrierGradeNAT]
        if destination.vpc == nil, privateRanges.contains(where: { $0.contains(destination.address) }) {
            walk.explain(
                ReachExplanation.noRouteToDestination,
                "The route sends \(destination.address) to \(gateway), but it is a private address: the internet never "
                    + "carries it. Reach it over a peering with the VPC that holds it.",
                component: gateway)
            return nil
        }
        if let vpc = destination.vpc {
            walk.explain(
                ReachExplanation.noRouteToDestination,
                "The route sends \(destination.address) to \(gateway), but it is a private address of \(vpc.vpcId): "
                    + "the internet never carries traffic to a VPC's private addresses. Peer the VPCs and route over "
                    + "the peering.",
                component: gateway)
            return nil
        }
        walk.hop(("internet", destination.address.description, "public address reached through \(gateway)"))
        if let service = destination.service {
            walk.hop(("service", service.serviceName, "public endpoint, over the internet"))
        }
        return (nil, nil)
    }

    /// The way back: the destination's route table must send the source's address to the source VPC.
    func returnPath(
        from vpc: Vpc, subnet: Subnet?, back address: IPv4Address, sourceVpc: Vpc, _ walk: inout ReachWalk
    ) {
        guard vpc.vpcId != sourceVpc.vpcId, let table = routeTable(for: vpc, subnet: subnet) else { return }
        walk.returnHop(("routeTable", table.routeTableId, "return path from \(subnet?.subnetId ?? vpc.vpcId)"))
        guard let route = lpm(table, address) else {
            walk.explain(
                ReachExplanation.noReturnRoute,
                "\(table.routeTableId) in \(vpc.vpcId) has no route back to \(address) in \(sourceVpc.vpcId): replies "
                    + "are dropped. Add a route to \(sourceVpc.cidrBlocks.joined(separator: ", ")) over the peering.",
                component: table.routeTableId)
            return
        }
        walk.routeHop(table, route, returning: true)
        if route.target.type == RouteTarget.transitGateway {
            returnOverTransitGateway(
                route, from: vpc, subnet: subnet, table: table, back: address, sourceVpc: sourceVpc, &walk)
            return
        }
        guard route.target.type == RouteTarget.peering, let peering = peerings[route.target.id] else {
            walk.explain(
                ReachExplanation.noReturnRoute,
                "Replies to \(address) follow \(route.destination) → \(route.target.id) in \(table.routeTableId), which "
                    + "does not lead back to \(sourceVpc.vpcId).",
                component: table.routeTableId)
            return
        }
        let connects = Set([peering.requester.vpcId, peering.accepter.vpcId]) == Set([vpc.vpcId, sourceVpc.vpcId])
        guard connects, peering.status.code == PeeringStatus.active else {
            walk.explain(
                ReachExplanation.noReturnRoute,
                connects
                    ? "Replies go over \(peering.peeringId), which is \(peering.status.code), not active."
                    : "Replies to \(address) go over \(peering.peeringId) to "
                        + "\(peering.requester.vpcId == vpc.vpcId ? peering.accepter.vpcId : peering.requester.vpcId), "
                        + "not back to \(sourceVpc.vpcId).",
                component: peering.peeringId)
            return
        }
        walk.returnHop(("peering", peering.peeringId, "\(vpc.vpcId) → \(sourceVpc.vpcId)"))
    }

    /// When no route leads to a VPC that a peer of the source is peered with, say why that does not
    /// help: peering is not transitive. Looks only at the source's peers and theirs.
    private func explainTransitivity(from vpc: Vpc, to destination: ReachPlace, _ walk: inout ReachWalk) {
        if let far = destination.vpc?.vpcId {
            // A VPC pair has at most one active peering, so the second hop from any middle VPC to the
            // destination's is its only peering with it: look the middles up in the destination's
            // peerings instead of listing every peering of every neighbour (half of a miss's time at
            // 50,000 peerings).
            guard far != vpc.vpcId else { return }
            var toFar: [String: Peering] = [:]
            for peering in activePeerings(of: far) {
                toFar[peering.requester.vpcId == far ? peering.accepter.vpcId : peering.requester.vpcId] = peering
            }
            for first in activePeerings(of: vpc.vpcId) {
                let middle = first.requester.vpcId == vpc.vpcId ? first.accepter.vpcId : first.requester.vpcId
                guard let second = toFar[middle], second.peeringId != first.peeringId else { continue }
                explainNotTransitive(vpc.vpcId, middle, far, first, second, &walk)
                return
            }
            return
        }
        for first in activePeerings(of: vpc.vpcId) {
            let middle = first.requester.vpcId == vpc.vpcId ? first.accepter.vpcId : first.requester.vpcId
            for second in activePeerings(of: middle) where second.peeringId != first.peeringId {
                let far = second.requester.vpcId == middle ? second.accepter.vpcId : second.requester.vpcId
                guard far != vpc.vpcId, let farVpc = vpcs[far] else { continue }
                let matches =
                    destination.vpc?.vpcId == far
                    || (destination.vpc == nil
                        && farVpc.holds(destination.address))
                guard matches else { continue }
                explainNotTransitive(vpc.vpcId, middle, far, first, second, &walk)
                return
            }
        }
    }

    private func explainNotTransitive(
        _ source: String, _ middle: String, _ far: String, _ first: Peering, _ second: Peering, _ walk: inout ReachWalk
    ) {
        let (a, b, c) = (label(source), label(middle), label(far))
        walk.explain(
            ReachExplanation.peeringNotTransitive,
            "\(a) and \(c) are not peered. \(a)–\(b) (\(first.peeringId)) and \(b)–\(c) (\(second.peeringId)) "
                + "do not connect them: VPC peering is not transitive. Create a peering between \(a) and \(c).",
            component: first.peeringId)
    }

    /// The interface of a private-DNS endpoint for the service in the VPC, preferring the source's zone.
    private func privateDnsInterface(for service: EndpointService, in vpc: Vpc, near subnet: Subnet?)
        -> (endpoint: String, subnetId: String, address: String)?
    {
        guard let endpoint = endpoints.children(of: vpc.vpcId).first(where: {
            $0.serviceName == service.serviceName && $0.type == Endpoint.interface && $0.privateDnsEnabled
                && $0.state == .available
        }) else { return nil }
        let interface =
            endpoint.networkInterfaces.first { $0.availabilityZone == subnet?.availabilityZone }
            ?? endpoint.networkInterfaces.first
        return interface.map { (endpoint.endpointId, $0.subnetId, $0.privateIpAddress) }
    }

    /// `name (vpc-…)` when the VPC has a name, for messages people read.
    private func label(_ vpcId: String) -> String {
        vpcs[vpcId]?.name.map { "\($0) (\(vpcId))" } ?? vpcId
    }

    func routeTable(for vpc: Vpc, subnet: Subnet?) -> RouteTable? {
        if let subnet { return effectiveRouteTable(forSubnet: subnet.subnetId) }
        return routeTables[vpc.mainRouteTableId]
    }

    /// Resolves a source or destination reference.
    func reachPlace(_ reference: String, role: String, _ scope: Scope) throws(NetctlError) -> ReachPlace {
        let reference = Self.trimmingWhitespace(reference)
        if let place = try onPremisesPlace(reference, scope) { return place }
        if let address = IPv4Address(reference) {
            let vpc = vpcs.inScope(scope).first { $0.holds(address) }
            let subnet = vpc.flatMap { vpc in
                self.subnet(ofVpc: vpc.vpcId, holding: address)
            }
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "ipAddress", id: reference, vpcId: vpc?.vpcId, subnetId: subnet?.subnetId,
                    address: address.description),
                vpc: vpc, subnet: subnet, address: address)
        }
        if reference.hasPrefix(IDPrefix.networkInterface + "-") {
            guard let interface = networkInterfaces[reference], let subnet = subnets[interface.subnetId],
                let vpc = vpcs[interface.vpcId], let address = IPv4Address(interface.privateIpAddress)
            else {
                throw NetctlError(
                    "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '\(reference)' does not exist.")
            }
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "networkInterface", id: reference, vpcId: vpc.vpcId, subnetId: subnet.subnetId,
                    address: interface.privateIpAddress),
                vpc: vpc, subnet: subnet, address: address, securityGroupIds: interface.securityGroupIds)
        }
        if let task = reachTask(reference, scope) {
            guard let subnetId = task.subnetId, let subnet = subnets[subnetId], let vpc = vpcs[subnet.vpcId],
                let text = task.privateIpAddress, let address = IPv4Address(text), task.lastStatus != TaskStatus.stopped
            else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Task \(task.taskId) has no address in a subnet (it is \(task.lastStatus)); only tasks that have not "
                        + "stopped have one.")
            }
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "task", id: task.taskArn, vpcId: vpc.vpcId, subnetId: subnet.subnetId, address: text,
                    name: task.serviceName),
                vpc: vpc, subnet: subnet, address: address, securityGroupIds: task.securityGroups)
        }
        if let instance = instances[reference]
            ?? instances.named(reference, in: scope).first(where: { $0.state != .terminated }),
            instance.scope == scope, instance.state != .terminated,
            let subnet = subnets[instance.subnetId], let vpc = vpcs[instance.vpcId],
            let address = IPv4Address(instance.privateIpAddress)
        {
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "instance", id: reference, vpcId: vpc.vpcId, subnetId: subnet.subnetId,
                    address: instance.privateIpAddress, name: instance.name),
                vpc: vpc, subnet: subnet, address: address, securityGroupIds: instance.securityGroupIds)
        }
        if reference.hasPrefix("i-"), let found = eksNode(reference, in: scope), let subnet = subnets[found.node.subnetId],
            let vpc = vpcs[subnet.vpcId], let address = IPv4Address(found.node.privateIpAddress)
        {
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "instance", id: reference, vpcId: vpc.vpcId, subnetId: subnet.subnetId,
                    address: found.node.privateIpAddress, name: found.nodegroup.nodegroupName),
                vpc: vpc, subnet: subnet, address: address)
        }
        if let subnet = try? reachSubnet(reference, scope), let vpc = vpcs[subnet.vpcId],
            let cidr = IPv4CIDR(subnet.cidrBlock)
        {
            let address = IPv4Address(cidr.first.value + 4)
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "subnet", id: subnet.subnetId, vpcId: vpc.vpcId, subnetId: subnet.subnetId,
                    address: address.description, name: subnet.name),
                vpc: vpc, subnet: subnet, address: address)
        }
        if (try? reachVpc(reference, scope)) == nil, let service = try? ServiceCatalog.resolve(reference, region: scope.region) {
            let address = ServiceCatalog.representativeAddress(for: service, region: scope.region)
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "service", id: service.serviceName, vpcId: nil, subnetId: nil, address: address.description,
                    name: service.shortName),
                vpc: nil, subnet: nil, address: address, service: service)
        }
        do {
            let vpc = try reachVpc(reference, scope)
            let primary = IPv4CIDR(vpc.cidrBlocks[0]) ?? IPv4CIDR(network: IPv4Address(0), prefixLength: 32)
            let address = IPv4Address(primary.first.value + 4)
            return ReachPlace(
                endpoint: ReachEndpoint(
                    type: "vpc", id: vpc.vpcId, vpcId: vpc.vpcId, subnetId: nil, address: address.description,
                    name: vpc.name),
                vpc: vpc, subnet: nil, address: address)
        } catch {
            throw NetctlError(
                error.code == .vpcNotFound ? .invalidParameterValue : error.code,
                "The \(role) '\(reference)' is not a VPC, subnet, instance, network interface, ECS task, EKS node, IPv4 "
                    + "address or AWS service that exists in \(scope). \(error.message)")
        }
    }

    /// An ECS task of the caller's scope by ARN or 32-hex ID.
    private func reachTask(_ reference: String, _ scope: Scope) -> EcsTask? {
        if reference.hasPrefix("arn:aws:ecs:") { return ecsTasks[reference].flatMap { $0.scope == scope ? $0 : nil } }
        guard reference.count == 32, reference.allSatisfy(\.isHexDigit) else { return nil }
        return ecsTasks.inScope(scope).first { $0.taskId == reference }
    }

    /// IDs are looked up everywhere (a peer VPC may belong to another account); names in the caller's scope.
    private func reachVpc(_ reference: String, _ scope: Scope) throws(NetctlError) -> Vpc {
        if reference.hasPrefix(IDPrefix.vpc + "-"), let vpc = vpcs[reference] { return vpc }
        return try vpc(reference, in: scope)
    }

    private func reachSubnet(_ reference: String, _ scope: Scope) throws(NetctlError) -> Subnet {
        if reference.hasPrefix(IDPrefix.subnet + "-"), let subnet = subnets[reference] { return subnet }
        return try subnet(reference, in: scope)
    }
}

/// The hops and findings of one analysis.
struct ReachWalk {
    var path: [ReachHop] = []
    var returnPath: [ReachHop] = []
    var explanations: [ReachExplanation] = []
    var facts = ReachFacts()
    /// Whether the packet was delivered through a transit gateway: rules that reference a group do not
    /// match across one (its `SecurityGroupReferencingSupport` is off, AWS's default).
    var crossedTransitGateway = false
    /// The source's address: where replies from on-premises must be routed back to.
    var source: IPv4Address?

    mutating func routeHop(_ table: RouteTable, _ route: Route, returning: Bool = false) {
        let hop = ReachHop(
            component: "route", id: table.routeTableId,
            detail: "\(route.destination) → \(route.target.id) (\(route.state.rawValue))")
        if returning { returnPath.append(hop) } else { path.append(hop) }
        facts.hops[hop] = .route(table: table.routeTableId, route)
    }

    mutating func hop(_ hop: (String, String, String)) {
        path.append(ReachHop(component: hop.0, id: hop.1, detail: hop.2))
    }

    mutating func returnHop(_ hop: (String, String, String)) {
        returnPath.append(ReachHop(component: hop.0, id: hop.1, detail: hop.2))
    }

    /// A hop on the way there, or on the way back when `returning`: the hub and on-premises walks
    /// run both ways with the same code.
    mutating func hop(_ hop: (String, String, String), returning: Bool) {
        if returning { returnHop(hop) } else { self.hop(hop) }
    }

    mutating func explain(_ code: String, _ message: String, component: String?, fact: ReachFact? = nil) {
        explain(ReachExplanation(code: code, message: message, component: component), fact: fact)
    }

    mutating func explain(_ explanation: ReachExplanation, fact: ReachFact? = nil) {
        explanations.append(explanation)
        if let fact { facts.findings[explanation] = fact }
    }
}

/// What stands behind a hop or a finding besides its words: the route, rule or entry that decided,
/// or the groups that refused. Keyed by the hop or explanation itself, which the walk may reorder.
struct ReachFacts: Sendable {
    var hops: [ReachHop: ReachFact] = [:]
    var findings: [ReachExplanation: ReachFact] = [:]
}

enum ReachFact: Sendable, Hashable {
    case route(table: String, Route)
    case securityGroupRule(group: String, SecurityGroupRule, egress: Bool)
    /// The groups of an interface (of `place`) that admit nothing of the traffic.
    case securityGroups([String], egress: Bool, place: ReachEndpoint)
    case aclEntry(acl: String, subnet: String, NetworkAclEntry)
}
