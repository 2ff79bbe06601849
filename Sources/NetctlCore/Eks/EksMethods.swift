import NetctlAPI

extension EksClusterCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createEksCluster(self, &context)
    }
}

extension EksClusterDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEksCluster(self, &context)
    }
}

extension EksClusterGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEksCluster(self, context)
    }
}

extension EksClusterList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEksClusters(self, context)
    }
}

extension EksClusterUpdate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.updateEksCluster(self, &context)
    }
}

extension EksFargateProfileCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createFargateProfile(self, &context)
    }
}

extension EksFargateProfileDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteFargateProfile(self, &context)
    }
}

extension EksFargateProfileGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getFargateProfile(self, context)
    }
}

extension EksFargateProfileList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listFargateProfiles(self, context)
    }
}

extension EksNodegroupCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createEksNodegroup(self, &context)
    }
}

extension EksNodegroupDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEksNodegroup(self, &context)
    }
}

extension EksNodegroupGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEksNodegroup(self, context)
    }
}

extension EksNodegroupList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEksNodegroups(self, context)
    }
}

extension EksNodegroupUpdate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.updateEksNodegroup(self, &context)
    }
}

extension EksUpdateGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEksUpdate(self, context)
    }
}

extension EksUpdateList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEksUpdates(self, context)
    }
}

extension EksTagsAdd: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.addEksTags(self, &context)
    }
}

extension EksTagsRemove: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.removeEksTags(self, &context)
    }
}

extension EksTagsList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEksTags(self, context)
    }
}
