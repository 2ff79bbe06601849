import ArgumentParser
import NetctlAPI

struct NaclEntryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry", abstract: "Numbered allow and deny entries, evaluated lowest number first.",
        subcommands: [NaclEntryAddCommand.self, NaclEntryReplaceCommand.self, NaclEntryDeleteCommand.self])
}

enum NaclDirection: String, EnumerableFlag {
    case ingress
    case egress

    static func help(for value: NaclDirection) -> ArgumentHelp? {
        value == .ingress ? "An inbound entry." : "An outbound entry."
    }
}

enum NaclAction: String, EnumerableFlag {
    case allow
    case deny

    static func help(for value: NaclAction) -> ArgumentHelp? {
        value == .allow ? "Allow matching traffic." : "Deny matching traffic."
    }
}

/// What `entry add` and `entry replace` say about an entry.
struct NaclEntryOptions: ParsableArguments {
    @Flag(help: "The entry's direction.")
    var direction: NaclDirection

    @Option(help: ArgumentHelp("Rule number, 1 to 32766; lowest first.", valueName: "n"))
    var rule: Int

    @Flag(help: "What a matching packet gets.")
    var action: NaclAction

    @Option(
        name: .customLong("protocol"),
        help: ArgumentHelp("tcp, udp, icmp, a protocol number, or -1 for all.", valueName: "protocol"))
    var ipProtocol: String = "-1"

    @Option(help: ArgumentHelp("Port or range for tcp and udp: 80 or 1024-65535.", valueName: "port"))
    var port: String?

    @Option(name: .customLong("icmp-type"), help: ArgumentHelp("ICMP type; -1 (default) for all.", valueName: "n"))
    var icmpType: Int?

    @Option(name: .customLong("icmp-code"), help: ArgumentHelp("ICMP code; -1 (default) for all.", valueName: "n"))
    var icmpCode: Int?

    @Option(help: ArgumentHelp("The remote IPv4 network.", valueName: "cidr"))
    var cidr: String

    func validate() throws { _ = try portRange() }

    /// The port option as a range: one port, or `FROM-TO`.
    func portRange() throws -> (from: Int, to: Int)? {
        guard let port else { return nil }
        let parts = port.split(separator: "-", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        switch parts.count {
        case 1: if let only = parts[0] { return (only, only) }
        case 2: if let from = parts[0], let to = parts[1] { return (from, to) }
        default: break
        }
        throw ValidationError("--port takes a port (80) or a range (1024-65535), not '\(port)'")
    }

    /// The entry for `networkAcl`; ICMP entries default to every type and code.
    func entry(of networkAcl: String) throws -> NetworkAclReplaceEntry {
        let ports = try portRange()
        let icmp = ["icmp", "1"].contains(ipProtocol.lowercased())
        return NetworkAclReplaceEntry(
            networkAcl: networkAcl, ruleNumber: rule, egress: direction == .egress, protocol: ipProtocol,
            ruleAction: action.rawValue, cidrBlock: cidr, fromPort: ports?.from, toPort: ports?.to,
            icmpType: icmp ? icmpType ?? -1 : icmpType, icmpCode: icmp ? icmpCode ?? -1 : icmpCode)
    }
}
