import ArgumentParser

struct EcrLifecyclePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle-policy", abstract: "Lifecycle policies: rules that expire old images.",
        subcommands: [EcrLifecyclePolicyPutCommand.self, EcrLifecyclePolicyGetCommand.self, EcrLifecyclePolicyDeleteCommand.self])
}
