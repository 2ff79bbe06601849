import ArgumentParser
import NetctlAPI

struct GatewayCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an internet gateway (attached to a VPC) or a NAT gateway (in a subnet).",
        discussion: """
            Examples:
              netctl gateway create internet gw --vpc a
              netctl gateway create nat nat-a --subnet web
            """)

    @Argument(help: "internet or nat.")
    var type: GatewayKind

    @Argument(help: "Name of the gateway (its Name tag); other commands accept it in place of the ID.")
    var name: String?

    @Option(help: ArgumentHelp("For an internet gateway: the VPC to attach it to.", valueName: "vpc"))
    var vpc: String?

    @Option(help: ArgumentHelp("For a NAT gateway: the subnet it takes an address from.", valueName: "subnet"))
    var subnet: String?

    @Flag(help: "For a NAT gateway: private connectivity (no internet).")
    var `private` = false

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        switch type {
        case .internet:
            guard vpc != nil, subnet == nil, !`private` else {
                throw ValidationError("an internet gateway takes --vpc (and neither --subnet nor --private)")
            }
        case .nat:
            guard subnet != nil, vpc == nil else { throw ValidationError("a NAT gateway takes --subnet (not --vpc)") }
        }
    }

    func run() async throws {
        let runner = Runner(global: global)
        var tags = try parseTags(tags)
        if let name { tags = (tags ?? [:]).merging(["Name": name]) { _, new in new } }
        switch type {
        case .internet:
            try await runner.run(
                GatewayCreate(type: "internet", vpc: vpc ?? "", tags: tags), clientToken: mutation.clientToken,
                table: GatewayView.details)
        case .nat:
            try await runner.run(
                NatGatewayCreate(subnet: subnet ?? "", connectivityType: `private` ? "private" : "public", tags: tags),
                clientToken: mutation.clientToken, table: GatewayView.details)
        }
    }
}
