import Foundation
import NetctlAPI

/// The EKS operations netctld serves over rest-json: each becomes netctl's own `eks.*` requests, so
/// clusters, node groups, Fargate profiles and their updates are one set whichever door made them.
enum EKSActions {
    static let all: [RESTAction] = clusters + nodegroups + fargateProfiles + updates + tagging

    /// netctl's codes that EKS names otherwise: EKS answers every malformed value as
    /// `InvalidParameterException`.
    static let translate: @Sendable (NetctlError) -> AWSError? = { error in
        switch error.code {
        case .invalidParameterValue, .invalidParameterCombination, .missingParameter, .invalidNextToken,
            .idempotentParameterMismatch, .invalidClientToken:
            AWSError(code: "InvalidParameterException", message: error.message)
        default: nil
        }
    }

    /// A member nested in a structure netctld reads only part of.
    static func refuse(_ member: String, of action: String, if present: Bool) throws(AWSError) {
        guard present else { return }
        throw AWSError.unsupportedParameter(member, of: action, code: "InvalidParameterException")
    }
}

extension EKSActions {
    static let clusters: [RESTAction] = [
        .make(
            "CreateCluster", mutating: true,
            supported: ["name", "version", "roleArn", "resourcesVpcConfig", "clientRequestToken", "tags"],
            clientToken: { $0.clientRequestToken }
        ) { (input: EKS.CreateClusterRequest, context) throws(AWSError) in
            let vpc = input.resourcesVpcConfig
            try EKSActions.refuse(
                "resourcesVpcConfig.publicAccessCidrs", of: "CreateCluster", if: vpc.publicAccessCidrs != nil)
            let cluster = try await context.run(
                EksClusterCreate(
                    name: input.name, version: input.version, subnets: vpc.subnetIds ?? [],
                    securityGroups: vpc.securityGroupIds, endpointPublicAccess: vpc.endpointPublicAccess,
                    endpointPrivateAccess: vpc.endpointPrivateAccess, tags: input.tags, roleArn: input.roleArn))
            return EKS.CreateClusterResponse(cluster: EKS.Cluster(cluster))
        },
        .make("DescribeCluster", mutating: false, supported: []) {
            (input: EKS.DescribeClusterRequest, context) throws(AWSError) in
            EKS.DescribeClusterResponse(
                cluster: EKS.Cluster(try await context.run(EksClusterGet(name: input.name ?? ""))))
        },
        .make("ListClusters", mutating: false, supported: ["maxResults", "nextToken"]) {
            (input: EKS.ListClustersRequest, context) throws(AWSError) in
            let list = try await context.run(EksClusterList(maxResults: input.maxResults, nextToken: input.nextToken))
            return EKS.ListClustersResponse(clusters: list.clusters.map(\.name), nextToken: list.nextToken)
        },
        .make("DeleteCluster", mutating: true, supported: []) {
            (input: EKS.DeleteClusterRequest, context) throws(AWSError) in
            EKS.DeleteClusterResponse(
                cluster: EKS.Cluster(try await context.run(EksClusterDelete(name: input.name ?? ""))))
        },
        .make(
            "UpdateClusterConfig", mutating: true, supported: ["resourcesVpcConfig", "clientRequestToken"],
            clientToken: { $0.clientRequestToken }
        ) { (input: EKS.UpdateClusterConfigRequest, context) throws(AWSError) in
            let vpc = input.resourcesVpcConfig
            try EKSActions.refuse("resourcesVpcConfig.subnetIds", of: "UpdateClusterConfig", if: vpc?.subnetIds != nil)
            try EKSActions.refuse(
                "resourcesVpcConfig.securityGroupIds", of: "UpdateClusterConfig", if: vpc?.securityGroupIds != nil)
            try EKSActions.refuse(
                "resourcesVpcConfig.publicAccessCidrs", of: "UpdateClusterConfig", if: vpc?.publicAccessCidrs != nil)
            let cluster = try await context.run(
                EksClusterUpdate(
                    name: input.name ?? "", endpointPublicAccess: vpc?.endpointPublicAccess,
                    endpointPrivateAccess: vpc?.endpointPrivateAccess))
            return EKS.UpdateClusterConfigResponse(update: cluster.update.map(EKS.Update.init))
        },
        .make(
            "UpdateClusterVersion", mutating: true, supported: ["version", "clientRequestToken"],
            clientToken: { $0.clientRequestToken }
        ) { (input: EKS.UpdateClusterVersionRequest, context) throws(AWSError) in
            let cluster = try await context.run(EksClusterUpdate(name: input.name ?? "", version: input.version))
            return EKS.UpdateClusterVersionResponse(update: cluster.update.map(EKS.Update.init))
        },
    ]
}

extension EKSActions {
    static let nodegroups: [RESTAction] = [
        .make(
            "CreateNodegroup", mutating: true,
            supported: [
                "nodegroupName", "scalingConfig", "subnets", "instanceTypes", "nodeRole", "tags", "clientRequestToken",
            ],
            clientToken: { $0.clientRequestToken }
        ) { (input: EKS.CreateNodegroupRequest, context) throws(AWSError) in
            var scaling: EksScalingConfig?
            if let given = input.scalingConfig {
                guard let minSize = given.minSize, let desiredSize = given.desiredSize, let maxSize = given.maxSize
                else {
                    throw AWSError(
                        code: "InvalidParameterException",
                        message: "scalingConfig needs minSize, maxSize and desiredSize together; leave scalingConfig "
                            + "out for 1, 2 and 2.")
                }
                scaling = EksScalingConfig(minSize: minSize, desiredSize: desiredSize, maxSize: maxSize)
            }
            let nodegroup = try await context.run(
                EksNodegroupCreate(
                    cluster: input.clusterName ?? "", name: input.nodegroupName, subnets: input.subnets,
                    scalingConfig: scaling, instanceTypes: input.instanceTypes, tags: input.tags,
                    nodeRole: input.nodeRole))
            return EKS.CreateNodegroupResponse(nodegroup: EKS.Nodegroup(nodegroup))
        },
        .make("DescribeNodegroup", mutating: false, supported: []) {
            (input: EKS.DescribeNodegroupRequest, context) throws(AWSError) in
            let nodegroup = try await context.run(
                EksNodegroupGet(cluster: input.clusterName ?? "", name: input.nodegroupName ?? ""))
            return EKS.DescribeNodegroupResponse(nodegroup: EKS.Nodegroup(nodegroup))
        },
        .make("ListNodegroups", mutating: false, supported: ["maxResults", "nextToken"]) {
            (input: EKS.ListNodegroupsRequest, context) throws(AWSError) in
            let list = try await context.run(
                EksNodegroupList(
                    cluster: input.clusterName ?? "", maxResults: input.maxResults, nextToken: input.nextToken))
            return EKS.ListNodegroupsResponse(nodegroups: list.nodegroups, nextToken: list.nextToken)
        },
        .make("DeleteNodegroup", mutating: true, supported: []) {
            (input: EKS.DeleteNodegroupRequest, context) throws(AWSError) in
            let nodegroup = try await context.run(
                EksNodegroupDelete(cluster: input.clusterName ?? "", name: input.nodegroupName ?? ""))
            return EKS.DeleteNodegroupResponse(nodegroup: EKS.Nodegroup(nodegroup))
        },
        .make(
            "UpdateNodegroupConfig", mutating: true, supported: ["scalingConfig", "clientRequestToken"],
            clientToken: { $0.clientRequestToken }
        ) { (input: EKS.UpdateNodegroupConfigRequest, context) throws(AWSError) in
            let scaling = input.scalingConfig.map {
                EksScalingConfigUpdate(minSize: $0.minSize, desiredSize: $0.desiredSize, maxSize: $0.maxSize)
            }
            let nodegroup = try await context.run(
                EksNodegroupUpdate(
                    cluster: input.clusterName ?? "", name: input.nodegroupName ?? "", scalingConfig: scaling))
            return EKS.UpdateNodegroupConfigResponse(update: nodegroup.update.map(EKS.Update.init))
        },
    ]
}

extension EKSActions {
    static let fargateProfiles: [RESTAction] = [
        .make(
            "CreateFargateProfile", mutating: true,
            supported: [
                "fargateProfileName", "podExecutionRoleArn", "subnets", "selectors", "tags", "clientRequestToken",
            ],
            clientToken: { $0.clientRequestToken }
        ) { (input: EKS.CreateFargateProfileRequest, context) throws(AWSError) in
            var selectors: [FargateSelector] = []
            for (index, selector) in (input.selectors ?? []).enumerated() {
                guard let namespace = selector.namespace else {
                    throw AWSError(
                        code: "InvalidParameterException",
                        message: "selectors[\(index)] needs a namespace: each selector names the Kubernetes "
                            + "namespace whose pods run on Fargate.")
                }
                selectors.append(FargateSelector(namespace: namespace, labels: selector.labels))
            }
            let profile = try await context.run(
                EksFargateProfileCreate(
                    cluster: input.clusterName ?? "", name: input.fargateProfileName, subnets: input.subnets ?? [],
                    selectors: selectors, podExecutionRoleArn: input.podExecutionRoleArn, tags: input.tags))
            return EKS.CreateFargateProfileResponse(fargateProfile: EKS.FargateProfile(profile))
        },
        .make("DescribeFargateProfile", mutating: false, supported: []) {
            (input: EKS.DescribeFargateProfileRequest, context) throws(AWSError) in
            let profile = try await context.run(
                EksFargateProfileGet(cluster: input.clusterName ?? "", name: input.fargateProfileName ?? ""))
            return EKS.DescribeFargateProfileResponse(fargateProfile: EKS.FargateProfile(profile))
        },
        .make("ListFargateProfiles", mutating: false, supported: ["maxResults", "nextToken"]) {
            (input: EKS.ListFargateProfilesRequest, context) throws(AWSError) in
            let list = try await context.run(
                EksFargateProfileList(
                    cluster: input.clusterName ?? "", maxResults: input.maxResults, nextToken: input.nextToken))
            return EKS.ListFargateProfilesResponse(
                fargateProfileNames: list.fargateProfiles, nextToken: list.nextToken)
        },
        .make("DeleteFargateProfile", mutating: true, supported: []) {
            (input: EKS.DeleteFargateProfileRequest, context) throws(AWSError) in
            let profile = try await context.run(
                EksFargateProfileDelete(cluster: input.clusterName ?? "", name: input.fargateProfileName ?? ""))
            return EKS.DeleteFargateProfileResponse(fargateProfile: EKS.FargateProfile(profile))
        },
    ]
}

extension EKSActions {
    static let updates: [RESTAction] = [
        .make("DescribeUpdate", mutating: false, supported: ["nodegroupName"]) {
            (input: EKS.DescribeUpdateRequest, context) throws(AWSError) in
            let update = try await context.run(
                EksUpdateGet(cluster: input.name ?? "", nodegroup: input.nodegroupName, updateId: input.updateId ?? ""))
            return EKS.DescribeUpdateResponse(update: EKS.Update(update))
        },
        .make("ListUpdates", mutating: false, supported: ["nodegroupName", "maxResults", "nextToken"]) {
            (input: EKS.ListUpdatesRequest, context) throws(AWSError) in
            let list = try await context.run(
                EksUpdateList(
                    cluster: input.name ?? "", nodegroup: input.nodegroupName, maxResults: input.maxResults,
                    nextToken: input.nextToken))
            return EKS.ListUpdatesResponse(updateIds: list.updateIds, nextToken: list.nextToken)
        },
    ]

    static let tagging: [RESTAction] = [
        .make("TagResource", mutating: true, supported: ["tags"]) {
            (input: EKS.TagResourceRequest, context) throws(AWSError) in
            _ = try await context.run(EksTagsAdd(resourceArn: input.resourceArn ?? "", tags: input.tags))
            return EKS.TagResourceResponse()
        },
        .make("UntagResource", mutating: true, supported: ["tagKeys"]) {
            (input: EKS.UntagResourceRequest, context) throws(AWSError) in
            _ = try await context.run(EksTagsRemove(resourceArn: input.resourceArn ?? "", tagKeys: input.tagKeys ?? []))
            return EKS.UntagResourceResponse()
        },
        .make("ListTagsForResource", mutating: false, supported: []) {
            (input: EKS.ListTagsForResourceRequest, context) throws(AWSError) in
            EKS.ListTagsForResourceResponse(
                tags: try await context.run(EksTagsList(resourceArn: input.resourceArn ?? "")).tags)
        },
    ]
}
