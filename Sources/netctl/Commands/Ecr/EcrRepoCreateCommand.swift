import ArgumentParser
import NetctlAPI

struct EcrRepoCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a repository.",
        discussion: """
            Examples:
              netctl ecr repo create web
              netctl ecr repo create team-a/api --image-tag-mutability IMMUTABLE
            """)

    @Argument(help: "Repository name: 2–256 lowercase letters, digits, '.', '_', '-', and '/' for namespaces.")
    var name: String

    @Option(
        name: .customLong("image-tag-mutability"),
        help: ArgumentHelp("MUTABLE (tags move to new pushes; the default) or IMMUTABLE.", valueName: "mutability"))
    var imageTagMutability: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            EcrRepositoryCreate(name: name, imageTagMutability: imageTagMutability), clientToken: mutation.clientToken,
            table: EcrView.repository)
    }
}
