import ArgumentParser
import NetctlAPI

struct NaclCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a custom network ACL; it denies everything until entries are added.")

    @Argument(help: "Name of the network ACL (its Name tag).")
    var name: String?

    @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
    var vpc: String

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkAclCreate(vpc: vpc, name: name, tags: try parseTags(tags)), clientToken: mutation.clientToken,
            table: NaclView.details)
    }
}
