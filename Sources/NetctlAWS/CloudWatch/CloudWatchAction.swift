import Foundation
import NetctlAPI

/// One CloudWatch operation, served in both protocols the clients speak: JSON 1.0 (what botocore
/// sends, awsQueryCompatible) and the query protocol of older SDKs. The same generated shape is read
/// from either wire and the same body runs.
struct CloudWatchAction: Sendable {
    let name: String
    let mutating: Bool
    let json: JSONAction
    /// The XML inside the operation's result wrapper, or nil for operations without output.
    let query: @Sendable (QueryInput, ActionContext) async throws(AWSError) -> XMLWriter?

    /// An operation with output. `supported`: the input members (wire names) netctld reads.
    static func make<Input: Decodable & QueryShape, Output: Encodable & XMLShape>(
        _ name: String, mutating: Bool, supported: Set<String>,
        _ body: @escaping @Sendable (Input, ActionContext) async throws(AWSError) -> Output
    ) -> CloudWatchAction {
        CloudWatchAction(
            name: name, mutating: mutating,
            json: .make(name, mutating: mutating, supported: supported, body),
            query: { query, context throws(AWSError) in
                let input: Input = try read(query, name: name, supported: supported)
                var xml = XMLWriter()
                try await body(input, context).write(to: &xml)
                return xml
            })
    }

    /// An operation whose model has no output: `{}` in JSON, an empty response element in query.
    static func makeEmpty<Input: Decodable & QueryShape>(
        _ name: String, mutating: Bool, supported: Set<String>,
        _ body: @escaping @Sendable (Input, ActionContext) async throws(AWSError) -> Void
    ) -> CloudWatchAction {
        CloudWatchAction(
            name: name, mutating: mutating,
            json: .make(name, mutating: mutating, supported: supported) { (input: Input, context) throws(AWSError) in
                try await body(input, context)
                return JSONEmptyOutput()
            },
            query: { query, context throws(AWSError) in
                let input: Input = try read(query, name: name, supported: supported)
                try await body(input, context)
                return nil
            })
    }

    /// The query parameters as the input shape; a member outside the model or outside what netctld
    /// honours is refused, as in JSON.
    private static func read<Input: QueryShape>(_ query: QueryInput, name: String, supported: Set<String>)
        throws(AWSError) -> Input
    {
        let given = query.topLevelNames.subtracting(["Action", "Version"])
        if let unknown = given.subtracting(Input.queryKeys).sorted().first {
            throw AWSError(
                code: "InvalidParameterValueException",
                message: "The parameter \(unknown) is not recognized by \(name).")
        }
        if let unsupported = given.subtracting(supported).sorted().first {
            throw AWSError.unsupportedParameter(unsupported, of: name, code: "InvalidParameterValueException")
        }
        return try Input(query: query, prefix: "")
    }
}

extension CloudWatchAction {
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func missing(_ member: String, of operation: String) -> AWSError {
        AWSError(
            code: "MissingRequiredParameterException", message: "\(operation) needs the parameter \(member).")
    }

    static func invalid(_ message: String) -> AWSError {
        AWSError(code: "InvalidParameterValueException", message: message)
    }

    /// Index tokens over a list answered in full, in a stable order.
    static func page<Item>(_ items: [Item], size: Int, nextToken: String?, badTokenCode: String) throws(AWSError)
        -> (items: ArraySlice<Item>, nextToken: String?)
    {
        var start = 0
        if let nextToken {
            guard let index = Int(nextToken), (0...items.count).contains(index) else {
                throw AWSError(
                    code: badTokenCode,
                    message: "The NextToken '\(nextToken)' was not returned by this list; start again without one.")
            }
            start = index
        }
        let end = min(items.count, start + size)
        return (items[start..<end], end < items.count ? String(end) : nil)
    }
}
