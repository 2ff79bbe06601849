import NetctlAPI

extension GatewayAttach: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.attachInternetGateway(self, &context)
    }
}

extension GatewayCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createInternetGateway(self, &context)
    }
}

extension GatewayDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteInternetGateway(self, &context)
    }
}

extension GatewayDetach: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.detachInternetGateway(self, &context)
    }
}

extension GatewayGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.internetGateway(gateway, in: context.scope)
    }
}

extension GatewayList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listInternetGateways(self, context)
    }
}

extension NatGatewayCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createNatGateway(self, &context)
    }
}

extension NatGatewayDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteNatGateway(self, &context)
    }
}

extension NatGatewayGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.natGateway(natGateway, in: context.scope)
    }
}

extension NatGatewayList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNatGateways(self, context)
    }
}
