import ArgumentParser
import NetctlAPI

struct TgwAttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach a VPC to a transit gateway through one subnet per availability zone.",
        discussion: "Example: netctl tgw attach hub a --subnet a-1a --subnet a-1b")

    @Argument(help: "Transit gateway ID (tgw-…) or name.")
    var tgw: String

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @Option(name: .customLong("subnet"), help: ArgumentHelp("A subnet of the VPC (repeat, one per zone).", valueName: "subnet"))
    var subnets: [String] = []

    @Option(help: ArgumentHelp("The attachment's Name tag.", valueName: "name"))
    var name: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !subnets.isEmpty else { throw ValidationError("pass at least one --subnet, one per availability zone") }
    }

    func run() async throws {
        let request = TransitGatewayAttachVpc(tgw: tgw, vpc: vpc, subnets: subnets, name: name)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: TgwView.attachment)
    }
}
