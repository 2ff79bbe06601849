import NetctlAPI

extension SubnetCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createSubnet(self, &context)
    }
}

extension SubnetDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteSubnet(self, &context)
    }
}

extension SubnetGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.subnet(subnet, in: context.scope)
    }
}

extension SubnetList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listSubnets(self, context)
    }
}

extension SubnetModifyAttribute: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.modifySubnetAttribute(self, &context)
    }
}
