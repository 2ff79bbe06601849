import ArgumentParser
import NetctlAPI

struct TgwAttachmentShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one attachment.")

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(TransitGatewayAttachmentGet(attachment: attachment), table: TgwView.attachment)
    }
}
