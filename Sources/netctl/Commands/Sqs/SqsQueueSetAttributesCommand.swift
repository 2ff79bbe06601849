import ArgumentParser
import NetctlAPI

struct SqsQueueSetAttributesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-attributes",
        abstract: "Change queue attributes; an empty RedrivePolicy= removes the dead-letter queue.",
        discussion: "Example: netctl sqs queue set-attributes jobs --attribute VisibilityTimeout=120")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Option(name: .customLong("attribute"), help: ArgumentHelp("A queue attribute (repeat).", valueName: "name=value"))
    var attributes: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let attributes = try SqsView.attributes(attributes)
        guard !attributes.isEmpty else { throw ValidationError("give at least one --attribute NAME=VALUE") }
        try await Runner(global: global).run(
            SqsQueueSetAttributes(queue: queue, attributes: attributes), table: SqsView.queue)
    }
}
