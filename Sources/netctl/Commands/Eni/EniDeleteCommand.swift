import ArgumentParser
import NetctlAPI

struct EniDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a network interface you created (refused while attached).")

    @Argument(help: "Network interface ID (eni-…).")
    var networkInterface: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkInterfaceDelete(networkInterface: networkInterface), clientToken: mutation.clientToken
        ) { "deleted \($0.networkInterfaceId)" }
    }
}
