import ArgumentParser
import NetctlAPI

struct TgwAttachmentDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an attachment: its routes leave the hub and its addresses are freed.")

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayAttachmentDelete(attachment: attachment), clientToken: mutation.clientToken
        ) { "\($0.attachmentId) \($0.state)" }
    }
}
