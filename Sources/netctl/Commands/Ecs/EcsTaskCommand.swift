import ArgumentParser

struct EcsTaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Tasks: run, list, show and stop.",
        subcommands: [Run.self, Get.self, List.self, Stop.self])
}
