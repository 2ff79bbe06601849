import NetctlAPI

/// AWS's rules for network ACL entries (SEMANTICS-2 §1.3): what an entry may say, and which entry
/// decides a packet. Pure: the commands and, later, reachability share them.
public enum NetworkAclRules {
    /// The caller's rule numbers; above them AWS reserves the `*` denies and IPv6's.
    public static let ruleNumbers = 1...32766
    /// The final IPv4 `*` deny of each direction, as AWS shows it.
    public static let defaultDenyRuleNumber = 32767
    /// The default ACL's allow-all entry in each direction.
    public static let defaultAllowRuleNumber = 100
    public static let allProtocols = "-1"
    public static let anyIPv4 = "0.0.0.0/0"
    public static let ports = 0...65535
    /// An ICMP type or code; -1 means every one.
    public static let icmpValues = -1...255

    static let aliases: [String: String] = ["tcp": "6", "udp": "17", "icmp": "1", "icmpv6": "58", "all": "-1"]

    /// The protocol as AWS stores and echoes it: `-1` or a number from 0 to 255 as a string, from
    /// that or `tcp`, `udp`, `icmp`, `icmpv6` (any case).
    public static func protocolNumber(_ text: String) throws(NetctlError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let alias = aliases[trimmed] { return alias }
        if trimmed == allProtocols { return allProtocols }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(trimmed),
            (0...255).contains(number)
        else {
            throw NetctlError(
                .invalidParameterValue,
                "Value (\(text)) for parameter protocol is invalid. Use -1 (all), a protocol number from 0 to 255, "
                    + "or tcp, udp, icmp.")
        }
        return String(number)
    }

    /// `tcp`, `udp`, `icmp` or `icmpv6` for their numbers; nil for the others.
    public static func protocolName(_ number: String) -> String? {
        switch number {
        case "6": "tcp"
        case "17": "udp"
        case "1": "icmp"
        case "58": "icmpv6"
        default: nil
        }
    }

    public static func ruleAction(_ text: String) throws(NetctlError) -> NetworkAclRuleAction {
        guard let action = NetworkAclRuleAction(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
        else {
            throw NetctlError(
                .invalidParameterValue, "Value (\(text)) for parameter ruleAction is invalid. Use allow or deny.")
        }
        return action
    }

    public static func checkRuleNumber(_ number: Int) throws(NetctlError) {
        guard ruleNumbers.contains(number) else {
            throw NetctlError(
                .invalidParameterValue,
                "Value (\(number)) for parameter ruleNumber is invalid. Rule numbers run from 1 to 32766; "
                    + "32767 and above are reserved for the final * deny, which cannot be changed.")
        }
    }

    /// An entry as the request describes it, checked and canonicalised: the protocol as a number,
    /// the CIDR without host bits, ports only for tcp and udp, type and code only for icmp.
    public static func entry(_ request: some NetworkAclEntryRequest) throws(NetctlError) -> NetworkAclEntry {
        try checkRuleNumber(request.ruleNumber)
        let number = try protocolNumber(request.protocol)
        let action = try ruleAction(request.ruleAction)
        let cidr = try Validation.cidr(request.cidrBlock, parameter: "cidrBlock")
        var entry = NetworkAclEntry(
            ruleNumber: request.ruleNumber, egress: request.egress, protocol: number, ruleAction: action,
            cidrBlock: cidr.description)
        switch number {
        case "6", "17":
            guard let from = request.fromPort, let to = request.toPort else {
                throw NetctlError(
                    .missingParameter,
                    "The request must contain the parameters fromPort and toPort: tcp and udp entries need a port "
                        + "range (0 to 65535 for all ports).")
            }
            guard ports.contains(from), ports.contains(to), from <= to else {
                throw NetctlError(
                    .invalidParameterValue,
                    "The port range \(from)-\(to) is invalid: ports run from 0 to 65535 and fromPort may not be "
                        + "above toPort.")
            }
            entry.fromPort = from
            entry.toPort = to
        case "1":
            // Security group rules write ICMP as fromPort = type, toPort = code; that spelling works here too.
            guard let type = request.icmpType ?? request.fromPort, let code = request.icmpCode ?? request.toPort
            else {
                throw NetctlError(
                    .missingParameter,
                    "The request must contain the parameters icmpType and icmpCode for an icmp entry "
                        + "(-1 for every type or code).")
            }
            guard icmpValues.contains(type), icmpValues.contains(code) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "ICMP type \(type) and code \(code) are invalid: each runs from 0 to 255, or -1 for all.")
            }
            entry.icmpType = type
            entry.icmpCode = code
        default:
            // Every other protocol matches all its traffic: AWS keeps no range for it.
            break
        }
        return entry
    }

    /// The two `*` denies every ACL ends with.
    public static let finalDenies: [NetworkAclEntry] = [true, false].map {
        NetworkAclEntry(
            ruleNumber: defaultDenyRuleNumber, egress: $0, protocol: allProtocols, ruleAction: .deny,
            cidrBlock: anyIPv4)
    }

    /// A default ACL's entries: rule 100 allowing all IPv4 in and out, then the `*` denies.
    public static let defaultEntries: [NetworkAclEntry] = sorted(
        finalDenies
            + [true, false].map {
                NetworkAclEntry(
                    ruleNumber: defaultAllowRuleNumber, egress: $0, protocol: allProtocols, ruleAction: .allow,
                    cidrBlock: anyIPv4)
            })

    /// AWS's listing order: egress entries, then ingress, each by rule number.
    public static func sorted(_ entries: [NetworkAclEntry]) -> [NetworkAclEntry] {
        entries.sorted { ($0.egress ? 0 : 1, $0.ruleNumber) < ($1.egress ? 0 : 1, $1.ruleNumber) }
    }

    // MARK: Evaluation

    /// The entry that decides `packet` in `direction`: the lowest-numbered entry of that direction
    /// that matches it, allow or deny. Every direction ends with the `*` deny (32767), so there is
    /// always one; an ACL missing it is answered as if it were there.
    public static func decisiveEntry(
        in acl: NetworkAcl, direction: NetworkAclDirection, packet: NetworkAclPacket
    ) -> NetworkAclEntry {
        let egress = direction == .egress
        var best: NetworkAclEntry?
        for entry in acl.entries where entry.egress == egress && matches(entry, packet) {
            if best.map({ entry.ruleNumber < $0.ruleNumber }) ?? true { best = entry }
        }
        return best ?? finalDenies.first { $0.egress == egress }!
    }

    /// Whether `entry` covers `packet`, whatever its action.
    public static func matches(_ entry: NetworkAclEntry, _ packet: NetworkAclPacket) -> Bool {
        // An IPv6 block never parses as IPv4: IPv4 traffic never matches it.
        guard let cidr = IPv4CIDR(entry.cidrBlock), cidr.contains(packet.remote) else { return false }
        if entry.protocol == allProtocols { return true }
        guard entry.protocol == String(packet.protocolNumber) else { return false }
        switch entry.protocol {
        case "6", "17":
            guard let from = entry.fromPort, let to = entry.toPort else { return true }
            if let port = packet.port { return (from...to).contains(port) }
            // A packet on an unknown port is covered only by an entry for every port.
            return from <= ports.lowerBound && to >= ports.upperBound
        case "1":
            let type = entry.icmpType ?? -1
            let code = entry.icmpCode ?? -1
            if type == -1 { return true }
            guard let packetType = packet.icmpType, packetType == type else { return false }
            if code == -1 { return true }
            return packet.icmpCode == code
        default:
            return true
        }
    }
}

/// Which way a packet crosses a subnet's edge: `ingress` into it, `egress` out of it.
public enum NetworkAclDirection: String, Codable, Sendable, Hashable, CaseIterable {
    case ingress
    case egress
}

/// One IPv4 packet as an ACL sees it: its protocol, its port (tcp, udp) or ICMP type and code, and
/// the address on the far side (the source for ingress, the destination for egress).
public struct NetworkAclPacket: Sendable, Hashable {
    /// 0–255: 6 tcp, 17 udp, 1 icmp.
    public var protocolNumber: Int
    /// The port the ACL checks for tcp and udp (the destination port of the packet as it travels).
    public var port: Int?
    public var icmpType: Int?
    public var icmpCode: Int?
    public var remote: IPv4Address

    public init(protocolNumber: Int, port: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil, remote: IPv4Address)
    {
        self.protocolNumber = protocolNumber
        self.port = port
        self.icmpType = icmpType
        self.icmpCode = icmpCode
        self.remote = remote
    }

    public static func tcp(port: Int, remote: IPv4Address) -> Self {
        Self(protocolNumber: 6, port: port, remote: remote)
    }
    public static func udp(port: Int, remote: IPv4Address) -> Self {
        Self(protocolNumber: 17, port: port, remote: remote)
    }
    public static func icmp(type: Int, code: Int, remote: IPv4Address) -> Self {
        Self(protocolNumber: 1, icmpType: type, icmpCode: code, remote: remote)
    }
}

extension NetworkAcl {
    /// The entry deciding `packet` in `direction` (`NetworkAclRules.decisiveEntry`).
    public func decisiveEntry(_ direction: NetworkAclDirection, _ packet: NetworkAclPacket) -> NetworkAclEntry {
        NetworkAclRules.decisiveEntry(in: self, direction: direction, packet: packet)
    }

    public func allows(_ direction: NetworkAclDirection, _ packet: NetworkAclPacket) -> Bool {
        decisiveEntry(direction, packet).ruleAction == .allow
    }
}
