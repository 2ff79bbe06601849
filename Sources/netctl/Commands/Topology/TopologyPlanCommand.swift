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

    @OptionGroup var set: VpcSetArguments
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(TopologyPlan(vpcs: set.vpcs), table: TopologyView.plan)
    }
}
