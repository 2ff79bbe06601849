import NetctlAPI

/// A method answered from one published snapshot of the state: changes nothing, so read-only callers
/// may call it, and it runs in the caller's request order without going through the writer.
public protocol StateQuery: RPCMethod {
    func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response
}

/// A method that changes the state: applied by the writer inside `State.transact`, committed to
/// SQLite with its change events in one transaction, answered only once durable. Accepts `clientToken`.
public protocol StateCommand: RPCMethod {
    func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response
}
