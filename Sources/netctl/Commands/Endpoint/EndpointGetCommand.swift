import ArgumentParser
import NetctlAPI

struct EndpointGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one VPC endpoint.")

    @Argument(help: "Endpoint ID (vpce-…) or name.")
    var endpoint: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EndpointGet(endpoint: endpoint), table: EndpointView.details)
    }
}
