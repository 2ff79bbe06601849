import ArgumentParser
import NetctlAPI

struct GatewayAttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach a detached internet gateway to a VPC.")

    @Argument(help: "Internet gateway ID (igw-…) or name.")
    var gateway: String

    @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
    var vpc: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            GatewayAttach(gateway: gateway, vpc: vpc), clientToken: mutation.clientToken, table: GatewayView.details)
    }
}
