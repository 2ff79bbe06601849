import ArgumentParser
import NetctlAPI

struct EcrLifecyclePolicyGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a repository's lifecycle policy.")

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EcrLifecyclePolicyGet(repository: repository)) { EcrView.policy($0, text: true) }
    }
}
