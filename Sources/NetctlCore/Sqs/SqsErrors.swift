import NetctlAPI

// SQS's error codes, as the JSON protocol names them (SEMANTICS-2 §5.4); the AWS endpoint maps them to
// the query protocol's codes.
extension ErrorCode {
    public static let queueDoesNotExist: Self = "QueueDoesNotExist"
    public static let queueNameExists: Self = "QueueNameExists"
    public static let queueDeletedRecently: Self = "QueueDeletedRecently"
    public static let purgeQueueInProgress: Self = "PurgeQueueInProgress"
    public static let overLimit: Self = "OverLimit"
    public static let messageNotInflight: Self = "MessageNotInflight"
    public static let receiptHandleIsInvalid: Self = "ReceiptHandleIsInvalid"
    public static let invalidAttributeName: Self = "InvalidAttributeName"
    public static let invalidAttributeValue: Self = "InvalidAttributeValue"
    public static let invalidMessageContents: Self = "InvalidMessageContents"
    public static let tooManyEntriesInBatchRequest: Self = "TooManyEntriesInBatchRequest"
    public static let emptyBatchRequest: Self = "EmptyBatchRequest"
    public static let batchEntryIdsNotDistinct: Self = "BatchEntryIdsNotDistinct"
    public static let invalidBatchEntryId: Self = "InvalidBatchEntryId"
    public static let batchRequestTooLong: Self = "BatchRequestTooLong"
}

enum SqsError {
    static func queueMissing(_ name: String) -> NetctlError {
        NetctlError(
            .queueDoesNotExist,
            "The specified queue \(name) does not exist. Create it with sqs.queue.create, or list queues with sqs.queue.list."
        )
    }

    static func invalidValue(_ parameter: String, _ value: String, _ reason: String) -> NetctlError {
        NetctlError(.invalidParameterValue, "Value \(value) for parameter \(parameter) is invalid. Reason: \(reason)")
    }

    static func handleInvalid(_ handle: String, _ reason: String) -> NetctlError {
        NetctlError(
            .receiptHandleIsInvalid,
            "The input receipt handle \"\(handle.prefix(64))\" is not valid: \(reason). Use the handle of the latest receive."
        )
    }
}
