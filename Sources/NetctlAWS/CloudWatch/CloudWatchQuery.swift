import NetctlAPI

/// CloudWatch in the query protocol (2010-08-01), for SDKs older than its move to JSON: a form POST
/// `Action=<Op>&Version=2010-08-01`, answered `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`,
/// with errors as `<ErrorResponse>` under the query codes (`ResourceNotFound`, `InvalidParameterValue`).
enum CloudWatchQuery {
    static func handle(_ query: QueryInput, context: ActionContext, requestId: String) async -> AWSHTTPResponse {
        do throws(AWSError) {
            guard let name = query.parameters["Action"] else {
                throw AWSError(code: "MissingAction", message: "The request must name its Action.")
            }
            guard let action = CloudWatchActions.byName[name] else {
                throw AWSError(
                    code: "InvalidAction",
                    message: "netctld does not serve the CloudWatch action \(name); it serves "
                        + CloudWatchActions.byName.keys.sorted().joined(separator: ", ") + ".")
            }
            if let version = query.parameters["Version"], version != CloudWatch.apiVersion {
                throw AWSError(
                    code: "InvalidParameterValueException",
                    message: "Version \(version) is not served; CloudWatch's query API is \(CloudWatch.apiVersion).")
            }
            if action.mutating && context.caller.credential.readOnly {
                throw AWSError.readOnlyKey(context.caller, calling: name, code: "AccessDenied", status: 403)
            }
            var context = context
            context.translate = CloudWatchActions.translate
            let result = try await action.query(query, context)
            var xml = XMLWriter()
            xml.open("\(name)Response", attributes: #"xmlns="\#(CloudWatch.xmlNamespace)""#)
            if let result, let wrapper = CloudWatch.resultWrappers[name] {
                xml.open(wrapper)
                xml.append(result)
                xml.close(wrapper)
            }
            xml.open("ResponseMetadata")
            xml.element("RequestId", requestId)
            xml.close("ResponseMetadata")
            xml.close("\(name)Response")
            return AWSHTTPResponse(status: 200, contentType: "text/xml", requestId: requestId, body: xml.bytes)
        } catch {
            return errorResponse(error, requestId: requestId)
        }
    }

    /// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`; an error
    /// shape of the model is sent under its query code, with the model's status.
    static func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        var answer = error
        answer.status = error.status != 400 ? error.status : CloudWatch.errorStatuses[error.code] ?? 400
        answer.code = CloudWatch.queryErrorCodes[error.code] ?? error.code
        return answer.queryErrorResponse(namespace: CloudWatch.xmlNamespace, requestId: requestId)
    }
}
