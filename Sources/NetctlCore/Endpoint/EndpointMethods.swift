import NetctlAPI

extension EndpointCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createEndpoint(self, &context)
    }
}

extension EndpointDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEndpoint(self, &context)
    }
}

extension EndpointDeleteMany: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEndpoints(self, &context)
    }
}

extension EndpointGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.endpoint(endpoint, in: context.scope)
    }
}

extension EndpointList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEndpoints(self, context)
    }
}

extension EndpointModify: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.modifyEndpoint(self, &context)
    }
}

extension EndpointServices: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.endpointServices(self, context)
    }
}

extension PrefixListGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.prefixList(prefixList, region: context.scope.region)
    }
}

extension PrefixListGetEntries: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.prefixListEntries(self, context)
    }
}

extension PrefixListList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listPrefixLists(self, context)
    }
}
