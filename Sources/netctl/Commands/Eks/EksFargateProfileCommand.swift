import ArgumentParser

struct EksFargateProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fargate-profile",
        abstract: "Fargate profiles: which pods run on Fargate, in which private subnets.",
        subcommands: [Create.self, Get.self, List.self, Delete.self])
}
