import NetctlAPI

extension EC2.Address {
    init(_ address: ElasticIp) {
        self.init(
            allocationId: address.allocationId, associationId: address.associationId, domain: address.domain,
            networkInterfaceId: address.networkInterfaceId,
            // A NAT gateway's interface belongs to the account that owns the gateway.
            networkInterfaceOwnerId: address.networkInterfaceId == nil ? nil : address.accountId,
            privateIpAddress: address.privateIpAddress, tags: Tagging.ec2Tags(name: nil, tags: address.tags),
            publicIpv4Pool: address.publicIpv4Pool, networkBorderGroup: address.networkBorderGroup,
            publicIp: address.publicIp)
    }
}
