import ArgumentParser
import Foundation
import NetctlAPI

struct PeerMeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh", abstract: "Peer every pair of the given VPCs: n(n-1)/2 peerings.",
        discussion: """
            The mesh is checked first (overlaps and every quota it would touch) and then made in one transaction: \
            all of it or nothing. Example: netctl peer mesh a b c d e --routes
            """)

    @OptionGroup var set: VpcSetArguments

    @Flag(name: .customLong("no-accept"), help: "Leave the new peerings pending instead of accepting them.")
    var noAccept = false

    @Flag(help: "Add a route to every peer's CIDRs in each VPC's main route table.")
    var routes = false

    @Flag(name: .customLong("dry-run"), help: "Only check and report what would be done.")
    var dryRun = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let vpcs = set.vpcs
        let runner = Runner(global: global)
        let showProgress = global.output == .table && isatty(STDERR_FILENO) == 1
        let plan = try await runner.call(PeeringMesh(vpcs: vpcs, accept: !noAccept, routes: routes, dryRun: true))
        let required = plan["required"]?.intValue ?? 0
        let existing = plan["existing"]?.intValue ?? 0
        if showProgress || dryRun {
            let line = "mesh of \(vpcs.count) VPCs: \(required) peerings required, \(existing) exist, "
                + "\(required - existing) to create\(noAccept ? "" : " and accept")\(routes ? ", with routes" : "")"
            if dryRun {
                if global.output == .json { print(Output.json(plan)) } else { print(line) }
                return
            }
            FileHandle.standardError.write(Data("\(line)…\n".utf8))
        }
        let request = PeeringMesh(vpcs: vpcs, accept: !noAccept, routes: routes)
        try await runner.run(request, clientToken: mutation.clientToken) { result in
            PeeringView.table(result.peerings)
                + "\n\(result.created) created, \(result.existing) existing, \(result.accepted) accepted, "
                + "\(result.routesAdded) routes added (\(result.required) required)"
        }
    }
}
