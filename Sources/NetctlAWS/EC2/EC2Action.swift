import NetctlAPI

/// One EC2 action: its generated input shape, the members netctld honours, and how it runs. An input
/// member the model has but netctld does not honour is refused, never silently ignored.
struct EC2Action: Sendable {
    let name: String
    /// Changes state: refused to read-only keys, and its `DryRun` asks for write permission.
    let mutating: Bool
    let run: @Sendable (QueryInput, ActionContext) async throws(AWSError) -> XMLWriter

    /// `supported`: the input members (wire names) that netctld reads; `DryRun` is always handled here.
    static func make<Input: QueryShape, Output: XMLShape>(
        _ name: String, mutating: Bool, supported: Set<String>,
        clientToken: (@Sendable (Input) -> String?)? = nil,
        _ body: @escaping @Sendable (Input, ActionContext) async throws(AWSError) -> Output
    ) -> EC2Action {
        EC2Action(name: name, mutating: mutating) { query, context throws(AWSError) in
            let given = query.topLevelNames.subtracting(EC2Dispatcher.envelopeKeys)
            if let unknown = given.subtracting(Input.queryKeys).sorted().first {
                throw AWSError(code: "UnknownParameter", message: "The parameter \(unknown) is not recognized")
            }
            if let unsupported = given.subtracting(supported).subtracting(["DryRun"]).sorted().first {
                throw AWSError.unsupportedParameter(unsupported, of: name, code: "UnsupportedOperation")
            }
            let input = try Input(query: query, prefix: "")
            if try query.bool("DryRun") == true {
                if mutating && context.caller.credential.readOnly {
                    throw EC2Dispatcher.unauthorized(name, context.caller)
                }
                throw AWSError(
                    code: "DryRunOperation", message: "Request would have succeeded, but DryRun flag is set.",
                    status: 412)
            }
            var context = context
            context.clientToken = clientToken.flatMap { $0(input) }
            let output = try await body(input, context)
            var xml = XMLWriter()
            output.write(to: &xml)
            return xml
        }
    }
}

/// The `<return>true</return>` of EC2 actions whose model has no output.
struct EC2Return: XMLShape {
    func write(to xml: inout XMLWriter) { xml.element("return", true) }
}
