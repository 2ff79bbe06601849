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
            switch try association(associationId, in: context.scope) {
            case .main(let table):
                throw NetctlError(
                    .invalidParameterValue,
                    "\(associationId) is the main route table association of \(table.vpcId) and cannot be "
                        + "disassociated: a VPC always has a main table. Make another table main with "
                        + "routeTable.replaceAssociation instead.")
            case .subnet(let table, let association): found = (table, association)
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

    /// Moves an association to `request.routeTable` under a new ID, as one change: a subnet's (the
    /// subnet then routes with that table), or the main one (that table becomes the VPC's main table,
    /// and the old main table an ordinary one that may be deleted).
    public mutating func replaceRouteTableAssociation(
        _ request: RouteTableReplaceAssociation, _ context: inout CommandContext
    ) throws(NetctlError) -> RouteTableReplaceAssociationResponse {
        let found = try association(request.associationId, in: context.scope)
        let target = try routeTable(request.routeTable, in: context.scope)
        guard found.table.vpcId == target.vpcId else {
            throw NetctlError(
                .invalidParameterValue,
                "Route table \(target.routeTableId) (\(target.vpcId)) and association \(request.associationId) "
                    + "(\(found.table.vpcId)) belong to different networks. Choose a table of \(found.table.vpcId).")
        }
        let newId = context.ids.make(IDPrefix.routeTableAssociation)
        var old = found.table
        let moves = old.routeTableId != target.routeTableId
        switch found {
        case .main:
            guard var vpc = vpcs[old.vpcId] else {
                throw NetctlError(.internalError, "Route table \(old.routeTableId) belongs to a missing VPC.")
            }
            if moves {
                old.main = false
                old.mainAssociationId = nil
                record(.disassociate, old, at: context.now)
                vpc.mainRouteTableId = target.routeTableId
                record(.update, vpc, at: context.now)
            }
            var new = moves ? target : old
            new.main = true
            new.mainAssociationId = newId
            record(.associate, new, at: context.now)
            return RouteTableReplaceAssociationResponse(newAssociationId: newId, routeTable: new)
        case .subnet(_, let association):
            old.associations.removeAll { $0.associationId == association.associationId }
            if moves { record(.disassociate, old, at: context.now) }
            var new = moves ? target : old
            new.associations.append(RouteTableAssociation(associationId: newId, subnetId: association.subnetId))
            record(.associate, new, at: context.now)
            return RouteTableReplaceAssociationResponse(newAssociationId: newId, routeTable: new)
        }
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
        let filters = request.filters ?? []
        try RouteTableFilter.table.validate(filters)
        let items = try listed(\.routeTables, ofVpc: request.vpc, context.scope).filter {
            RouteTableFilter.table.matches($0, filters)
        }
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

    /// An association of the scope by its ID: a subnet's, or a main table's.
    func association(_ associationId: String, in scope: Scope) throws(NetctlError) -> FoundAssociation {
        for table in routeTables.inScope(scope) {
            if table.currentMainAssociationId == associationId { return .main(table) }
            if let association = table.associations.first(where: { $0.associationId == associationId }) {
                return .subnet(table, association)
            }
        }
        throw NetctlError(.associationNotFound, "The association ID '\(associationId)' does not exist in \(scope).")
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

/// What an association ID names.
enum FoundAssociation {
    /// The VPC's main association, held by its main table.
    case main(RouteTable)
    /// A subnet's explicit association.
    case subnet(RouteTable, RouteTableAssociation)

    var table: RouteTable {
        switch self {
        case .main(let table), .subnet(let table, _): table
        }
    }
}

extension RouteTable {
    /// The main association's ID on a main table, nil on the others. A table stored before
    /// `mainAssociationId` was kept gets the one its VPC's creation would have given it.
    public var currentMainAssociationId: String? {
        main ? (mainAssociationId ?? Self.firstMainAssociationId(ofTable: routeTableId)) : nil
    }

    /// The main association a VPC is created with. Derived from the table's ID, not drawn from the
    /// command's ID generator: creating a VPC draws the IDs it always drew (seeded runs replay them),
    /// and older tables without a stored ID get this same one.
    static func firstMainAssociationId(ofTable tableId: String) -> String {
        // FNV-1a: a fixed, well-spread seed from the ID's bytes.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in tableId.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var ids = IDGenerator(seed: hash)
        return ids.make(IDPrefix.routeTableAssociation)
    }
}
