import ArgumentParser

struct EcsTaskDefinitionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task-definition", abstract: "Task definitions: families of numbered revisions.",
        subcommands: [Register.self, Get.self, List.self, Deregister.self])
}
