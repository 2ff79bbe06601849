import ArgumentParser
import NetctlAPI

struct VpcGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one VPC.")

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(VpcGet(vpc: vpc), table: VpcView.details)
    }
}
