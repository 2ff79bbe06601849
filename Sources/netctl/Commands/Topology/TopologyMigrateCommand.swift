import ArgumentParser
import Foundation
import NetctlAPI

struct TopologyMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Move a mesh of VPCs onto a transit gateway in one transaction.",
        discussion: """
            Creates a hub (or uses --tgw), attaches every VPC through one subnet per zone, points each route over \
            a peering of the set at the hub, and refuses (TopologyMigrationWouldBreakReachability, nothing changed) \
            unless every pair of subnets and instances that was reachable still is; then, with --delete-peerings, \
            deletes the set's peerings. netctld does it all in one commit; netctl prints its steps in order. \
            Example: netctl topology migrate a b c d e f --delete-peerings
            """)

    @OptionGroup var set: VpcSetArguments

    @Option(help: "An available transit gateway (ID or name) to use instead of creating one.")
    var tgw: String?

    @Flag(name: .customLong("delete-peerings"), help: "Delete the set's peerings once the hub carries their traffic.")
    var deletePeerings = false

    @Flag(name: .customLong("dry-run"), help: "Check everything, reachability included, and report; change nothing.")
    var dryRun = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        if global.output == .table, isatty(STDERR_FILENO) == 1 {
            FileHandle.standardError.write(
                Data("moving \(set.vpcs.count) VPCs onto \(tgw ?? "a new hub")\(dryRun ? " (dry run)" : "")…\n".utf8))
        }
        let request = TopologyMigrate(
            vpcs: set.vpcs, tgw: tgw, deletePeerings: deletePeerings ? true : nil, dryRun: dryRun ? true : nil)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: TopologyView.migration)
    }
}
