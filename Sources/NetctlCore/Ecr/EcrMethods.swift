import NetctlAPI

extension EcrImageDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEcrImages(self, &context)
    }
}

extension EcrImageGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEcrImage(self, context)
    }
}

extension EcrImageList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEcrImages(self, context)
    }
}

extension EcrImagePut: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.putEcrImage(self, &context)
    }
}

extension EcrLifecyclePolicyDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEcrLifecyclePolicy(self, &context)
    }
}

extension EcrLifecyclePolicyGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEcrLifecyclePolicy(self, context)
    }
}

extension EcrLifecyclePolicyPut: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.putEcrLifecyclePolicy(self, &context)
    }
}

extension EcrRepositoryCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createEcrRepository(self, &context)
    }
}

extension EcrRepositoryDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteEcrRepository(self, &context)
    }
}

extension EcrRepositoryGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.ecrRepository(name, in: context.scope)
    }
}

extension EcrRepositoryList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listEcrRepositories(self, context)
    }
}

extension EcrImageBatchGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.batchGetEcrImages(self, context)
    }
}

extension EcrRepositorySetTagMutability: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.setEcrTagMutability(self, &context)
    }
}

extension EcrRepositoryTag: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.tagEcrRepository(self, &context)
    }
}

extension EcrRepositoryUntag: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.untagEcrRepository(self, &context)
    }
}

extension EcrLifecyclePolicyStartPreview: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.startEcrLifecyclePolicyPreview(self, &context)
    }
}

extension EcrLifecyclePolicyGetPreview: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.getEcrLifecyclePolicyPreview(self, context)
    }
}
