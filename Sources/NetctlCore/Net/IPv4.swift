/// An IPv4 address as a 32-bit number.
public struct IPv4Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: UInt32

    public init(_ value: UInt32) { self.value = value }

    /// Strict dotted decimal: four parts of 1–3 digits, each 0–255, no leading zeros (`010` is
    /// ambiguous: octal in inet_aton, decimal elsewhere), no signs, no inner spaces.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if part.count > 1 && part.first == "0" { return nil }
            guard let octet = UInt32(part), octet <= 255 else { return nil }
            result = result << 8 | octet
        }
        value = result
    }

    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }
}

/// An IPv4 CIDR block, always canonical: host bits of `network` are zero.
public struct IPv4CIDR: Sendable, Hashable, CustomStringConvertible {
    public let network: IPv4Address
    public let prefixLength: Int

    public init(network: IPv4Address, prefixLength: Int) {
        precondition((0...32).contains(prefixLength), "prefix length out of range")
        self.prefixLength = prefixLength
        self.network = IPv4Address(network.value & Self.mask(prefixLength))
    }

    /// Parses `a.b.c.d/n`, canonicalising host bits away (`10.0.0.5/16` → `10.0.0.0/16`, as AWS
    /// does). Surrounding whitespace is ignored. Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingASCIIWhitespace()
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(parts[0]) else { return nil }
        let lengthText = parts[1]
        guard (1...2).contains(lengthText.count), lengthText.allSatisfy({ $0.isASCII && $0.isNumber }),
            !(lengthText.count == 2 && lengthText.first == "0"), let length = Int(lengthText), length <= 32
        else { return nil }
        self.init(network: address, prefixLength: length)
    }

    public static func mask(_ prefixLength: Int) -> UInt32 {
        prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength)
    }

    public var mask: UInt32 { Self.mask(prefixLength) }

    /// Number of addresses in the block (2^(32-n)); UInt64 because /0 holds 2^32.
    public var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }

    public var first: IPv4Address { network }
    public var last: IPv4Address { IPv4Address(network.value | ~mask) }

    public func contains(_ address: IPv4Address) -> Bool { address.value & mask == network.value }

    /// True when `other` lies entirely inside this block (equal blocks contain each other).
    public func contains(_ other: IPv4CIDR) -> Bool {
        other.prefixLength >= prefixLength && contains(other.network)
    }

    public func overlaps(_ other: IPv4CIDR) -> Bool { contains(other.network) || other.contains(network) }

    public var description: String { "\(network)/\(prefixLength)" }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> SubSequence {
        // Character-wise: "\r\n" is one Character, so compare by property, not by listing scalars.
        let isSpace: (Character) -> Bool = { $0.isASCII && $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}

/// Well-known ranges the VPC rules refer to.
public enum AddressRanges {
    public static let rfc1918_10 = IPv4CIDR("10.0.0.0/8")!
    public static let rfc1918_172 = IPv4CIDR("172.16.0.0/12")!
    public static let rfc1918_192 = IPv4CIDR("192.168.0.0/16")!
    public static let carrierGradeNAT = IPv4CIDR("100.64.0.0/10")!
    public static let benchmarking198_19 = IPv4CIDR("198.19.0.0/16")!
    public static let linkLocal = IPv4CIDR("169.254.0.0/16")!
    /// Destinations AWS never routes (the instance metadata and DNS link-local block).
    public static let reservedRouteDestination = IPv4CIDR("169.254.168.0/22")!
    public static let defaultVpc172_31 = IPv4CIDR("172.31.0.0/16")!
    public static let ten_0_15 = IPv4CIDR("10.0.0.0/15")!
    public static let ten_0_16 = IPv4CIDR("10.0.0.0/16")!

    public static var rfc1918: [IPv4CIDR] { [rfc1918_10, rfc1918_172, rfc1918_192] }
}
