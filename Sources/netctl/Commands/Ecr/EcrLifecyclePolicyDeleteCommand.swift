import ArgumentParser
import NetctlAPI

struct EcrLifecyclePolicyDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a repository's lifecycle policy.")

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            EcrLifecyclePolicyDelete(repository: repository), clientToken: mutation.clientToken
        ) { "removed the lifecycle policy of \($0.repositoryName)" }
    }
}
