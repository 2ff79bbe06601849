import ArgumentParser
import NetctlAPI

struct RouteTableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route-table", abstract: "Create, inspect, associate and delete route tables.",
        subcommands: [
            RouteTableCreateCommand.self, RouteTableListCommand.self, RouteTableGetCommand.self,
            RouteTableAssociateCommand.self, RouteTableDisassociateCommand.self, RouteTableDeleteCommand.self,
            RouteTableEnablePropagationCommand.self, RouteTableDisablePropagationCommand.self,
        ])
}

enum RouteTableView {
    static func table(_ tables: [RouteTable]) -> String {
        Output.table(
            ["ROUTE TABLE ID", "NAME", "VPC ID", "MAIN", "SUBNETS", "ROUTES"],
            tables.map {
                [
                    $0.routeTableId, $0.name ?? "-", $0.vpcId, $0.main ? "yes" : "no",
                    $0.associations.isEmpty ? "-" : $0.associations.map(\.subnetId).joined(separator: ","),
                    "\($0.routes.count)",
                ]
            })
    }

    static func details(_ table: RouteTable) -> String {
        let header = Output.details([
            ("Route table ID", table.routeTableId), ("Name", table.name ?? "-"), ("VPC ID", table.vpcId),
            ("Main", table.main ? "yes" : "no"),
            (
                "Associations",
                table.associations.isEmpty
                    ? "-" : table.associations.map { "\($0.subnetId) (\($0.associationId))" }.joined(separator: ", ")
            ),
            ("Tags", Output.tags(table.tags)),
            ("Propagating VGWs", table.propagatingVgws?.joined(separator: ", ") ?? "-"),
        ])
        return header + "\n\n" + routes(table.routes)
    }

    static func routes(_ routes: [Route]) -> String {
        Output.table(
            ["DESTINATION", "TARGET", "STATE", "ORIGIN"],
            routes.map { [$0.destination, $0.target.id, $0.state.rawValue, $0.origin] })
    }
}
