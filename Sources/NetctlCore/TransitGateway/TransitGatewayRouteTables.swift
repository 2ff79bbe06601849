import Foundation
import NetctlAPI

/// Hub route tables: associations, propagations, static routes and the routes the hub uses
/// (SEMANTICS-2.md 3.2).
extension State {
    public func transitGatewayRouteTable(_ reference: String, in scope: Scope) throws(NetctlError)
        -> TransitGatewayRouteTable
    {
        try resolve(
            reference, in: scope, prefix: IDPrefix.transitGatewayRouteTable, code: .transitGatewayRouteTableNotFound,
            noun: "transit gateway route table", listHint: "netctl tgw route-table list")
    }

    public mutating func createTransitGatewayRouteTable(
        _ request: TransitGatewayRouteTableCreate, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayRouteTable {
        let hub = try availableHub(request.tgw, to: "take a new route table", context.scope)
        let count = transitGatewayRouteTables.childCount(of: hub.transitGatewayId)
        guard count < context.quotas[.routeTablesPerTransitGateway] else {
            throw context.quotas.exceeded(
                .routeTablesPerTransitGateway, code: .transitGatewayRouteTableLimitExceeded,
                "\(hub.transitGatewayId) already has \(count) route tables")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.transitGatewayRouteTable)
        let tags = try Validation.tags(request.tags, name: name)
        let table = TransitGatewayRouteTable(
            routeTableId: newID(for: TransitGatewayRouteTable.self, prefix: IDPrefix.transitGatewayRouteTable, &context),
            transitGatewayId: hub.transitGatewayId, name: name, accountId: context.accountId, region: context.region,
            state: TransitGateway.available, defaultAssociationRouteTable: false, defaultPropagationRouteTable: false,
            tags: tags, createdAt: context.now)
        record(.create, table, at: context.now)
        return table
    }

    public func listTransitGatewayRouteTables(_ request: TransitGatewayRouteTableList, _ context: QueryContext)
        throws(NetctlError) -> TransitGatewayRouteTableListResponse
    {
        let page = try hubPage(
            \.transitGatewayRouteTables, ofHub: request.tgw, request.filters, TransitGatewayRouteTableFilter.table,
            maxResults: request.maxResults, nextToken: request.nextToken, context.scope)
        return TransitGatewayRouteTableListResponse(routeTables: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteTransitGatewayRouteTable(
        _ request: TransitGatewayRouteTableDelete, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayRouteTable {
        var table = try transitGatewayRouteTable(request.routeTable, in: context.scope)
        if table.defaultAssociationRouteTable || table.defaultPropagationRouteTable {
            throw NetctlError(
                .invalidParameterValue,
                "\(table.routeTableId) is the default route table of \(table.transitGatewayId): it is deleted with the "
                    + "hub. Delete a table you created instead.")
        }
        guard table.associations.isEmpty, table.propagations.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "\(table.routeTableId) still has associations (\(table.associations.joined(separator: ", "))) or "
                    + "propagations (\(table.propagations.joined(separator: ", "))). Disassociate them and disable the "
                    + "propagations first (`netctl tgw route-table disassociate|disable-propagation`).")
        }
        table.state = TransitGateway.deleted
        recordDeletion(table, at: context.now)
        return table
    }

    /// The table and the attachment of `request`, checked to belong to the same hub.
    private func tableAndAttachment(_ tableReference: String, _ attachmentReference: String, _ scope: Scope)
        throws(NetctlError) -> (TransitGatewayRouteTable, TransitGatewayAttachment)
    {
        let table = try transitGatewayRouteTable(tableReference, in: scope)
        return (table, try liveAttachment(attachmentReference, of: table, scope))
    }

    /// An attachment of the table's own hub that is pending or available: one on its way out can be
    /// neither associated, nor propagate, nor be a route's target (the route would be a blackhole).
    private func liveAttachment(_ reference: String, of table: TransitGatewayRouteTable, _ scope: Scope)
        throws(NetctlError) -> TransitGatewayAttachment
    {
        let attachment = try transitGatewayAttachment(reference, in: scope)
        guard attachment.belongs(toHub: table.transitGatewayId) else {
            throw NetctlError(
                .invalidParameterValue,
                "Attachment \(attachment.attachmentId) belongs to \(attachment.transitGatewayId) and route table "
                    + "\(table.routeTableId) to \(table.transitGatewayId): use a table of the attachment's own hub.")
        }
        guard attachment.state == TransitGateway.available || attachment.state == TransitGateway.pending else {
            throw NetctlError(
                .incorrectState,
                "Transit gateway attachment \(attachment.attachmentId) is \(attachment.state): only a pending or "
                    + "available attachment can be associated, propagate or be a route's target.")
        }
        return attachment
    }

    public mutating func associateTransitGatewayRouteTable(
        _ request: TransitGatewayRouteTableAssociate, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayRouteTable {
        var (table, attachment) = try tableAndAttachment(request.routeTable, request.attachment, context.scope)
        if let current = attachment.associatedRouteTable(onHub: table.transitGatewayId) {
            throw NetctlError(
                .resourceAlreadyAssociated,
                "Transit Gateway Attachment \(attachment.attachmentId) is already associated to a route table "
                    + "(\(current)). Disassociate it first (`netctl tgw route-table disassociate \(current) "
                    + "\(attachment.attachmentId)`).")
        }
        table.associations.append(attachment.attachmentId)
        attachment.setAssociatedRouteTable(table.routeTableId, onHub: table.transitGatewayId)
        record(.associate, table, at: context.now)
        record(.associate, attachment, at: context.now)
        return table
    }

    public mutating func disassociateTransitGatewayRouteTable(
        _ request: TransitGatewayRouteTableDisassociate, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayRouteTable {
        var (table, attachment) = try tableAndAttachment(request.routeTable, request.attachment, context.scope)
        guard table.associations.contains(attachment.attachmentId) else {
            throw NetctlError(
                .transitGatewayAssociationNotFound,
                "Attachment \(attachment.attachmentId) is not associated with \(table.routeTableId)"
                    + (attachment.associatedRouteTable(onHub: table.transitGatewayId).map { " (it is associated with \($0))." }
                        ?? " (nor with any table)."))
        }
        table.associations.removeAll { $0 == attachment.attachmentId }
        attachment.setAssociatedRouteTable(nil, onHub: table.transitGatewayId)
        record(.disassociate, table, at: context.now)
        record(.disassociate, attachment, at: context.now)
        return table
    }

    public mutating func enableTransitGatewayPropagation(
        _ request: TransitGatewayRouteTableEnablePropagation, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayRouteTable {
        let (found, attachment) = try tableAndAttachment(request.routeTable, request.attachment, context.scope)
        var table = found
        guard attachment.type != TransitGatewayAttachment.peeringType else {
            throw NetctlError(
                .invalidParameterValue,
                "\(attachment.attachmentId) is a peering attachment: hubs exchange no routes over a peering. Add static "
                    + "routes to it on both hubs instead (`netctl tgw route add \(table.routeTableId) --destination CIDR "
                    + "--attachment \(attachment.attachmentId)`).")
        }
        guard !table.propagations.contains(attachment.attachmentId) else {
            throw NetctlError(
                .transitGatewayPropagationDuplicate,
                "Propagation \(attachment.attachmentId) already exists in Transit Gateway Route Table "
                    + "\(table.routeTableId).")
        }
        if let hub = transitGateways[table.transitGatewayId] {
            try checkRouteQuota(of: hub, adding: propagationSize(of: attachment), context)
        }
        table.propagations.append(attachment.attachmentId)
        record(.update, table, at: context.now)
        return table
    }

    public mutating func disableTransitGatewayPropagation(
        _ request: TransitGatewayRouteTableDisablePropagation, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayRouteTable {
        let (found, attachment) = try tableAndAttachment(request.routeTable, request.attachment, context.scope)
        var table = found
        guard table.propagations.contains(attachment.attachmentId) else {
            throw NetctlError(
                .transitGatewayPropagationNotFound,
                "Attachment \(attachment.attachmentId) does not propagate into \(table.routeTableId). See the table's "
                    + "propagations with `netctl tgw route-table show \(table.routeTableId)`.")
        }
        table.propagations.removeAll { $0 == attachment.attachmentId }
        record(.update, table, at: context.now)
        return table
    }

    // MARK: Routes

    public mutating func createTransitGatewayRoute(_ request: TransitGatewayRouteCreate, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayRouteTable
    {
        var table = try transitGatewayRouteTable(request.routeTable, in: context.scope)
        let destination = try Validation.cidr(request.destinationCidrBlock, parameter: "destinationCidrBlock")
        let blackhole = request.blackhole ?? false
        let target = try staticRouteTarget(request.attachment, blackhole: blackhole, of: table, context.scope)
        if table.staticRoutes.contains(where: { $0.destinationCidrBlock == destination.description }) {
            throw NetctlError(
                .routeAlreadyExists,
                "Route \(destination) already exists in Transit Gateway Route Table \(table.routeTableId). Delete it "
                    + "first to point it elsewhere.")
        }
        if let hub = transitGateways[table.transitGatewayId] { try checkRouteQuota(of: hub, adding: 1, context) }
        table.staticRoutes.append(
            TransitGatewayStaticRoute(destinationCidrBlock: destination.description, attachmentId: target, blackhole: blackhole))
        record(.routeCreate, table, at: context.now)
        return table
    }

    public mutating func deleteTransitGatewayRoute(_ request: TransitGatewayRouteDelete, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayRouteTable
    {
        var table = try transitGatewayRouteTable(request.routeTable, in: context.scope)
        let destination = try Validation.cidr(request.destinationCidrBlock, parameter: "destinationCidrBlock")
        guard let index = table.staticRoutes.firstIndex(where: { $0.destinationCidrBlock == destination.description })
        else {
            let propagated = transitGatewayRoutes(of: table).contains {
                $0.destinationCidrBlock == destination.description && $0.type == TransitGatewayRoute.propagatedType
            }
            throw NetctlError(
                .routeNotFound,
                "No static route with destination \(destination) exists in \(table.routeTableId)"
                    + (propagated
                        ? "; the route there is propagated and leaves when its propagation is disabled." : ". ")
                    + " See its routes with `netctl tgw route search \(table.routeTableId)`.")
        }
        table.staticRoutes.remove(at: index)
        record(.routeDelete, table, at: context.now)
        return table
    }

    public mutating func replaceTransitGatewayRoute(_ request: TransitGatewayRouteReplace, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayRouteTable
    {
        var table = try transitGatewayRouteTable(request.routeTable, in: context.scope)
        let destination = try Validation.cidr(request.destinationCidrBlock, parameter: "destinationCidrBlock")
        let blackhole = request.blackhole ?? false
        let target = try staticRouteTarget(request.attachment, blackhole: blackhole, of: table, context.scope)
        guard let index = table.staticRoutes.firstIndex(where: { $0.destinationCidrBlock == destination.description })
        else {
            throw NetctlError(
                .routeNotFound,
                "No static route with destination \(destination) exists in \(table.routeTableId) to replace. Create it "
                    + "(`netctl tgw route add \(table.routeTableId) --destination \(destination) --attachment ATTACHMENT`); "
                    + "a propagated route is overridden by adding a static route with its prefix.")
        }
        table.staticRoutes[index] = TransitGatewayStaticRoute(
            destinationCidrBlock: destination.description, attachmentId: target, blackhole: blackhole)
        record(.routeReplace, table, at: context.now)
        return table
    }

    /// A static route's target: a live attachment of the table's hub, or nil for a blackhole.
    private func staticRouteTarget(_ attachment: String?, blackhole: Bool, of table: TransitGatewayRouteTable, _ scope: Scope)
        throws(NetctlError) -> String?
    {
        switch (attachment, blackhole) {
        case (let reference?, false):
            return try liveAttachment(reference, of: table, scope).attachmentId
        case (nil, true):
            return nil
        case (nil, false):
            throw NetctlError(
                .missingParameter, "A transit gateway route needs a target: pass attachment, or blackhole true.")
        case (.some, true):
            throw NetctlError(.invalidParameterCombination, "Pass either attachment or blackhole true, not both.")
        }
    }

    public func searchTransitGatewayRoutes(_ request: TransitGatewayRouteSearch, _ context: QueryContext)
        throws(NetctlError) -> TransitGatewayRouteSearchResponse
    {
        let table = try transitGatewayRouteTable(request.routeTable, in: context.scope)
        let filters = request.filters ?? []
        var routes = transitGatewayRoutes(of: table)
        for filter in filters {
            let values = filter.values
            switch filter.name {
            case "type": routes = routes.filter { values.contains($0.type) }
            case "state": routes = routes.filter { values.contains($0.state) }
            case "attachment.transit-gateway-attachment-id":
                routes = routes.filter { $0.attachments.contains { values.contains($0.attachmentId) } }
            case "attachment.resource-id":
                routes = routes.filter { $0.attachments.contains { values.contains($0.resourceId) } }
            case "attachment.resource-type":
                routes = routes.filter { $0.attachments.contains { values.contains($0.resourceType) } }
            case "route-search.exact-match", "route-search.longest-prefix-match", "route-search.subnet-of-match",
                "route-search.supernet-of-match":
                var cidrs: [IPv4CIDR] = []
                for value in values { cidrs.append(try Validation.cidr(value, parameter: filter.name)) }
                routes = routes.filter { route in
                    guard let cidr = IPv4CIDR(route.destinationCidrBlock) else { return false }
                    return cidrs.contains { wanted in
                        switch filter.name {
                        case "route-search.exact-match": cidr == wanted
                        // Routes that contain the whole of the value: the longest of them is picked below.
                        case "route-search.longest-prefix-match": cidr.contains(wanted)
                        case "route-search.subnet-of-match": wanted.contains(cidr)
                        default: cidr.contains(wanted)
                        }
                    }
                }
                if filter.name == "route-search.longest-prefix-match",
                    let longest = routes.compactMap({ IPv4CIDR($0.destinationCidrBlock)?.prefixLength }).max()
                {
                    routes = routes.filter { IPv4CIDR($0.destinationCidrBlock)?.prefixLength == longest }
                }
            default:
                throw NetctlError(
                    .invalidParameterValue,
                    "The filter '\(filter.name)' is invalid. Known filters: attachment.resource-id, "
                        + "attachment.resource-type, attachment.transit-gateway-attachment-id, "
                        + "route-search.exact-match, route-search.longest-prefix-match, route-search.subnet-of-match, "
                        + "route-search.supernet-of-match, state, type.")
            }
        }
        return TransitGatewayRouteSearchResponse(routes: routes)
    }

    /// The routes the hub uses in `table`, by destination: static routes (active while their attachment
    /// is, else blackhole), and the CIDRs of the VPCs of available propagating attachments, each hidden
    /// by a static route of the same prefix. Ordered by prefix length, longest first, then address.
    public func transitGatewayRoutes(of table: TransitGatewayRouteTable) -> [TransitGatewayRoute] {
        var byDestination: [String: TransitGatewayRoute] = [:]
        // VPC attachments first, VPN ones last: the first propagation of a prefix keeps it.
        let propagating = table.propagations.compactMap { transitGatewayAttachments[$0] }
            .filter { $0.state == TransitGateway.available }
        for attachment in propagating.sorted(by: { Self.propagationRank($0.type) < Self.propagationRank($1.type) }) {
            let attachmentId = attachment.attachmentId
            let via = TransitGatewayRouteAttachment(
                attachmentId: attachmentId, resourceId: attachment.resourceId, resourceType: attachment.type)
            // A CIDR another attachment already propagates here is not propagated again (AWS: a VPC
            // with an identical CIDR is attached but not propagated), whichever way propagation was
            // enabled and whenever the CIDR was added: the first propagation keeps it.
            for block in propagatedCidrs(of: attachment) where byDestination[block] == nil {
                byDestination[block] = TransitGatewayRoute(
                    destinationCidrBlock: block, type: TransitGatewayRoute.propagatedType,
                    state: TransitGatewayRoute.active, attachments: [via])
            }
        }
        for route in table.staticRoutes {
            var attachments: [TransitGatewayRouteAttachment] = []
            var state = TransitGatewayRoute.blackhole
            if let id = route.attachmentId, let attachment = transitGatewayAttachments[id] {
                attachments = [
                    TransitGatewayRouteAttachment(
                        attachmentId: id, resourceId: attachment.resource(seenFrom: table.transitGatewayId),
                        resourceType: attachment.type)
                ]
                if attachment.state == TransitGateway.available || attachment.state == TransitGateway.pending {
                    state = TransitGatewayRoute.active
                }
            }
            byDestination[route.destinationCidrBlock] = TransitGatewayRoute(
                destinationCidrBlock: route.destinationCidrBlock, type: TransitGatewayRoute.staticType, state: state,
                attachments: attachments)
        }
        // Each CIDR parsed once, not in every comparison: tables reach 10,000 routes.
        return byDestination.values
            .map { route in (route: route, cidr: IPv4CIDR(route.destinationCidrBlock)) }
            .sorted { lhs, rhs in
                let (leftLength, rightLength) = (lhs.cidr?.prefixLength ?? 0, rhs.cidr?.prefixLength ?? 0)
                if leftLength != rightLength { return leftLength > rightLength }
                return (lhs.cidr?.first.value ?? 0) < (rhs.cidr?.first.value ?? 0)
            }
            .map(\.route)
    }

    /// The route the hub picks in `table` for `address`: the longest matching prefix; for the same
    /// prefix a static route, which hides the propagated one. `table` is one of this state's tables as
    /// the state holds it (the look-up index is kept per table ID and state revision).
    public func transitGatewayRoute(in table: TransitGatewayRouteTable, to address: IPv4Address) -> TransitGatewayRoute? {
        // Indexed once per table and state revision: `reach` asks this on every hop through a hub.
        hubRouteCache.index(of: table.routeTableId, at: revision) {
            HubRouteIndex(transitGatewayRoutes(of: table))
        }
        .route(to: address)
    }

    /// Refuses a change that would take the hub past `routesPerTransitGateway`, static and propagated
    /// routes of all its tables counted.
    func checkRouteQuota(of hub: TransitGateway, adding count: Int, _ context: CommandContext) throws(NetctlError) {
        // Propagations count whatever their attachment's state: a pending attachment's routes are coming.
        let current = transitGatewayRouteTables.children(of: hub.transitGatewayId).reduce(0) { total, table in
            total + table.staticRoutes.count
                + table.propagations.reduce(0) { sum, id in
                    sum + (transitGatewayAttachments[id].map { propagationSize(of: $0) } ?? 0)
                }
        }
        guard current + count <= context.quotas[.routesPerTransitGateway] else {
            throw context.quotas.exceeded(
                .routesPerTransitGateway, code: .routeLimitExceeded,
                "\(hub.transitGatewayId) already has \(current) routes across its route tables and this adds \(count)")
        }
    }
}
