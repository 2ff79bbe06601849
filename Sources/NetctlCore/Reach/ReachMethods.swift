import NetctlAPI

extension ReachAnalyze: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.analyzeReach(self, context)
    }
}
