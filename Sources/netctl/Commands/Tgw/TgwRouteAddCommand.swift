import ArgumentParser
import NetctlAPI

struct TgwRouteAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a static route to a hub route table: to an attachment, or a blackhole.",
        discussion: """
            Examples:
              netctl tgw route add tgw-rtb-0123456789abcdef0 --destination 10.2.0.0/16 --attachment b-att
              netctl tgw route add tgw-rtb-0123456789abcdef0 --destination 10.9.0.0/16 --blackhole
            """)

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Option(help: ArgumentHelp("Destination IPv4 CIDR block.", valueName: "cidr"))
    var destination: String

    @Option(help: ArgumentHelp("Target attachment (tgw-attach-… or name).", valueName: "attachment"))
    var attachment: String?

    @Flag(help: "Drop traffic to the destination.")
    var blackhole = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (attachment != nil) != blackhole else { throw ValidationError("pass exactly one of --attachment or --blackhole") }
    }

    func run() async throws {
        let request = TransitGatewayRouteCreate(
            routeTable: routeTable, destinationCidrBlock: destination, attachment: attachment,
            blackhole: blackhole ? true : nil)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: TgwView.routeTable)
    }
}
