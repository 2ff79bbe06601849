import ArgumentParser
import NetctlAPI

struct InstanceTerminateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminate", abstract: "Terminate an instance (shutting-down, then terminated; its interface and addresses are given back).")

    @Argument(help: "Instance ID or name.")
    var instance: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(InstanceTerminate(instance: instance), clientToken: mutation.clientToken) {
            InstanceView.summary($0)
        }
    }
}
