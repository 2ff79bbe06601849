import NetctlAPI

extension NetworkInterfaceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.networkInterface(networkInterface, in: context.scope)
    }
}

extension NetworkInterfaceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNetworkInterfaces(self, context)
    }
}

extension NetworkInterfaceCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createStandaloneInterface(self, &context)
    }
}

extension NetworkInterfaceDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteStandaloneInterface(self, &context)
    }
}

extension NetworkInterfaceModifyAttribute: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.modifyInterfaceAttribute(self, &context)
    }
}

extension NetworkInterfaceModifySecurityGroups: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.modifyInterfaceSecurityGroups(self, &context)
    }
}
