import ArgumentParser
import NetctlAPI

struct TgwRouteReplaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace", abstract: "Point a static route of a hub route table at another attachment, or make it a blackhole.",
        discussion: """
            Examples:
              netctl tgw route replace tgw-rtb-0123456789abcdef0 --destination 10.2.0.0/16 --attachment c-att
              netctl tgw route replace tgw-rtb-0123456789abcdef0 --destination 10.2.0.0/16 --blackhole
            """)

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Option(help: ArgumentHelp("Destination IPv4 CIDR block of the static route to replace.", valueName: "cidr"))
    var destination: String

    @Option(help: ArgumentHelp("New target attachment (tgw-attach-… or name).", valueName: "attachment"))
    var attachment: String?

    @Flag(help: "Drop traffic to the destination.")
    var blackhole = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (attachment != nil) != blackhole else { throw ValidationError("pass exactly one of --attachment or --blackhole") }
    }

    func run() async throws {
        let request = TransitGatewayRouteReplace(
            routeTable: routeTable, destinationCidrBlock: destination, attachment: attachment,
            blackhole: blackhole ? true : nil)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: TgwView.routeTable)
    }
}
