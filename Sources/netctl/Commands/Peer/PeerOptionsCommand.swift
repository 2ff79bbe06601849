import ArgumentParser
import NetctlAPI

struct PeerOptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "options", abstract: "Allow or stop DNS resolution from the remote VPC, per side.",
        discussion: """
            Only on an active peering; each side sets its own options (same-account peerings may set both). Both \
            VPCs need DNS support and DNS hostnames (netctl vpc modify VPC --dns-hostnames true).
            """)

    @Argument(help: "Peering ID (pcx-…) or name.")
    var peering: String

    @Option(name: .customLong("requester-dns"), help: ArgumentHelp("true or false for the requester side.", valueName: "bool"))
    var requesterDns: Bool?

    @Option(name: .customLong("accepter-dns"), help: ArgumentHelp("true or false for the accepter side.", valueName: "bool"))
    var accepterDns: Bool?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard requesterDns != nil || accepterDns != nil else {
            throw ValidationError("pass --requester-dns and/or --accepter-dns")
        }
    }

    func run() async throws {
        let request = PeeringModifyOptions(
            peering: peering, requesterAllowDnsResolutionFromRemoteVpc: requesterDns,
            accepterAllowDnsResolutionFromRemoteVpc: accepterDns)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: PeeringView.details)
    }
}
