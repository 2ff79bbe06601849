import ArgumentParser
import NetctlAPI

struct PeerGetCommand: PeeringActionCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one peering as your side sees it.")

    @Argument(help: "Peering ID (pcx-…) or name.")
    var peering: String

    @OptionGroup var global: GlobalOptions

    var clientToken: String? { nil }
    func request() -> PeeringGet { PeeringGet(peering: peering) }
}
