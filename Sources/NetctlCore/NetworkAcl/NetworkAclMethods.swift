import NetctlAPI

extension NetworkAclAssociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.associateNetworkAcl(self, &context)
    }
}

extension NetworkAclCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createNetworkAcl(self, &context)
    }
}

extension NetworkAclCreateEntry: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createNetworkAclEntry(self, &context)
    }
}

extension NetworkAclDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteNetworkAcl(self, &context)
    }
}

extension NetworkAclDeleteEntry: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteNetworkAclEntry(self, &context)
    }
}

extension NetworkAclGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.networkAcl(networkAcl, in: context.scope)
    }
}

extension NetworkAclList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNetworkAcls(self, context)
    }
}

extension NetworkAclReplaceEntry: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.replaceNetworkAclEntry(self, &context)
    }
}
