import NetctlAPI

extension TransitGatewayCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createTransitGateway(self, &context)
    }
}

extension TransitGatewayGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.transitGateway(tgw, in: context.scope)
    }
}

extension TransitGatewayList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listTransitGateways(self, context)
    }
}

extension TransitGatewayDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteTransitGateway(self, &context)
    }
}

extension TransitGatewayAttachVpc: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.attachVpc(self, &context)
    }
}

extension TransitGatewayAttachmentGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.transitGatewayAttachment(attachment, in: context.scope)
    }
}

extension TransitGatewayAttachmentList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listTransitGatewayAttachments(self, context)
    }
}

extension TransitGatewayAttachmentDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteTransitGatewayAttachment(self, &context)
    }
}

extension TransitGatewayRouteTableCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createTransitGatewayRouteTable(self, &context)
    }
}

extension TransitGatewayRouteTableGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.transitGatewayRouteTable(routeTable, in: context.scope)
    }
}

extension TransitGatewayRouteTableList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listTransitGatewayRouteTables(self, context)
    }
}

extension TransitGatewayRouteTableDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteTransitGatewayRouteTable(self, &context)
    }
}

extension TransitGatewayRouteTableAssociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.associateTransitGatewayRouteTable(self, &context)
    }
}

extension TransitGatewayRouteTableDisassociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.disassociateTransitGatewayRouteTable(self, &context)
    }
}

extension TransitGatewayRouteTableEnablePropagation: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.enableTransitGatewayPropagation(self, &context)
    }
}

extension TransitGatewayRouteTableDisablePropagation: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.disableTransitGatewayPropagation(self, &context)
    }
}

extension TransitGatewayRouteCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createTransitGatewayRoute(self, &context)
    }
}

extension TransitGatewayRouteDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteTransitGatewayRoute(self, &context)
    }
}

extension TransitGatewayRouteReplace: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.replaceTransitGatewayRoute(self, &context)
    }
}

extension TransitGatewayRouteSearch: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.searchTransitGatewayRoutes(self, context)
    }
}

extension TransitGatewayAttachPeering: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.attachPeering(self, &context)
    }
}

extension TransitGatewayAcceptPeering: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.acceptPeeringAttachment(self, &context)
    }
}

extension TransitGatewayRejectPeering: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.rejectPeeringAttachment(self, &context)
    }
}
