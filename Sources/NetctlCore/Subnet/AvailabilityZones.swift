import NetctlAPI

/// A region's zones as netctld offers them: `<region>a` to `<region>f`, each with an AWS-style zone
/// ID (`use1-az1`) that subnets can be created in and filtered by.
public enum AvailabilityZones {
    public static func names(in region: String) -> [String] {
        State.availabilityZoneLetters.map { region + String($0) }
    }

    /// `us-east-1b` → `use1-az2`; nil for a zone the region does not have.
    public static func id(ofZone zone: String, region: String) -> String? {
        names(in: region).firstIndex(of: zone).map { "\(idPrefix(region))-az\($0 + 1)" }
    }

    /// `use1-az2` → `us-east-1b`; nil for an ID the region does not have.
    public static func name(ofZoneId zoneId: String, region: String) -> String? {
        names(in: region).first { id(ofZone: $0, region: region) == zoneId }
    }

    /// `us-east-1` → `use1`, `ap-southeast-2` → `apse2`.
    static func idPrefix(_ region: String) -> String {
        let parts = region.split(separator: "-")
        guard parts.count >= 3 else { return region }
        let directions = [
            "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw", "north": "n", "south": "s",
            "east": "e", "west": "w", "central": "c",
        ]
        let middle = parts[1..<(parts.count - 1)].map { directions[String($0)] ?? String($0.prefix(1)) }.joined()
        return "\(parts[0])\(middle)\(parts[parts.count - 1])"
    }
}
