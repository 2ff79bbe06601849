import NetctlAPI

extension ReachAnalyze: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.analyzeReach(self, context)
    }
}

extension ReachMatrix: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.reachMatrix(self, context)
    }
}
