import ArgumentParser
import NetctlAPI

extension SdServiceCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a Cloud Map service (one A record) in a namespace.")
        @Argument(help: "A DNS label, e.g. users.")
        var name: String
        @Option(help: ArgumentHelp("The namespace's name or ID.", valueName: "namespace"))
        var namespace: String
        @Option(help: ArgumentHelp("The A record's TTL in seconds (default 60).", valueName: "seconds"))
        var ttl: Int?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let records = ttl.map { [SdDnsRecord(type: "A", ttl: $0)] }
            try await Runner(global: global).run(SdServiceCreate(name: name, namespace: namespace, dnsRecords: records))
            {
                SdServiceCommand.table([$0])
            }
        }
    }
}
