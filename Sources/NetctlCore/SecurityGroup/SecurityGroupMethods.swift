import NetctlAPI

extension SecurityGroupCreate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.createSecurityGroup(self, &context)
    }
}

extension SecurityGroupGet: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.securityGroup(group, in: context.scope)
    }
}

extension SecurityGroupDelete: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.deleteSecurityGroup(self, &context)
    }
}

extension SecurityGroupList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.listSecurityGroups(self, context)
    }
}

extension SecurityGroupAuthorizeIngress: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.authorizeSecurityGroupRules(self, .ingress, &context)
    }
}

extension SecurityGroupAuthorizeEgress: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.authorizeSecurityGroupRules(self, .egress, &context)
    }
}

extension SecurityGroupRevokeIngress: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.revokeSecurityGroupRules(self, .ingress, &context)
    }
}

extension SecurityGroupRevokeEgress: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.revokeSecurityGroupRules(self, .egress, &context)
    }
}

extension SecurityGroupStale: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.staleSecurityGroups(self, context)
    }
}
