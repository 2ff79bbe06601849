import NetctlAPI

/// Security groups as `reach.analyze` endpoints: a group stands for every network interface that
/// carries it, and the answer is reachable only when every member pair is. A group says who may talk,
/// so "can web reach db?" is a question about all of them, and one failing pair is the answer.
extension State {
    /// The analysis of a request that names a group on either side, or nil when neither side is one.
    /// Answers with the first failing pair (members in interface ID order), or the first pair's
    /// path when every pair passes.
    func analyzeGroupReach(_ request: ReachAnalyze, _ context: QueryContext) throws(NetctlError) -> ReachAnalysis? {
        let sourceGroup = try reachGroup(request.source, role: "source", context.scope)
        let destinationGroup = try reachGroup(request.destination, role: "destination", context.scope)
        guard sourceGroup != nil || destinationGroup != nil else { return nil }
        var sources = [request.source]
        if let sourceGroup { sources = try groupMembers(sourceGroup, role: "source", context.scope) }
        var destinations = [request.destination]
        if let destinationGroup {
            destinations = try groupMembers(destinationGroup, role: "destination", context.scope)
        }
        var first: (ReachAnalysis, String, String)?
        for source in sources {
            for destination in destinations where source != destination {
                var pair = request
                pair.source = source
                pair.destination = destination
                let analysis = try analyzeReach(pair, context)
                if first == nil { first = (analysis, source, destination) }
                if !analysis.reachable {
                    return members(analysis, source, sourceGroup, destination, destinationGroup)
                }
            }
        }
        guard let (analysis, source, destination) = first else {
            // Only one interface on both sides, and it is the same one.
            throw NetctlError(
                .invalidParameterValue,
                "The source and destination stand for one and the same interface (\(sources.joined())); an "
                    + "interface is not analysed against itself. Name another destination.")
        }
        return members(analysis, source, sourceGroup, destination, destinationGroup)
    }

    /// A group named as an endpoint: a `sg-` ID, or a group name that names nothing else an analysis
    /// takes (instances, subnets, VPCs, … keep their names).
    private func reachGroup(_ reference: String, role: String, _ scope: Scope) throws(NetctlError) -> SecurityGroup? {
        let reference = Self.trimmingWhitespace(reference)
        if reference.hasPrefix(IDPrefix.securityGroup + "-") { return try securityGroup(reference, in: scope) }
        guard !securityGroups.named(reference, in: scope).isEmpty,
            (try? reachPlace(reference, role: role, scope)) == nil
        else { return nil }
        // A name several VPCs use (every VPC has a `default`) is refused with the IDs to choose from.
        return try securityGroup(reference, in: scope)
    }

    /// The interfaces carrying the group, by ID.
    private func groupMembers(_ group: SecurityGroup, role: String, _ scope: Scope) throws(NetctlError) -> [String] {
        let members = networkInterfaces.inScope(scope).filter { $0.securityGroupIds.contains(group.groupId) }
            .map(\.networkInterfaceId).sorted()
        guard !members.isEmpty else {
            throw NetctlError(
                .invalidParameterValue,
                "The \(role) security group \(group.groupName) (\(group.groupId)) has no network interfaces, so no "
                    + "traffic starts or ends at it. Launch an instance with it (`netctl instance run NAME --subnet "
                    + "SUBNET --group \(group.groupId)`), give it to an interface (`netctl eni set-groups ENI --group "
                    + "\(group.groupId)`), or name an instance, interface or subnet instead.")
        }
        return members
    }

    /// The member pair's analysis, told as the groups': the endpoints name the group (with the
    /// member's subnet and address) and every explanation says which members it is about.
    private func members(
        _ analysis: ReachAnalysis, _ source: String, _ sourceGroup: SecurityGroup?, _ destination: String,
        _ destinationGroup: SecurityGroup?
    ) -> ReachAnalysis {
        var result = analysis
        if let group = sourceGroup { result.source = Self.groupEndpoint(group, member: analysis.source) }
        if let group = destinationGroup {
            result.destination = Self.groupEndpoint(group, member: analysis.destination)
        }
        let from = sourceGroup.map { "\(source) (a member of \($0.groupName), \($0.groupId))" } ?? analysis.source.label
        let to = destinationGroup.map { "\(destination) (a member of \($0.groupName), \($0.groupId))" }
            ?? analysis.destination.label
        for index in result.explanations.indices {
            result.explanations[index].message = "From \(from) to \(to): " + result.explanations[index].message
        }
        return result
    }

    private static func groupEndpoint(_ group: SecurityGroup, member: ReachEndpoint) -> ReachEndpoint {
        ReachEndpoint(
            type: "securityGroup", id: group.groupId, vpcId: group.vpcId, subnetId: member.subnetId,
            address: member.address, name: group.groupName)
    }
}
