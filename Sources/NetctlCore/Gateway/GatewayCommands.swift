import NetctlAPI

extension State {
    public mutating func createInternetGateway(_ request: GatewayCreate, _ context: inout CommandContext)
        throws(NetctlError) -> InternetGateway
    {
        guard request.type == "internet" else {
            throw NetctlError(
                .invalidParameterValue,
                "Gateway type '\(request.type)' is not supported by gateway.create: use 'internet', or "
                    + "natGateway.create for a NAT gateway.")
        }
        var vpc: Vpc?
        if let reference = request.vpc {
            let found = try self.vpc(reference, in: context.scope)
            if let attached = internetGateways.children(of: found.vpcId).first {
                throw NetctlError(
                    .resourceAlreadyAssociated,
                    "\(found.vpcId) already has internet gateway \(attached.internetGatewayId) attached; a VPC has at "
                        + "most one.")
            }
            vpc = found
        }
        let count = internetGateways.countInScope(context.scope)
        guard count < context.quotas[.internetGatewaysPerRegion] else {
            throw context.quotas.exceeded(
                .internetGatewaysPerRegion, code: .internetGatewayLimitExceeded,
                "\(context.scope) already has \(count) internet gateways")
        }
        _ = try Validation.name(request.tags?["Name"], idPrefix: IDPrefix.internetGateway)
        let tags = try Validation.tags(request.tags, name: nil)
        let gateway = InternetGateway(
            internetGatewayId: newID(for: InternetGateway.self, prefix: IDPrefix.internetGateway, &context),
            vpcId: vpc?.vpcId, accountId: context.accountId, region: context.region,
            state: vpc == nil ? .detached : .attached, tags: tags, createdAt: context.now)
        record(.create, gateway, at: context.now)
        if let vpc { refreshRouteStates(vpcId: vpc.vpcId, context) }
        return gateway
    }

    public mutating func attachInternetGateway(_ request: GatewayAttach, _ context: inout CommandContext)
        throws(NetctlError) -> InternetGateway
    {
        var gateway = try internetGateway(request.gateway, in: context.scope)
        let vpc = try self.vpc(request.vpc, in: context.scope)
        if let current = gateway.vpcId {
            throw NetctlError(
                .resourceAlreadyAssociated,
                "Internet gateway \(gateway.internetGatewayId) is already attached to \(current). Detach it first.")
        }
        if let other = internetGateways.children(of: vpc.vpcId).first {
            throw NetctlError(
                .resourceAlreadyAssociated,
                "\(vpc.vpcId) already has internet gateway \(other.internetGatewayId) attached; a VPC has at most one.")
        }
        gateway.vpcId = vpc.vpcId
        gateway.state = .attached
        record(.attach, gateway, at: context.now)
        refreshRouteStates(vpcId: vpc.vpcId, context)
        return gateway
    }

    public mutating func detachInternetGateway(_ request: GatewayDetach, _ context: inout CommandContext)
        throws(NetctlError) -> InternetGateway
    {
        var gateway = try internetGateway(request.gateway, in: context.scope)
        var named: Vpc?
        if let reference = request.vpc { named = try vpc(reference, in: context.scope) }
        guard let vpcId = gateway.vpcId, named == nil || named?.vpcId == vpcId else {
            throw NetctlError(
                .gatewayNotAttached,
                "resource \(gateway.internetGatewayId) is not attached to "
                    + (named.map { "network \($0.vpcId)" } ?? "any network")
                    + (gateway.vpcId.map { " (it is attached to \($0))" } ?? "") + ".")
        }
        // AWS refuses while anything in the VPC is reached at a public address through the gateway.
        let mapped = natGateways.children(of: vpcId).compactMap { nat in
            nat.publicIp.map { "\($0) (NAT gateway \(nat.natGatewayId))" }
        }
        guard mapped.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "Network \(vpcId) has some mapped public address(es): \(mapped.joined(separator: ", ")). Please unmap "
                    + "those public address(es) before detaching the gateway: delete the NAT gateways that hold them.")
        }
        gateway.vpcId = nil
        gateway.state = .detached
        record(.detach, gateway, at: context.now)
        refreshRouteStates(vpcId: vpcId, context)
        return gateway
    }

    public mutating func deleteInternetGateway(_ request: GatewayDelete, _ context: inout CommandContext)
        throws(NetctlError) -> InternetGateway
    {
        var gateway = try internetGateway(request.gateway, in: context.scope)
        if let vpcId = gateway.vpcId {
            throw NetctlError(
                .dependencyViolation,
                "The internetGateway '\(gateway.internetGatewayId)' has dependencies and cannot be deleted: it is "
                    + "attached to \(vpcId). Detach it first with `netctl gateway detach \(gateway.internetGatewayId)`.")
        }
        gateway.state = .deleted
        delete(gateway)
        emit(.delete, gateway, at: context.now)
        return gateway
    }

    public func listInternetGateways(_ request: GatewayList, _ context: QueryContext) throws(NetctlError)
        -> GatewayListResponse
    {
        let filters = request.filters ?? []
        try InternetGatewayFilter.table.validate(filters)
        var items = internetGateways.inScope(context.scope)
        if let reference = request.vpc {
            let vpcId = try vpc(reference, in: context.scope).vpcId
            items = items.filter { $0.vpcId == vpcId }
        }
        items = items.filter { InternetGatewayFilter.table.matches($0, filters) }
        let page = try Pagination.page(items, maxResults: request.maxResults, nextToken: request.nextToken)
        return GatewayListResponse(gateways: page.items, nextToken: page.nextToken)
    }

    public mutating func createNatGateway(_ request: NatGatewayCreate, _ context: inout CommandContext)
        throws(NetctlError) -> NatGateway
    {
        let subnet = try self.subnet(request.subnet, in: context.scope)
        let connectivity = request.connectivityType ?? "public"
        guard ["public", "private"].contains(connectivity) else {
            throw NetctlError(
                .invalidParameterValue, "connectivityType must be 'public' or 'private', not '\(connectivity)'.")
        }
        var address: ElasticIp?
        if let reference = request.address {
            guard connectivity == "public" else {
                throw NetctlError(
                    .invalidParameterCombination,
                    "A private NAT gateway cannot have an Elastic IP address: leave out the address, or make the "
                        + "gateway public.")
            }
            let found = try elasticIp(reference, in: context.scope)
            if let holder = found.natGatewayId {
                throw NetctlError(
                    .resourceAlreadyAssociated,
                    "Elastic IP address [\(found.allocationId)] is already associated with NAT gateway \(holder). "
                        + "Allocate another address, or delete that gateway first.")
            }
            address = found
        }
        let inZone = natGateways.inScope(context.scope).filter {
            subnets[$0.subnetId]?.availabilityZone == subnet.availabilityZone
        }.count
        guard inZone < context.quotas[.natGatewaysPerAvailabilityZone] else {
            throw context.quotas.exceeded(
                .natGatewaysPerAvailabilityZone, code: .natGatewayLimitExceeded,
                "\(subnet.availabilityZone) already has \(inZone) NAT gateways")
        }
        _ = try Validation.name(request.tags?["Name"], idPrefix: IDPrefix.natGateway)
        let tags = try Validation.tags(request.tags, name: nil)
        let natId = newID(for: NatGateway.self, prefix: IDPrefix.natGateway, &context)
        let interface = try createNetworkInterface(
            in: subnet, interfaceType: "nat_gateway", description: "Interface for NAT Gateway \(natId)",
            attachedTo: natId, &context)
        var nat = NatGateway(
            natGatewayId: natId, subnetId: subnet.subnetId, vpcId: subnet.vpcId, accountId: subnet.accountId,
            region: subnet.region, state: .available, connectivityType: connectivity,
            networkInterfaceId: interface.networkInterfaceId, privateIpAddress: interface.privateIpAddress, tags: tags,
            createdAt: context.now)
        if let address { associate(address, with: &nat, &context) }
        record(.create, nat, at: context.now)
        refreshRouteStates(vpcId: subnet.vpcId, context)
        return nat
    }

    public mutating func deleteNatGateway(_ request: NatGatewayDelete, _ context: inout CommandContext)
        throws(NetctlError) -> NatGateway
    {
        var nat = try natGateway(request.natGateway, in: context.scope)
        // AWS's NAT gateways pass through `deleting`; here within the one commit (SEMANTICS.md, decision 9).
        nat.state = .deleting
        emit(.delete, nat, at: context.now)
        disassociateAddress(of: nat, context)
        try deleteNetworkInterface(nat.networkInterfaceId, context)
        nat.state = .deleted
        delete(nat)
        emit(.delete, nat, at: context.now)
        refreshRouteStates(vpcId: nat.vpcId, context)
        return nat
    }

    public func listNatGateways(_ request: NatGatewayList, _ context: QueryContext) throws(NetctlError)
        -> NatGatewayListResponse
    {
        let filters = request.filters ?? []
        try NatGatewayFilter.table.validate(filters)
        let items = try listed(\.natGateways, ofVpc: request.vpc, context.scope).filter {
            NatGatewayFilter.table.matches($0, filters)
        }
        let page = try Pagination.page(items, maxResults: request.maxResults, nextToken: request.nextToken)
        return NatGatewayListResponse(natGateways: page.items, nextToken: page.nextToken)
    }
}
