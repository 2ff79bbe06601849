import ArgumentParser
import NetctlAPI

struct TopologyPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Compare a full mesh of peerings with a hub for the given VPCs.",
        discussion: """
            Peerings against attachments, VPC routes in all and per table, the hub table's routes, each quota's \
            headroom per VPC and for the hub, failure points, and the pairs whose CIDRs overlap. Changes nothing. \
            Example: netctl topology plan a b c d e f
            """)

    @Argument(help: "Two or more VPCs (IDs or names).")
    var vpcs: [String]

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard vpcs.count >= 2 else { throw ValidationError("name at least two VPCs") }
    }

    func run() async throws {
        try await Runner(global: global).run(TopologyPlan(vpcs: vpcs), table: TopologyView.plan)
    }
}
