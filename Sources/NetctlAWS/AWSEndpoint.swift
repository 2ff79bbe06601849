import Foundation
import NetctlAPI

/// netctld's AWS front door: authenticates each HTTP request by its SigV4 signature, picks the
/// service from the signature's credential scope, and answers in that service's own protocol. It
/// holds no state: every action becomes netctl's typed requests on the backend.
public struct AWSEndpoint: Sendable {
    private let backend: any AWSBackend
    private let ec2 = EC2Dispatcher()

    public init(backend: any AWSBackend) {
        self.backend = backend
    }

    /// The EC2 actions served, for the man page and tests.
    public var ec2Actions: [String] { ec2.actionNames }

    /// The Elastic Load Balancing v2 actions served (query protocol), for the man page and tests.
    public var elbv2Actions: [String] { ELBv2Actions.byName.keys.sorted() }

    /// The operations served per JSON-protocol service (by SigV4 name), for the man page and tests.
    public var jsonActions: [String: [String]] {
        Dictionary(uniqueKeysWithValues: JSONServices.all.map { ($0.signingName, $0.actionNames) })
    }

    /// The operations served per rest-json service (by SigV4 name), for the man page and tests.
    public var restActions: [String: [String]] {
        Dictionary(uniqueKeysWithValues: RESTServices.all.map { ($0.signingName, $0.actionNames) })
    }

    public func handle(_ request: SignedRequest, verifier: SigV4Verifier, now: Date) async -> AWSHTTPResponse {
        let requestId = UUID().uuidString.lowercased()
        if let target = request.header("X-Amz-Target") {
            return await handleJSON(request, target: target, verifier: verifier, now: now, requestId: requestId)
        }
        if let service = RESTServices.service(for: request) {
            return await handleREST(request, service: service, verifier: verifier, now: now, requestId: requestId)
        }
        let query: QueryInput
        do throws(AWSError) {
            query = try Self.queryParameters(request)
        } catch {
            return EC2Dispatcher.errorResponse(error, requestId: requestId)
        }
        let caller: AWSCaller
        switch verifier.verify(request, now: now) {
        case .success(let verified):
            caller = verified
        case .failure(let failure):
            let service = request.header("Authorization").flatMap { Authorization.parse($0).success?.service }
            if service == "sts" { return STSEndpoint.errorResponse(failure.queryError, requestId: requestId) }
            if service == CloudWatch.signingName {
                return CloudWatchQuery.errorResponse(failure.queryError, requestId: requestId)
            }
            if service == SQS.signingName { return SQSQuery.errorResponse(failure.queryError, requestId: requestId) }
            if service == ELBv2Query.signingName {
                return ELBv2Query.errorResponse(failure.queryError, requestId: requestId)
            }
            return EC2Dispatcher.errorResponse(failure.ec2Error, requestId: requestId)
        }
        var context = ActionContext(backend: backend, caller: caller, clientToken: nil)
        context.host = request.header("Host")
        switch caller.service {
        case "ec2":
            return await ec2.handle(query, context: context, requestId: requestId)
        case "sts":
            return STSEndpoint.handle(query, caller: caller, requestId: requestId)
        case CloudWatch.signingName:
            return await CloudWatchQuery.handle(query, context: context, requestId: requestId)
        case SQS.signingName:
            return await SQSQuery.handle(query, context: context, requestId: requestId)
        case ELBv2Query.signingName:
            return await ELBv2Query.handle(query, context: context, requestId: requestId)
        default:
            return EC2Dispatcher.errorResponse(
                AWSError(
                    code: "InvalidAction",
                    message:
                        "netctld's AWS endpoint does not serve the service '\(caller.service)' (from the credential "
                        + "scope) in the query protocol; it serves ec2, sts, monitoring (CloudWatch), sqs and elasticloadbalancing there."),
                requestId: requestId)
        }
    }

    /// JSON 1.0/1.1: `X-Amz-Target: <prefix>.<Operation>` names the service and the operation.
    private func handleJSON(
        _ request: SignedRequest, target: String, verifier: SigV4Verifier, now: Date, requestId: String
    ) async -> AWSHTTPResponse {
        let dot = target.lastIndex(of: ".")
        let prefix = dot.map { String(target[..<$0]) } ?? target
        let operation = dot.map { String(target[target.index(after: $0)...]) } ?? ""
        guard let service = JSONServices.byTargetPrefix[prefix] else {
            return JSONService.genericErrorResponse(
                AWSError(
                    code: "UnknownOperationException",
                    message: "netctld does not serve the X-Amz-Target '\(target)'; it serves "
                        + JSONServices.all.map(\.targetPrefix).sorted().joined(separator: ", ") + "."),
                requestId: requestId)
        }
        switch verifier.verify(request, now: now) {
        case .failure(let failure):
            return service.errorResponse(failure.jsonError, requestId: requestId)
        case .success(let caller):
            guard caller.service == service.signingName else {
                return service.errorResponse(
                    AWSError(
                        code: "InvalidSignatureException",
                        message: "Credential should be scoped to correct service: '\(service.signingName)'.",
                        status: 403),
                    requestId: requestId)
            }
            var context = ActionContext(backend: backend, caller: caller, clientToken: nil)
            context.host = request.header("Host")
            return await service.handle(
                operation: operation, body: request.body, context: context, requestId: requestId)
        }
    }

    /// rest-json (EKS): the method and path name the operation; refusals of the signature are
    /// answered in the service's own format too.
    private func handleREST(
        _ request: SignedRequest, service: RESTService, verifier: SigV4Verifier, now: Date, requestId: String
    ) async -> AWSHTTPResponse {
        switch verifier.verify(request, now: now) {
        case .failure(let failure):
            return service.errorResponse(failure.jsonError, requestId: requestId)
        case .success(let caller):
            let context = ActionContext(backend: backend, caller: caller, clientToken: nil)
            return await service.handle(request, context: context, requestId: requestId)
        }
    }

    /// Query protocols send their parameters as a form body (POST) or in the query string (GET).
    static func queryParameters(_ request: SignedRequest) throws(AWSError) -> QueryInput {
        if request.method.uppercased() == "POST" {
            var form = request.body
            if !request.query.isEmpty { form = Array(request.query.utf8) + [UInt8(ascii: "&")] + form }
            return try QueryInput(form: form)
        }
        return try QueryInput(form: Array(request.query.utf8))
    }
}

extension Result {
    fileprivate var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}

extension SigV4Verifier.Failure {
    /// As EC2 names them (SEMANTICS-2.md §6.2): an unknown key is `AuthFailure` (401), a stale
    /// request `RequestExpired`.
    var ec2Error: AWSError {
        switch self {
        case .unknownKey:
            AWSError(
                code: "AuthFailure", message: "AWS was not able to validate the provided access credentials",
                status: 401)
        case .expired: AWSError(code: "RequestExpired", message: expiredMessage, status: 400)
        default: queryError
        }
    }

    /// As the query services (STS, ELBv2) name them.
    var queryError: AWSError {
        switch self {
        case .missing:
            AWSError(
                code: "MissingAuthenticationToken", message: "Request is missing Authentication Token", status: 403)
        case .incomplete(let message):
            AWSError(code: "IncompleteSignature", message: message, status: 403)
        case .badScope(let message):
            AWSError(code: "SignatureDoesNotMatch", message: message, status: 403)
        case .unknownKey:
            AWSError(
                code: "InvalidClientTokenId", message: "The security token included in the request is invalid.",
                status: 403)
        case .expired:
            AWSError(code: "RequestExpired", message: expiredMessage, status: 400)
        case .mismatch:
            AWSError(
                code: "SignatureDoesNotMatch",
                message:
                    "The request signature we calculated does not match the signature you provided. Check your AWS "
                    + "Secret Access Key and signing method. Consult the service documentation for details.",
                status: 403)
        }
    }

    private var expiredMessage: String {
        guard case .expired(let requestTime, let now, let earlier) = self else { return "Request has expired." }
        let nowText = Timestamp.format(now)
        return earlier
            ? "Request has expired: signed at \(requestTime), netctld's time is \(nowText) (allowed skew 15 min)."
            : "Request is not yet valid: signed at \(requestTime), netctld's time is \(nowText) (allowed skew 15 min)."
    }
}
