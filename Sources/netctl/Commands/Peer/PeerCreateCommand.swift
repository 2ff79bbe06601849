import ArgumentParser
import NetctlAPI

struct PeerCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Request a peering from one of your VPCs to another.",
        discussion: """
            Overlapping CIDRs do not make the call fail: the peering is created in status failed, with a message \
            naming the overlap (as AWS does). With --accept, the request is accepted at once (same account and region).
            Example: netctl peer create a b --name a-b --accept
            """)

    @Argument(help: "Requester VPC (yours): ID or name.")
    var requester: String

    @Argument(help: "Accepter VPC: ID or name (a name is looked up in the accepter's account and region).")
    var accepter: String

    @Flag(help: "Accept the request right away (you must be the accepter).")
    var accept = false

    @Option(help: ArgumentHelp("Name of the peering (its Name tag), usable in place of its ID.", valueName: "name"))
    var name: String?

    @Option(name: .customLong("accepter-account"), help: ArgumentHelp("The accepter VPC's account.", valueName: "id"))
    var accepterAccount: String?

    @Option(name: .customLong("accepter-region"), help: ArgumentHelp("The accepter VPC's region.", valueName: "region"))
    var accepterRegion: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        var tags = try parseTags(tags)
        if let name { tags = (tags ?? [:]).merging(["Name": name]) { _, new in new } }
        let request = PeeringCreate(
            requesterVpc: requester, accepterVpc: accepter, accepterAccountId: accepterAccount,
            accepterRegion: accepterRegion, tags: tags)
        guard accept else {
            try await runner.run(request, clientToken: mutation.clientToken, table: PeeringView.details)
            return
        }
        let created = try await runner.call(request, clientToken: mutation.clientToken)
        guard let id = created["peeringId"]?.stringValue, created["status"]?["code"] == .string(PeeringStatus.pendingAcceptance)
        else {
            // Failed (overlap) or otherwise not acceptable: show what was created and say so.
            try runner.emit(created, as: Peering.self, PeeringView.details)
            throw CLIFailure(
                status: ExitStatus.refused,
                message: "error: \(created["status"]?["code"]?.stringValue ?? "?"): the peering cannot be accepted: "
                    + (created["status"]?["message"]?.stringValue ?? ""))
        }
        var acceptGlobal = global
        if let accepterRegion { acceptGlobal.region = accepterRegion }
        if let accepterAccount { acceptGlobal.accountId = accepterAccount }
        try await Runner(global: acceptGlobal).run(PeeringAccept(peering: id), table: PeeringView.details)
    }
}
