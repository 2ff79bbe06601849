import Foundation
import NetctlAPI

/// One operation of a JSON-protocol service: its generated input shape, the members netctld
/// honours, and how it runs. A member the model has but netctld does not honour is refused, never
/// silently ignored.
struct JSONAction: Sendable {
    let name: String
    /// Changes state: refused to read-only keys.
    let mutating: Bool
    let run:
        @Sendable (_ body: [UInt8], _ service: JSONService, _ context: ActionContext) async throws(AWSError) -> [UInt8]

    /// `supported`: the input members (wire names) that netctld reads; `clientToken` picks the
    /// operation's idempotency token out of its input, where the model has one.
    static func make<Input: Decodable & Sendable, Output: Encodable & Sendable>(
        _ name: String, mutating: Bool, supported: Set<String>,
        clientToken: (@Sendable (Input) -> String?)? = nil,
        _ body: @escaping @Sendable (Input, ActionContext) async throws(AWSError) -> Output
    ) -> JSONAction {
        JSONAction(name: name, mutating: mutating) { bytes, service, context throws(AWSError) in
            let keyed = try service.decode(KeyedInput<Input>.self, from: bytes)
            if let unsupported = Set(keyed.keys).subtracting(supported).sorted().first {
                throw AWSError.unsupportedParameter(unsupported, of: name, code: service.invalidParameterCode)
            }
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

/// The output of operations whose model has none: `{}`.
struct JSONEmptyOutput: Encodable {}
