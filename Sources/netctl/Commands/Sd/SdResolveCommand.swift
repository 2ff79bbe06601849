import ArgumentParser
import NetctlAPI

extension SdCommand {
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve", abstract: "The private IPs of the RUNNING tasks registered as NAME.NAMESPACE.")
        @Argument(help: "NAME.NAMESPACE, e.g. users.forum.local.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdResolve(name: name)) { response in
                response.addresses.isEmpty
                    ? "\(response.name): no RUNNING tasks" : response.addresses.joined(separator: "\n")
            }
        }
    }
}
