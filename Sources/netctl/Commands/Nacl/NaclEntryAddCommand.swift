import ArgumentParser
import NetctlAPI

struct NaclEntryAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an entry to one direction of a network ACL.")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @OptionGroup var entry: NaclEntryOptions
    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let ports = try entry.portRange()
        try await Runner(global: global).run(
            NetworkAclCreateEntry(
                networkAcl: networkAcl, ruleNumber: entry.rule, egress: entry.direction == .egress,
                protocol: entry.ipProtocol, ruleAction: entry.action.rawValue, cidrBlock: entry.cidr,
                fromPort: ports?.from, toPort: ports?.to, icmpType: entry.icmp.type, icmpCode: entry.icmp.code),
            clientToken: mutation.clientToken, table: NaclView.details)
    }
}
