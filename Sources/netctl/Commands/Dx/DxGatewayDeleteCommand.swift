import ArgumentParser
import NetctlAPI

struct DxGatewayDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a Direct Connect gateway that has no associations left.")

    @Argument(help: "Direct Connect gateway ID or name.")
    var dxGateway: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(DxGatewayDelete(dxGateway: dxGateway), clientToken: mutation.clientToken) {
            "\($0.dxGatewayId) \($0.state)"
        }
    }
}
