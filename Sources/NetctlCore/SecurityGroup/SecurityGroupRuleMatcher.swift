import NetctlAPI

/// The packet (or flow opening) a security group is asked about: the protocol and, for TCP and UDP,
/// the destination port, or, for ICMP, the type and code.
public struct SecurityGroupTraffic: Sendable, Hashable {
    /// A canonical protocol (`tcp`, `udp`, `icmp`, `icmpv6`, a number as a string), or `-1` for "all
    /// traffic", which only rules allowing every protocol (`-1`) admit.
    public var `protocol`: String
    /// The destination port, for TCP and UDP.
    public var port: Int?
    /// ICMP's type and code, for ICMP and ICMPv6.
    public var icmpType: Int?
    public var icmpCode: Int?

    public init(protocol: String, port: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }

    public static func tcp(_ port: Int) -> Self { Self(protocol: "tcp", port: port) }
    public static func udp(_ port: Int) -> Self { Self(protocol: "udp", port: port) }
    public static func icmp(type: Int, code: Int) -> Self { Self(protocol: "icmp", icmpType: type, icmpCode: code) }
    public static let all = Self(protocol: "-1")
}

/// The other end of the traffic: the source for inbound rules, the destination for outbound ones.
public struct SecurityGroupPeer: Sendable, Hashable {
    /// Its private address.
    public var address: IPv4Address
    /// The groups its interface carries: what rules referencing a group match.
    public var groupIds: Set<String>

    public init(address: IPv4Address, groupIds: Set<String> = []) {
        self.address = address
        self.groupIds = groupIds
    }
}

/// Which rule of a direction admits some traffic. Pure: the caller brings the prefix lists' CIDRs and
/// which referenced groups are stale (`State.staleReferences(of:)`); stale rules match nothing.
public enum SecurityGroupRuleMatcher {
    /// The first rule of `rules` (one direction of a group) that admits `traffic` from or to `peer`, or nil.
    /// Rules only allow, so the first match is as good as any; it is what explanations name.
    public static func firstMatch(
        in rules: [SecurityGroupRule], traffic: SecurityGroupTraffic, peer: SecurityGroupPeer,
        staleGroupIds: Set<String> = [], prefixListCidrs: (String) -> [IPv4CIDR] = { _ in [] }
    ) -> SecurityGroupRule? {
        rules.first { rule in
            admitsTraffic(rule, traffic)
                && admitsPeer(rule, peer, staleGroupIds: staleGroupIds, prefixListCidrs: prefixListCidrs)
        }
    }

    /// The protocol and ports of `rule` admit `traffic`.
    public static func admitsTraffic(_ rule: SecurityGroupRule, _ traffic: SecurityGroupTraffic) -> Bool {
        if rule.protocol == "-1" { return true }
        guard rule.protocol == traffic.protocol else { return false }
        switch rule.protocol {
        case "tcp", "udp":
            guard let port = traffic.port else { return false }
            return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535)
        case "icmp", "icmpv6":
            let ruleType = rule.fromPort ?? -1
            let ruleCode = rule.toPort ?? -1
            if ruleType == -1 { return true }
            guard let type = traffic.icmpType, type == ruleType else { return false }
            if ruleCode == -1 { return true }
            return traffic.icmpCode == ruleCode
        default:
            // Other protocols have no ports: the rule admits all of the protocol's traffic.
            return true
        }
    }

    /// The peer of `rule` is `peer`: its address in the CIDR or prefix list, or its interface carries the
    /// referenced group (a live reference only).
    public static func admitsPeer(
        _ rule: SecurityGroupRule, _ peer: SecurityGroupPeer, staleGroupIds: Set<String> = [],
        prefixListCidrs: (String) -> [IPv4CIDR] = { _ in [] }
    ) -> Bool {
        if let text = rule.cidrIpv4 { return IPv4CIDR(text)?.contains(peer.address) ?? false }
        if let list = rule.prefixListId { return prefixListCidrs(list).contains { $0.contains(peer.address) } }
        if let group = rule.referencedGroupId { return !staleGroupIds.contains(group) && peer.groupIds.contains(group) }
        return false
    }
}

extension State {
    /// The first rule of `group`'s `direction` admitting `traffic` with `peer`, stale references and the
    /// region's prefix lists taken from the state.
    public func firstMatchingRule(
        of group: SecurityGroup, _ direction: SecurityGroupDirection, traffic: SecurityGroupTraffic,
        peer: SecurityGroupPeer
    ) -> SecurityGroupRule? {
        SecurityGroupRuleMatcher.firstMatch(
            in: group.rules(direction), traffic: traffic, peer: peer, staleGroupIds: staleReferences(of: group),
            prefixListCidrs: { prefixListCidrs($0, region: group.region) })
    }
}
