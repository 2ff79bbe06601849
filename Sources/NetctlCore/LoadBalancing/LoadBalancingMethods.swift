import NetctlAPI

extension ElbLoadBalancerCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createLoadBalancer(self, &context)
    }
}

extension ElbLoadBalancerGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.loadBalancer(loadBalancer, in: context.scope)
    }
}

extension ElbLoadBalancerList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listLoadBalancers(self, context)
    }
}

extension ElbLoadBalancerDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteLoadBalancer(self, &context)
    }
}

extension ElbTargetGroupCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createTargetGroup(self, &context)
    }
}

extension ElbTargetGroupGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.targetGroup(targetGroup, in: context.scope)
    }
}

extension ElbTargetGroupList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listTargetGroups(self, context)
    }
}

extension ElbTargetGroupDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteTargetGroup(self, &context)
    }
}

extension ElbTargetsRegister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.registerTargets(self, &context)
    }
}

extension ElbTargetsDeregister: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deregisterTargets(self, &context)
    }
}

extension ElbTargetsHealth: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.targetsHealth(self, context)
    }
}

extension ElbTargetsSetFailure: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.setTargetFailure(self, &context)
    }
}

extension ElbListenerCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createListener(self, &context)
    }
}

extension ElbListenerGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listener(listener, in: context.scope)
    }
}

extension ElbListenerList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listListeners(self, context)
    }
}

extension ElbListenerDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteListener(self, &context)
    }
}

extension ElbRuleCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createRule(self, &context)
    }
}

extension ElbRuleList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listRules(self, context)
    }
}

extension ElbRuleDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteRule(self, &context)
    }
}

extension ElbRoute: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.routeRequest(self, context)
    }
}
