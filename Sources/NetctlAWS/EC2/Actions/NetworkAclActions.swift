import NetctlAPI
import NetctlCore

/// Network ACLs, their entries and their subnet associations. IPv6 entries are not modelled:
/// `Ipv6CidrBlock` is refused as an unsupported parameter.
extension EC2Actions {
    static let networkAcls: [EC2Action] = [
        .make(
            "CreateNetworkAcl", mutating: true, supported: ["VpcId", "TagSpecification", "ClientToken"],
            clientToken: { $0.clientToken }
        ) { (input: EC2.CreateNetworkAclRequest, context) throws(AWSError) in
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "network-acl")
            let acl = try await context.run(NetworkAclCreate(vpc: input.vpcId, name: name, tags: tags))
            return EC2.CreateNetworkAclResult(networkAcl: EC2.NetworkAcl(acl), clientToken: input.clientToken)
        },
        .make("DeleteNetworkAcl", mutating: true, supported: ["NetworkAclId"]) {
            (input: EC2.DeleteNetworkAclRequest, context) throws(AWSError) in
            _ = try await context.run(NetworkAclDelete(networkAcl: input.networkAclId))
            return EC2Return()
        },
        .make(
            "DescribeNetworkAcls", mutating: false, supported: ["Filter", "NetworkAclId", "NextToken", "MaxResults"]
        ) { (input: EC2.DescribeNetworkAclsRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.networkAclIds, maxResults: input.maxResults, idParameter: "NetworkAclId")
            // Each ID is looked up first so an unknown one fails with InvalidNetworkAclID.NotFound.
            let known = try await context.each(input.networkAclIds ?? []) { NetworkAclGet(networkAcl: $0) }
                .map(\.networkAclId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "network-acl-id")
            let page = try await context.run(
                NetworkAclList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeNetworkAclsResult(
                networkAcls: page.networkAcls.map(EC2.NetworkAcl.init), nextToken: page.nextToken)
        },
        .make("CreateNetworkAclEntry", mutating: true, supported: entryMembers) {
            (input: EC2.CreateNetworkAclEntryRequest, context) throws(AWSError) in
            _ = try await context.run(NetworkAclCreateEntry(try input.entry()))
            return EC2Return()
        },
        .make("ReplaceNetworkAclEntry", mutating: true, supported: entryMembers) {
            (input: EC2.ReplaceNetworkAclEntryRequest, context) throws(AWSError) in
            _ = try await context.run(try input.entry())
            return EC2Return()
        },
        .make("DeleteNetworkAclEntry", mutating: true, supported: ["NetworkAclId", "RuleNumber", "Egress"]) {
            (input: EC2.DeleteNetworkAclEntryRequest, context) throws(AWSError) in
            _ = try await context.run(
                NetworkAclDeleteEntry(
                    networkAcl: input.networkAclId, ruleNumber: input.ruleNumber, egress: input.egress))
            return EC2Return()
        },
        .make("ReplaceNetworkAclAssociation", mutating: true, supported: ["AssociationId", "NetworkAclId"]) {
            (input: EC2.ReplaceNetworkAclAssociationRequest, context) throws(AWSError) in
            let moved = try await context.run(
                NetworkAclAssociate(networkAcl: input.networkAclId, associationId: input.associationId))
            return EC2.ReplaceNetworkAclAssociationResult(newAssociationId: moved.newAssociationId)
        },
    ]

    /// What CreateNetworkAclEntry and ReplaceNetworkAclEntry honour: everything but IPv6 and DryRun.
    private static let entryMembers: Set<String> = [
        "NetworkAclId", "RuleNumber", "Protocol", "RuleAction", "Egress", "CidrBlock", "Icmp", "PortRange",
    ]

}

/// The members CreateNetworkAclEntry and ReplaceNetworkAclEntry share.
protocol EC2NetworkAclEntryMembers {
    var networkAclId: String { get }
    var ruleNumber: Int { get }
    var `protocol`: String { get }
    var ruleAction: String { get }
    var egress: Bool { get }
    var cidrBlock: String? { get }
    var icmpTypeCode: EC2.IcmpTypeCode? { get }
    var portRange: EC2.PortRange? { get }
}

extension EC2.CreateNetworkAclEntryRequest: EC2NetworkAclEntryMembers {}
extension EC2.ReplaceNetworkAclEntryRequest: EC2NetworkAclEntryMembers {}

extension EC2NetworkAclEntryMembers {
    /// The entry as netctl's replaceEntry takes it (createEntry takes the same members).
    func entry() throws(AWSError) -> NetworkAclReplaceEntry {
        // AWS wants one of CidrBlock and Ipv6CidrBlock; netctld models IPv4 entries only.
        guard let cidrBlock else {
            throw AWSError.missingParameter("The request must contain the parameter CidrBlock (IPv4 entries only).")
        }
        return NetworkAclReplaceEntry(
            networkAcl: networkAclId, ruleNumber: ruleNumber, egress: egress, protocol: `protocol`,
            ruleAction: ruleAction, cidrBlock: cidrBlock, fromPort: portRange?.from, toPort: portRange?.to,
            icmpType: icmpTypeCode?.type, icmpCode: icmpTypeCode?.code)
    }
}
