import ArgumentParser
import NetctlAPI

struct InstanceStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a stopped instance (pending, then running; a new public IP if it gets one).")

    @Argument(help: "Instance ID or name.")
    var instance: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(InstanceStart(instance: instance), clientToken: mutation.clientToken) {
            InstanceView.summary($0)
        }
    }
}
