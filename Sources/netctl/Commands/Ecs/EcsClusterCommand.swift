import ArgumentParser

struct EcsClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "ECS clusters.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])
}
