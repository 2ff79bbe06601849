import ArgumentParser
import NetctlAPI

struct SqsQueueTagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Add or replace tags of a queue (at most 50).",
        discussion: "Example: netctl sqs queue tag jobs team=web env=prod")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Argument(help: "KEY=VALUE pairs.")
    var tags: [String]

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let tags = try parseTags(tags) ?? [:]
        try await Runner(global: global).run(SqsQueueTag(queue: queue, tags: tags)) { SqsView.tags($0.tags) }
    }
}
