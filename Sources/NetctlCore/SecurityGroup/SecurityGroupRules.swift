import Foundation
import NetctlAPI

/// AWS's rules for security group names, descriptions and rule fields (SEMANTICS-2 §1.1–1.2).
public enum SecurityGroupRules {
    public static let maximumNameLength = 255
    /// What names and descriptions may hold besides letters and digits.
    static let allowedPunctuation = Set(" ._-:/()#,@[]+=&;{}!$*")

    public static let defaultGroupName = "default"
    public static let defaultGroupDescription = "default VPC security group"

    /// The name as stored: trailing spaces trimmed, as AWS does.
    public static func name(_ raw: String) throws(NetctlError) -> String {
        var name = raw
        while name.last == " " { name.removeLast() }
        guard !name.isEmpty else {
            throw NetctlError(.missingParameter, "The security group name is empty. Pass a name of 1–255 characters.")
        }
        try checkText(name, what: "group name")
        if name.lowercased().hasPrefix("sg-") {
            throw NetctlError(
                .invalidParameterValue,
                "Group names may not be in the format sg-*: '\(name)' would be mistaken for a group ID. Choose another name.")
        }
        if name.lowercased() == defaultGroupName {
            throw NetctlError(
                .securityGroupReserved,
                "The security group name 'default' is reserved for the group each VPC is created with. Choose another name.")
        }
        return name
    }

    public static func description(_ raw: String, what: String = "group description") throws(NetctlError) -> String {
        guard !raw.isEmpty else {
            throw NetctlError(.invalidParameterValue, "The \(what) is empty. Pass 1–255 characters, or leave it out.")
        }
        try checkText(raw, what: what)
        return raw
    }

    private static func checkText(_ text: String, what: String) throws(NetctlError) {
        guard text.count <= maximumNameLength else {
            throw NetctlError(
                .invalidParameterValue, "The \(what) is \(text.count) characters long; at most \(maximumNameLength) are allowed.")
        }
        if let bad = text.first(where: { !(($0.isASCII && ($0.isLetter || $0.isNumber)) || allowedPunctuation.contains($0)) }) {
            throw NetctlError(
                .invalidParameterValue,
                "Invalid \(what) '\(text)': the character '\(bad)' is not allowed. Use a-z, A-Z, 0-9, spaces and "
                    + "._-:/()#,@[]+=&;{}!$*")
        }
    }

    /// The protocol as AWS echoes it: names for TCP, UDP, ICMP and ICMPv6, `-1` for all, else the number.
    public static func canonicalProtocol(_ raw: String) throws(NetctlError) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "tcp", "6": return "tcp"
        case "udp", "17": return "udp"
        case "icmp", "1": return "icmp"
        case "icmpv6", "58": return "icmpv6"
        case "-1", "all": return "-1"
        default:
            if let number = Int(text), (0...255).contains(number), String(number) == text { return text }
            throw NetctlError(
                .invalidParameterValue,
                "Invalid value '\(raw)' for IP protocol. Unknown protocol: use tcp, udp, icmp, icmpv6, -1 (all) or a "
                    + "protocol number 0–255.")
        }
    }

    /// The protocol number a canonical protocol stands for; nil for `-1`.
    public static func protocolNumber(_ canonical: String) -> Int? {
        switch canonical {
        case "tcp": 6
        case "udp": 17
        case "icmp": 1
        case "icmpv6": 58
        case "-1": nil
        default: Int(canonical)
        }
    }

    /// The rule's ports as stored: a checked range for TCP and UDP, a type and code for ICMP (-1: all),
    /// nothing for protocols whose rules allow every port.
    static func ports(_ proto: String, from: Int?, to: Int?) throws(NetctlError) -> (Int?, Int?) {
        switch proto {
        case "tcp", "udp":
            guard let from, let to else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Invalid value for portRange: a \(proto) rule needs both fromPort and toPort (0–65535; "
                        + "0 and 65535 for every port).")
            }
            guard (0...65535).contains(from), (0...65535).contains(to) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Invalid value for portRange: \(from)–\(to) is outside 0–65535. Ports go from 0 to 65535.")
            }
            guard from <= to else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Invalid \(proto.uppercased()) port range: fromPort \(from) is greater than toPort \(to).")
            }
            return (from, to)
        case "icmp", "icmpv6":
            let type = from ?? -1
            let code = to ?? -1
            guard (-1...255).contains(type), (-1...255).contains(code) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Invalid ICMP type \(type) or code \(code): each is 0–255, or -1 for all (fromPort is the type, "
                        + "toPort the code).")
            }
            if type == -1 && code != -1 {
                throw NetctlError(
                    .invalidParameterValue,
                    "Invalid ICMP code \(code) for type -1: all types (-1) take code -1. Give a type to restrict the code.")
            }
            return (type, code)
        default:
            return (nil, nil)
        }
    }

    /// What AWS calls a rule in its duplicate error: `peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW`.
    static func describe(_ rule: SecurityGroupRule) -> String {
        let peer = rule.cidrIpv4 ?? rule.prefixListId ?? rule.referencedGroupId ?? "?"
        let traffic: String
        switch rule.protocol {
        case "-1": traffic = "ALL"
        case "tcp", "udp":
            traffic = "\(rule.protocol.uppercased()), from port: \(rule.fromPort ?? 0), to port: \(rule.toPort ?? 65535)"
        case "icmp", "icmpv6":
            traffic = "\(rule.protocol.uppercased()), type: \(rule.fromPort ?? -1), code: \(rule.toPort ?? -1)"
        default: traffic = "protocol \(rule.protocol)"
        }
        return "peer: \(peer), \(traffic), ALLOW"
    }

    /// Two rules are the same rule when all but their IDs and descriptions agree.
    static func sameRule(_ a: SecurityGroupRule, _ b: SecurityGroupRule) -> Bool {
        a.protocol == b.protocol && a.fromPort == b.fromPort && a.toPort == b.toPort && a.cidrIpv4 == b.cidrIpv4
            && a.prefixListId == b.prefixListId && a.referencedGroupId == b.referencedGroupId
    }

    /// The rule AWS gives every new group, and the default group, outbound: everything to anywhere.
    static func allowAllEgress(_ ruleId: String) -> SecurityGroupRule {
        SecurityGroupRule(ruleId: ruleId, protocol: "-1", cidrIpv4: "0.0.0.0/0")
    }
}
