import Foundation
import NetctlAPI

/// A service spoken in AWS's JSON protocol (1.0 or 1.1): `POST /` with `X-Amz-Target:
/// <prefix>.<Operation>`, a JSON body in and out, errors as `{"__type": Code, "message": …}` with
/// the status the model gives the code.
struct JSONService: Sendable {
    /// The `X-Amz-Target` prefix, e.g. `AmazonEC2ContainerServiceV20141113`.
    let targetPrefix: String
    /// The service name in the SigV4 credential scope, e.g. `ecs`.
    let signingName: String
    /// `1.0` or `1.1`, for the response's `Content-Type`.
    let jsonVersion: String
    /// The code this service answers a bad parameter with (`InvalidParameterException` for most,
    /// `InvalidInput` for Cloud Map).
    let invalidParameterCode: String
    /// Statuses from the service model, by error code.
    let errorStatuses: [String: Int]
    /// Query-compatible services (CloudWatch, SQS) also name each error's query code in the
    /// `x-amzn-query-error` header.
    let queryErrorCodes: [String: String]?
    /// Maps a rule's refusal to this service's own error, where the codes differ.
    let translate: @Sendable (NetctlError) -> AWSError?
    private let actions: [String: JSONAction]

    init(
        targetPrefix: String, signingName: String, jsonVersion: String,
        invalidParameterCode: String = "InvalidParameterException",
        errorStatuses: [String: Int], queryErrorCodes: [String: String]? = nil,
        translate: @escaping @Sendable (NetctlError) -> AWSError? = { _ in nil }, actions: [JSONAction]
    ) {
        self.targetPrefix = targetPrefix
        self.signingName = signingName
        self.jsonVersion = jsonVersion
        self.invalidParameterCode = invalidParameterCode
        self.errorStatuses = errorStatuses
        self.queryErrorCodes = queryErrorCodes
        self.translate = translate
        self.actions = Dictionary(uniqueKeysWithValues: actions.map { ($0.name, $0) })
    }

    var actionNames: [String] { actions.keys.sorted() }
    var contentType: String { "application/x-amz-json-\(jsonVersion)" }

    func handle(operation: String, body: [UInt8], context: ActionContext, requestId: String) async -> AWSHTTPResponse {
        do throws(AWSError) {
            guard let action = actions[operation] else {
                throw AWSError(
                    code: "UnknownOperationException",
                    message: "netctld does not serve the operation \(targetPrefix).\(operation); netctld(8) lists the "
                        + "operations of each service.")
            }
            if action.mutating && context.caller.credential.readOnly {
                throw AWSError.readOnlyKey(
                    context.caller, calling: operation, code: "AccessDeniedException", status: 400)
            }
            var context = context
            context.translate = translate
            let output = try await action.run(body, self, context)
            return AWSHTTPResponse(status: 200, contentType: contentType, requestId: requestId, body: output)
        } catch {
            return errorResponse(error, requestId: requestId)
        }
    }

    func decode<Input: Decodable>(_ type: Input.Type, from bytes: [UInt8]) throws(AWSError) -> Input {
        try JSONShapeCoding.decodeInput(type, from: bytes, invalidParameterCode: invalidParameterCode)
    }

    /// `{"__type": Code, "message": …}`; botocore reads the code from `__type` and the text from `message`.
    func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        let status = error.status != 400 ? error.status : errorStatuses[error.code] ?? 400
        var response = AWSHTTPResponse(
            status: status, contentType: contentType, requestId: requestId, body: Self.errorBody(error))
        if let queryCode = queryErrorCodes?[error.code] {
            response.extraHeaders.append(("x-amzn-query-error", "\(queryCode);\(error.faultType)"))
        }
        return response
    }

    /// For a target no service claims: JSON 1.1's format.
    static func genericErrorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        AWSHTTPResponse(
            status: error.status, contentType: "application/x-amz-json-1.1", requestId: requestId,
            body: errorBody(error))
    }

    static func errorBody(_ error: AWSError) -> [UInt8] {
        let body: [String: String] = ["__type": error.code, "message": error.message]
        return Array((try? JSONEncoder().encode(body)) ?? Data("{}".utf8))
    }
}

extension SigV4Verifier.Failure {
    /// As the JSON and rest-json services name them (SEMANTICS-2.md §6.2).
    var jsonError: AWSError {
        switch self {
        case .missing:
            AWSError(code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", status: 403)
        case .incomplete(let message):
            AWSError(code: "IncompleteSignatureException", message: message, status: 403)
        case .badScope(let message):
            AWSError(code: "InvalidSignatureException", message: message, status: 403)
        case .unknownKey:
            AWSError(
                code: "UnrecognizedClientException", message: "The security token included in the request is invalid.",
                status: 403)
        case .expired:
            AWSError(code: "InvalidSignatureException", message: queryError.message, status: 403)
        case .mismatch:
            AWSError(code: "InvalidSignatureException", message: queryError.message, status: 403)
        }
    }
}
