import NetctlAPI

extension PeeringAccept: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.acceptPeering(self, &context)
    }
}

extension PeeringCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createPeering(self, &context)
    }
}

extension PeeringDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deletePeering(self, &context)
    }
}

extension PeeringGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getPeering(self, context)
    }
}

extension PeeringList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listPeerings(self, context)
    }
}

extension PeeringMesh: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.meshPeerings(self, &context)
    }
}

extension PeeringModifyOptions: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.modifyPeeringOptions(self, &context)
    }
}

extension PeeringReject: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.rejectPeering(self, &context)
    }
}
