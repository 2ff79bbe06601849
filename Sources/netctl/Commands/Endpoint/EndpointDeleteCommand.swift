import ArgumentParser
import NetctlAPI

struct EndpointDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an endpoint with its routes and network interfaces.")

    @Argument(help: "Endpoint ID (vpce-…) or name.")
    var endpoint: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EndpointDelete(endpoint: endpoint), clientToken: mutation.clientToken) {
            "deleted \($0.endpointId) (\($0.serviceName))"
        }
    }
}
