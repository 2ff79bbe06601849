import ArgumentParser
import NetctlAPI

struct SdServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Cloud Map services: names in a namespace that instances register under.",
        subcommands: [Create.self, List.self, Delete.self])

    static func table(_ services: [SdService]) -> String {
        Output.table(
            ["SERVICE ID", "NAME", "NAMESPACE ID", "RECORDS", "INSTANCES", "CREATED"],
            services.map {
                [
                    $0.id, $0.name, $0.namespaceId,
                    $0.dnsRecords.map { "\($0.type) \($0.ttl)s" }.joined(separator: ", "),
                    String($0.instanceCount), Output.time($0.createdAt),
                ]
            })
    }
}
