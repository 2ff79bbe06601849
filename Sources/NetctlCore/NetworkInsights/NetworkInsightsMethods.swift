import NetctlAPI

extension NetworkInsightsPathCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createNetworkInsightsPath(self, &context)
    }
}

extension NetworkInsightsPathGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.networkInsightsPath(networkInsightsPath, in: context.scope)
    }
}

extension NetworkInsightsPathList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNetworkInsightsPaths(self, context)
    }
}

extension NetworkInsightsPathDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteNetworkInsightsPath(self, &context)
    }
}

extension NetworkInsightsAnalysisStart: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.startNetworkInsightsAnalysis(self, &context)
    }
}

extension NetworkInsightsAnalysisGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.networkInsightsAnalysis(networkInsightsAnalysis, in: context.scope)
    }
}

extension NetworkInsightsAnalysisList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listNetworkInsightsAnalyses(self, context)
    }
}

extension NetworkInsightsAnalysisDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteNetworkInsightsAnalysis(self, &context)
    }
}
