import ArgumentParser
import NetctlAPI

struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology", abstract: "Plan a mesh against a hub for a set of VPCs, and move a mesh onto a hub.",
        subcommands: [TopologyPlanCommand.self, TopologyMigrateCommand.self])
}

/// The set of VPCs that `peer mesh` and the topology commands work on: two or more, IDs or names.
struct VpcSetArguments: ParsableArguments {
    @Argument(help: "Two or more VPCs (IDs or names).")
    var vpcs: [String]

    func validate() throws {
        guard vpcs.count >= 2 else { throw ValidationError("name at least two VPCs") }
    }
}

enum TopologyView {
    static func plan(_ plan: TopologyPlanResponse) -> String {
        let mesh = plan.mesh
        let hub = plan.hub
        var text = Output.table(
            ["", "FULL MESH", "HUB"],
            [
                ["connections", "\(mesh.peerings) peerings (\(mesh.existingPeerings) active now)", "\(hub.attachments) attachments"],
                ["VPC routes in all", String(mesh.routes), String(hub.routes)],
                ["routes per table", String(mesh.routesPerTable), String(hub.routesPerTable)],
                ["hub table routes", "-", String(hub.hubRoutes)],
                ["failure points", String(mesh.failurePoints), String(hub.failurePoints)],
            ])
        text += "\n\nmesh: \(mesh.failureImpact)\nhub: \(hub.failureImpact)\n"
        text += "\nQuota headroom with a full mesh:\n" + headroom(mesh.quotaHeadroom)
        text += "\n\nQuota headroom with a hub (mesh peerings deleted):\n" + headroom(hub.quotaHeadroom)
        if plan.overlaps.isEmpty {
            text += "\n\nNo two of the \(plan.vpcs.count) VPCs overlap."
        } else {
            text += "\n\nOverlapping pairs (neither topology connects them):\n"
                + plan.overlaps.map { "  \($0.message)" }.joined(separator: "\n")
        }
        return text
    }

    static func headroom(_ rows: [TopologyHeadroom]) -> String {
        Output.table(
            ["VPC", "QUOTA", "USED", "LIMIT", "HEADROOM"],
            rows.map {
                [$0.vpcId ?? "(hub)", $0.quota, String($0.used), String($0.limit), $0.headroom < 0 ? "\($0.headroom) (over)" : String($0.headroom)]
            })
    }

    /// The report's steps in order, as progress lines, then the summary.
    static func migration(_ report: TopologyMigrateResponse) -> String {
        let width = String(report.steps.count).count
        var lines = report.steps.enumerated().map { index, step in
            let number = String(index + 1)
            return "[\(String(repeating: " ", count: width - number.count))\(number)/\(report.steps.count)] "
                + "\(step.action) \(step.resourceId): \(step.detail)"
        }
        lines.append(
            (report.dryRun ? "dry run, nothing changed: " : "") + "hub \(report.transitGatewayId)"
                + (report.hubCreated ? " (new)" : "") + ", \(report.attachments.count) attachments "
                + "(\(report.attachmentsCreated) new), \(report.routesReplaced) routes moved to the hub, "
                + "\(report.peeringsDeleted) of \(report.peerings.count) peerings deleted; reachable pairs "
                + "\(report.reachableBefore) before, \(report.reachableAfter) after (of \(report.pairsChecked))")
        return lines.joined(separator: "\n")
    }
}
