import ArgumentParser
import NetctlAPI

struct SqsQueueListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List queues with their message counts, optionally by name prefix.")

    @Option(help: ArgumentHelp("Only queues whose name starts with this.", valueName: "prefix"))
    var prefix: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = SqsQueueList(prefix: prefix, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { SqsView.queues($0.queues) + Output.nextPage($0.nextToken) }
    }
}
