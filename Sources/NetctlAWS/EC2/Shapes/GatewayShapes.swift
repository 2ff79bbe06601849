import NetctlAPI

extension EC2.InternetGateway {
    /// AWS shows an attachment in place as `available`, and no attachment at all once detached.
    init(_ gateway: InternetGateway) {
        self.init(
            attachments: gateway.vpcId.map { [EC2.InternetGatewayAttachment(state: "available", vpcId: $0)] } ?? [],
            internetGatewayId: gateway.internetGatewayId, ownerId: gateway.accountId,
            tags: Tagging.ec2Tags(name: nil, tags: gateway.tags))
    }
}

extension EC2.NatGateway {
    init(_ nat: NatGateway) {
        // One primary address: the gateway's interface, with its Elastic IP when public.
        let address = EC2.NatGatewayAddress(
            allocationId: nat.allocationId, networkInterfaceId: nat.networkInterfaceId, privateIp: nat.privateIpAddress,
            publicIp: nat.publicIp, associationId: nat.associationId, isPrimary: true, status: "succeeded")
        self.init(
            createTime: nat.createdAt, natGatewayAddresses: [address], natGatewayId: nat.natGatewayId,
            state: nat.state.rawValue, subnetId: nat.subnetId, vpcId: nat.vpcId,
            tags: Tagging.ec2Tags(name: nil, tags: nat.tags), connectivityType: nat.connectivityType,
            availabilityMode: "zonal")
    }
}

extension Tagging {
    /// A create action's tags for netctl resources that keep their name as the `Name` tag itself.
    static func tags(_ specifications: [EC2.TagSpecification]?, for resourceType: String) throws(AWSError) -> Tags? {
        let (name, tags) = try split(specifications, for: resourceType)
        guard let name else { return tags }
        return (tags ?? [:]).merging(["Name": name]) { _, named in named }
    }
}
