import Foundation
import NetctlAPI

/// One operation of a rest-json service: its generated input shape (body members decoded, URI and
/// query members bound by the router), the members netctld honours, and how it runs. A member the
/// model has but netctld does not honour is refused, never silently ignored.
struct RESTAction: Sendable {
    let name: String
    /// Changes state: refused to read-only keys.
    let mutating: Bool
    let run:
        @Sendable (_ body: [UInt8], _ rest: RESTRequestValues, _ service: RESTService, _ context: ActionContext)
            async throws(AWSError) -> [UInt8]

    /// `supported`: the body and query-string members (wire names) that netctld reads; URI labels are
    /// always read. `clientToken` picks the operation's idempotency token out of its input.
    static func make<Input: Decodable & RESTInput, Output: Encodable & Sendable>(
        _ name: String, mutating: Bool, supported: Set<String>,
        clientToken: (@Sendable (Input) -> String?)? = nil,
        _ body: @escaping @Sendable (Input, ActionContext) async throws(AWSError) -> Output
    ) -> RESTAction {
        RESTAction(name: name, mutating: mutating) { bytes, rest, service, context throws(AWSError) in
            var keyed = try service.decode(KeyedInput<Input>.self, from: bytes)
            let given = Set(keyed.keys).union(Set(rest.query.keys).intersection(Input.queryMembers))
            if let unsupported = given.subtracting(supported).sorted().first {
                throw AWSError.unsupportedParameter(unsupported, of: name, code: service.invalidParameterCode)
            }
            try keyed.input.bind(rest)
            var context = context
            context.clientToken = clientToken.flatMap { $0(keyed.input) }
            let output = try await body(keyed.input, context)
            do {
                return Array(try JSONShapeCoding.encoder().encode(output))
            } catch {
                throw AWSError.internalError("netctld could not encode its answer to \(name): \(error)")
            }
        }
    }
}
