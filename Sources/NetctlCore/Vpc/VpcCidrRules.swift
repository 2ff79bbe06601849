import NetctlAPI

/// AWS's rules for the IPv4 CIDR blocks of a VPC (SEMANTICS.md 1.1 and 1.2).
public enum VpcCidrRules {
    public static let allowedPrefixLengths = 16...28

    /// Parses and checks a CIDR for a VPC block: syntax, size /16–/28, never link-local.
    public static func parse(_ text: String, parameter: String = "cidrBlock") throws(NetctlError) -> IPv4CIDR {
        let cidr = try Validation.cidr(text, parameter: parameter)
        guard allowedPrefixLengths.contains(cidr.prefixLength) else {
            throw NetctlError(
                .invalidVpcRange,
                "The CIDR '\(text)' is invalid: a VPC block must be between /16 (65,536 addresses) and /28 "
                    + "(16 addresses). Use a prefix length from 16 to 28, e.g. \(cidr.network)/16.")
        }
        guard !AddressRanges.linkLocal.overlaps(cidr) else {
            throw NetctlError(
                .invalidVpcRange,
                "The CIDR '\(text)' is invalid: 169.254.0.0/16 is link-local and can never be used in a VPC. "
                    + "Use a private range such as 10.0.0.0/16.")
        }
        return cidr
    }

    /// Whether `candidate` may join a VPC whose blocks are `existing` (the primary first), following
    /// AWS's restriction table for secondary CIDRs.
    public static func checkSecondary(_ candidate: IPv4CIDR, existing: [IPv4CIDR]) throws(NetctlError) {
        if let clash = existing.first(where: { $0.overlaps(candidate) }) {
            throw NetctlError(
                .invalidVpcRange,
                "The CIDR '\(candidate)' overlaps the VPC's block \(clash). Choose a block that does not overlap "
                    + "any of: \(existing.map(\.description).joined(separator: ", ")).")
        }
        guard let primary = existing.first else { return }
        let restricted: [IPv4CIDR]
        if AddressRanges.rfc1918_10.contains(primary) {
            var ranges = [AddressRanges.rfc1918_172, AddressRanges.rfc1918_192, AddressRanges.benchmarking198_19]
            if existing.contains(where: { AddressRanges.ten_0_15.contains($0) }) { ranges.append(AddressRanges.ten_0_16) }
            restricted = ranges
        } else if AddressRanges.rfc1918_172.contains(primary) {
            restricted = [
                AddressRanges.rfc1918_10, AddressRanges.rfc1918_192, AddressRanges.defaultVpc172_31,
                AddressRanges.benchmarking198_19,
            ]
        } else if AddressRanges.rfc1918_192.contains(primary) {
            restricted = [AddressRanges.rfc1918_10, AddressRanges.rfc1918_172, AddressRanges.benchmarking198_19]
        } else {
            // Publicly routable or 100.64.0.0/10 primaries cannot take private or 198.19 blocks.
            restricted = AddressRanges.rfc1918 + [AddressRanges.benchmarking198_19]
        }
        if let range = restricted.first(where: { $0.overlaps(candidate) }) {
            throw NetctlError(
                .invalidVpcRange,
                "The CIDR '\(candidate)' is restricted for a VPC whose primary block is \(primary) (it falls in "
                    + "\(range)). Use a CIDR from the same private address range as the current VPC CIDR, "
                    + "or use a publicly-routable CIDR.")
        }
    }
}
