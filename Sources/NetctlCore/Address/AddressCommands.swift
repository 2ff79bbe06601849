import NetctlAPI

extension State {
    public mutating func allocateAddress(_ request: AddressAllocate, _ context: inout CommandContext)
        throws(NetctlError) -> ElasticIp
    {
        let scope = context.scope
        if let group = request.networkBorderGroup, group != scope.region {
            throw NetctlError(
                .invalidParameterValue,
                "The network border group '\(group)' is invalid: addresses in \(scope.region) come from the border "
                    + "group '\(scope.region)'.")
        }
        let count = elasticIps.countInScope(scope)
        guard count < context.quotas[.elasticIpsPerRegion] else {
            throw context.quotas.exceeded(
                .elasticIpsPerRegion, code: .addressLimitExceeded,
                "The maximum number of addresses has been reached: \(scope) already has \(count)")
        }
        let name = try Validation.name(request.tags?["Name"], idPrefix: IDPrefix.elasticIp)
        if let name, IPv4Address(name) != nil {
            throw NetctlError(
                .invalidParameterValue,
                "Name '\(name)' is an IPv4 address and would be mistaken for an address's public IP. Choose another name.")
        }
        let tags = try Validation.tags(request.tags, name: nil)
        guard let publicIp = AddressPool.firstFree(taken: publicAddressTaken) else {
            throw NetctlError(
                .insufficientAddressCapacity,
                "netctld's pool of public addresses (\(AddressPool.blocks.map(\.description).joined(separator: ", ")): "
                    + "\(AddressPool.capacity) addresses shared by every account and region) is used up. Release an "
                    + "address first.")
        }
        let address = ElasticIp(
            allocationId: newID(for: ElasticIp.self, prefix: IDPrefix.elasticIp, &context), publicIp: publicIp,
            accountId: scope.accountId, region: scope.region, networkBorderGroup: scope.region, tags: tags,
            createdAt: context.now)
        record(.create, address, at: context.now)
        return address
    }

    public mutating func releaseAddress(_ request: AddressRelease, _ context: inout CommandContext)
        throws(NetctlError) -> ElasticIp
    {
        let address = try elasticIp(request.address, in: context.scope)
        // AWS answers a wrong border group as if the address were not there.
        if let group = request.networkBorderGroup, group != address.networkBorderGroup {
            throw NetctlError(
                .addressNotFound,
                "Address \(address.allocationId) not found in the network border group '\(group)': its group is "
                    + "'\(address.networkBorderGroup)'.")
        }
        if let holder = address.natGatewayId {
            throw NetctlError(
                .ipAddressInUse,
                "The address \(address.publicIp) (\(address.allocationId)) is in use: NAT gateway \(holder) holds it "
                    + "(\(address.associationId ?? "associated")). Delete the NAT gateway first; that frees the address.")
        }
        recordDeletion(address, at: context.now)
        return address
    }

    public func listAddresses(_ request: AddressList, _ context: QueryContext) throws(NetctlError)
        -> AddressListResponse
    {
        let filters = request.filters ?? []
        try ElasticIpFilter.table.validate(filters)
        let matching = elasticIps.inScope(context.scope).filter { ElasticIpFilter.table.matches($0, filters) }
        let page = try Pagination.page(matching, maxResults: request.maxResults, nextToken: request.nextToken)
        return AddressListResponse(addresses: page.items, nextToken: page.nextToken)
    }

    /// An address by allocation ID, public IP or name. An unknown public IP is `InvalidAddress.NotFound`
    /// and an unknown allocation ID `InvalidAllocationID.NotFound`, as AWS answers each.
    public func elasticIp(_ reference: String, in scope: Scope) throws(NetctlError) -> ElasticIp {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard IPv4Address(trimmed) != nil else {
            return try resolve(
                reference, in: scope, prefix: IDPrefix.elasticIp, code: .allocationNotFound, noun: "address",
                listHint: "address.list")
        }
        for id in elasticIps.childIds(of: ElasticIp.publicIpKey(trimmed)) {
            if let found = elasticIps[id], found.scope == scope { return found }
        }
        throw NetctlError(
            .addressNotFound, "Address '\(trimmed)' not found in \(scope). List the addresses with `address.list`.")
    }

    /// Gives a NAT gateway its address: the association AWS manages for it, which only deleting the
    /// gateway ends.
    mutating func associate(_ address: ElasticIp, with nat: inout NatGateway, _ context: inout CommandContext) {
        var address = address
        address.associationId = context.ids.make(IDPrefix.elasticIpAssociation)
        address.natGatewayId = nat.natGatewayId
        address.networkInterfaceId = nat.networkInterfaceId
        address.privateIpAddress = nat.privateIpAddress
        record(.associate, address, at: context.now)
        nat.allocationId = address.allocationId
        nat.publicIp = address.publicIp
        nat.associationId = address.associationId
    }

    /// Frees the address a deleted NAT gateway held; it stays allocated to the account.
    mutating func disassociateAddress(of nat: NatGateway, _ context: CommandContext) {
        guard let allocationId = nat.allocationId, var address = elasticIps[allocationId],
            address.natGatewayId == nat.natGatewayId
        else { return }
        address.associationId = nil
        address.natGatewayId = nil
        address.networkInterfaceId = nil
        address.privateIpAddress = nil
        record(.disassociate, address, at: context.now)
    }
}
