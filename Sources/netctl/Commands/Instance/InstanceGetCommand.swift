import ArgumentParser
import NetctlAPI

struct InstanceGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one instance.")

    @Argument(help: "Instance ID or name.")
    var instance: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(InstanceGet(instance: instance), table: InstanceView.details)
    }
}
