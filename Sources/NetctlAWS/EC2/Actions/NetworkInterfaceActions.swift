import NetctlAPI
import NetctlCore

/// The network interfaces netctl's resources hold (NAT gateways, interface endpoints, tasks, nodes).
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
            return EC2.DescribeNetworkInterfacesResult(
                networkInterfaces: page.networkInterfaces.map { EC2.NetworkInterface($0, address: addresses[$0.networkInterfaceId]) },
                nextToken: page.nextToken)
        }
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
