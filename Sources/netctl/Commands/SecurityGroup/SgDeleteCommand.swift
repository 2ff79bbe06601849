import ArgumentParser
import NetctlAPI

struct SgDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a security group; refused for the default group and while it is used or referenced.")

    @Argument(help: "Group ID (sg-…) or name.")
    var group: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SecurityGroupDelete(group: group), clientToken: mutation.clientToken) {
            "deleted \($0.groupId) (\($0.groupName))"
        }
    }
}
