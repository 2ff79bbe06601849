import NetctlAPI
import NetctlCore

extension EC2.NetworkInterface {
    /// `address`: the Elastic IP associated with the interface, if any; `groupNames`: its groups' names by ID.
    init(_ interface: NetworkInterface, address: ElasticIp? = nil, groupNames: [String: String] = [:]) {
        let dnsName = Self.privateDnsName(interface.privateIpAddress, region: interface.region)
        // An Elastic IP (NAT gateways') or an instance's auto-assigned address, which Amazon owns.
        let association =
            address.map {
                EC2.NetworkInterfaceAssociation(
                    allocationId: $0.allocationId, associationId: $0.associationId, ipOwnerId: $0.accountId,
                    publicIp: $0.publicIp)
            }
            ?? interface.publicIpAddress.map {
                EC2.NetworkInterfaceAssociation(ipOwnerId: "amazon", publicDnsName: "", publicIp: $0)
            }
        self.init(
            association: association,
            attachment: interface.attachment.map {
                EC2.NetworkInterfaceAttachment(
                    attachTime: $0.attachTime, attachmentId: $0.attachmentId, deleteOnTermination: $0.deleteOnTermination,
                    deviceIndex: $0.deviceIndex, networkCardIndex: 0, instanceId: $0.instanceId,
                    instanceOwnerId: interface.accountId, status: $0.status)
            },
            availabilityZone: interface.availabilityZone, description: interface.description,
            groups: EC2.GroupIdentifier.list(interface.securityGroupIds, names: groupNames),
            interfaceType: interface.awsInterfaceType, ipv6Addresses: [],
            networkInterfaceId: interface.networkInterfaceId, ownerId: interface.accountId, privateDnsName: dnsName,
            privateIpAddress: interface.privateIpAddress,
            privateIpAddresses: [
                EC2.NetworkInterfacePrivateIpAddress(
                    association: association, primary: true, privateDnsName: dnsName,
                    privateIpAddress: interface.privateIpAddress)
            ],
            requesterManaged: interface.isRequesterManaged, sourceDestCheck: interface.sourceDestCheck,
            status: interface.status, subnetId: interface.subnetId,
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
