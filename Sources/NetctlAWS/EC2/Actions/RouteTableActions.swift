import NetctlAPI
import NetctlCore

/// Route tables, their associations and their routes. Targets netctl does not model (instances,
/// interfaces, IPv6, …) are refused as unsupported parameters.
extension EC2Actions {
    static let routeTables: [EC2Action] = [
        .make(
            "CreateRouteTable", mutating: true, supported: ["VpcId", "TagSpecification", "ClientToken"],
            clientToken: { $0.clientToken }
        ) { (input: EC2.CreateRouteTableRequest, context) throws(AWSError) in
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "route-table")
            let table = try await context.run(RouteTableCreate(vpc: input.vpcId, name: name, tags: tags))
            return EC2.CreateRouteTableResult(routeTable: EC2.RouteTable(table), clientToken: input.clientToken)
        },
        .make(
            "DescribeRouteTables", mutating: false, supported: ["Filter", "RouteTableId", "NextToken", "MaxResults"]
        ) { (input: EC2.DescribeRouteTablesRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.routeTableIds, maxResults: input.maxResults, idParameter: "RouteTableId")
            // Each ID is looked up first so an unknown one fails with InvalidRouteTableID.NotFound.
            let known = try await context.each(input.routeTableIds ?? []) { RouteTableGet(routeTable: $0) }
                .map(\.routeTableId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "route-table-id")
            let page = try await context.run(
                RouteTableList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeRouteTablesResult(
                routeTables: page.routeTables.map(EC2.RouteTable.init), nextToken: page.nextToken)
        },
        .make("DeleteRouteTable", mutating: true, supported: ["RouteTableId"]) {
            (input: EC2.DeleteRouteTableRequest, context) throws(AWSError) in
            _ = try await context.run(RouteTableDelete(routeTable: input.routeTableId))
            return EC2Return()
        },
        .make("AssociateRouteTable", mutating: true, supported: ["RouteTableId", "SubnetId"]) {
            (input: EC2.AssociateRouteTableRequest, context) throws(AWSError) in
            guard let subnet = input.subnetId else {
                throw AWSError.missingParameter(
                    "The request must contain the parameter SubnetId (netctld associates route tables with subnets only)."
                )
            }
            let association = try await context.run(RouteTableAssociate(routeTable: input.routeTableId, subnet: subnet))
            return EC2.AssociateRouteTableResult(
                associationId: association.associationId, associationState: .associated)
        },
        .make("DisassociateRouteTable", mutating: true, supported: ["AssociationId"]) {
            (input: EC2.DisassociateRouteTableRequest, context) throws(AWSError) in
            _ = try await context.run(RouteTableDisassociate(associationId: input.associationId))
            return EC2Return()
        },
        .make("ReplaceRouteTableAssociation", mutating: true, supported: ["AssociationId", "RouteTableId"]) {
            (input: EC2.ReplaceRouteTableAssociationRequest, context) throws(AWSError) in
            let replaced = try await context.run(
                RouteTableReplaceAssociation(associationId: input.associationId, routeTable: input.routeTableId))
            return EC2.ReplaceRouteTableAssociationResult(
                newAssociationId: replaced.newAssociationId, associationState: .associated)
        },
        .make("CreateRoute", mutating: true, supported: routeMembers) {
            (input: EC2.CreateRouteRequest, context) throws(AWSError) in
            _ = try await context.run(input.routeCreate)
            return EC2.CreateRouteResult(return: true)
        },
        .make("ReplaceRoute", mutating: true, supported: routeMembers) {
            (input: EC2.ReplaceRouteRequest, context) throws(AWSError) in
            _ = try await context.run(input.routeReplace)
            return EC2Return()
        },
        .make(
            "DeleteRoute", mutating: true,
            supported: ["RouteTableId", "DestinationCidrBlock", "DestinationPrefixListId"]
        ) {
            (input: EC2.DeleteRouteRequest, context) throws(AWSError) in
            _ = try await context.run(
                RouteDelete(
                    routeTable: input.routeTableId, destinationCidrBlock: input.destinationCidrBlock,
                    destinationPrefixListId: input.destinationPrefixListId))
            return EC2Return()
        },
    ]

    /// What CreateRoute and ReplaceRoute honour: a destination and one of netctl's target kinds.
    private static let routeMembers: Set<String> = [
        "RouteTableId", "DestinationCidrBlock", "DestinationPrefixListId", "GatewayId", "NatGatewayId",
        "VpcPeeringConnectionId", "VpcEndpointId", "TransitGatewayId",
    ]
}
