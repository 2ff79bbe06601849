import ArgumentParser
import NetctlAPI

struct SgGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one security group and its rules.")

    @Argument(help: "Group ID (sg-…) or name.")
    var group: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SecurityGroupGet(group: group), table: SgView.details)
    }
}
