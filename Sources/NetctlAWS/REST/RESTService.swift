import Foundation
import NetctlAPI

/// A service spoken in AWS's rest-json protocol: the operation is the HTTP method and the path,
/// matched against the model's `requestUri` patterns; members travel in the path, the query string
/// and a JSON body; success answers with the model's status, errors with the `x-amzn-ErrorType`
/// header and `{"message": …}` at the status the model gives the code.
struct RESTService: Sendable {
    /// The service name in the SigV4 credential scope, e.g. `eks`.
    let signingName: String
    let invalidParameterCode: String
    let errorStatuses: [String: Int]
    /// Maps a rule's refusal to this service's own error, where the codes differ.
    let translate: @Sendable (NetctlError) -> AWSError?
    private let routes: [Route]

    /// One served operation's pattern: `/clusters/{name}/node-groups/{nodegroupName}`.
    private struct Route: Sendable {
        var method: String
        var segments: [Segment]
        var successStatus: Int
        var action: RESTAction
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case label(String)
    }

    init(
        signingName: String, invalidParameterCode: String = "InvalidParameterException",
        operations: [String: OperationShapes], errorStatuses: [String: Int],
        translate: @escaping @Sendable (NetctlError) -> AWSError? = { _ in nil }, actions: [RESTAction]
    ) {
        self.signingName = signingName
        self.invalidParameterCode = invalidParameterCode
        self.errorStatuses = errorStatuses
        self.translate = translate
        self.routes = actions.map { action in
            guard let operation = operations[action.name], let method = operation.method,
                let uri = operation.requestURI
            else { preconditionFailure("\(action.name) is not a rest operation of the \(signingName) model") }
            let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
            let segments = path.split(separator: "/").map { part -> Segment in
                part.hasPrefix("{") && part.hasSuffix("}")
                    ? .label(String(part.dropFirst().dropLast())) : .literal(String(part))
            }
            return Route(method: method, segments: segments, successStatus: operation.successStatus, action: action)
        }
    }

    var actionNames: [String] { routes.map(\.action.name).sorted() }
    static let contentType = "application/json"

    /// Whether some operation has this path, whatever its method: tells an unsigned request meant
    /// for this service.
    func servesPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        return routes.contains { match($0, parts) != nil }
    }

    func handle(_ request: SignedRequest, context: ActionContext, requestId: String) async -> AWSHTTPResponse {
        do throws(AWSError) {
            let parts = request.path.split(separator: "/").map(String.init)
            let method = request.method.uppercased()
            let candidates = routes.compactMap { route in match(route, parts).map { (route, $0) } }
            guard let found = candidates.first(where: { $0.0.method == method }) else {
                let allowed = candidates.map { $0.0.method }.sorted().joined(separator: ", ")
                throw AWSError(
                    code: "UnknownOperationException",
                    message: candidates.isEmpty
                        ? "netctld's \(signingName) endpoint has no operation at \(method) \(request.path); "
                            + "netctld(8) lists the operations it serves."
                        : "\(request.path) takes \(allowed), not \(method).",
                    status: 404)
            }
            let (route, labels) = found
            if route.action.mutating && context.caller.credential.readOnly {
                throw AWSError.readOnlyKey(
                    context.caller, calling: route.action.name, code: "AccessDeniedException", status: 403)
            }
            let values = try RESTRequestValues(
                labels: labels, query: request.query, headers: request.headers,
                invalidParameterCode: invalidParameterCode)
            var context = context
            context.translate = translate
            let output = try await route.action.run(request.body, values, self, context)
            return AWSHTTPResponse(
                status: route.successStatus, contentType: Self.contentType, requestId: requestId, body: output)
        } catch {
            return errorResponse(error, requestId: requestId)
        }
    }

    /// The labels of a route the path matches, percent-decoded (an ARN arrives as `arn%3Aaws%3A…`).
    private func match(_ route: Route, _ parts: [String]) -> [String: String]? {
        guard route.segments.count == parts.count else { return nil }
        var labels: [String: String] = [:]
        for (segment, part) in zip(route.segments, parts) {
            switch segment {
            case .literal(let literal):
                guard literal == part else { return nil }
            case .label(let name):
                guard let decoded = part.removingPercentEncoding, !decoded.isEmpty else { return nil }
                labels[name] = decoded
            }
        }
        return labels
    }

    func decode<Input: Decodable>(_ type: Input.Type, from bytes: [UInt8]) throws(AWSError) -> Input {
        try JSONShapeCoding.decodeInput(type, from: bytes, invalidParameterCode: invalidParameterCode)
    }

    /// `x-amzn-ErrorType: Code` and `{"message": …}`: botocore reads the code from the header.
    func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        let status = error.status != 400 ? error.status : errorStatuses[error.code] ?? 400
        let body = (try? JSONEncoder().encode(["message": error.message])).map(Array.init) ?? Array("{}".utf8)
        var response = AWSHTTPResponse(status: status, contentType: Self.contentType, requestId: requestId, body: body)
        response.extraHeaders.append(("x-amzn-ErrorType", error.code))
        return response
    }
}

/// The services netctld speaks in AWS's rest-json protocol, found by their SigV4 signing name.
enum RESTServices {
    static let all: [RESTService] = [
        RESTService(
            signingName: EKS.signingName, operations: EKS.operations, errorStatuses: EKS.errorStatuses,
            translate: EKSActions.translate, actions: EKSActions.all)
    ]

    /// The rest-json service a request is for: its credential scope's service, or, unsigned, the
    /// service whose paths it uses; nil for requests of the other protocols.
    static func service(for request: SignedRequest) -> RESTService? {
        if let authorization = request.header("Authorization") {
            guard case .success(let parsed) = Authorization.parse(authorization) else {
                return all.first { $0.servesPath(request.path) }
            }
            return all.first { $0.signingName == parsed.service }
        }
        return all.first { $0.servesPath(request.path) }
    }
}
