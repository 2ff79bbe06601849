import NetctlAPI

extension ECSActions {
    static let clusters: [JSONAction] = [
        .make("CreateCluster", mutating: true, supported: ["clusterName", "tags", "settings"]) {
            (input: ECS.CreateClusterRequest, context) throws(AWSError) in
            let cluster = try await context.run(
                EcsClusterCreate(
                    name: input.clusterName, tags: try ECSShapes.tags(input.tags),
                    containerInsights: try ECSActions.containerInsights(input.settings)))
            return ECS.CreateClusterResponse(cluster: ECS.Cluster(cluster, tags: true))
        },
        .make("UpdateCluster", mutating: true, supported: ["cluster", "settings"]) {
            (input: ECS.UpdateClusterRequest, context) throws(AWSError) in
            let cluster = try await context.run(
                EcsClusterUpdate(
                    name: input.cluster, containerInsights: try ECSActions.containerInsights(input.settings)))
            return ECS.UpdateClusterResponse(cluster: ECS.Cluster(cluster, tags: true))
        },
        .make("DeleteCluster", mutating: true, supported: ["cluster"]) {
            (input: ECS.DeleteClusterRequest, context) throws(AWSError) in
            let cluster = try await context.run(EcsClusterDelete(name: input.cluster))
            return ECS.DeleteClusterResponse(cluster: ECS.Cluster(cluster, tags: true))
        },
        .make("DescribeClusters", mutating: false, supported: ["clusters", "include"]) {
            (input: ECS.DescribeClustersRequest, context) throws(AWSError) in
            let withTags = try ECSShapes.includesTags(input.include, allowed: ["TAGS", "SETTINGS"])
            var clusters: [ECS.Cluster] = []
            var failures: [ECS.Failure] = []
            for reference in input.clusters ?? ["default"] {
                do throws(AWSError) {
                    clusters.append(ECS.Cluster(try await context.run(EcsClusterGet(name: reference)), tags: withTags))
                } catch let error where error.code == "ClusterNotFoundException" {
                    let arn =
                        reference.hasPrefix("arn:")
                        ? reference : "arn:aws:ecs:\(context.region):\(context.accountId):cluster/\(reference)"
                    failures.append(ECS.Failure(arn: arn, reason: "MISSING"))
                }
            }
            return ECS.DescribeClustersResponse(clusters: clusters, failures: failures)
        },
        .make("ListClusters", mutating: false, supported: ["maxResults", "nextToken"]) {
            (input: ECS.ListClustersRequest, context) throws(AWSError) in
            let clusters = try await context.run(EcsClusterList()).clusters
            let page = try Paging.page(clusters, limit: input.maxResults, maximum: 100, nextToken: input.nextToken)
            return ECS.ListClustersResponse(clusterArns: page.items.map(\.clusterArn), nextToken: page.nextToken)
        },
    ]

    /// The one cluster setting ECS has: `containerInsights`.
    static func containerInsights(_ settings: [ECS.ClusterSetting]?) throws(AWSError) -> String? {
        var value: String?
        for setting in settings ?? [] {
            guard setting.name == "containerInsights", let given = setting.value else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "Cluster settings take name containerInsights and a value (enabled, enhanced or "
                        + "disabled); got \(setting.name ?? "no name").")
            }
            value = given
        }
        return value
    }
}
