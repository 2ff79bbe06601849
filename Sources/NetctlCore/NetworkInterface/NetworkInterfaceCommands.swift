import NetctlAPI

extension State {
    /// A private address a caller asked for: inside the subnet, not one of the five AWS reserves, and
    /// not held by another interface.
    func requestedAddress(_ text: String, in subnet: Subnet) throws(NetctlError) -> IPv4Address {
        guard let address = IPv4Address(text), address.description == text else {
            throw NetctlError(.invalidParameterValue, "Invalid value '\(text)' for privateIpAddress: not an IPv4 address.")
        }
        guard let cidr = IPv4CIDR(subnet.cidrBlock) else {
            throw NetctlError(.internalError, "Subnet \(subnet.subnetId) has an unreadable CIDR \(subnet.cidrBlock).")
        }
        guard cidr.contains(address) else {
            throw NetctlError(
                .invalidParameterValue,
                "Address does not fall within the subnet's address range: \(text) is not in \(subnet.subnetId) "
                    + "(\(subnet.cidrBlock)).")
        }
        guard address.value >= cidr.first.value + 4, address != cidr.last else {
            throw NetctlError(
                .invalidParameterValue,
                "Address is in subnet's reserved address range: AWS keeps the first four addresses and the last "
                    + "of \(subnet.cidrBlock). Pick another address.")
        }
        if let holder = networkInterfaces.children(of: subnet.subnetId).first(where: { $0.privateIpAddress == text }) {
            throw NetctlError(
                .ipAddressInUse,
                "Address \(text) is in use (by \(holder.networkInterfaceId), \(holder.attachedTo ?? "unattached")). "
                    + "Pick another address, or leave it out for the subnet's next free one.")
        }
        return address
    }

    /// Whether an Elastic IP or an interface's auto-assigned address holds `publicIp`: public
    /// addresses are unique across every account and region.
    func publicAddressTaken(_ publicIp: String) -> Bool {
        let key = ElasticIp.publicIpKey(publicIp)
        return elasticIps.childCount(of: key) > 0 || networkInterfaces.childCount(of: key) > 0
    }

    /// The lowest free address of netctld's public pool, for an instance's auto-assigned address.
    func freePublicAddress() throws(NetctlError) -> String {
        guard let address = AddressPool.firstFree(taken: publicAddressTaken) else {
            throw NetctlError(
                .insufficientAddressCapacity,
                "netctld's pool of public addresses (\(AddressPool.capacity) shared by every account and region) is "
                    + "used up. Release an Elastic IP or stop an instance with a public address first.")
        }
        return address
    }

    /// The most security groups one interface may have (AWS's default, adjustable up to 16 there).
    public static let securityGroupsPerInterface = 5

    /// The security groups named for an interface of `vpcId` (IDs, or names of the VPC's groups), as
    /// their IDs; the VPC's default group when none is named.
    func interfaceSecurityGroupIds(_ references: [String]?, vpcId: String, subnetId: String? = nil, _ scope: Scope)
        throws(NetctlError) -> [String]
    {
        let ids = try securityGroupIds(references, forVpc: vpcId, subnet: subnetId, in: scope, allowNames: true)
        guard ids.count <= Self.securityGroupsPerInterface else {
            throw NetctlError(
                .securityGroupsPerInstanceLimitExceeded,
                "The maximum number of security groups per interface has been reached: \(ids.count) given, at most "
                    + "\(Self.securityGroupsPerInterface). Merge rules into fewer groups.")
        }
        return ids
    }

    public mutating func createStandaloneInterface(_ request: NetworkInterfaceCreate, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkInterface
    {
        let subnet = try self.subnet(request.subnet, in: context.scope)
        let address = try request.privateIpAddress.map { text throws(NetctlError) in
            try requestedAddress(text, in: subnet)
        }
        let groups = try interfaceSecurityGroupIds(request.groups, vpcId: subnet.vpcId, subnetId: subnet.subnetId, context.scope)
        let description = request.description ?? ""
        guard description.count <= 255 else {
            throw NetctlError(.invalidParameterValue, "description must be at most 255 characters.")
        }
        let tags = try Validation.tags(request.tags, name: nil)
        let interfaces = networkInterfaces.countInScope(context.scope)
        guard interfaces < context.quotas[.networkInterfacesPerRegion] else {
            throw context.quotas.exceeded(
                .networkInterfacesPerRegion, code: .networkInterfaceLimitExceeded,
                "The account has \(interfaces) network interfaces in \(context.region)")
        }
        return try createNetworkInterface(
            in: subnet, interfaceType: "instance", description: description, attachedTo: nil, address: address,
            &context
        ) { interface throws(NetctlError) in
            interface.status = "available"
            interface.securityGroupIds = groups
            interface.tags = tags
        }
    }

    public mutating func deleteStandaloneInterface(_ request: NetworkInterfaceDelete, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkInterface
    {
        var interface = try networkInterface(request.networkInterface, in: context.scope)
        if let owner = interface.attachment?.instanceId ?? interface.attachedTo {
            throw NetctlError(
                .networkInterfaceInUse,
                "The network interface '\(interface.networkInterfaceId)' is currently in use by \(owner). "
                    + (interface.isRequesterManaged
                        ? "It goes when its owner is deleted." : "Terminate the instance, or detach the interface first."))
        }
        try deleteNetworkInterface(interface.networkInterfaceId, context)
        interface.status = "deleted"
        return interface
    }

    public mutating func modifyInterfaceAttribute(
        _ request: NetworkInterfaceModifyAttribute, _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInterface {
        var interface = try networkInterface(request.networkInterface, in: context.scope)
        try requireOwnInterface(interface)
        guard interface.sourceDestCheck != request.sourceDestCheck else { return interface }
        interface.sourceDestCheck = request.sourceDestCheck
        record(.modifyAttribute, interface, at: context.now)
        return interface
    }

    /// An instance's primary interface carries the instance's groups: the instance follows.
    public mutating func modifyInterfaceSecurityGroups(
        _ request: NetworkInterfaceModifySecurityGroups, _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInterface {
        var interface = try networkInterface(request.networkInterface, in: context.scope)
        try requireOwnInterface(interface)
        guard !request.groups.isEmpty else {
            throw NetctlError(
                .missingParameter, "Pass at least one security group: an interface always has one or more.")
        }
        let groups = try interfaceSecurityGroupIds(request.groups, vpcId: interface.vpcId, context.scope)
        guard interface.securityGroupIds != groups else { return interface }
        interface.securityGroupIds = groups
        record(.modify, interface, at: context.now)
        if let instanceId = interface.attachment?.instanceId, var instance = instances[instanceId],
            instance.networkInterfaceId == interface.networkInterfaceId
        {
            instance.securityGroupIds = groups
            record(.modify, instance, at: context.now)
        }
        return interface
    }

    /// A service's interfaces follow its groups (an endpoint's, changed by `endpoint.modify`).
    mutating func setInterfaceGroups(_ groups: [String], of interfaceIds: [String], _ context: CommandContext) {
        for id in interfaceIds {
            guard var interface = networkInterfaces[id], interface.securityGroupIds != groups else { continue }
            interface.securityGroupIds = groups
            record(.modify, interface, at: context.now)
        }
    }

    /// Requester-managed interfaces belong to the service that made them: AWS refuses changes to them.
    func requireOwnInterface(_ interface: NetworkInterface) throws(NetctlError) {
        guard !interface.isRequesterManaged else {
            throw NetctlError(
                .operationNotPermitted,
                "The network interface '\(interface.networkInterfaceId)' is requester-managed "
                    + "(\(interface.interfaceType) of \(interface.attachedTo ?? "an AWS service")): change its owner "
                    + "instead.")
        }
    }
}
