import ArgumentParser
import NetctlAPI

struct TgwAttachmentListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List transit gateway attachments.")

    @Option(help: ArgumentHelp("Only this hub's attachments (ID or name).", valueName: "tgw"))
    var tgw: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = TransitGatewayAttachmentList(tgw: tgw, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            TgwView.attachments($0.attachments) + Output.nextPage($0.nextToken)
        }
    }
}
