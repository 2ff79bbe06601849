import Foundation
import NetctlAPI
import NetctlClient

/// Sends one request and prints its result as a table or as the exact JSON result; turns failures
/// into the messages and exit codes of netctl(1).
struct Runner {
    var global: GlobalOptions

    func run<M: RPCMethod>(
        _ request: M, clientToken: String? = nil, table render: (M.Response) -> String
    ) async throws {
        let raw = try await call(request, clientToken: clientToken)
        try emit(raw, as: M.Response.self, render)
    }

    /// Sends params read from a file as they are, so the daemon checks every member (an unknown one is
    /// refused rather than silently dropped).
    func run<M: RPCMethod>(_ type: M.Type, rawParams params: JSONValue, table render: (M.Response) -> String) async throws {
        let raw: JSONValue
        do {
            raw = try await global.client.withConnection { connection in
                try await connection.call(M.method, params: merge(params, global.options(clientToken: nil)))
            }
        } catch let error as ClientError {
            throw failure(error)
        }
        try emit(raw, as: M.Response.self, render)
    }

    /// Sends the request and returns the raw JSON result, or throws a `CLIFailure`.
    func call<M: RPCMethod>(_ request: M, clientToken: String? = nil) async throws -> JSONValue {
        do {
            return try await global.client.withConnection { connection in
                let params = try JSONValue(encoding: request)
                return try await connection.call(M.method, params: merge(params, global.options(clientToken: clientToken)))
            }
        } catch let error as ClientError {
            throw failure(error)
        }
    }

    func emit<R: Decodable>(_ raw: JSONValue, as type: R.Type, _ render: (R) -> String) throws {
        switch global.output {
        case .json:
            print(Output.json(raw))
        case .table:
            do {
                print(render(try raw.decode(as: R.self)))
            } catch {
                throw CLIFailure(status: ExitStatus.refused, message: "error: netctld sent a result netctl cannot read: \(error)")
            }
        }
    }

    func failure(_ error: ClientError) -> CLIFailure {
        switch error {
        case .unreachable(let path, let reason):
            return CLIFailure(
                status: ExitStatus.unreachable,
                message: """
                    error: cannot reach netctld at \(path): \(reason).
                    Start it with `netctld --socket \(path)` (or `make run` in a checkout, which listens on ./.netctl/netctld.sock), \
                    or point netctl at a running daemon with --socket PATH or NETCTL_SOCKET.
                    """)
        case .rpc(let rpcError):
            return CLIFailure(
                status: ExitStatus.refused,
                message: "error: \(rpcError.codeName): \(rpcError.message)")
        case .protocolViolation(let message):
            return CLIFailure(status: ExitStatus.refused, message: "error: \(message)")
        }
    }

    private func merge(_ params: JSONValue, _ options: CallOptions) -> JSONValue {
        guard case .object(var members) = params else { return params }
        if let accountId = options.accountId { members["accountId"] = .string(accountId) }
        if let region = options.region { members["region"] = .string(region) }
        if let clientToken = options.clientToken { members["clientToken"] = .string(clientToken) }
        return .object(members)
    }
}
