import NetctlAPI

extension VpnCustomerGatewayCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createCustomerGateway(self, &context)
    }
}

extension VpnCustomerGatewayGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.customerGateway(customerGateway, in: context.scope)
    }
}

extension VpnCustomerGatewayList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listCustomerGateways(self, context)
    }
}

extension VpnCustomerGatewayDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteCustomerGateway(self, &context)
    }
}

extension VpnGatewayCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createVpnGateway(self, &context)
    }
}

extension VpnGatewayGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.vpnGateway(vpnGateway, in: context.scope)
    }
}

extension VpnGatewayList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listVpnGateways(self, context)
    }
}

extension VpnGatewayDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteVpnGateway(self, &context)
    }
}

extension VpnGatewayAttach: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.attachVpnGateway(self, &context)
    }
}

extension VpnGatewayDetach: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.detachVpnGateway(self, &context)
    }
}

extension VpnConnectionCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createVpnConnection(self, &context)
    }
}

extension VpnConnectionGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.vpnConnection(vpnConnection, in: context.scope)
    }
}

extension VpnConnectionList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listVpnConnections(self, context)
    }
}

extension VpnConnectionDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteVpnConnection(self, &context)
    }
}

extension VpnConnectionCreateRoute: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createVpnConnectionRoute(self, &context)
    }
}

extension VpnConnectionDeleteRoute: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteVpnConnectionRoute(self, &context)
    }
}

extension VpnTunnelSetState: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.setVpnTunnelState(self, &context)
    }
}

extension RouteTableEnablePropagation: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.enableVgwRoutePropagation(self, &context)
    }
}

extension RouteTableDisablePropagation: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.disableVgwRoutePropagation(self, &context)
    }
}
