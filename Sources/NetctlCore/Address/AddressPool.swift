import NetctlAPI

/// Where Elastic IP addresses come from: the three documentation blocks of RFC 5737, which no real
/// network routes, so a netctld address can never be mistaken for someone's server. Addresses are
/// unique across every account and region, as public addresses are; the lowest free one is handed
/// out first, network and broadcast addresses of each /24 left out.
public enum AddressPool {
    public static let blocks = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].compactMap { IPv4CIDR($0) }

    public static var capacity: Int { blocks.reduce(0) { $0 + Int($1.size) - 2 } }

    /// The lowest address of the pool that `taken` says is free, or nil when the pool is used up.
    public static func firstFree(taken: (String) -> Bool) -> String? {
        for block in blocks {
            var candidate = block.first.value + 1
            while candidate < block.last.value {
                let text = IPv4Address(candidate).description
                if !taken(text) { return text }
                candidate += 1
            }
        }
        return nil
    }
}
