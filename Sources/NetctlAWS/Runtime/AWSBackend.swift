import NetctlAPI

/// What the AWS endpoint needs from the daemon: netctl's own typed requests run for a signed caller,
/// through the same placement, checks, writer, events and metrics as a call on the socket.
public protocol AWSBackend: Sendable {
    func run<Request: RPCMethod>(_ request: Request, as caller: AWSCaller, clientToken: String?) async
        -> Result<Request.Response, NetctlError>
    /// The registry's tokens and blob store, for ECR's authorization and layer operations.
    var registry: (any RegistryBackend)? { get }
}

/// One action's view of its caller and the daemon.
struct ActionContext: Sendable {
    var backend: any AWSBackend
    var caller: AWSCaller
    /// The action's `ClientToken`, when its model has one: applies to the one state change it makes.
    var clientToken: String?
    /// The service's own name for a rule's refusal, where it differs from netctl's code.
    var translate: @Sendable (NetctlError) -> AWSError? = { _ in nil }
    /// The request's `Host` header, for answers that point back at the endpoint (SQS queue URLs).
    var host: String?

    var accountId: String { caller.credential.accountId }
    var region: String { caller.region }

    func run<Request: RPCMethod>(_ request: Request) async throws(AWSError) -> Request.Response {
        switch await backend.run(request, as: caller, clientToken: clientToken) {
        case .success(let response): return response
        case .failure(let error): throw translate(error) ?? AWSError(error)
        }
    }

    /// The same request for each ID in turn, stopping at the first refusal (AWS reports the first
    /// unknown ID of a list).
    func each<Request: RPCMethod>(_ ids: [String], _ request: (String) -> Request) async throws(AWSError)
        -> [Request.Response]
    {
        var responses: [Request.Response] = []
        for id in ids { responses.append(try await run(request(id))) }
        return responses
    }
}
