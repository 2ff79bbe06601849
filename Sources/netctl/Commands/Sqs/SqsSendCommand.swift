import ArgumentParser
import NetctlAPI

struct SqsSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message; answered once it is on disk.",
        discussion: "Example: netctl sqs send orders.fifo '{\"order\":1}' --group customer-7 --dedup-id order-1")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Argument(help: "The message body.")
    var body: String

    @Option(help: ArgumentHelp("Seconds before it can be received, 0-900 (standard queues).", valueName: "seconds"))
    var delay: Int?

    @Option(name: .customLong("group"), help: ArgumentHelp("Message group (FIFO queues: required).", valueName: "id"))
    var messageGroupId: String?

    @Option(name: .customLong("dedup-id"), help: ArgumentHelp("Deduplication ID (FIFO queues).", valueName: "id"))
    var messageDeduplicationId: String?

    @Option(
        name: .customLong("attribute"),
        help: ArgumentHelp("A String message attribute (repeat).", valueName: "name=value"))
    var attributes: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let attributes = try SqsView.attributes(attributes).mapValues {
            SqsMessageAttribute(dataType: "String", stringValue: $0)
        }
        let request = SqsSend(
            queue: queue, body: body, delaySeconds: delay, messageGroupId: messageGroupId,
            messageDeduplicationId: messageDeduplicationId, messageAttributes: attributes.isEmpty ? nil : attributes)
        try await Runner(global: global).run(request) { result in
            Output.details(
                [("Message ID", result.messageId), ("MD5 of body", result.md5OfBody)]
                    + (result.sequenceNumber.map { [("Sequence number", $0)] } ?? []))
        }
    }
}
