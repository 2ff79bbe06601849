import NetctlAPI

extension State {
    public mutating func createVpc(_ request: VpcCreate, _ context: inout CommandContext) throws(NetctlError) -> Vpc {
        let cidr = try VpcCidrRules.parse(request.cidrBlock)
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.vpc)
        let tags = try Validation.tags(request.tags, name: name)
        let scope = context.scope
        if let name { try requireFreeVpcName(name, in: scope) }
        guard vpcs.countInScope(scope) < context.quotas[.vpcsPerRegion] else {
            throw context.quotas.exceeded(
                .vpcsPerRegion, code: .vpcLimitExceeded, "The maximum number of VPCs has been reached in \(scope)")
        }
        let vpcId = newID(for: Vpc.self, prefix: IDPrefix.vpc, &context)
        let mainTableId = newID(for: RouteTable.self, prefix: IDPrefix.routeTable, &context)
        let vpc = Vpc(
            vpcId: vpcId, name: name, accountId: scope.accountId, region: scope.region,
            cidrBlocks: [cidr.description], mainRouteTableId: mainTableId, tags: tags, createdAt: context.now)
        let mainTable = RouteTable(
            routeTableId: mainTableId, vpcId: vpcId, name: nil, accountId: scope.accountId, region: scope.region,
            main: true, mainAssociationId: RouteTable.firstMainAssociationId(ofTable: mainTableId),
            routes: [Self.localRoute(cidr)], tags: [:], createdAt: context.now)
        record(.create, vpc, at: context.now)
        record(.create, mainTable, at: context.now)
        createDefaultSecurityGroup(of: vpc, context)
        createDefaultNetworkAcl(for: vpc, context)
        return vpc
    }

    public mutating func associateVpcCidr(_ request: VpcAssociateCidr, _ context: inout CommandContext)
        throws(NetctlError) -> Vpc
    {
        var vpc = try self.vpc(request.vpc, in: context.scope)
        let cidr = try VpcCidrRules.parse(request.cidrBlock)
        let existing = vpc.cidrBlocks.compactMap { IPv4CIDR($0) }
        guard existing.count < context.quotas[.cidrsPerVpc] else {
            throw context.quotas.exceeded(
                .cidrsPerVpc, code: .cidrLimitExceeded,
                "This network '\(vpc.vpcId)' has met its maximum number of allowed CIDRs: \(existing.count)")
        }
        try VpcCidrRules.checkSecondary(cidr, existing: existing)
        let tables = routeTables.children(of: vpc.vpcId)
        // A new block may not swallow an existing route: it must be smaller than every route's destination.
        for table in tables {
            for route in table.routes where route.target.type != RouteTarget.localTypeName {
                if let destination = route.destinationCidrBlock.flatMap({ IPv4CIDR($0) }), cidr.contains(destination) {
                    throw NetctlError(
                        .invalidVpcRange,
                        "The CIDR '\(cidr)' is the same as or larger than the route \(destination) → "
                            + "\(route.target.id) in \(table.routeTableId). Delete that route first or choose a "
                            + "smaller block.")
                }
            }
        }
        try checkCidrAgainstPeerings(vpc, adding: cidr)
        vpc.cidrBlocks.append(cidr.description)
        record(.associateCidr, vpc, at: context.now)
        for var table in tables {
            table.routes.append(Self.localRoute(cidr))
            record(.update, table, at: context.now)
        }
        failPeeringsOverlapping(vpc, added: cidr, context)
        refreshPeeringCidrs(of: vpc, context)
        return vpc
    }

    public mutating func deleteVpc(_ request: VpcDelete, _ context: inout CommandContext) throws(NetctlError) -> Vpc {
        var vpc = try self.vpc(request.vpc, in: context.scope)
        var dependencies: [String] = []
        let subnetIds = subnets.children(of: vpc.vpcId).map(\.subnetId)
        if !subnetIds.isEmpty { dependencies.append("subnets \(subnetIds.joined(separator: ", "))") }
        let customTables = routeTables.children(of: vpc.vpcId).filter { !$0.main }.map(\.routeTableId)
        if !customTables.isEmpty { dependencies.append("route tables \(customTables.joined(separator: ", "))") }
        let customAcls = customNetworkAclIds(ofVpc: vpc.vpcId)
        if !customAcls.isEmpty { dependencies.append("network ACLs \(customAcls.joined(separator: ", "))") }
        let gateways = internetGateways.children(of: vpc.vpcId).map(\.internetGatewayId)
        if !gateways.isEmpty { dependencies.append("attached internet gateway \(gateways.joined(separator: ", "))") }
        let vgws = vpnGateways.children(of: vpc.vpcId).map(\.vpnGatewayId)
        if !vgws.isEmpty { dependencies.append("attached virtual private gateway \(vgws.joined(separator: ", "))") }
        let nats = natGateways.children(of: vpc.vpcId).map(\.natGatewayId)
        if !nats.isEmpty { dependencies.append("NAT gateways \(nats.joined(separator: ", "))") }
        let endpointIds = endpoints.children(of: vpc.vpcId).map(\.endpointId)
        if !endpointIds.isEmpty { dependencies.append("VPC endpoints \(endpointIds.joined(separator: ", "))") }
        let namespaces = sdNamespaces.children(of: vpc.vpcId).map { "\($0.name) (\($0.id))" }
        if !namespaces.isEmpty { dependencies.append("service-discovery namespaces \(namespaces.joined(separator: ", "))") }
        let groups = customSecurityGroupIds(ofVpc: vpc.vpcId)
        if !groups.isEmpty { dependencies.append("security groups \(groups.joined(separator: ", "))") }
        let live = livePeerings(of: vpc.vpcId).map { "\($0.peeringId) (\($0.status.code))" }
        if !live.isEmpty {
            dependencies.append("peering connections \(live.joined(separator: ", ")) (delete or reject them)")
        }
        guard dependencies.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "The vpc '\(vpc.vpcId)' has dependencies and cannot be deleted: \(dependencies.joined(separator: "; ")). "
                    + "Delete or detach them first.")
        }
        if let main = routeTables[vpc.mainRouteTableId] { recordDeletion(main, at: context.now) }
        deleteSecurityGroups(ofVpc: vpc.vpcId, context)
        deleteDefaultNetworkAcl(ofVpc: vpc.vpcId, context)
        vpc.state = .deleted
        delete(vpc)
        emit(.delete, vpc, at: context.now)
        return vpc
    }

    public func listVpcs(_ request: VpcList, _ context: QueryContext) throws(NetctlError) -> VpcListResponse {
        let filters = request.filters ?? []
        try VpcFilter.table.validate(filters)
        let matching = vpcs.inScope(context.scope).filter { VpcFilter.table.matches($0, filters) }
        let page = try Pagination.page(matching, maxResults: request.maxResults, nextToken: request.nextToken)
        return VpcListResponse(vpcs: page.items, nextToken: page.nextToken)
    }

    /// VPC names are unique per account and region, whether given at creation or by a Name tag later.
    func requireFreeVpcName(_ name: String, in scope: Scope, except vpcId: String? = nil) throws(NetctlError) {
        if let existing = vpcs.named(name, in: scope).first(where: { $0.vpcId != vpcId }) {
            throw NetctlError(
                .invalidParameterValue,
                "A VPC named '\(name)' already exists in \(scope) (\(existing.vpcId)). VPC names are unique per "
                    + "account and region: choose another name.")
        }
    }

    static func localRoute(_ cidr: IPv4CIDR) -> Route {
        Route(destinationCidrBlock: cidr.description, target: .local, state: .active, origin: "CreateRouteTable")
    }
}

/// EC2's DescribeVpcs filters, by their AWS names.
public enum VpcFilter {
    public static let table = FilterTable<Vpc>(
        [
            "vpc-id": { [$0.vpcId] },
            "cidr": { Array($0.cidrBlocks.prefix(1)) },
            "cidr-block-association.cidr-block": { $0.cidrBlocks },
            "cidr-block-association.state": { _ in ["associated"] },
            "state": { [$0.state.rawValue] },
            "owner-id": { [$0.accountId] },
            "is-default": { _ in ["false"] },
            "dhcp-options-id": { _ in ["default"] },
        ],
        tags: { $0.tags })
}
