import ArgumentParser
import NetctlAPI

struct PeerAcceptCommand: PeeringActionCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a pending request (you must be the accepter, in its region).")

    @Argument(help: "Peering ID (pcx-…) or name.")
    var peering: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    var clientToken: String? { mutation.clientToken }
    func request() -> PeeringAccept { PeeringAccept(peering: peering) }
}
