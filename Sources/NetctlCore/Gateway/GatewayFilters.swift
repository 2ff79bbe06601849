import NetctlAPI

/// EC2's DescribeInternetGateways filters, by their AWS names.
public enum InternetGatewayFilter {
    public static let table = FilterTable<InternetGateway>(
        [
            "internet-gateway-id": { [$0.internetGatewayId] },
            "attachment.vpc-id": { $0.vpcId.map { [$0] } ?? [] },
            // AWS reports an attachment that is in place as `available`, and none once detached.
            "attachment.state": { $0.vpcId == nil ? [] : ["available"] },
            "owner-id": { [$0.accountId] },
        ],
        tags: { $0.tags })
}

/// EC2's DescribeNatGateways filters, by their AWS names.
public enum NatGatewayFilter {
    public static let table = FilterTable<NatGateway>(
        [
            "nat-gateway-id": { [$0.natGatewayId] },
            "state": { [$0.state.rawValue] },
            "subnet-id": { [$0.subnetId] },
            "vpc-id": { [$0.vpcId] },
        ],
        tags: { $0.tags })
}
