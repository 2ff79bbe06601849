import NetctlAPI
import NetctlCore

/// What tools ask before anything else: the account's attributes, the regions and the zones.
extension EC2Actions {
    static let account: [EC2Action] = [
        .make("DescribeAccountAttributes", mutating: false, supported: ["AttributeName"]) {
            (input: EC2.DescribeAccountAttributesRequest, _) throws(AWSError) in
            let wanted = input.attributeNames.map(Set.init)
            return EC2.DescribeAccountAttributesResult(
                accountAttributes: accountAttributes.filter { wanted?.contains($0.attributeName ?? "") ?? true })
        },
        .make("DescribeRegions", mutating: false, supported: ["RegionName", "AllRegions", "Filter"]) {
            (input: EC2.DescribeRegionsRequest, context) throws(AWSError) in
            let filters = try Filters.netctl(input.filters)
            var names = Regions.commercial
            if !names.contains(context.region) { names.append(context.region) }
            try Filters.validate(filters, in: regionFilters)
            if let requested = input.regionNames, !requested.isEmpty {
                if let unknown = requested.first(where: { !names.contains($0) }) {
                    throw AWSError(code: "InvalidParameterValue", message: "Invalid region: \(unknown)")
                }
                names = requested
            }
            let regions = names.map {
                EC2.Region(optInStatus: "opt-in-not-required", regionName: $0, endpoint: "ec2.\($0).amazonaws.com")
            }
            return EC2.DescribeRegionsResult(regions: regions.filter { regionFilters.matches($0, filters) })
        },
        .make(
            "DescribeAvailabilityZones", mutating: false,
            supported: ["ZoneName", "ZoneId", "AllAvailabilityZones", "Filter"]
        ) { (input: EC2.DescribeAvailabilityZonesRequest, context) throws(AWSError) in
            let filters = try Filters.netctl(input.filters)
            try Filters.validate(filters, in: zoneFilters)
            var zones = Regions.zones(of: context.region)
            for name in input.zoneNames ?? [] where !zones.contains(where: { $0.zoneName == name }) {
                throw AWSError(
                    code: "InvalidParameterValue",
                    message: "The zone '\(name)' does not exist in the region \(context.region).")
            }
            for id in input.zoneIds ?? [] where !zones.contains(where: { $0.zoneId == id }) {
                throw AWSError(
                    code: "InvalidParameterValue",
                    message: "The zone ID '\(id)' does not exist in the region \(context.region).")
            }
            if let names = input.zoneNames, !names.isEmpty { zones = zones.filter { names.contains($0.zoneName ?? "") } }
            if let ids = input.zoneIds, !ids.isEmpty { zones = zones.filter { ids.contains($0.zoneId ?? "") } }
            return EC2.DescribeAvailabilityZonesResult(availabilityZones: zones.filter { zoneFilters.matches($0, filters) })
        },
    ]

    /// AWS's defaults for a new account with no default VPC (netctld creates none).
    private static let accountAttributes: [EC2.AccountAttribute] = [
        ("supported-platforms", "VPC"), ("default-vpc", "none"), ("max-instances", "20"),
        ("vpc-max-security-groups-per-interface", "5"), ("max-elastic-ips", "5"), ("vpc-max-elastic-ips", "5"),
    ].map { EC2.AccountAttribute(attributeName: $0.0, attributeValues: [EC2.AccountAttributeValue(attributeValue: $0.1)]) }

    private static let regionFilters = FilterTable<EC2.Region>([
        "endpoint": { [$0.endpoint ?? ""] },
        "region-name": { [$0.regionName ?? ""] },
        "opt-in-status": { [$0.optInStatus ?? ""] },
    ])

    private static let zoneFilters = FilterTable<EC2.AvailabilityZone>([
        "zone-name": { [$0.zoneName ?? ""] },
        "zone-id": { [$0.zoneId ?? ""] },
        "region-name": { [$0.regionName ?? ""] },
        "state": { [$0.state ?? ""] },
        "zone-type": { [$0.zoneType ?? ""] },
        "group-name": { [$0.groupName ?? ""] },
        "opt-in-status": { [$0.optInStatus ?? ""] },
    ])
}

/// The commercial regions and their zones as netctld presents them.
enum Regions {
    static let commercial = [
        "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ca-central-1", "eu-central-1",
        "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1", "me-central-1", "me-south-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ]

    /// The zones netctl's subnets accept (`AvailabilityZones`, in the core), as EC2 describes them.
    static func zones(of region: String) -> [EC2.AvailabilityZone] {
        AvailabilityZones.names(in: region).map { zone in
            EC2.AvailabilityZone(
                optInStatus: "opt-in-not-required", messages: [], regionName: region, zoneName: zone,
                zoneId: AvailabilityZones.id(ofZone: zone, region: region), groupName: region,
                networkBorderGroup: region, zoneType: "availability-zone", state: "available")
        }
    }
}
