import ArgumentParser
import NetctlAPI

/// Which rule list `sg authorize` and `sg revoke` change.
enum SgDirection: String, EnumerableFlag {
    case ingress
    case egress

    static func help(for value: SgDirection) -> ArgumentHelp? {
        value == .ingress ? "Inbound rules (the default)." : "Outbound rules."
    }
}

/// One rule as `sg authorize` and `sg revoke` write it.
struct SgRuleOptions: ParsableArguments {
    @Flag var direction: SgDirection = .ingress

    @Option(help: ArgumentHelp("tcp, udp, icmp, -1 (all) or a protocol number.", valueName: "protocol"))
    var `protocol`: String?

    @Option(help: ArgumentHelp("TCP/UDP port or range: 443, 1024-65535.", valueName: "port"))
    var port: String?

    @Option(name: .customLong("icmp-type"), help: ArgumentHelp("ICMP type (default -1: all).", valueName: "type"))
    var icmpType: Int?

    @Option(name: .customLong("icmp-code"), help: ArgumentHelp("ICMP code (default -1: all).", valueName: "code"))
    var icmpCode: Int?

    @Option(help: ArgumentHelp("Peer: an IPv4 CIDR.", valueName: "cidr"))
    var cidr: String?

    @Option(name: .customLong("source-group"), help: ArgumentHelp("Peer: a security group ID or name.", valueName: "sg"))
    var sourceGroup: String?

    @Option(name: .customLong("prefix-list"), help: ArgumentHelp("Peer: a prefix list ID (pl-…).", valueName: "pl"))
    var prefixList: String?

    @Option(help: ArgumentHelp("Rule description.", valueName: "text"))
    var description: String?

    /// The rule given, or nil when no rule option was.
    func rule() throws -> SecurityGroupPermission? {
        guard let proto = self.protocol else {
            if port != nil || cidr != nil || sourceGroup != nil || prefixList != nil || icmpType != nil {
                throw ValidationError("--protocol is required with a rule (tcp, udp, icmp or -1)")
            }
            return nil
        }
        let peers = [cidr, sourceGroup, prefixList].compactMap { $0 }
        guard peers.count == 1 else {
            throw ValidationError("give exactly one peer: --cidr, --source-group or --prefix-list")
        }
        var from: Int?
        var to: Int?
        if let port {
            let parts = port.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts[parts.count - 1]) else {
                throw ValidationError("--port '\(port)' must be a port (443) or a range (1024-65535)")
            }
            (from, to) = (first, last)
        }
        if icmpType != nil || icmpCode != nil { (from, to) = (icmpType ?? -1, icmpCode ?? -1) }
        return SecurityGroupPermission(
            protocol: proto, fromPort: from, toPort: to, cidrIpv4: cidr, prefixListId: prefixList,
            referencedGroupId: sourceGroup, description: description)
    }
}
