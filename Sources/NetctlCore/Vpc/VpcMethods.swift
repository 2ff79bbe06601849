import NetctlAPI

extension VpcAssociateCidr: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.associateVpcCidr(self, &context)
    }
}

extension VpcCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createVpc(self, &context)
    }
}

extension VpcDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteVpc(self, &context)
    }
}

extension VpcDisassociateCidr: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.disassociateVpcCidr(self, &context)
    }
}

extension VpcGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.vpc(vpc, in: context.scope)
    }
}

extension VpcList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listVpcs(self, context)
    }
}

extension VpcModifyAttribute: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.modifyVpcAttribute(self, &context)
    }
}
