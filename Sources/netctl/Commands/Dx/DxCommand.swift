import ArgumentParser
import NetctlAPI

struct DxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dx",
        abstract: "Direct Connect gateways: the routing a Direct Connect link implies, without the link.",
        subcommands: [DxGatewayCommand.self])
}

struct DxGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Direct Connect gateways, the on-premises networks behind them and their associations.",
        subcommands: [
            DxGatewayCreateCommand.self, DxGatewayListCommand.self, DxGatewayGetCommand.self,
            DxGatewayAssociateCommand.self, DxGatewayUpdateAssociationCommand.self, DxGatewayDisassociateCommand.self,
            DxGatewaySetOnPremCommand.self, DxGatewayDeleteCommand.self,
        ])
}

enum DxView {
    static func gateways(_ gateways: [DirectConnectGateway]) -> String {
        Output.table(
            ["DX GATEWAY ID", "NAME", "STATE", "ASN", "ON-PREMISES", "ASSOCIATED WITH"],
            gateways.map {
                [
                    $0.dxGatewayId, $0.name, $0.state, String($0.amazonSideAsn),
                    $0.onPremisesCidrs.isEmpty ? "-" : $0.onPremisesCidrs.joined(separator: ","),
                    $0.associations.isEmpty ? "-" : $0.associations.map(\.associatedGateway.id).joined(separator: ","),
                ]
            })
    }

    static func gateway(_ gateway: DirectConnectGateway) -> String {
        Output.details([
            ("DX gateway ID", gateway.dxGatewayId), ("Name", gateway.name), ("State", gateway.state),
            ("Amazon-side ASN", String(gateway.amazonSideAsn)),
            ("On-premises", gateway.onPremisesCidrs.isEmpty ? "-" : gateway.onPremisesCidrs.joined(separator: ", ")),
            (
                "Associations",
                gateway.associations.isEmpty
                    ? "-"
                    : gateway.associations.map { association in
                        "\(association.associatedGateway.id) (\(association.associationId), "
                            + "\(association.associationState)) allowed \(association.allowedPrefixes.joined(separator: ","))"
                            + (association.transitGatewayAttachmentId.map { " via \($0)" } ?? "")
                    }.joined(separator: "; ")
            ),
            ("Created", Output.time(gateway.createdAt)),
        ])
    }
}

/// The DX gateway argument and the VGW-or-hub options of associate and disassociate.
struct DxAssociatedGatewayOptions: ParsableArguments {
    @Argument(help: "Direct Connect gateway ID or name.")
    var dxGateway: String

    @Option(name: .customLong("vpn-gateway"), help: ArgumentHelp("Virtual private gateway (vgw-… or name).", valueName: "vgw"))
    var vpnGateway: String?

    @Option(name: .customLong("transit-gateway"), help: ArgumentHelp("Transit gateway (tgw-… or name).", valueName: "tgw"))
    var transitGateway: String?
}
