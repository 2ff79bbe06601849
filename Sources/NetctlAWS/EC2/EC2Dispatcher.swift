import Foundation
import NetctlAPI

/// The EC2 Query protocol (API 2016-11-15): `Action=…&Version=…` in, `<ActionResponse>` XML out,
/// errors as `<Response><Errors><Error>`. Actions are looked up by name; one that netctld does not
/// implement answers `InvalidAction`, never a fake success.
struct EC2Dispatcher: Sendable {
    static let envelopeKeys: Set<String> = ["Action", "Version"]
    private let actions: [String: EC2Action]

    init(actions: [EC2Action] = EC2Actions.all) {
        self.actions = Dictionary(uniqueKeysWithValues: actions.map { ($0.name, $0) })
    }

    var actionNames: [String] { actions.keys.sorted() }

    func handle(_ query: QueryInput, context: ActionContext, requestId: String) async -> AWSHTTPResponse {
        do throws(AWSError) {
            guard let name = query.parameters["Action"] else {
                throw AWSError(code: "MissingAction", message: "The request must contain the parameter Action.")
            }
            if let version = query.parameters["Version"], version != EC2.apiVersion {
                throw AWSError(
                    code: "InvalidParameterValue",
                    message: "Version \(version) is not supported: netctld speaks EC2 API version \(EC2.apiVersion).")
            }
            guard let action = actions[name] else { throw AWSError.invalidAction(name, service: "ec2") }
            if action.mutating && context.caller.credential.readOnly {
                throw Self.unauthorized(name, context.caller)
            }
            let members = try await action.run(query, context)
            var xml = XMLWriter()
            xml.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
            xml.open("\(name)Response", attributes: #"xmlns="\#(EC2.xmlNamespace)/""#)
            xml.element("requestId", requestId)
            xml.append(members)
            xml.close("\(name)Response")
            return AWSHTTPResponse(status: 200, contentType: "text/xml;charset=UTF-8", requestId: requestId, body: xml.bytes)
        } catch {
            return Self.errorResponse(error, requestId: requestId)
        }
    }

    static func unauthorized(_ action: String, _ caller: AWSCaller) -> AWSError {
        AWSError(
            code: "UnauthorizedOperation",
            message: "You are not authorized to perform this operation: access key \(caller.credential.accessKeyId) is "
                + "read-only (aws.credentials readOnly: true) and \(action) changes state.",
            status: 403)
    }

    /// `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`: EC2's
    /// own error document (upper-case `RequestID`).
    static func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        var xml = XMLWriter()
        xml.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        xml.open("Response")
        xml.open("Errors")
        xml.open("Error")
        xml.element("Code", error.code)
        xml.element("Message", error.message)
        xml.close("Error")
        xml.close("Errors")
        xml.element("RequestID", requestId)
        xml.close("Response")
        return AWSHTTPResponse(status: error.status, contentType: "text/xml;charset=UTF-8", requestId: requestId, body: xml.bytes)
    }
}
