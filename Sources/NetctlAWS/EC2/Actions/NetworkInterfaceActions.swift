import NetctlAPI
import NetctlCore

/// The network interfaces netctl's resources hold (instances, NAT gateways, interface endpoints, tasks, nodes),
/// and those a caller creates.
extension EC2Actions {
    static let networkInterfaces: [EC2Action] = [
        .make(
            "DescribeNetworkInterfaces", mutating: false,
            supported: ["NetworkInterfaceId", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeNetworkInterfacesRequest, context) throws(AWSError) in
            // AWS documents that IDs and MaxResults do not go together here.
            try DescribeByIds.check(
                ids: input.networkInterfaceIds, maxResults: input.maxResults, idParameter: "NetworkInterfaceId")
            // Each ID is looked up first so an unknown one fails with InvalidNetworkInterfaceID.NotFound.
            let known = try await context.each(input.networkInterfaceIds ?? []) {
                NetworkInterfaceGet(networkInterface: $0)
            }.map(\.networkInterfaceId)
            let filters = DescribeByIds.filters(try Filters.netctl(input.filters), ids: known, idFilter: "network-interface-id")
            let page = try await context.run(
                NetworkInterfaceList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            let addresses = try await elasticIps(of: page.networkInterfaces, context)
            let names = try await groupNames(page.networkInterfaces.flatMap(\.securityGroupIds), context)
            return EC2.DescribeNetworkInterfacesResult(
                networkInterfaces: page.networkInterfaces.map {
                    EC2.NetworkInterface($0, address: addresses[$0.networkInterfaceId], groupNames: names)
                },
                nextToken: page.nextToken)
        },
        .make(
            "CreateNetworkInterface", mutating: true,
            supported: ["SubnetId", "Description", "PrivateIpAddress", "SecurityGroupId", "TagSpecification", "ClientToken"],
            clientToken: { $0.clientToken }
        ) { (input: EC2.CreateNetworkInterfaceRequest, context) throws(AWSError) in
            let tags = try Tagging.tags(input.tagSpecifications, for: "network-interface")
            let interface = try await context.run(
                NetworkInterfaceCreate(
                    subnet: input.subnetId, privateIpAddress: input.privateIpAddress, groups: input.groups,
                    description: input.description, tags: tags))
            let names = try await groupNames(interface.securityGroupIds, context)
            return EC2.CreateNetworkInterfaceResult(
                networkInterface: EC2.NetworkInterface(interface, groupNames: names), clientToken: input.clientToken)
        },
        .make("DeleteNetworkInterface", mutating: true, supported: ["NetworkInterfaceId"]) {
            (input: EC2.DeleteNetworkInterfaceRequest, context) throws(AWSError) in
            _ = try await context.run(NetworkInterfaceDelete(networkInterface: input.networkInterfaceId))
            return EC2Return()
        },
        .make(
            "ModifyNetworkInterfaceAttribute", mutating: true,
            supported: ["NetworkInterfaceId", "SourceDestCheck", "SecurityGroupId"]
        ) { (input: EC2.ModifyNetworkInterfaceAttributeRequest, context) throws(AWSError) in
            // AWS changes one attribute per call.
            switch (input.sourceDestCheck?.value, input.groups) {
            case (let check?, nil):
                _ = try await context.run(
                    NetworkInterfaceModifyAttribute(networkInterface: input.networkInterfaceId, sourceDestCheck: check))
            case (nil, let groups?):
                _ = try await context.run(
                    NetworkInterfaceModifySecurityGroups(networkInterface: input.networkInterfaceId, groups: groups))
            case (.some, .some):
                throw AWSError(
                    code: "InvalidParameterCombination",
                    message: "Fields for multiple attribute types specified: sourceDestCheck, groupSet")
            case (nil, nil):
                throw AWSError.missingParameter(
                    "The request must contain exactly one attribute to change: SourceDestCheck.Value or SecurityGroupId.N.")
            }
            return EC2Return()
        },
    ]

    /// The Elastic IPs associated with the page's interfaces (NAT gateways' only), by interface:
    /// EC2 shows each as the interface's association.
    private static func elasticIps(of interfaces: [NetworkInterface], _ context: ActionContext) async throws(AWSError)
        -> [String: ElasticIp]
    {
        let ids = interfaces.filter { $0.interfaceType == "nat_gateway" }.map(\.networkInterfaceId)
        guard !ids.isEmpty else { return [:] }
        let associated = try await context.run(AddressList(filters: [Filter(name: "network-interface-id", values: ids)]))
        var byInterface: [String: ElasticIp] = [:]
        for address in associated.addresses {
            if let interface = address.networkInterfaceId { byInterface[interface] = address }
        }
        return byInterface
    }
}
