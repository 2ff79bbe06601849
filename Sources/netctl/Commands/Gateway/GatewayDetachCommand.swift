import ArgumentParser
import NetctlAPI

struct GatewayDetachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detach", abstract: "Detach an internet gateway; routes to it become blackholes.")

    @Argument(help: "Internet gateway ID (igw-…) or name.")
    var gateway: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            GatewayDetach(gateway: gateway), clientToken: mutation.clientToken, table: GatewayView.details)
    }
}
