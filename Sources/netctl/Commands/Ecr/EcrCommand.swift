import ArgumentParser

struct EcrCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecr", abstract: "ECR private registry: repositories, images and lifecycle policies.",
        subcommands: [EcrRepoCommand.self, EcrImageCommand.self, EcrLifecyclePolicyCommand.self])
}
