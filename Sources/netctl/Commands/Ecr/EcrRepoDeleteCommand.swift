import ArgumentParser
import NetctlAPI

struct EcrRepoDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a repository; --force deletes its images too.")

    @Argument(help: "Repository name or ARN.")
    var name: String

    @Flag(help: "Delete the repository even if it holds images, and the images with it.")
    var force = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            EcrRepositoryDelete(name: name, force: force ? true : nil), clientToken: mutation.clientToken
        ) { "deleted \($0.repositoryName) (\($0.repositoryArn))" }
    }
}
