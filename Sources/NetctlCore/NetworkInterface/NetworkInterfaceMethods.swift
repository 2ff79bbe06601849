import NetctlAPI

extension NetworkInterfaceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.networkInterface(networkInterface, in: context.scope)
    }
}

extension NetworkInterfaceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNetworkInterfaces(self, context)
    }
}
