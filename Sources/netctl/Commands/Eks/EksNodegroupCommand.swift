import ArgumentParser

struct EksNodegroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodegroup", abstract: "Managed node groups: nodes with addresses in the cluster's subnets.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])
}
