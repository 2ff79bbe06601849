import NetctlAPI

extension RouteCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createRoute(self, &context)
    }
}

extension RouteDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteRoute(self, &context)
    }
}

extension RouteReplace: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.replaceRoute(self, &context)
    }
}

extension RouteTableAssociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.associateRouteTable(self, &context)
    }
}

extension RouteTableCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createRouteTable(self, &context)
    }
}

extension RouteTableDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteRouteTable(self, &context)
    }
}

extension RouteTableDisassociate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.disassociateRouteTable(self, &context)
    }
}

extension RouteTableReplaceAssociation: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.replaceRouteTableAssociation(self, &context)
    }
}

extension RouteTableGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.routeTable(routeTable, in: context.scope)
    }
}

extension RouteTableList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listRouteTables(self, context)
    }
}
