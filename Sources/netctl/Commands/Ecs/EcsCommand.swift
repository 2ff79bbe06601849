import ArgumentParser

struct EcsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs", abstract: "ECS: clusters, container instances, task definitions, services and tasks.",
        subcommands: [
            EcsClusterCommand.self, EcsInstanceCommand.self, EcsTaskDefinitionCommand.self, EcsServiceCommand.self,
            EcsTaskCommand.self,
        ])
}
