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
            return EC2.DescribeNetworkInterfacesResult(
                networkInterfaces: page.networkInterfaces.map(EC2.NetworkInterface.init), nextToken: page.nextToken)
        }
    ]
}
