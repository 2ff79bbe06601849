import NetctlAPI

/// EC2's DescribeVpcEndpoints filters, by their AWS names.
public enum EndpointFilter {
    public static let table = FilterTable<Endpoint>(
        [
            "vpc-endpoint-id": { [$0.endpointId] },
            "vpc-id": { [$0.vpcId] },
            "service-name": { [$0.serviceName] },
            "service-region": { [$0.region] },
            "vpc-endpoint-state": { [$0.state.rawValue] },
            // AWS's spelling (`Gateway`), and the socket's own (`gateway`) for callers of endpoint.list.
            "vpc-endpoint-type": { [Endpoint.awsTypeName($0.type), $0.type] },
            // netctl models IPv4 only.
            "ip-address-type": { _ in ["ipv4"] },
        ],
        tags: { $0.tags })
}

/// EC2's DescribeVpcEndpointServices filters over the service catalog.
public enum EndpointServiceFilter {
    public static let table = FilterTable<EndpointService>(
        [
            "service-name": { [$0.serviceName] },
            "service-type": { $0.serviceTypes.map(Endpoint.awsTypeName) + $0.serviceTypes },
            "service-region": { [ServiceCatalog.region(ofService: $0.serviceName)] },
            "owner": { _ in [ServiceCatalog.owner] },
            "supported-ip-address-types": { _ in ["ipv4"] },
        ],
        tags: { _ in [:] })
}

/// EC2's DescribeManagedPrefixLists (and DescribePrefixLists) filters.
public enum PrefixListFilter {
    public static let table = FilterTable<PrefixList>(
        [
            "prefix-list-id": { [$0.prefixListId] },
            "prefix-list-name": { [$0.prefixListName] },
            "owner-id": { _ in [ServiceCatalog.prefixListOwner] },
        ],
        tags: { _ in [:] })
}

extension Endpoint {
    /// `Gateway` / `Interface`: how EC2 spells an endpoint type on its wire and in its filters.
    public static func awsTypeName(_ type: String) -> String {
        type.prefix(1).uppercased() + type.dropFirst()
    }
}
