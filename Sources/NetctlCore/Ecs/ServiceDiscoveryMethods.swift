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

extension SdNamespaceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.sdNamespace(name, in: context.scope)
    }
}

extension SdServiceCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createSdService(self, &context)
    }
}

extension SdServiceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getSdService(self, context)
    }
}

extension SdServiceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listSdServices(self, context)
    }
}

extension SdServiceDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteSdService(self, &context)
    }
}

extension SdInstanceRegister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.registerSdInstance(self, &context)
    }
}

extension SdInstanceDeregister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deregisterSdInstance(self, &context)
    }
}

extension SdInstanceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getSdInstance(self, context)
    }
}

extension SdInstanceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listSdInstances(self, context)
    }
}

extension SdInstanceDiscover: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.discoverSdInstances(self, context)
    }
}

extension SdOperationGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getSdOperation(self, context)
    }
}
