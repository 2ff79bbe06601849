import ArgumentParser
import NetctlAPI

struct PeerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer", abstract: "VPC peering connections: request, accept, reject, delete, list, mesh.",
        subcommands: [
            PeerCreateCommand.self, PeerAcceptCommand.self, PeerRejectCommand.self, PeerDeleteCommand.self,
            PeerGetCommand.self, PeerListCommand.self, PeerMeshCommand.self, PeerOptionsCommand.self,
        ])
}

enum PeeringView {
    static func table(_ peerings: [Peering]) -> String {
        Output.table(
            ["PEERING ID", "STATUS", "REQUESTER", "ACCEPTER", "MTU", "EXPIRES"],
            peerings.map {
                [
                    $0.peeringId, $0.status.code, side($0.requester), side($0.accepter), "\($0.mtu)",
                    $0.expirationTime.map(Output.time) ?? "-",
                ]
            })
    }

    static func side(_ info: PeeringVpcInfo) -> String {
        "\(info.vpcId) (\(info.cidrBlocks.joined(separator: ",")); \(info.accountId) \(info.region))"
    }

    static func details(_ peering: Peering) -> String {
        Output.details([
            ("Peering ID", peering.peeringId), ("Status", peering.status.code), ("Message", peering.status.message),
            ("Requester VPC", peering.requester.vpcId), ("Requester account", peering.requester.accountId),
            ("Requester region", peering.requester.region),
            ("Requester CIDRs", peering.requester.cidrBlocks.joined(separator: ", ")),
            ("Requester DNS", peering.requester.allowDnsResolutionFromRemoteVpc ? "resolves remote" : "-"),
            ("Accepter VPC", peering.accepter.vpcId), ("Accepter account", peering.accepter.accountId),
            ("Accepter region", peering.accepter.region),
            ("Accepter CIDRs", peering.accepter.cidrBlocks.joined(separator: ", ")),
            ("Accepter DNS", peering.accepter.allowDnsResolutionFromRemoteVpc ? "resolves remote" : "-"),
            ("MTU", "\(peering.mtu)"), ("Expires", peering.expirationTime.map(Output.time) ?? "-"),
            ("Tags", Output.tags(peering.tags)), ("Created", Output.time(peering.createdAt)),
        ])
    }
}

/// A command that takes one peering and sends one request about it.
protocol PeeringActionCommand: AsyncParsableCommand {
    associatedtype Request: RPCMethod where Request.Response == Peering
    var peering: String { get }
    var global: GlobalOptions { get }
    var clientToken: String? { get }
    func request() -> Request
}

extension PeeringActionCommand {
    func run() async throws {
        try await Runner(global: global).run(request(), clientToken: clientToken, table: PeeringView.details)
    }
}
