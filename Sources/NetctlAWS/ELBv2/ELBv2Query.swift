import NetctlAPI

/// Elastic Load Balancing v2 in the query protocol (2015-12-01): a form POST
/// `Action=<Op>&Version=2015-12-01` signed for `elasticloadbalancing`, answered
/// `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`, with errors as `<ErrorResponse>` under the
/// model's codes, which have no `Exception` suffix on the wire.
enum ELBv2Query {
    static let signingName = "elasticloadbalancing"

    static func handle(_ query: QueryInput, context: ActionContext, requestId: String) async -> AWSHTTPResponse {
        do throws(AWSError) {
            guard let name = query.parameters["Action"] else {
                throw AWSError(code: "MissingAction", message: "The request must name its Action.")
            }
            guard let action = ELBv2Actions.byName[name] else {
                throw AWSError(
                    code: "InvalidAction",
                    message: "netctld does not serve the Elastic Load Balancing action \(name); it serves "
                        + ELBv2Actions.byName.keys.sorted().joined(separator: ", ") + ".")
            }
            if let version = query.parameters["Version"], version != ELBv2.apiVersion {
                throw AWSError(
                    code: "ValidationError",
                    message: "Version \(version) is not served; Elastic Load Balancing v2's API is \(ELBv2.apiVersion).")
            }
            if action.mutating && context.caller.credential.readOnly {
                throw AWSError.readOnlyKey(context.caller, calling: name, code: "AccessDenied", status: 403)
            }
            var context = context
            context.translate = ELBv2Actions.translate
            let result = try await action.run(query, context)
            var xml = XMLWriter()
            xml.open("\(name)Response", attributes: #"xmlns="\#(ELBv2.xmlNamespace)""#)
            xml.open("\(name)Result")
            xml.append(result)
            xml.close("\(name)Result")
            xml.open("ResponseMetadata")
            xml.element("RequestId", requestId)
            xml.close("ResponseMetadata")
            xml.close("\(name)Response")
            return AWSHTTPResponse(status: 200, contentType: "text/xml", requestId: requestId, body: xml.bytes)
        } catch {
            return errorResponse(error, requestId: requestId)
        }
    }

    static func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        error.queryErrorResponse(namespace: ELBv2.xmlNamespace, requestId: requestId)
    }
}

/// One ELBv2 operation: its generated input read from the form, netctl's elb.* request run, its
/// generated output written.
struct ELBv2Action: Sendable {
    let name: String
    let mutating: Bool
    let run: @Sendable (QueryInput, ActionContext) async throws(AWSError) -> XMLWriter

    /// `supported`: the input members (wire names) netctld honours; any other member of the model is
    /// refused rather than silently ignored.
    static func make<Input: QueryShape, Output: XMLShape>(
        _ name: String, mutating: Bool, supported: Set<String>,
        _ body: @escaping @Sendable (Input, ActionContext) async throws(AWSError) -> Output
    ) -> ELBv2Action {
        ELBv2Action(name: name, mutating: mutating) { query, context throws(AWSError) in
            let given = query.topLevelNames.subtracting(["Action", "Version"])
            if let unknown = given.subtracting(Input.queryKeys).sorted().first {
                throw AWSError(code: "ValidationError", message: "The parameter \(unknown) is not recognized by \(name).")
            }
            if let unsupported = given.subtracting(supported).sorted().first {
                throw AWSError.unsupportedParameter(unsupported, of: name, code: "ValidationError")
            }
            let input = try Input(query: query, prefix: "")
            var xml = XMLWriter()
            try await body(input, context).write(to: &xml)
            return xml
        }
    }
}
