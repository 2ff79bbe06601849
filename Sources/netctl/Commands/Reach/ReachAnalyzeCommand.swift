import ArgumentParser
import NetctlAPI

struct ReachAnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Can SOURCE reach DESTINATION? Prints the path hop by hop, or why not.",
        discussion: """
            SOURCE and DESTINATION are VPCs, subnets, instances (i-…), network interfaces (eni-…) or IPv4 addresses; \
            security groups and network ACLs on the path are checked for the traffic asked about. DESTINATION may \
            also be an AWS service (s3, dynamodb, ssm, com.amazonaws.REGION.NAME). Either may be a security group \
            (sg-… or its name), standing for every network interface in it: reachable only when every pair is. \
            `netctl reach SOURCE DESTINATION` is this command. Exits 0 when reachable and 4 when not, so \
            `netctl reach a b && …` works in scripts.
            """)

    @Argument(help: "Where traffic starts.")
    var source: String

    @Argument(help: "Where it should arrive.")
    var destination: String

    @Option(help: "Destination port, checked against security groups and network ACLs (tcp unless --protocol says).")
    var port: Int?

    @Option(help: ArgumentHelp("tcp, udp, icmp or -1.", valueName: "protocol"))
    var `protocol`: String?

    @Option(
        name: .customLong("without"),
        help: ArgumentHelp(
            "Answer as if this were gone: a peering, internet gateway, NAT gateway or endpoint ID, or a route as "
                + "ROUTE_TABLE:DESTINATION. Repeatable; nothing changes.",
            valueName: "id"))
    var without: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        let raw = try await runner.call(
            ReachAnalyze(
                source: source, destination: destination, port: port, protocol: `protocol`,
                without: without.isEmpty ? nil : without))
        try runner.emit(raw, as: ReachAnalysis.self, Self.render)
        if raw["reachable"] != .bool(true) { throw CLIFailure(status: ExitStatus.unreachableDestination, message: "") }
    }

    static func render(_ analysis: ReachAnalysis) -> String {
        var lines: [String] = []
        let from = analysis.source.label
        let to = analysis.destination.label
        lines.append(analysis.reachable ? "\(from) can reach \(to)" : "\(from) cannot reach \(to)")
        if !analysis.path.isEmpty {
            lines.append("")
            lines.append("path:")
            for (index, hop) in analysis.path.enumerated() {
                lines.append("  \(index + 1). \(hop.component) \(hop.id): \(hop.detail)")
            }
        }
        if !analysis.returnPath.isEmpty {
            lines.append("return path:")
            for (index, hop) in analysis.returnPath.enumerated() {
                lines.append("  \(index + 1). \(hop.component) \(hop.id): \(hop.detail)")
            }
        }
        if !analysis.explanations.isEmpty {
            lines.append("")
            lines.append("why not:")
            for explanation in analysis.explanations {
                lines.append("  \(explanation.code): \(explanation.message)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
