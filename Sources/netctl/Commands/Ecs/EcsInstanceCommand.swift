import ArgumentParser

struct EcsInstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "EC2 container instances: capacity for EC2 launch type tasks.",
        subcommands: [Register.self, List.self, Deregister.self])
}
