import NetctlAPI

extension State {
    public mutating func createRouteTable(_ request: RouteTableCreate, _ context: inout CommandContext)
        throws(NetctlError) -> RouteTable
    {
        let vpc = try self.vpc(request.vpc, in: context.scope)
        let existing = routeTables.childCount(of: vpc.vpcId)
        guard existing < context.quotas[.routeTablesPerVpc] else {
            throw context.quotas.exceeded(
                .routeTablesPerVpc, code: .routeTableLimitExceeded, "\(vpc.vpcId) already has \(existing) route tables")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.routeTable)
        let tags = try Validation.tags(request.tags, name: name)
        let table = RouteTable(
            routeTableId: newID(for: RouteTable.self, prefix: IDPrefix.routeTable, &context), vpcId: vpc.vpcId,
            name: name, accountId: vpc.accountId, region: vpc.region, main: false,
            routes: vpc.cidrBlocks.compactMap { IPv4CIDR($0) }.map(Self.localRoute), tags: tags,
            createdAt: context.now)
        record(.create, table, at: context.now)
        return table
    }

    public mutating func associateRouteTable(_ request: RouteTableAssociate, _ context: inout CommandContext)
        throws(NetctlError) -> RouteTableAssociation
    {
        var table = try routeTable(request.routeTable, in: context.scope)
        let subnet = try self.subnet(request.subnet, in: context.scope)
        guard subnet.vpcId == table.vpcId else {
            throw NetctlError(
                .invalidParameterValue,
                "Route table \(table.routeTableId) (\(table.vpcId)) and subnet \(subnet.subnetId) (\(subnet.vpcId)) "
                    + "belong to different networks. Associate the subnet with a table of its own VPC.")
        }
        if let current = explicitAssociation(of: subnet.subnetId) {
            throw NetctlError(
                .resourceAlreadyAssociated,
                "Subnet \(subnet.subnetId) is already associated with \(current.table.routeTableId) "
                    + "(\(current.association.associationId)). Disassociate it first with "
                    + "`netctl route-table disassociate --subnet \(subnet.subnetId)`.")
        }
        let association = RouteTableAssociation(
            associationId: context.ids.make(IDPrefix.routeTableAssociation), subnetId: subnet.subnetId)
        table.associations.append(association)
        record(.associate, table, at: context.now)
        return association
    }

    public mutating func disassociateRouteTable(_ request: RouteTableDisassociate, _ context: inout CommandContext)
        throws(NetctlError) -> RouteTable
    {
        let found: (table: RouteTable, association: RouteTableAssociation)?
        switch (request.associationId, request.subnet) {
        case (let associationId?, nil):
            found = routeTables.inScope(context.scope).lazy.compactMap { table in
                table.associations.first { $0.associationId == associationId }.map { (table, $0) }
            }.first
            guard found != nil else {
                throw NetctlError(
                    .associationNotFound, "The association ID '\(associationId)' does not exist in \(context.scope).")
            }
        case (nil, let subnetReference?):
            let subnet = try self.subnet(subnetReference, in: context.scope)
            found = explicitAssociation(of: subnet.subnetId)
            guard found != nil else {
                throw NetctlError(
                    .associationNotFound,
                    "Subnet \(subnet.subnetId) has no explicit route table association; it already uses the main table.")
            }
        default:
            throw NetctlError(
                .invalidParameterCombination, "Pass exactly one of associationId and subnet to disassociate.")
        }
        guard var table = found?.table, let association = found?.association else { preconditionFailure("checked above") }
        table.associations.removeAll { $0.associationId == association.associationId }
        record(.disassociate, table, at: context.now)
        return table
    }

    public mutating func deleteRouteTable(_ request: RouteTableDelete, _ context: inout CommandContext)
        throws(NetctlError) -> RouteTable
    {
        let table = try routeTable(request.routeTable, in: context.scope)
        guard !table.main else {
            throw NetctlError(
                .dependencyViolation,
                "The routeTable '\(table.routeTableId)' is the main route table of \(table.vpcId) and cannot be "
                    + "deleted; it is deleted with its VPC.")
        }
        guard table.associations.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "The routeTable '\(table.routeTableId)' has dependencies and cannot be deleted: it is associated with "
                    + "\(table.associations.map(\.subnetId).joined(separator: ", ")). Disassociate them first.")
        }
        // Endpoints routing through the table stop listing it.
        for endpointId in Set(table.routes.filter { $0.target.type == RouteTarget.endpoint }.map(\.target.id)) {
            guard var endpoint = endpoints[endpointId] else { continue }
            endpoint.routeTableIds.removeAll { $0 == table.routeTableId }
            record(.modify, endpoint, at: context.now)
        }
        recordDeletion(table, at: context.now)
        return table
    }

    public func listRouteTables(_ request: RouteTableList, _ context: QueryContext) throws(NetctlError)
        -> RouteTableListResponse
    {
        let items = try listed(\.routeTables, ofVpc: request.vpc, context.scope)
        // DescribeRouteTables pages 5 to 100 at a time.
        let page = try Pagination.page(items, maxResults: request.maxResults, nextToken: request.nextToken, range: 5...100)
        return RouteTableListResponse(routeTables: page.items, nextToken: page.nextToken)
    }

    /// The table a subnet routes with: its explicit association, else its VPC's main table.
    public func effectiveRouteTable(forSubnet subnetId: String) -> RouteTable? {
        if let explicit = explicitAssociation(of: subnetId) { return explicit.table }
        guard let subnet = subnets[subnetId], let vpc = vpcs[subnet.vpcId] else { return nil }
        return routeTables[vpc.mainRouteTableId]
    }

    func explicitAssociation(of subnetId: String) -> (table: RouteTable, association: RouteTableAssociation)? {
        guard let subnet = subnets[subnetId] else { return nil }
        for table in routeTables.children(of: subnet.vpcId) {
            if let association = table.associations.first(where: { $0.subnetId == subnetId }) {
                return (table, association)
            }
        }
        return nil
    }
}
