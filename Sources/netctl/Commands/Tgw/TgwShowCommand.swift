import ArgumentParser
import NetctlAPI

struct TgwShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one transit gateway.")

    @Argument(help: "Transit gateway ID (tgw-…) or name.")
    var tgw: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(TransitGatewayGet(tgw: tgw), table: TgwView.details)
    }
}
