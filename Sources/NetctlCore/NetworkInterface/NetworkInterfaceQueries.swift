import NetctlAPI

extension State {
    public func networkInterface(_ reference: String, in scope: Scope) throws(NetctlError) -> NetworkInterface {
        try resolve(
            reference, in: scope, prefix: IDPrefix.networkInterface, code: .networkInterfaceNotFound,
            noun: "networkInterface", listHint: "the networkInterface.list method")
    }

    public func listNetworkInterfaces(_ request: NetworkInterfaceList, _ context: QueryContext) throws(NetctlError)
        -> NetworkInterfaceListResponse
    {
        let filters = request.filters ?? []
        try NetworkInterfaceFilter.table.validate(filters)
        var items: [NetworkInterface]
        if let reference = request.subnet {
            items = networkInterfaces.children(of: try subnet(reference, in: context.scope).subnetId)
        } else if let reference = request.vpc {
            // Interfaces are indexed by subnet: a VPC's are its subnets'.
            items = subnets.children(of: try vpc(reference, in: context.scope).vpcId).flatMap {
                networkInterfaces.children(of: $0.subnetId)
            }
        } else {
            items = networkInterfaces.inScope(context.scope)
        }
        if request.subnet != nil, let reference = request.vpc {
            let vpcId = try vpc(reference, in: context.scope).vpcId
            items = items.filter { $0.vpcId == vpcId }
        }
        let page = try Pagination.page(
            items.filter { NetworkInterfaceFilter.table.matches($0, filters) }, maxResults: request.maxResults,
            nextToken: request.nextToken)
        return NetworkInterfaceListResponse(networkInterfaces: page.items, nextToken: page.nextToken)
    }
}

extension NetworkInterface {
    /// Created and kept by an AWS service for one of its own resources (a NAT gateway, an endpoint,
    /// an awsvpc task, an EKS control plane) rather than by the account for an instance: EC2 shows
    /// such interfaces as requester-managed, and their owners cannot change them.
    public var isRequesterManaged: Bool { !["instance", "eks_node"].contains(interfaceType) }

    /// EC2's `InterfaceType` of the interface's kind: instances', tasks' and EKS's interfaces are
    /// plain `interface`s on EC2's wire.
    public var awsInterfaceType: String {
        switch interfaceType {
        case "instance", "ecs_task", "eks_control_plane", "eks_node", "load_balancer": "interface"
        default: interfaceType
        }
    }
}

/// EC2's DescribeNetworkInterfaces filters, by their AWS names.
public enum NetworkInterfaceFilter {
    public static let table = FilterTable<NetworkInterface>(
        [
            "network-interface-id": { [$0.networkInterfaceId] },
            "subnet-id": { [$0.subnetId] },
            "vpc-id": { [$0.vpcId] },
            "availability-zone": { [$0.availabilityZone] },
            "private-ip-address": { [$0.privateIpAddress] },
            "addresses.private-ip-address": { [$0.privateIpAddress] },
            "addresses.primary": { _ in ["true"] },
            // EC2's value and netctl's kind both match: `interface` and `ecs_task` find a task's.
            "interface-type": { [$0.awsInterfaceType, $0.interfaceType] },
            "group-id": { $0.securityGroupIds },
            "attachment.instance-id": { $0.attachment.map { [$0.instanceId] } ?? [] },
            "attachment.attachment-id": { $0.attachment.map { [$0.attachmentId] } ?? [] },
            "association.public-ip": { $0.publicIpAddress.map { [$0] } ?? [] },
            "status": { [$0.status] },
            "owner-id": { [$0.accountId] },
            "description": { [$0.description] },
            "requester-managed": { [$0.isRequesterManaged ? "true" : "false"] },
        ],
        tags: { $0.tags })
}
