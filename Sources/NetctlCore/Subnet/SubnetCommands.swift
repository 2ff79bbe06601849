import NetctlAPI

extension State {
    public static let reservedAddressesPerSubnet = 5
    public static let availabilityZoneLetters = "abcdef"

    public mutating func createSubnet(_ request: SubnetCreate, _ context: inout CommandContext) throws(NetctlError)
        -> Subnet
    {
        let vpc = try self.vpc(request.vpc, in: context.scope)
        let cidr = try Validation.cidr(request.cidrBlock, parameter: "cidrBlock")
        guard VpcCidrRules.allowedPrefixLengths.contains(cidr.prefixLength) else {
            throw NetctlError(
                .invalidSubnetRange,
                "The CIDR '\(request.cidrBlock)' is invalid: a subnet must be between /16 and /28. "
                    + "Use a prefix length from 16 to 28.")
        }
        let vpcBlocks = vpc.cidrBlocks.compactMap { IPv4CIDR($0) }
        guard vpcBlocks.contains(where: { $0.contains(cidr) }) else {
            throw NetctlError(
                .invalidSubnetRange,
                "The CIDR '\(cidr)' is invalid for \(vpc.vpcId): it is not inside any of the VPC's blocks "
                    + "(\(vpc.cidrBlocks.joined(separator: ", "))).")
        }
        let siblings = subnets.children(of: vpc.vpcId)
        if let clash = siblings.first(where: { IPv4CIDR($0.cidrBlock)?.overlaps(cidr) ?? false }) {
            throw NetctlError(
                .subnetConflict,
                "The CIDR '\(cidr)' conflicts with another subnet: \(clash.subnetId) (\(clash.cidrBlock)). "
                    + "Choose a block that does not overlap the VPC's other subnets.")
        }
        let zone = try Self.availabilityZone(
            request.availabilityZone, zoneId: request.availabilityZoneId, region: context.region)
        guard siblings.count < context.quotas[.subnetsPerVpc] else {
            throw context.quotas.exceeded(
                .subnetsPerVpc, code: .subnetLimitExceeded, "\(vpc.vpcId) already has \(siblings.count) subnets")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.subnet)
        let tags = try Validation.tags(request.tags, name: name)
        let subnet = Subnet(
            subnetId: newID(for: Subnet.self, prefix: IDPrefix.subnet, &context), vpcId: vpc.vpcId, name: name,
            accountId: vpc.accountId, region: vpc.region, cidrBlock: cidr.description, availabilityZone: zone,
            availableIpAddressCount: Int(cidr.size) - Self.reservedAddressesPerSubnet,
            networkAclId: defaultNetworkAcl(ofVpc: vpc.vpcId)?.networkAclId, tags: tags, createdAt: context.now)
        record(.create, subnet, at: context.now)
        associateWithDefaultNetworkAcl(subnet, context)
        return subnet
    }

    public mutating func deleteSubnet(_ request: SubnetDelete, _ context: inout CommandContext) throws(NetctlError)
        -> Subnet
    {
        var subnet = try self.subnet(request.subnet, in: context.scope)
        let interfaces = networkInterfaces.children(of: subnet.subnetId)
        guard interfaces.isEmpty else {
            let holders = interfaces.map { "\($0.networkInterfaceId) (\($0.attachedTo ?? $0.description))" }
            throw NetctlError(
                .dependencyViolation,
                "The subnet '\(subnet.subnetId)' has dependencies and cannot be deleted: network interfaces "
                    + "\(holders.joined(separator: ", ")). Delete their owners first.")
        }
        for var table in routeTables.children(of: subnet.vpcId)
        where table.associations.contains(where: { $0.subnetId == subnet.subnetId }) {
            table.associations.removeAll { $0.subnetId == subnet.subnetId }
            record(.disassociate, table, at: context.now)
        }
        removeNetworkAclAssociation(ofSubnet: subnet.subnetId, context)
        subnet.state = .deleted
        delete(subnet)
        emit(.delete, subnet, at: context.now)
        return subnet
    }

    public mutating func modifySubnetAttribute(_ request: SubnetModifyAttribute, _ context: inout CommandContext)
        throws(NetctlError) -> Subnet
    {
        var subnet = try self.subnet(request.subnet, in: context.scope)
        guard let mapPublicIpOnLaunch = request.mapPublicIpOnLaunch else {
            throw NetctlError(.missingParameter, "Pass mapPublicIpOnLaunch: the attribute to change.")
        }
        subnet.mapPublicIpOnLaunch = mapPublicIpOnLaunch
        record(.modifyAttribute, subnet, at: context.now)
        return subnet
    }

    public func listSubnets(_ request: SubnetList, _ context: QueryContext) throws(NetctlError) -> SubnetListResponse {
        let filters = request.filters ?? []
        try SubnetFilter.table.validate(filters)
        let items = try listed(\.subnets, ofVpc: request.vpc, context.scope).filter {
            SubnetFilter.table.matches($0, filters)
        }
        let page = try Pagination.page(items, maxResults: request.maxResults, nextToken: request.nextToken)
        return SubnetListResponse(subnets: page.items, nextToken: page.nextToken)
    }

    /// `<region>a` to `<region>f`, named or by zone ID; the default is the region's first zone.
    static func availabilityZone(_ requested: String?, zoneId: String?, region: String) throws(NetctlError) -> String {
        let zones = AvailabilityZones.names(in: region)
        switch (requested, zoneId) {
        case (nil, nil): return zones[0]
        case (let requested?, nil):
            guard zones.contains(requested) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Value (\(requested)) for parameter availabilityZone is invalid. Subnets can currently only be "
                        + "created in the following availability zones: \(zones.joined(separator: ", ")).")
            }
            return requested
        case (nil, let zoneId?):
            guard let zone = AvailabilityZones.name(ofZoneId: zoneId, region: region) else {
                let ids = zones.compactMap { AvailabilityZones.id(ofZone: $0, region: region) }
                throw NetctlError(
                    .invalidParameterValue,
                    "Value (\(zoneId)) for parameter availabilityZoneId is invalid. Subnets can currently only be "
                        + "created in the following availability zone IDs: \(ids.joined(separator: ", ")).")
            }
            return zone
        case (.some, .some):
            throw NetctlError(
                .invalidParameterCombination, "Pass either availabilityZone or availabilityZoneId, not both.")
        }
    }

    /// The first address of the subnet that is neither reserved (first four, last one) nor held by an
    /// interface. Throws `InsufficientFreeAddressesInSubnet` when none is left.
    func freeAddress(in subnet: Subnet) throws(NetctlError) -> IPv4Address {
        guard let cidr = IPv4CIDR(subnet.cidrBlock) else {
            throw NetctlError(.internalError, "Subnet \(subnet.subnetId) has an unreadable CIDR \(subnet.cidrBlock).")
        }
        let used = Set(networkInterfaces.children(of: subnet.subnetId).compactMap { IPv4Address($0.privateIpAddress) })
        var candidate = cidr.first.value + 4
        while candidate < cidr.last.value {
            if !used.contains(IPv4Address(candidate)) { return IPv4Address(candidate) }
            candidate += 1
        }
        throw NetctlError(
            .insufficientFreeAddresses,
            "Subnet \(subnet.subnetId) (\(subnet.cidrBlock)) has no free addresses left. Use a larger subnet or free "
                + "an address by deleting an interface in it.")
    }

    /// Creates an interface with `address` (checked by `requestedAddress`) or the subnet's next free
    /// one, and updates the subnet's count. `configure` fills what the owner's kind adds (groups, an
    /// attachment, a public address) before the interface is recorded, so its one event shows them.
    mutating func createNetworkInterface(
        in subnet: Subnet, interfaceType: String, description: String, attachedTo: String?,
        address requested: IPv4Address? = nil, _ context: inout CommandContext,
        configure: (inout NetworkInterface) throws(NetctlError) -> Void = { _ throws(NetctlError) in }
    ) throws(NetctlError) -> NetworkInterface {
        let address: IPv4Address
        if let requested { address = requested } else { address = try freeAddress(in: subnet) }
        var interface = NetworkInterface(
            networkInterfaceId: newID(for: NetworkInterface.self, prefix: IDPrefix.networkInterface, &context),
            subnetId: subnet.subnetId, vpcId: subnet.vpcId, accountId: subnet.accountId, region: subnet.region,
            availabilityZone: subnet.availabilityZone, privateIpAddress: address.description,
            interfaceType: interfaceType, description: description, attachedTo: attachedTo, createdAt: context.now)
        try configure(&interface)
        record(.create, interface, at: context.now)
        try adjustAvailableAddresses(subnetId: subnet.subnetId, by: -1, context)
        return interface
    }

    mutating func deleteNetworkInterface(_ interfaceId: String, _ context: CommandContext) throws(NetctlError) {
        guard let interface = networkInterfaces[interfaceId] else { return }
        recordDeletion(interface, at: context.now)
        try adjustAvailableAddresses(subnetId: interface.subnetId, by: 1, context)
    }

    private mutating func adjustAvailableAddresses(subnetId: String, by delta: Int, _ context: CommandContext)
        throws(NetctlError)
    {
        guard var subnet = subnets[subnetId] else {
            throw NetctlError(.internalError, "Interface refers to missing subnet \(subnetId).")
        }
        subnet.availableIpAddressCount += delta
        save(subnet)
    }
}
