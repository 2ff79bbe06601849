import ArgumentParser
import NetctlAPI

struct SqsQueueCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a queue (the same name and attributes again answer the existing one).",
        discussion: """
            A name ending in .fifo makes a FIFO queue (as --fifo does). Attributes are AWS's, e.g.
            --attribute VisibilityTimeout=60 --attribute RedrivePolicy='{"deadLetterTargetArn":"arn:…","maxReceiveCount":3}'.
            Example: netctl sqs queue create orders.fifo --attribute ContentBasedDeduplication=true
            """)

    @Argument(help: "The queue's name: letters, digits, - and _, up to 80 characters (FIFO: ending in .fifo).")
    var name: String

    @Flag(help: "A FIFO queue (FifoQueue=true); the name must end in .fifo.")
    var fifo = false

    @Option(name: .customLong("attribute"), help: ArgumentHelp("A queue attribute (repeat).", valueName: "name=value"))
    var attributes: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeat).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var attributes = try SqsView.attributes(attributes)
        if fifo || name.hasSuffix(".fifo") { attributes["FifoQueue"] = attributes["FifoQueue"] ?? "true" }
        let request = SqsQueueCreate(
            name: name, attributes: attributes.isEmpty ? nil : attributes, tags: try parseTags(tags))
        try await Runner(global: global).run(request, table: SqsView.queue)
    }
}
