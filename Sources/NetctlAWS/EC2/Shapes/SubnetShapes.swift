import NetctlAPI
import NetctlCore

extension EC2.Subnet {
    /// IPv6, Outposts and resource-name DNS are not modelled: they read as off, as on an AWS subnet
    /// that never had them.
    init(_ subnet: Subnet) {
        self.init(
            availabilityZoneId: AvailabilityZones.id(ofZone: subnet.availabilityZone, region: subnet.region),
            mapCustomerOwnedIpOnLaunch: false, ownerId: subnet.accountId, assignIpv6AddressOnCreation: false,
            ipv6CidrBlockAssociationSet: [], tags: Tagging.ec2Tags(name: subnet.name, tags: subnet.tags),
            subnetArn: SubnetFilter.arn(subnet), enableDns64: false, ipv6Native: false,
            privateDnsNameOptionsOnLaunch: EC2.PrivateDnsNameOptionsOnLaunch(
                hostnameType: "ip-name", enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false),
            blockPublicAccessStates: EC2.BlockPublicAccessStates(internetGatewayBlockMode: "off"),
            subnetId: subnet.subnetId, state: subnet.state.rawValue, vpcId: subnet.vpcId, cidrBlock: subnet.cidrBlock,
            availableIpAddressCount: subnet.availableIpAddressCount, availabilityZone: subnet.availabilityZone,
            defaultForAz: false, mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch)
    }
}
