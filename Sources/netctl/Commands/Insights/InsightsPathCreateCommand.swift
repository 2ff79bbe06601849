import ArgumentParser
import NetctlAPI

struct InsightsPathCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a path from an instance or interface to another, or to an address.",
        discussion: "Example: netctl insights path create --source web --destination db --port 5432 --name web-to-db")

    @Option(help: ArgumentHelp("An instance (ID or name) or a network interface ID.", valueName: "source"))
    var source: String

    @Option(help: ArgumentHelp("An instance (ID or name) or a network interface ID.", valueName: "destination"))
    var destination: String?

    @Option(name: .customLong("destination-ip"), help: ArgumentHelp("The destination's address (alone: any IPv4 address).", valueName: "address"))
    var destinationIp: String?

    @Option(name: .customLong("protocol"), help: ArgumentHelp("tcp or udp (default tcp).", valueName: "protocol"))
    var protocolName: String = "tcp"

    @Option(help: ArgumentHelp("The destination port.", valueName: "port"))
    var port: Int

    @Option(help: ArgumentHelp("The path's Name tag.", valueName: "name"))
    var name: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = NetworkInsightsPathCreate(
            source: source, destination: destination, destinationIp: destinationIp, protocol: protocolName,
            destinationPort: port, name: name)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: InsightsView.details)
    }
}
