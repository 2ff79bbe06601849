import ArgumentParser
import NetctlAPI

struct PeerDeleteCommand: PeeringActionCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an active peering, or withdraw your pending request; routes to it turn blackhole.")

    @Argument(help: "Peering ID (pcx-…) or name.")
    var peering: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    var clientToken: String? { mutation.clientToken }
    func request() -> PeeringDelete { PeeringDelete(peering: peering) }
}
