import ArgumentParser

struct EcsServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Services: keep a number of tasks running, with rolling deployments.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])
}
