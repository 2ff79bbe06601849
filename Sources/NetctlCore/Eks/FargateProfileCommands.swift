import Foundation
import NetctlAPI

/// Fargate profiles: which pods of a cluster run on Fargate, and in which private subnets.
/// Immutable: replaced by creating another and deleting the old one.
extension State {
    public mutating func createFargateProfile(_ request: EksFargateProfileCreate, _ context: inout CommandContext)
        throws(NetctlError) -> FargateProfile
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        try EksRules.validateName(request.name, "Fargate profile", maximum: 63)
        guard cluster.status == EksStatus.active else {
            throw NetctlError(
                .invalidRequestException,
                "Cluster '\(cluster.name)' is not in ACTIVE status (it is \(cluster.status)); create Fargate profiles "
                    + "once it is.")
        }
        let siblings = fargateProfiles.children(of: cluster.arn)
        if siblings.contains(where: { $0.fargateProfileName == request.name }) {
            throw NetctlError(
                .resourceInUseException,
                "A Fargate profile already exists with name \(request.name) in cluster \(cluster.name).")
        }
        if let deleting = siblings.first(where: { $0.status == EksStatus.deleting }) {
            throw NetctlError(
                .resourceInUseException,
                "Fargate profile \(deleting.fargateProfileName) of cluster \(cluster.name) is DELETING; no other profile "
                    + "can be created until it is gone (about \(Int(EksRules.Timing.fargateDeleting / 60)) minutes).")
        }
        guard siblings.count < EksRules.maximumFargateProfilesPerCluster else {
            throw NetctlError(
                .resourceLimitExceededException,
                "Cluster \(cluster.name) has \(EksRules.maximumFargateProfilesPerCluster) Fargate profiles, the most it "
                    + "may have. Delete one first.")
        }
        try EksRules.validateSelectors(request.selectors)
        let subnetIds = try privateSubnets(request.subnets, cluster: cluster)
        let role =
            request.podExecutionRoleArn ?? "arn:aws:iam::\(context.accountId):role/AmazonEKSFargatePodExecutionRole"
        guard role.hasPrefix("arn:aws:iam::"), role.contains(":role/") else {
            throw NetctlError(
                .invalidParameterException,
                "podExecutionRoleArn '\(role)' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME).")
        }
        let profile = FargateProfile(
            fargateProfileName: request.name,
            fargateProfileArn: EksArn.fargateProfile(
                cluster.name, request.name, EksArn.uuid(&context.ids), context.scope),
            clusterName: cluster.name, clusterArn: cluster.arn, accountId: context.accountId, region: context.region,
            status: EksStatus.creating, podExecutionRoleArn: role, subnets: subnetIds, selectors: request.selectors,
            tags: try Validation.tags(request.tags, name: nil), createdAt: context.now,
            nextTransitionAt: context.now.addingTimeInterval(EksRules.Timing.fargateCreating))
        record(.create, profile, at: context.now)
        return profile
    }

    public func getFargateProfile(_ request: EksFargateProfileGet, _ context: QueryContext) throws(NetctlError)
        -> FargateProfile
    {
        try fargateProfile(request.name, cluster: try eksCluster(request.cluster, in: context.scope))
    }

    public func listFargateProfiles(_ request: EksFargateProfileList, _ context: QueryContext) throws(NetctlError)
        -> EksFargateProfileListResponse
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        let page = try Pagination.page(
            fargateProfiles.children(of: cluster.arn), maxResults: request.maxResults, nextToken: request.nextToken,
            range: 1...100)
        return EksFargateProfileListResponse(
            fargateProfiles: page.items.map(\.fargateProfileName), nextToken: page.nextToken)
    }

    public mutating func deleteFargateProfile(_ request: EksFargateProfileDelete, _ context: inout CommandContext)
        throws(NetctlError) -> FargateProfile
    {
        let cluster = try eksCluster(request.cluster, in: context.scope)
        var profile = try fargateProfile(request.name, cluster: cluster)
        guard profile.status == EksStatus.active else {
            throw NetctlError(
                .resourceInUseException,
                "Fargate profile \(profile.fargateProfileName) is \(profile.status); it can be deleted once it is ACTIVE."
            )
        }
        profile.status = EksStatus.deleting
        profile.nextTransitionAt = context.now.addingTimeInterval(EksRules.Timing.fargateDeleting)
        record(.update, profile, at: context.now)
        return profile
    }

    /// CREATING becomes ACTIVE; DELETING becomes gone.
    mutating func advanceFargateProfile(_ stored: FargateProfile, _ context: inout CommandContext) {
        var profile = stored
        profile.nextTransitionAt = nil
        if stored.status == EksStatus.deleting {
            recordDeletion(profile, at: context.now)
            return
        }
        profile.status = EksStatus.active
        record(.transition, profile, at: context.now)
    }

    /// Subnets of the cluster's VPC whose route table sends no 0.0.0.0/0 to an internet gateway:
    /// Fargate pods get no public addresses.
    private func privateSubnets(_ references: [String], cluster: EksCluster) throws(NetctlError) -> [String] {
        guard !references.isEmpty else {
            throw NetctlError(
                .invalidParameterException, "subnets is empty: give at least one private subnet of the cluster's VPC.")
        }
        var ids: [String] = []
        for reference in references {
            let subnet = try eksSubnet(reference, in: cluster.scope)
            guard subnet.vpcId == cluster.vpcId else {
                throw NetctlError(
                    .invalidParameterException,
                    "Subnet \(subnet.subnetId) is in \(subnet.vpcId), not in cluster \(cluster.name)'s VPC \(cluster.vpcId)."
                )
            }
            if let table = effectiveRouteTable(forSubnet: subnet.subnetId),
                let route = table.routes.first(where: {
                    $0.destinationCidrBlock == "0.0.0.0/0" && $0.target.type == RouteTarget.internetGateway
                })
            {
                throw NetctlError(
                    .invalidParameterException,
                    "Subnet \(subnet.subnetId) is not private: its route table \(table.routeTableId) routes 0.0.0.0/0 to "
                        + "internet gateway \(route.target.id). Fargate profiles take private subnets only; use a subnet "
                        + "whose default route goes to a NAT gateway, or none.")
            }
            if !ids.contains(subnet.subnetId) { ids.append(subnet.subnetId) }
        }
        return ids
    }
}
