import NetctlAPI

extension AddressAllocate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.allocateAddress(self, &context)
    }
}

extension AddressGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.elasticIp(address, in: context.scope)
    }
}

extension AddressList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listAddresses(self, context)
    }
}

extension AddressRelease: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.releaseAddress(self, &context)
    }
}
