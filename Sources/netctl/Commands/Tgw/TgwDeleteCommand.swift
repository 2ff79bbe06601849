import ArgumentParser
import NetctlAPI

struct TgwDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a transit gateway that has no attachments left.")

    @Argument(help: "Transit gateway ID (tgw-…) or name.")
    var tgw: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(TransitGatewayDelete(tgw: tgw), clientToken: mutation.clientToken) {
            "\($0.transitGatewayId) \($0.state)"
        }
    }
}
