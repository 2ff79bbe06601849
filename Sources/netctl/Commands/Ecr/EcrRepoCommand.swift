import ArgumentParser

struct EcrRepoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo", abstract: "Private repositories.",
        subcommands: [EcrRepoCreateCommand.self, EcrRepoListCommand.self, EcrRepoGetCommand.self, EcrRepoDeleteCommand.self])
}
