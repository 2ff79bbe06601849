import ArgumentParser
import NetctlAPI

struct EniGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one network interface.")

    @Argument(help: "Network interface ID (eni-…).")
    var networkInterface: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(NetworkInterfaceGet(networkInterface: networkInterface), table: EniView.details)
    }
}
