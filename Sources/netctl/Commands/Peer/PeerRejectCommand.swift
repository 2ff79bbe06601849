import ArgumentParser
import NetctlAPI

struct PeerRejectCommand: PeeringActionCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a pending request (you must be the accepter).")

    @Argument(help: "Peering ID (pcx-…) or name.")
    var peering: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    var clientToken: String? { mutation.clientToken }
    func request() -> PeeringReject { PeeringReject(peering: peering) }
}
