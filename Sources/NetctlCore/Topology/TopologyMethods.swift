import NetctlAPI

extension TopologyPlan: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.planTopology(self, context)
    }
}

extension TopologyMigrate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.migrateTopology(self, &context)
    }
}
