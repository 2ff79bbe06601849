import ArgumentParser
import NetctlAPI

struct TgwCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tgw",
        abstract: "Transit gateways: hubs, VPC and peering attachments, hub route tables and their routes.",
        subcommands: [
            TgwCreateCommand.self, TgwListCommand.self, TgwShowCommand.self, TgwDeleteCommand.self,
            TgwAttachCommand.self, TgwAttachPeeringCommand.self, TgwAcceptPeeringCommand.self,
            TgwRejectPeeringCommand.self, TgwAttachmentCommand.self, TgwRouteTableCommand.self, TgwRouteCommand.self,
        ])
}

struct TgwAttachmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachment", abstract: "List, show and delete transit gateway attachments.",
        subcommands: [TgwAttachmentListCommand.self, TgwAttachmentShowCommand.self, TgwAttachmentDeleteCommand.self])
}

struct TgwRouteTableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route-table", abstract: "Hub route tables: create, associate attachments, propagate, delete.",
        subcommands: [
            TgwRouteTableCreateCommand.self, TgwRouteTableListCommand.self, TgwRouteTableShowCommand.self,
            TgwRouteTableDeleteCommand.self, TgwRouteTableAssociateCommand.self, TgwRouteTableDisassociateCommand.self,
            TgwRouteTableEnablePropagationCommand.self, TgwRouteTableDisablePropagationCommand.self,
        ])
}

struct TgwRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Static routes of a hub route table, and the routes the hub uses.",
        subcommands: [
            TgwRouteAddCommand.self, TgwRouteReplaceCommand.self, TgwRouteDeleteCommand.self, TgwRouteSearchCommand.self,
        ])
}

enum TgwView {
    static func table(_ hubs: [TransitGateway]) -> String {
        Output.table(
            ["TRANSIT GATEWAY ID", "NAME", "STATE", "ASN", "DEFAULT ROUTE TABLE"],
            hubs.map {
                [$0.transitGatewayId, $0.name ?? "-", $0.state, String($0.amazonSideAsn), $0.defaultRouteTableId ?? "-"]
            })
    }

    static func details(_ hub: TransitGateway) -> String {
        Output.details([
            ("Transit gateway ID", hub.transitGatewayId), ("Name", hub.name ?? "-"), ("State", hub.state),
            ("Amazon-side ASN", String(hub.amazonSideAsn)), ("Default route table", hub.defaultRouteTableId ?? "-"),
            ("Default association", hub.options.defaultRouteTableAssociation),
            ("Default propagation", hub.options.defaultRouteTablePropagation), ("DNS support", hub.options.dnsSupport),
            ("Tags", Output.tags(hub.tags)), ("Created", Output.time(hub.createdAt)),
        ])
    }

    static func attachments(_ attachments: [TransitGatewayAttachment]) -> String {
        Output.table(
            ["ATTACHMENT ID", "TRANSIT GATEWAY", "TYPE", "RESOURCE", "STATE", "ROUTE TABLE", "ZONES"],
            attachments.map {
                [
                    $0.attachmentId, $0.transitGatewayId, $0.type, $0.resourceId, $0.state,
                    $0.associatedRouteTableId ?? "-", $0.networkInterfaces.map(\.availabilityZone).joined(separator: ","),
                ]
            })
    }

    /// A peering's two hubs, and the accepter's table; nothing for other attachments.
    static func peeringDetails(_ attachment: TransitGatewayAttachment) -> [(String, String)] {
        guard let peering = attachment.peering else { return [] }
        func side(_ info: TransitGatewayPeeringSide) -> String { "\(info.transitGatewayId) (\(info.accountId), \(info.region))" }
        return [
            ("Requester", side(peering.requesterTgwInfo)), ("Accepter", side(peering.accepterTgwInfo)),
            ("Accepter route table", peering.accepterAssociatedRouteTableId ?? "-"),
        ]
    }

    static func attachment(_ attachment: TransitGatewayAttachment) -> String {
        Output.details([
            ("Attachment ID", attachment.attachmentId), ("Name", attachment.name ?? "-"),
            ("Transit gateway", attachment.transitGatewayId), ("Type", attachment.type),
            ("Resource", attachment.resourceId), ("State", attachment.state),
            ("Route table", attachment.associatedRouteTableId ?? "-"),
        ] + peeringDetails(attachment) + [
            (
                "Interfaces",
                attachment.networkInterfaces.map {
                    "\($0.networkInterfaceId) \($0.privateIpAddress) (\($0.subnetId), \($0.availabilityZone))"
                }.joined(separator: "; ")
            ),
            ("Tags", Output.tags(attachment.tags)), ("Created", Output.time(attachment.createdAt)),
        ])
    }

    static func routeTables(_ tables: [TransitGatewayRouteTable]) -> String {
        Output.table(
            ["ROUTE TABLE ID", "NAME", "TRANSIT GATEWAY", "STATE", "DEFAULT", "ASSOCIATIONS", "PROPAGATIONS", "STATIC"],
            tables.map {
                [
                    $0.routeTableId, $0.name ?? "-", $0.transitGatewayId, $0.state,
                    $0.defaultAssociationRouteTable || $0.defaultPropagationRouteTable ? "yes" : "no",
                    String($0.associations.count), String($0.propagations.count), String($0.staticRoutes.count),
                ]
            })
    }

    static func routeTable(_ table: TransitGatewayRouteTable) -> String {
        Output.details([
            ("Route table ID", table.routeTableId), ("Name", table.name ?? "-"),
            ("Transit gateway", table.transitGatewayId), ("State", table.state),
            ("Default association", table.defaultAssociationRouteTable ? "yes" : "no"),
            ("Default propagation", table.defaultPropagationRouteTable ? "yes" : "no"),
            ("Associations", table.associations.isEmpty ? "-" : table.associations.joined(separator: ", ")),
            ("Propagations", table.propagations.isEmpty ? "-" : table.propagations.joined(separator: ", ")),
            (
                "Static routes",
                table.staticRoutes.isEmpty
                    ? "-"
                    : table.staticRoutes.map {
                        "\($0.destinationCidrBlock) → \($0.blackhole ? "blackhole" : $0.attachmentId ?? "-")"
                    }.joined(separator: "; ")
            ),
            ("Tags", Output.tags(table.tags)), ("Created", Output.time(table.createdAt)),
        ])
    }

    static func routes(_ routes: [TransitGatewayRoute]) -> String {
        Output.table(
            ["DESTINATION", "TYPE", "STATE", "ATTACHMENT", "RESOURCE"],
            routes.map {
                [
                    $0.destinationCidrBlock, $0.type, $0.state,
                    $0.attachments.map(\.attachmentId).joined(separator: ",").ifEmpty("-"),
                    $0.attachments.map(\.resourceId).joined(separator: ",").ifEmpty("-"),
                ]
            })
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

/// The two arguments of the route-table commands that act on one attachment, and their one call.
struct TgwTableAttachmentArguments: ParsableArguments {
    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func send<M: RPCMethod>(_ make: (String, String) -> M) async throws where M.Response == TransitGatewayRouteTable {
        try await Runner(global: global).run(
            make(routeTable, attachment), clientToken: mutation.clientToken, table: TgwView.routeTable)
    }
}
