import NetctlAPI
import NetctlCore

/// Hub route tables: associations, propagations and static routes, as AWS's actions answer them.
/// netctld applies each change in the call that makes it, so states are the settled ones.
extension EC2Actions {
    static let transitGatewayRouteTables: [EC2Action] = [
        .make("CreateTransitGatewayRouteTable", mutating: true, supported: ["TransitGatewayId", "TagSpecifications"]) {
            (input: EC2.CreateTransitGatewayRouteTableRequest, context) throws(AWSError) in
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "transit-gateway-route-table")
            let table = try await context.run(
                TransitGatewayRouteTableCreate(tgw: input.transitGatewayId, name: name, tags: tags))
            return EC2.CreateTransitGatewayRouteTableResult(transitGatewayRouteTable: EC2.TransitGatewayRouteTable(table))
        },
        .make("DeleteTransitGatewayRouteTable", mutating: true, supported: ["TransitGatewayRouteTableId"]) {
            (input: EC2.DeleteTransitGatewayRouteTableRequest, context) throws(AWSError) in
            let table = try await context.run(TransitGatewayRouteTableDelete(routeTable: input.transitGatewayRouteTableId))
            return EC2.DeleteTransitGatewayRouteTableResult(transitGatewayRouteTable: EC2.TransitGatewayRouteTable(table))
        },
        .make(
            "DescribeTransitGatewayRouteTables", mutating: false,
            supported: ["TransitGatewayRouteTableIds", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeTransitGatewayRouteTablesRequest, context) throws(AWSError) in
            try DescribeByIds.check(
                ids: input.transitGatewayRouteTableIds, maxResults: input.maxResults,
                idParameter: "TransitGatewayRouteTableIds")
            let known = try await context.each(input.transitGatewayRouteTableIds ?? []) {
                TransitGatewayRouteTableGet(routeTable: $0)
            }.map(\.routeTableId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "transit-gateway-route-table-id")
            let page = try await context.run(
                TransitGatewayRouteTableList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeTransitGatewayRouteTablesResult(
                transitGatewayRouteTables: page.routeTables.map(EC2.TransitGatewayRouteTable.init),
                nextToken: page.nextToken)
        },
        .make(
            "AssociateTransitGatewayRouteTable", mutating: true,
            supported: ["TransitGatewayRouteTableId", "TransitGatewayAttachmentId"]
        ) { (input: EC2.AssociateTransitGatewayRouteTableRequest, context) throws(AWSError) in
            let table = try await context.run(
                TransitGatewayRouteTableAssociate(
                    routeTable: input.transitGatewayRouteTableId, attachment: input.transitGatewayAttachmentId))
            let attachment = try await context.run(TransitGatewayAttachmentGet(attachment: input.transitGatewayAttachmentId))
            return EC2.AssociateTransitGatewayRouteTableResult(
                association: EC2.TransitGatewayAssociation(table, attachment, state: TransitGatewayWire.associated))
        },
        .make(
            "DisassociateTransitGatewayRouteTable", mutating: true,
            supported: ["TransitGatewayRouteTableId", "TransitGatewayAttachmentId"]
        ) { (input: EC2.DisassociateTransitGatewayRouteTableRequest, context) throws(AWSError) in
            let table = try await context.run(
                TransitGatewayRouteTableDisassociate(
                    routeTable: input.transitGatewayRouteTableId, attachment: input.transitGatewayAttachmentId))
            let attachment = try await context.run(TransitGatewayAttachmentGet(attachment: input.transitGatewayAttachmentId))
            return EC2.DisassociateTransitGatewayRouteTableResult(
                association: EC2.TransitGatewayAssociation(table, attachment, state: TransitGatewayWire.disassociated))
        },
        .make(
            "EnableTransitGatewayRouteTablePropagation", mutating: true,
            supported: ["TransitGatewayRouteTableId", "TransitGatewayAttachmentId"]
        ) { (input: EC2.EnableTransitGatewayRouteTablePropagationRequest, context) throws(AWSError) in
            let attachmentId = try required(input.transitGatewayAttachmentId, "TransitGatewayAttachmentId")
            let table = try await context.run(
                TransitGatewayRouteTableEnablePropagation(routeTable: input.transitGatewayRouteTableId, attachment: attachmentId))
            let attachment = try await context.run(TransitGatewayAttachmentGet(attachment: attachmentId))
            return EC2.EnableTransitGatewayRouteTablePropagationResult(
                propagation: EC2.TransitGatewayPropagation(table, attachment, state: TransitGatewayWire.enabled))
        },
        .make(
            "DisableTransitGatewayRouteTablePropagation", mutating: true,
            supported: ["TransitGatewayRouteTableId", "TransitGatewayAttachmentId"]
        ) { (input: EC2.DisableTransitGatewayRouteTablePropagationRequest, context) throws(AWSError) in
            let attachmentId = try required(input.transitGatewayAttachmentId, "TransitGatewayAttachmentId")
            let table = try await context.run(
                TransitGatewayRouteTableDisablePropagation(routeTable: input.transitGatewayRouteTableId, attachment: attachmentId))
            let attachment = try await context.run(TransitGatewayAttachmentGet(attachment: attachmentId))
            return EC2.DisableTransitGatewayRouteTablePropagationResult(
                propagation: EC2.TransitGatewayPropagation(table, attachment, state: TransitGatewayWire.disabled))
        },
        .make(
            "GetTransitGatewayRouteTableAssociations", mutating: false,
            supported: ["TransitGatewayRouteTableId", "MaxResults", "NextToken"]
        ) { (input: EC2.GetTransitGatewayRouteTableAssociationsRequest, context) throws(AWSError) in
            let (_, attachments) = try await tableAttachments(input.transitGatewayRouteTableId, \.associations, context)
            let page = try page(attachments, maxResults: input.maxResults, nextToken: input.nextToken)
            return EC2.GetTransitGatewayRouteTableAssociationsResult(
                associations: page.items.map {
                    EC2.TransitGatewayRouteTableAssociation(
                        transitGatewayAttachmentId: $0.attachmentId, resourceId: $0.resourceId, resourceType: $0.type,
                        state: TransitGatewayWire.associated)
                }, nextToken: page.nextToken)
        },
        .make(
            "GetTransitGatewayRouteTablePropagations", mutating: false,
            supported: ["TransitGatewayRouteTableId", "MaxResults", "NextToken"]
        ) { (input: EC2.GetTransitGatewayRouteTablePropagationsRequest, context) throws(AWSError) in
            let (_, attachments) = try await tableAttachments(input.transitGatewayRouteTableId, \.propagations, context)
            let page = try page(attachments, maxResults: input.maxResults, nextToken: input.nextToken)
            return EC2.GetTransitGatewayRouteTablePropagationsResult(
                transitGatewayRouteTablePropagations: page.items.map {
                    EC2.TransitGatewayRouteTablePropagation(
                        transitGatewayAttachmentId: $0.attachmentId, resourceId: $0.resourceId, resourceType: $0.type,
                        state: TransitGatewayWire.enabled)
                }, nextToken: page.nextToken)
        },
        .make(
            "CreateTransitGatewayRoute", mutating: true,
            supported: ["TransitGatewayRouteTableId", "DestinationCidrBlock", "TransitGatewayAttachmentId", "Blackhole"]
        ) { (input: EC2.CreateTransitGatewayRouteRequest, context) throws(AWSError) in
            _ = try await context.run(
                TransitGatewayRouteCreate(
                    routeTable: input.transitGatewayRouteTableId, destinationCidrBlock: input.destinationCidrBlock,
                    attachment: input.transitGatewayAttachmentId, blackhole: input.blackhole == true ? true : nil))
            return EC2.CreateTransitGatewayRouteResult(
                route: try await route(input.destinationCidrBlock, in: input.transitGatewayRouteTableId, context))
        },
        .make(
            "ReplaceTransitGatewayRoute", mutating: true,
            supported: ["TransitGatewayRouteTableId", "DestinationCidrBlock", "TransitGatewayAttachmentId", "Blackhole"]
        ) { (input: EC2.ReplaceTransitGatewayRouteRequest, context) throws(AWSError) in
            _ = try await context.run(
                TransitGatewayRouteReplace(
                    routeTable: input.transitGatewayRouteTableId, destinationCidrBlock: input.destinationCidrBlock,
                    attachment: input.transitGatewayAttachmentId, blackhole: input.blackhole == true ? true : nil))
            return EC2.ReplaceTransitGatewayRouteResult(
                route: try await route(input.destinationCidrBlock, in: input.transitGatewayRouteTableId, context))
        },
        .make("DeleteTransitGatewayRoute", mutating: true, supported: ["TransitGatewayRouteTableId", "DestinationCidrBlock"]) {
            (input: EC2.DeleteTransitGatewayRouteRequest, context) throws(AWSError) in
            // AWS answers with the route as it was, in state `deleted`.
            let before = try? await route(input.destinationCidrBlock, in: input.transitGatewayRouteTableId, context)
            _ = try await context.run(
                TransitGatewayRouteDelete(
                    routeTable: input.transitGatewayRouteTableId, destinationCidrBlock: input.destinationCidrBlock))
            var deleted = before ?? EC2.TransitGatewayRoute(destinationCidrBlock: input.destinationCidrBlock)
            deleted.type = TransitGatewayRoute.staticType
            deleted.state = TransitGatewayWire.deleted
            return EC2.DeleteTransitGatewayRouteResult(route: deleted)
        },
        .make(
            "SearchTransitGatewayRoutes", mutating: false,
            supported: ["TransitGatewayRouteTableId", "Filter", "MaxResults"]
        ) { (input: EC2.SearchTransitGatewayRoutesRequest, context) throws(AWSError) in
            let found = try await context.run(
                TransitGatewayRouteSearch(
                    routeTable: input.transitGatewayRouteTableId, filters: try Filters.netctl(input.filters)))
            // AWS returns at most MaxResults (default 1,000) and says whether more exist.
            let limit = input.maxResults ?? 1000
            return EC2.SearchTransitGatewayRoutesResult(
                routes: found.routes.prefix(limit).map(EC2.TransitGatewayRoute.init),
                additionalRoutesAvailable: found.routes.count > limit)
        },
    ]

    private static func required(_ value: String?, _ parameter: String) throws(AWSError) -> String {
        guard let value else { throw AWSError.missingParameter("The request must contain the parameter \(parameter)") }
        return value
    }

    /// The route the hub now has in `table` for exactly `destination`.
    private static func route(_ destination: String, in table: String, _ context: ActionContext) async throws(AWSError)
        -> EC2.TransitGatewayRoute?
    {
        let found = try await context.run(
            TransitGatewayRouteSearch(
                routeTable: table, filters: [Filter(name: "route-search.exact-match", values: [destination])]))
        return found.routes.first.map(EC2.TransitGatewayRoute.init)
    }

    /// The table and the attachments it lists in `members` (associations or propagations), in order.
    private static func tableAttachments(
        _ reference: String, _ members: KeyPath<TransitGatewayRouteTable, [String]>, _ context: ActionContext
    ) async throws(AWSError) -> (TransitGatewayRouteTable, [TransitGatewayAttachment]) {
        let table = try await context.run(TransitGatewayRouteTableGet(routeTable: reference))
        let ids = table[keyPath: members]
        guard !ids.isEmpty else { return (table, []) }
        let attachments = try await context.run(
            TransitGatewayAttachmentList(filters: [Filter(name: "transit-gateway-attachment-id", values: ids)]))
        let byId = Dictionary(attachments.attachments.map { ($0.attachmentId, $0) }, uniquingKeysWith: { first, _ in first })
        return (table, ids.compactMap { byId[$0] })
    }

    private static func page(_ attachments: [TransitGatewayAttachment], maxResults: Int?, nextToken: String?)
        throws(AWSError) -> (items: [TransitGatewayAttachment], nextToken: String?)
    {
        do {
            let page = try Pagination.page(attachments, maxResults: maxResults, nextToken: nextToken)
            return (page.items, page.nextToken)
        } catch { throw AWSError(error) }
    }
}

extension EC2.TransitGatewayAssociation {
    init(_ table: TransitGatewayRouteTable, _ attachment: TransitGatewayAttachment, state: String) {
        self.init(
            transitGatewayRouteTableId: table.routeTableId, transitGatewayAttachmentId: attachment.attachmentId,
            resourceId: attachment.resourceId, resourceType: attachment.type, state: state)
    }
}

extension EC2.TransitGatewayPropagation {
    init(_ table: TransitGatewayRouteTable, _ attachment: TransitGatewayAttachment, state: String) {
        self.init(
            transitGatewayAttachmentId: attachment.attachmentId, resourceId: attachment.resourceId,
            resourceType: attachment.type, transitGatewayRouteTableId: table.routeTableId, state: state)
    }
}
