import NetctlAPI

extension State {
    public mutating func createNetworkAcl(_ request: NetworkAclCreate, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkAcl
    {
        let vpc = try self.vpc(request.vpc, in: context.scope)
        let existing = networkAcls.childCount(of: vpc.vpcId)
        guard existing < context.quotas[.networkAclsPerVpc] else {
            throw context.quotas.exceeded(
                .networkAclsPerVpc, code: .networkAclLimitExceeded,
                "The maximum number of network ACLs has been reached: \(vpc.vpcId) already has \(existing)")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.networkAcl)
        let tags = try Validation.tags(request.tags, name: name)
        let acl = NetworkAcl(
            networkAclId: newID(for: NetworkAcl.self, prefix: IDPrefix.networkAcl, &context), vpcId: vpc.vpcId,
            name: name, accountId: vpc.accountId, region: vpc.region, isDefault: false,
            entries: NetworkAclRules.finalDenies, tags: tags, createdAt: context.now)
        record(.create, acl, at: context.now)
        return acl
    }

    public mutating func deleteNetworkAcl(_ request: NetworkAclDelete, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkAcl
    {
        let acl = try networkAcl(request.networkAcl, in: context.scope)
        guard !acl.isDefault else {
            throw NetctlError(
                .networkAclCannotDelete,
                "Cannot delete default network ACL \(acl.networkAclId): it is the default ACL of \(acl.vpcId) and "
                    + "is deleted with its VPC.")
        }
        guard acl.associations.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "The networkAcl '\(acl.networkAclId)' has dependencies and cannot be deleted: subnets "
                    + "\(acl.associations.map(\.subnetId).joined(separator: ", ")) use it. Associate them with "
                    + "another ACL first (`netctl nacl associate`).")
        }
        recordDeletion(acl, at: context.now)
        return acl
    }

    public func listNetworkAcls(_ request: NetworkAclList, _ context: QueryContext) throws(NetctlError)
        -> NetworkAclListResponse
    {
        let filters = request.filters ?? []
        try NetworkAclFilter.table.validate(filters)
        let items = try listed(\.networkAcls, ofVpc: request.vpc, context.scope).filter {
            NetworkAclFilter.table.matches($0, filters)
        }
        // DescribeNetworkAcls pages 5 to 100 at a time.
        let page = try Pagination.page(
            items, maxResults: request.maxResults, nextToken: request.nextToken, range: 5...100)
        return NetworkAclListResponse(networkAcls: page.items, nextToken: page.nextToken)
    }

    public mutating func createNetworkAclEntry(_ request: NetworkAclCreateEntry, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkAcl
    {
        var acl = try networkAcl(request.networkAcl, in: context.scope)
        let entry = try NetworkAclRules.entry(request)
        guard !acl.entries.contains(where: { $0.egress == entry.egress && $0.ruleNumber == entry.ruleNumber }) else {
            throw NetctlError(
                .networkAclEntryAlreadyExists,
                "The network acl entry identified by \(entry.ruleNumber) already exists. Replace it with "
                    + "networkAcl.replaceEntry, or choose another rule number.")
        }
        // The quota counts the `*` deny, which every direction has.
        let inDirection = acl.entries.filter { $0.egress == entry.egress }.count
        guard inDirection < context.quotas[.rulesPerNetworkAcl] else {
            throw context.quotas.exceeded(
                .rulesPerNetworkAcl, code: .networkAclEntryLimitExceeded,
                "The maximum number of network acl entries has been reached: \(acl.networkAclId) has "
                    + "\(inDirection) \(entry.egress ? "egress" : "ingress") rules")
        }
        acl.entries = NetworkAclRules.sorted(acl.entries + [entry])
        record(.update, acl, at: context.now)
        return acl
    }

    public mutating func replaceNetworkAclEntry(_ request: NetworkAclReplaceEntry, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkAcl
    {
        var acl = try networkAcl(request.networkAcl, in: context.scope)
        let entry = try NetworkAclRules.entry(request)
        let index = try entryIndex(in: acl, ruleNumber: entry.ruleNumber, egress: entry.egress)
        acl.entries[index] = entry
        record(.update, acl, at: context.now)
        return acl
    }

    public mutating func deleteNetworkAclEntry(_ request: NetworkAclDeleteEntry, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkAcl
    {
        var acl = try networkAcl(request.networkAcl, in: context.scope)
        try NetworkAclRules.checkRuleNumber(request.ruleNumber)
        let index = try entryIndex(in: acl, ruleNumber: request.ruleNumber, egress: request.egress)
        acl.entries.remove(at: index)
        record(.update, acl, at: context.now)
        return acl
    }

    /// Moves a subnet to `request.networkAcl` under a new association ID (as AWS does even when the
    /// subnet already uses that ACL), and records which ACL the subnet now uses.
    public mutating func associateNetworkAcl(_ request: NetworkAclAssociate, _ context: inout CommandContext)
        throws(NetctlError) -> NetworkAclAssociateResponse
    {
        let target = try networkAcl(request.networkAcl, in: context.scope)
        let subnet: Subnet
        switch (request.subnet, request.associationId) {
        case (let reference?, nil):
            subnet = try self.subnet(reference, in: context.scope)
        case (nil, let associationId?):
            subnet = try networkAclAssociation(associationId, in: context.scope).subnet
        default:
            throw NetctlError(.invalidParameterCombination, "Pass exactly one of subnet and associationId.")
        }
        guard subnet.vpcId == target.vpcId else {
            throw NetctlError(
                .invalidParameterValue,
                "Network ACL \(target.networkAclId) (\(target.vpcId)) and subnet \(subnet.subnetId) "
                    + "(\(subnet.vpcId)) belong to different networks. Choose an ACL of \(subnet.vpcId).")
        }
        let newId = context.ids.make(IDPrefix.networkAclAssociation)
        if var current = networkAcl(ofSubnet: subnet.subnetId), current.networkAclId != target.networkAclId {
            current.associations.removeAll { $0.subnetId == subnet.subnetId }
            record(.disassociate, current, at: context.now)
        }
        var acl = networkAcls[target.networkAclId] ?? target
        acl.associations.removeAll { $0.subnetId == subnet.subnetId }
        acl.associations.append(NetworkAclAssociation(associationId: newId, subnetId: subnet.subnetId))
        record(.associate, acl, at: context.now)
        if subnet.networkAclId != acl.networkAclId {
            var moved = subnet
            moved.networkAclId = acl.networkAclId
            record(.update, moved, at: context.now)
        }
        return NetworkAclAssociateResponse(newAssociationId: newId, networkAcl: acl)
    }

    // MARK: Lookups

    /// An ACL by ID or name. An `acl-` ID that is not 8 or 17 hex digits is malformed, as AWS says.
    public func networkAcl(_ reference: String, in scope: Scope) throws(NetctlError) -> NetworkAcl {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(IDPrefix.networkAcl + "-"), !IDPrefix.matches(trimmed, prefix: IDPrefix.networkAcl) {
            throw NetctlError(
                .networkAclIdMalformed,
                "Invalid id: \"\(trimmed)\" (expecting \"acl-...\"): a network ACL ID is acl- and 17 hexadecimal "
                    + "digits.")
        }
        return try resolve(
            reference, in: scope, prefix: IDPrefix.networkAcl, code: .networkAclNotFound, noun: "network acl",
            listHint: "netctl nacl list")
    }

    /// The ACL a subnet is associated with.
    public func networkAcl(ofSubnet subnetId: String) -> NetworkAcl? {
        networkAcls.children(of: subnetId).first { acl in acl.associations.contains { $0.subnetId == subnetId } }
    }

    /// A VPC's default ACL.
    public func defaultNetworkAcl(ofVpc vpcId: String) -> NetworkAcl? {
        networkAcls.children(of: NetworkAcl.defaultKey(ofVpc: vpcId)).first { $0.isDefault && $0.vpcId == vpcId }
    }

    func networkAclAssociation(_ associationId: String, in scope: Scope) throws(NetctlError)
        -> (acl: NetworkAcl, subnet: Subnet)
    {
        for acl in networkAcls.children(of: associationId) where acl.scope == scope {
            if let association = acl.associations.first(where: { $0.associationId == associationId }),
                let subnet = subnets[association.subnetId]
            {
                return (acl, subnet)
            }
        }
        throw NetctlError(
            .associationNotFound,
            "The association ID '\(associationId)' does not exist in \(scope). Find a subnet's network ACL "
                + "association with `netctl nacl list`.")
    }

    private func entryIndex(in acl: NetworkAcl, ruleNumber: Int, egress: Bool) throws(NetctlError) -> Int {
        guard let index = acl.entries.firstIndex(where: { $0.egress == egress && $0.ruleNumber == ruleNumber })
        else {
            throw NetctlError(
                .networkAclEntryNotFound,
                "The network acl entry identified by \(ruleNumber) (\(egress ? "egress" : "ingress")) does not "
                    + "exist in \(acl.networkAclId). List its entries with `netctl nacl get \(acl.networkAclId)`.")
        }
        return index
    }

    // MARK: Default ACLs, subnets and VPCs

    /// The default ACL a VPC is created with, holding the given subnets. Its ID is derived from the
    /// VPC's, not drawn from the command's generator, so creating a VPC draws the IDs it always drew,
    /// and the store's upgrade gives VPCs created before ACLs existed the same one.
    public static func defaultNetworkAcl(for vpc: Vpc, subnets: [Subnet]) -> NetworkAcl {
        NetworkAcl(
            networkAclId: derivedID(IDPrefix.networkAcl, from: vpc.vpcId), vpcId: vpc.vpcId,
            accountId: vpc.accountId, region: vpc.region, isDefault: true, entries: NetworkAclRules.defaultEntries,
            associations: subnets.map {
                NetworkAclAssociation(
                    associationId: derivedID(IDPrefix.networkAclAssociation, from: $0.subnetId), subnetId: $0.subnetId)
            }, tags: [:], createdAt: vpc.createdAt)
    }

    mutating func createDefaultNetworkAcl(for vpc: Vpc, _ context: CommandContext) {
        record(.create, Self.defaultNetworkAcl(for: vpc, subnets: []), at: context.now)
    }

    /// Puts a new subnet in its VPC's default ACL (whose ID the subnet already carries).
    mutating func associateWithDefaultNetworkAcl(_ subnet: Subnet, _ context: CommandContext) {
        guard let aclId = subnet.networkAclId, var acl = networkAcls[aclId] else { return }
        acl.associations.append(
            NetworkAclAssociation(
                associationId: Self.derivedID(IDPrefix.networkAclAssociation, from: subnet.subnetId),
                subnetId: subnet.subnetId))
        record(.associate, acl, at: context.now)
    }

    /// A deleted subnet leaves its ACL's associations.
    mutating func removeNetworkAclAssociation(ofSubnet subnetId: String, _ context: CommandContext) {
        guard var acl = networkAcl(ofSubnet: subnetId) else { return }
        acl.associations.removeAll { $0.subnetId == subnetId }
        record(.disassociate, acl, at: context.now)
    }

    /// What keeps a VPC from being deleted: its custom ACLs, as AWS's DeleteVpc reports them.
    func customNetworkAclIds(ofVpc vpcId: String) -> [String] {
        networkAcls.children(of: vpcId).filter { !$0.isDefault }.map(\.networkAclId)
    }

    mutating func deleteDefaultNetworkAcl(ofVpc vpcId: String, _ context: CommandContext) {
        if let acl = defaultNetworkAcl(ofVpc: vpcId) { recordDeletion(acl, at: context.now) }
    }

    /// A well-spread ID from another one's bytes (FNV-1a seeding the generator), as the main route
    /// table's first association is made.
    static func derivedID(_ prefix: String, from source: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(prefix):\(source)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var ids = IDGenerator(seed: hash)
        return ids.make(prefix)
    }
}
