import ArgumentParser
import NetctlAPI

struct TgwCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a transit gateway (pending for a few seconds, then available).",
        discussion: "Example: netctl tgw create hub --asn 64512")

    @Argument(help: "The hub's name (its Name tag).")
    var name: String?

    @Option(name: .customLong("asn"), help: ArgumentHelp("Amazon-side ASN (default 64512).", valueName: "asn"))
    var amazonSideAsn: Int64?

    @Flag(name: .customLong("no-default-association"), help: "Do not associate new attachments with the default table.")
    var noDefaultAssociation = false

    @Flag(name: .customLong("no-default-propagation"), help: "Do not propagate new attachments into the default table.")
    var noDefaultPropagation = false

    @Flag(name: .customLong("no-dns-support"), help: "Turn DNS support off.")
    var noDnsSupport = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = TransitGatewayCreate(
            name: name, amazonSideAsn: amazonSideAsn, defaultRouteTableAssociation: !noDefaultAssociation,
            defaultRouteTablePropagation: !noDefaultPropagation, dnsSupport: !noDnsSupport)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: TgwView.details)
    }
}
