import ArgumentParser
import NetctlAPI

struct VpcCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a VPC with a primary IPv4 CIDR block (/16 to /28).",
        discussion: "Example: netctl vpc create a --cidr 10.0.0.0/16")

    @Argument(help: "Name of the VPC (its Name tag); other commands accept it in place of the ID.")
    var name: String?

    @Option(help: ArgumentHelp("Primary IPv4 CIDR block, e.g. 10.0.0.0/16.", valueName: "cidr"))
    var cidr: String

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = VpcCreate(cidrBlock: cidr, name: name, tags: try parseTags(tags))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: VpcView.details)
    }
}
