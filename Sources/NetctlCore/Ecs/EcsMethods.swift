import NetctlAPI

extension EcsClusterCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createEcsCluster(self, &context)
    }
}

extension EcsClusterDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEcsCluster(self, &context)
    }
}

extension EcsClusterGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEcsCluster(self, context)
    }
}

extension EcsClusterList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEcsClusters(self, context)
    }
}

extension EcsInstanceDeregister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deregisterContainerInstance(self, &context)
    }
}

extension EcsInstanceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listContainerInstances(self, context)
    }
}

extension EcsInstanceRegister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.registerContainerInstance(self, &context)
    }
}

extension EcsServiceCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createEcsService(self, &context)
    }
}

extension EcsServiceDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEcsService(self, &context)
    }
}

extension EcsServiceGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEcsService(self, context)
    }
}

extension EcsServiceList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEcsServices(self, context)
    }
}

extension EcsServiceUpdate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.updateEcsService(self, &context)
    }
}

extension EcsTaskGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEcsTask(self, context)
    }
}

extension EcsTaskList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEcsTasks(self, context)
    }
}

extension EcsTaskRun: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.runTasks(self, &context)
    }
}

extension EcsTaskStop: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.stopEcsTask(self, &context)
    }
}

extension EcsTaskDefinitionDeregister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deregisterTaskDefinition(self, &context)
    }
}

extension EcsTaskDefinitionGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getTaskDefinition(self, context)
    }
}

extension EcsTaskDefinitionList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listTaskDefinitions(self, context)
    }
}

extension EcsTaskDefinitionRegister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.registerTaskDefinition(self, &context)
    }
}
