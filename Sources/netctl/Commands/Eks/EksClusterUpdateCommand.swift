import ArgumentParser
import NetctlAPI

extension EksClusterCommand {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Upgrade one minor version, or change endpoint access: UPDATING, then ACTIVE.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @Option(
            name: .customLong("kubernetes-version"), help: ArgumentHelp("The next minor version.", valueName: "version")
        )
        var version: String?
        @OptionGroup var access: EndpointAccessOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksClusterUpdate(
                    name: name, version: version, endpointPublicAccess: access.endpointPublicAccess,
                    endpointPrivateAccess: access.endpointPrivateAccess), table: EksView.cluster)
        }
    }
}
