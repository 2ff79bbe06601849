import NetctlAPI
import NetctlCore

/// VPC endpoints and the services they reach, on netctl's endpoint rules.
extension EC2Actions {
    static let endpoints: [EC2Action] = [
        .make(
            "CreateVpcEndpoint", mutating: true,
            supported: [
                "VpcId", "ServiceName", "VpcEndpointType", "RouteTableId", "SubnetId", "SecurityGroupId",
                "PolicyDocument", "PrivateDnsEnabled", "IpAddressType", "ClientToken", "TagSpecification",
            ],
            clientToken: { $0.clientToken }
        ) { (input: EC2.CreateVpcEndpointRequest, context) throws(AWSError) in
            guard let service = input.serviceName else {
                throw AWSError.missingParameter("The request must contain the parameter ServiceName")
            }
            try ipv4Only(input.ipAddressType)
            let endpoint = try await context.run(
                EndpointCreate(
                    vpc: input.vpcId, service: service, type: try endpointType(input.vpcEndpointType),
                    routeTables: input.routeTableIds, subnets: input.subnetIds, securityGroups: input.securityGroupIds,
                    privateDnsEnabled: input.privateDnsEnabled, policy: input.policyDocument,
                    tags: try TagsIncludingName.from(input.tagSpecifications, for: "vpc-endpoint")))
            return EC2.CreateVpcEndpointResult(vpcEndpoint: EC2.VpcEndpoint(endpoint), clientToken: input.clientToken)
        },
        .make(
            "ModifyVpcEndpoint", mutating: true,
            supported: [
                "VpcEndpointId", "AddRouteTableId", "RemoveRouteTableId", "AddSubnetId", "RemoveSubnetId",
                "AddSecurityGroupId", "RemoveSecurityGroupId", "PolicyDocument", "ResetPolicy", "PrivateDnsEnabled",
                "IpAddressType",
            ]
        ) { (input: EC2.ModifyVpcEndpointRequest, context) throws(AWSError) in
            try ipv4Only(input.ipAddressType)
            if input.resetPolicy == true, input.policyDocument != nil {
                throw AWSError(
                    code: "InvalidParameterCombination",
                    message: "The parameter ResetPolicy cannot be used with the parameter PolicyDocument")
            }
            _ = try await context.run(
                EndpointModify(
                    endpoint: input.vpcEndpointId, addRouteTables: input.addRouteTableIds,
                    removeRouteTables: input.removeRouteTableIds, addSubnets: input.addSubnetIds,
                    removeSubnets: input.removeSubnetIds,
                    policy: input.resetPolicy == true ? ServiceCatalog.defaultPolicy : input.policyDocument,
                    addSecurityGroups: input.addSecurityGroupIds, removeSecurityGroups: input.removeSecurityGroupIds,
                    privateDnsEnabled: input.privateDnsEnabled))
            return EC2Return()
        },
        .make("DeleteVpcEndpoints", mutating: true, supported: ["VpcEndpointId"]) {
            (input: EC2.DeleteVpcEndpointsRequest, context) throws(AWSError) in
            // One change in the writer: each ID is deleted or refused on its own, as AWS answers.
            let result = try await context.run(EndpointDeleteMany(endpoints: input.vpcEndpointIds))
            return EC2.DeleteVpcEndpointsResult(
                unsuccessful: result.unsuccessful.map {
                    EC2.UnsuccessfulItem(
                        error: EC2.UnsuccessfulItemError(code: $0.code, message: $0.message), resourceId: $0.resourceId)
                })
        },
        .make("DescribeVpcEndpoints", mutating: false, supported: ["VpcEndpointId", "Filter", "MaxResults", "NextToken"]) {
            (input: EC2.DescribeVpcEndpointsRequest, context) throws(AWSError) in
            // Each ID is looked up first so an unknown one fails with InvalidVpcEndpointId.NotFound.
            let known = try await context.each(input.vpcEndpointIds ?? []) { EndpointGet(endpoint: $0) }.map(\.endpointId)
            let filters = DescribeByIds.filters(try Filters.netctl(input.filters), ids: known, idFilter: "vpc-endpoint-id")
            let page = try await context.run(
                EndpointList(maxResults: atMostAThousand(input.maxResults), nextToken: input.nextToken, filters: filters))
            return EC2.DescribeVpcEndpointsResult(
                vpcEndpoints: page.endpoints.map(EC2.VpcEndpoint.init), nextToken: page.nextToken)
        },
        .make("DescribeVpcEndpointServices", mutating: false, supported: ["ServiceName", "Filter", "MaxResults", "NextToken"]) {
            (input: EC2.DescribeVpcEndpointServicesRequest, context) throws(AWSError) in
            let page = try await context.run(
                EndpointServices(
                    serviceNames: input.serviceNames, filters: try Filters.netctl(input.filters),
                    maxResults: atMostAThousand(input.maxResults), nextToken: input.nextToken))
            return EC2.DescribeVpcEndpointServicesResult(
                serviceNames: page.serviceNames,
                serviceDetails: page.serviceDetails.map { EC2.ServiceDetail($0, region: context.region) },
                nextToken: page.nextToken)
        },
    ]

    /// AWS's `VpcEndpointType`, Gateway when absent (AWS's default, whatever the service).
    private static func endpointType(_ type: String?) throws(AWSError) -> String {
        switch (type ?? "Gateway").lowercased() {
        case "gateway": return Endpoint.gateway
        case "interface": return Endpoint.interface
        case "gatewayloadbalancer", "resource", "servicenetwork":
            throw AWSError(
                code: "UnsupportedOperation",
                message: "netctld models Gateway and Interface endpoints, not \(type ?? "")-type endpoints.")
        default:
            throw AWSError.invalidParameterValue(
                "Value (\(type ?? "")) for parameter VpcEndpointType is invalid. Expected Gateway or Interface.")
        }
    }

    private static func ipv4Only(_ type: String?) throws(AWSError) {
        guard let type, type != "ipv4" else { return }
        throw AWSError(code: "UnsupportedOperation", message: "netctld models IPv4 only: IpAddressType '\(type)' is not available.")
    }

    /// "If the value is greater than 1,000, we return only 1,000 items" (AWS's words for these actions).
    private static func atMostAThousand(_ maxResults: Int?) -> Int? { maxResults.map { min($0, 1000) } }
}
