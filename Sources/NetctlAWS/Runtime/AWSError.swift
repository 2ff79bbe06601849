import NetctlAPI

/// An error as AWS's wire protocols send it: its code, message and HTTP status. Each protocol writes
/// it in its own format (EC2's `<Response><Errors>`, query's `<ErrorResponse>`).
public struct AWSError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var status: Int

    public init(code: String, message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// A rule's refusal, with the status AWS answers that code with.
    public init(_ error: NetctlError) {
        let status =
            switch error.code {
            case .authFailure: 401
            case .unauthorizedOperation: 403
            case .internalError: 500
            case .unavailable: 503
            default: 400
            }
        self.init(code: error.code.rawValue, message: error.message, status: status)
    }

    /// The query protocol's error document (STS, CloudWatch):
    /// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
    func queryErrorResponse(namespace: String, requestId: String) -> AWSHTTPResponse {
        var xml = XMLWriter()
        xml.open("ErrorResponse", attributes: #"xmlns="\#(namespace)""#)
        xml.open("Error")
        xml.element("Type", faultType)
        xml.element("Code", code)
        xml.element("Message", message)
        xml.close("Error")
        xml.element("RequestId", requestId)
        xml.close("ErrorResponse")
        return AWSHTTPResponse(status: status, contentType: "text/xml", requestId: requestId, body: xml.bytes)
    }

    /// `Sender` for the caller's mistakes, `Receiver` for the server's: query errors carry it.
    public var faultType: String { status >= 500 ? "Receiver" : "Sender" }

    static func invalidParameterValue(_ message: String) -> AWSError {
        AWSError(code: "InvalidParameterValue", message: message)
    }

    static func missingParameter(_ message: String) -> AWSError {
        AWSError(code: "MissingParameter", message: message)
    }

    static let malformedQueryString = AWSError(
        code: "MalformedQueryString",
        message: "The query string is malformed: a percent escape or UTF-8 sequence is invalid.")

    static func invalidAction(_ action: String, service: String) -> AWSError {
        AWSError(code: "InvalidAction", message: "The action \(action) is not valid for this web service (\(service)).")
    }

    /// A member the model has but netctld does not honour: refused, never silently ignored. `code`
    /// is the protocol's own (`UnsupportedOperation` in EC2, the service's invalid-parameter code in
    /// the JSON services).
    static func unsupportedParameter(_ member: String, of operation: String, code: String) -> AWSError {
        AWSError(
            code: code,
            message: "netctld does not support the parameter \(member) of \(operation). Leave it out; netctld(8) "
                + "lists what each action accepts.")
    }

    /// A read-only key calling an operation that changes state, under the protocol's code and status.
    static func readOnlyKey(_ caller: AWSCaller, calling operation: String, code: String, status: Int) -> AWSError {
        AWSError(
            code: code,
            message: "Access key \(caller.credential.accessKeyId) is read-only (aws.credentials readOnly: true) and "
                + "\(operation) changes state.",
            status: status)
    }

    static func internalError(_ message: String) -> AWSError {
        AWSError(code: "InternalError", message: message, status: 500)
    }
}
