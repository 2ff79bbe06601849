import NetctlAPI

extension SdNamespaceCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createNamespace(self, &context)
    }
}

extension SdNamespaceDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteNamespace(self, &context)
    }
}

extension SdNamespaceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNamespaces(self, context)
    }
}

extension SdResolve: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.resolve(self, context)
    }
}
