import ArgumentParser
import NetctlAPI

struct InstanceStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a running instance (stopping, then stopped; its public IP is released).")

    @Argument(help: "Instance ID or name.")
    var instance: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(InstanceStop(instance: instance), clientToken: mutation.clientToken) {
            InstanceView.summary($0)
        }
    }
}
