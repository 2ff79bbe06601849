import NetctlAPI

extension InstanceRun: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.runInstances(self, &context)
    }
}

extension InstanceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.instance(instance, in: context.scope)
    }
}

extension InstanceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listInstances(self, context)
    }
}

extension InstanceStart: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.startInstance(self, &context)
    }
}

extension InstanceStop: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.stopInstance(self, &context)
    }
}

extension InstanceTerminate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.terminateInstance(self, &context)
    }
}
