import ArgumentParser
import NetctlAPI

struct SgCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a security group in a VPC (no inbound rules, all outbound).",
        discussion: """
            Example:
              netctl sg create web --vpc a --description "Web tier"
            Names are unique per VPC (case-insensitively); `default` is the VPC's own group.
            """)

    @Argument(help: "Group name (1–255 characters; not default, not sg-…).")
    var name: String

    @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
    var vpc: String

    @Option(help: ArgumentHelp("Description (default: the name); immutable.", valueName: "text"))
    var description: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = SecurityGroupCreate(vpc: vpc, name: name, description: description, tags: try parseTags(tags))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: SgView.details)
    }
}
