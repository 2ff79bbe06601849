import ArgumentParser
import NetctlAPI

struct SubnetGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one subnet.")

    @Argument(help: "Subnet ID or name.")
    var subnet: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SubnetGet(subnet: subnet), table: SubnetView.details)
    }
}
