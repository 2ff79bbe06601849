/// Makes AWS-style resource IDs: a prefix and 17 lowercase hex digits. Deterministic for a given seed
/// so tests can replay a sequence; production seeds it from the system's random source.
public struct IDGenerator: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public static func random() -> IDGenerator {
        var system = SystemRandomNumberGenerator()
        return IDGenerator(seed: system.next())
    }

    // SplitMix64: tiny, fast, and good enough to spread IDs; nothing here is a secret.
    private mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `prefix-` followed by `digits` hex digits (17 for EC2 resources, 32 for ECS task IDs).
    public mutating func make(_ prefix: String, digits: Int = 17) -> String {
        var hex = ""
        while hex.count < digits {
            let word = String(nextWord(), radix: 16)
            hex += String(repeating: "0", count: 16 - word.count) + word
        }
        return prefix.isEmpty ? String(hex.prefix(digits)) : "\(prefix)-\(hex.prefix(digits))"
    }
}

/// The ID prefixes of SEMANTICS.md section 0.
public enum IDPrefix {
    public static let vpc = "vpc"
    public static let subnet = "subnet"
    public static let routeTable = "rtb"
    public static let routeTableAssociation = "rtbassoc"
    public static let internetGateway = "igw"
    public static let natGateway = "nat"
    public static let elasticIp = "eipalloc"
    public static let elasticIpAssociation = "eipassoc"
    public static let networkInterface = "eni"
    public static let peering = "pcx"
    public static let endpoint = "vpce"
    public static let networkAcl = "acl"
    public static let networkAclAssociation = "aclassoc"

    /// True for `prefix-` followed by 8 or 17 lowercase hex digits (older AWS IDs are 8 long).
    public static func matches(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix + "-") else { return false }
        let digits = text.dropFirst(prefix.count + 1)
        return (digits.count == 8 || digits.count == 17)
            && digits.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
