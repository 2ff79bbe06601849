import NetctlAPI

/// STS on the same listener, for the one call every tool makes first: `GetCallerIdentity`. The
/// query protocol (2011-06-15): `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`.
enum STSEndpoint {
    static func handle(_ query: QueryInput, caller: AWSCaller, requestId: String) -> AWSHTTPResponse {
        guard let action = query.parameters["Action"] else {
            return errorResponse(AWSError(code: "MissingAction", message: "Missing Action"), requestId: requestId)
        }
        guard action == "GetCallerIdentity" else {
            return errorResponse(AWSError.invalidAction(action, service: "sts"), requestId: requestId)
        }
        let account = caller.credential.accountId
        let identity = STS.GetCallerIdentityResponse(
            userId: caller.credential.accessKeyId, account: account, arn: "arn:aws:iam::\(account):root")
        var xml = XMLWriter()
        xml.open("GetCallerIdentityResponse", attributes: #"xmlns="\#(STS.xmlNamespace)""#)
        xml.open("GetCallerIdentityResult")
        identity.write(to: &xml)
        xml.close("GetCallerIdentityResult")
        xml.open("ResponseMetadata")
        xml.element("RequestId", requestId)
        xml.close("ResponseMetadata")
        xml.close("GetCallerIdentityResponse")
        return AWSHTTPResponse(status: 200, contentType: "text/xml", requestId: requestId, body: xml.bytes)
    }

    /// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
    static func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        error.queryErrorResponse(namespace: STS.xmlNamespace, requestId: requestId)
    }
}
