import ArgumentParser
import NetctlAPI

struct VpcModifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify", abstract: "Turn a VPC's DNS support or DNS hostnames on or off.")

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @Option(name: .customLong("dns-support"), help: ArgumentHelp("true or false.", valueName: "bool"))
    var dnsSupport: Bool?

    @Option(name: .customLong("dns-hostnames"), help: ArgumentHelp("true or false.", valueName: "bool"))
    var dnsHostnames: Bool?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard dnsSupport != nil || dnsHostnames != nil else { throw ValidationError("pass --dns-support and/or --dns-hostnames") }
    }

    func run() async throws {
        try await Runner(global: global).run(
            VpcModifyAttribute(vpc: vpc, enableDnsSupport: dnsSupport, enableDnsHostnames: dnsHostnames),
            clientToken: mutation.clientToken, table: VpcView.details)
    }
}
