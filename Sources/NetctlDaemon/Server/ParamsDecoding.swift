import Foundation
import NetctlAPI
import NetctlCore

/// A request's params, decoded in the same pass as its envelope: the call options, the member names
/// (for the unknown-parameter check), the fingerprint a `clientToken` needs, and the typed request
/// bound to what runs it, or why it did not decode.
struct DecodedParams: Sendable {
    var options: CallOptions
    var memberNames: [String]
    /// Computed only when the params carry a `clientToken`: nothing else needs it.
    var fingerprint: String?
    /// A bad member is reported after routing's own checks (who may call what), as it always was.
    var call: Result<BoundCall, RPCErrorObject>

    /// `decoder` sits on the params object inside the line; nil when the request had no params (or
    /// null), which decode as `{}`.
    static func decode<M: RPCMethod>(
        _ type: M.Type, from decoder: (any Decoder)?, bind: (M) -> BoundCall
    ) -> Result<DecodedParams, RPCErrorObject> {
        let box: ParamsBox<M>
        if let decoder {
            box = ParamsBox(from: decoder)
        } else {
            do { box = try NetctlJSON.decoder.decode(ParamsBox<M>.self, from: emptyObject) } catch {
                return .failure(.internalError("Could not decode empty params for \(M.method): \(error)"))
            }
        }
        return box.outcome.map { decoded in
            DecodedParams(
                options: decoded.options, memberNames: decoded.names, fingerprint: decoded.fingerprint,
                call: decoded.request.map(bind))
        }
    }

    /// From the params object's bytes; nil when they are not JSON.
    static func decode<M: RPCMethod>(
        _ type: M.Type, bytes: Data, bind: (M) -> BoundCall
    ) -> Result<DecodedParams, RPCErrorObject>? {
        // A flat object of scalars decodes without `JSONDecoder` when nothing goes wrong; anything
        // else (an error to report, a clientToken's fingerprint) is `JSONDecoder`'s.
        if let members = FlatParamsDecoder.members(of: bytes) {
            let box = ParamsBox<M>(from: FlatParamsDecoder(members: members))
            if case .success(let decoded) = box.outcome, case .success(let request) = decoded.request,
                decoded.options.clientToken == nil
            {
                return .success(
                    DecodedParams(options: decoded.options, memberNames: decoded.names, fingerprint: nil, call: .success(bind(request))))
            }
        }
        // ParamsBox never throws: a throw is the scanner's, a syntax error.
        guard let box = try? NetctlJSON.decoder.decode(ParamsBox<M>.self, from: bytes) else { return nil }
        return box.outcome.map { decoded in
            DecodedParams(
                options: decoded.options, memberNames: decoded.names, fingerprint: decoded.fingerprint,
                call: decoded.request.map(bind))
        }
    }

    private static let emptyObject = Data("{}".utf8)
}

/// Reads one method's params from the decoder it is given and never throws: whatever is wrong becomes
/// the call's answer, so one bad request in a batch leaves the others alone.
private struct ParamsBox<M: RPCMethod>: Decodable {
    typealias Decoded = (
        options: CallOptions, names: [String], fingerprint: String?, request: Result<M, RPCErrorObject>
    )
    let outcome: Result<Decoded, RPCErrorObject>

    init(from decoder: any Decoder) {
        // Inside a line the params sit under the envelope's "params" key; messages name the member
        // from the params object down, as they did when params were decoded on their own.
        let depth = decoder.codingPath.count
        guard let members = try? decoder.container(keyedBy: MemberName.self) else {
            outcome = .failure(.invalidParams("\(M.method) takes its params as an object of named members."))
            return
        }
        let options: CallOptions
        // Read from the container already open rather than by `CallOptions`' own decoding: a keyed
        // container costs the decoder a pass over the members, and the request's type opens its own.
        do {
            options = CallOptions(
                accountId: try members.decodeIfPresent(String.self, forKey: .accountId),
                region: try members.decodeIfPresent(String.self, forKey: .region),
                clientToken: try members.decodeIfPresent(String.self, forKey: .clientToken))
        } catch {
            outcome = .failure(.invalidParams(decoding: error, method: M.method, droppingLeadingKeys: depth))
            return
        }
        let request = Result { try M(from: decoder) }.mapError {
            RPCErrorObject.invalidParams(decoding: $0, method: M.method, droppingLeadingKeys: depth)
        }
        var fingerprint: String?
        if options.clientToken != nil, let params = try? JSONValue(from: decoder) {
            fingerprint = Idempotency.fingerprint(method: M.method, params: params.removingCallOptions)
        }
        // The flat decoder has the names at hand; a container's `allKeys` builds keys to read them from.
        let names = (decoder as? FlatParamsDecoder)?.members.map(\.name) ?? members.allKeys.map(\.stringValue)
        outcome = .success((options, names, fingerprint, request))
    }
}

/// Any member name of a params object.
private struct MemberName: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static let accountId = MemberName(stringValue: "accountId")
    static let region = MemberName(stringValue: "region")
    static let clientToken = MemberName(stringValue: "clientToken")
}

extension JSONValue {
    /// Params without `accountId`, `region` and `clientToken`: what identifies a request's intent.
    var removingCallOptions: JSONValue {
        guard case .object(var members) = self else { return self }
        for name in CallOptions.memberNames { members[name] = nil }
        return .object(members)
    }
}
