import ArgumentParser

struct EksClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "EKS clusters: control planes reaching a VPC through its subnets.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])
}
