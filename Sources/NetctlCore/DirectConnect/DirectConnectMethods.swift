import NetctlAPI

extension DxGatewayCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createDxGateway(self, &context)
    }
}

extension DxGatewayGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.dxGateway(dxGateway, in: context.scope)
    }
}

extension DxGatewayList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listDxGateways(self, context)
    }
}

extension DxGatewayDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteDxGateway(self, &context)
    }
}

extension DxGatewayAssociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.associateDxGateway(self, &context)
    }
}

extension DxGatewayDisassociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.disassociateDxGateway(self, &context)
    }
}

extension DxGatewaySetOnPremisesCidrs: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.setDxGatewayOnPremisesCidrs(self, &context)
    }
}

extension DxGatewayUpdateAssociation: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.updateDxGatewayAssociation(self, &context)
    }
}
