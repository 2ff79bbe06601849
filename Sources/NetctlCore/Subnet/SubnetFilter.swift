import NetctlAPI

/// EC2's DescribeSubnets filters, by their AWS names (with the camel-case aliases AWS also accepts).
/// Features netctl does not model (IPv6, Outposts, resource-name DNS) answer with the value AWS
/// reports for a subnet without them.
public enum SubnetFilter {
    public static let table = FilterTable<Subnet>(
        [
            "subnet-id": { [$0.subnetId] },
            "subnet-arn": { [arn($0)] },
            "vpc-id": { [$0.vpcId] },
            "cidr-block": { [$0.cidrBlock] },
            "cidr": { [$0.cidrBlock] },
            "cidrBlock": { [$0.cidrBlock] },
            "availability-zone": { [$0.availabilityZone] },
            "availabilityZone": { [$0.availabilityZone] },
            "availability-zone-id": zoneId,
            "availabilityZoneId": zoneId,
            "available-ip-address-count": { [String($0.availableIpAddressCount)] },
            "state": { [$0.state.rawValue] },
            "owner-id": { [$0.accountId] },
            "default-for-az": { _ in ["false"] },
            "defaultForAz": { _ in ["false"] },
            "map-public-ip-on-launch": { [String($0.mapPublicIpOnLaunch)] },
            "map-customer-owned-ip-on-launch": { _ in ["false"] },
            "customer-owned-ipv4-pool": { _ in [] },
            "outpost-arn": { _ in [] },
            "enable-dns64": { _ in ["false"] },
            "enable-lni-at-device-index": { _ in [] },
            "ipv6-native": { _ in ["false"] },
            "ipv6-cidr-block-association.ipv6-cidr-block": { _ in [] },
            "ipv6-cidr-block-association.association-id": { _ in [] },
            "ipv6-cidr-block-association.state": { _ in [] },
            "private-dns-name-options-on-launch.hostname-type": { _ in ["ip-name"] },
            "private-dns-name-options-on-launch.enable-resource-name-dns-a-record": { _ in ["false"] },
            "private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record": { _ in ["false"] },
        ],
        tags: { $0.tags })

    /// `arn:aws:ec2:REGION:ACCOUNT:subnet/ID`, as DescribeSubnets reports it.
    public static func arn(_ subnet: Subnet) -> String {
        "arn:aws:ec2:\(subnet.region):\(subnet.accountId):subnet/\(subnet.subnetId)"
    }

    private static let zoneId: FilterTable<Subnet>.Values = { subnet in
        AvailabilityZones.id(ofZone: subnet.availabilityZone, region: subnet.region).map { [$0] } ?? []
    }
}
