import NetctlAPI

extension EC2.NetworkAcl {
    init(_ acl: NetworkAcl) {
        self.init(
            associations: acl.associations.map {
                EC2.NetworkAclAssociation(
                    networkAclAssociationId: $0.associationId, networkAclId: acl.networkAclId, subnetId: $0.subnetId)
            },
            entries: acl.entries.map(EC2.NetworkAclEntry.init), isDefault: acl.isDefault,
            networkAclId: acl.networkAclId, tags: Tagging.ec2Tags(name: acl.name, tags: acl.tags), vpcId: acl.vpcId,
            ownerId: acl.accountId)
    }
}

extension EC2.NetworkAclEntry {
    init(_ entry: NetworkAclEntry) {
        self.init(
            cidrBlock: entry.cidrBlock, egress: entry.egress,
            icmpTypeCode: entry.icmpType.map { EC2.IcmpTypeCode(code: entry.icmpCode, type: $0) },
            portRange: entry.fromPort.map { EC2.PortRange(from: $0, to: entry.toPort) }, protocol: entry.protocol,
            ruleAction: entry.ruleAction.rawValue, ruleNumber: entry.ruleNumber)
    }
}
