import NetctlAPI
import NetctlCore

extension EC2.NetworkInterface {
    /// `address`: the Elastic IP associated with the interface, if any.
    init(_ interface: NetworkInterface, address: ElasticIp? = nil) {
        let dnsName = Self.privateDnsName(interface.privateIpAddress, region: interface.region)
        let association = address.map {
            EC2.NetworkInterfaceAssociation(
                allocationId: $0.allocationId, associationId: $0.associationId, ipOwnerId: $0.accountId,
                publicIp: $0.publicIp)
        }
        self.init(
            association: association, availabilityZone: interface.availabilityZone, description: interface.description,
            interfaceType: interface.interfaceType, ipv6Addresses: [],
            networkInterfaceId: interface.networkInterfaceId, ownerId: interface.accountId, privateDnsName: dnsName,
            privateIpAddress: interface.privateIpAddress,
            privateIpAddresses: [
                EC2.NetworkInterfacePrivateIpAddress(
                    association: association, primary: true, privateDnsName: dnsName,
                    privateIpAddress: interface.privateIpAddress)
            ],
            requesterManaged: interface.isRequesterManaged, status: interface.status, subnetId: interface.subnetId,
            tagSet: Tagging.ec2Tags(name: nil, tags: interface.tags), vpcId: interface.vpcId, ipv6Native: false,
            availabilityZoneId: Regions.zones(of: interface.region).first { $0.zoneName == interface.availabilityZone }?.zoneId)
    }

    /// EC2's private hostname of an address: `ip-10-0-1-5.ec2.internal` in us-east-1,
    /// `ip-10-0-1-5.REGION.compute.internal` elsewhere.
    static func privateDnsName(_ address: String, region: String) -> String {
        let host = "ip-" + address.replacingOccurrences(of: ".", with: "-")
        return region == "us-east-1" ? "\(host).ec2.internal" : "\(host).\(region).compute.internal"
    }
}
