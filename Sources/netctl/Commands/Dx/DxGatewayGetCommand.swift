import ArgumentParser
import NetctlAPI

struct DxGatewayGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one Direct Connect gateway.")

    @Argument(help: "Direct Connect gateway ID or name.")
    var dxGateway: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(DxGatewayGet(dxGateway: dxGateway), table: DxView.gateway)
    }
}
