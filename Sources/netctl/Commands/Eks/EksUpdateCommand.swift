import ArgumentParser
import NetctlAPI

struct EksUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "The updates of a cluster or of one of its node groups.",
        subcommands: [List.self, Get.self])

    static func table(_ updates: [EksUpdate]) -> String {
        Output.table(
            ["UPDATE ID", "TYPE", "STATUS", "PARAMETERS", "CREATED"],
            updates.map {
                [
                    $0.id, $0.type, $0.status, $0.params.map { "\($0.type)=\($0.value)" }.joined(separator: ","),
                    Output.time($0.createdAt),
                ]
            })
    }
}
