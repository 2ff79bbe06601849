import ArgumentParser
import NetctlAPI

struct EcrRepoGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one repository.")

    @Argument(help: "Repository name or ARN.")
    var name: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EcrRepositoryGet(name: name), table: EcrView.repository)
    }
}
