import Foundation
import NetctlAPI

/// netctl's EKS models as the EKS model's shapes. Members netctld has nothing true to say about
/// (certificate authority, OIDC identity, Auto Scaling groups) are left out rather than invented.
extension EKS.Cluster {
    init(_ cluster: EksCluster) {
        let vpc = cluster.resourcesVpcConfig
        self.init(
            name: cluster.name, arn: cluster.arn, createdAt: cluster.createdAt, version: cluster.version,
            // AWS publishes the API server's endpoint once the control plane is up.
            endpoint: cluster.status == EksStatus.creating ? nil : cluster.endpoint, roleArn: cluster.roleArn,
            resourcesVpcConfig: EKS.VpcConfigResponse(
                subnetIds: vpc.subnetIds, securityGroupIds: vpc.securityGroupIds,
                clusterSecurityGroupId: vpc.clusterSecurityGroupId, vpcId: vpc.vpcId,
                endpointPublicAccess: vpc.endpointPublicAccess, endpointPrivateAccess: vpc.endpointPrivateAccess,
                publicAccessCidrs: vpc.publicAccessCidrs),
            kubernetesNetworkConfig: EKS.KubernetesNetworkConfigResponse(
                serviceIpv4Cidr: cluster.serviceIpv4Cidr, ipFamily: "ipv4"),
            status: cluster.status, platformVersion: cluster.platformVersion, tags: cluster.tags)
    }
}

extension EKS.Nodegroup {
    init(_ nodegroup: EksNodegroup) {
        let scaling = nodegroup.scalingConfig
        self.init(
            nodegroupName: nodegroup.nodegroupName, nodegroupArn: nodegroup.nodegroupArn,
            clusterName: nodegroup.clusterName, version: nodegroup.version, createdAt: nodegroup.createdAt,
            modifiedAt: nodegroup.modifiedAt, status: nodegroup.status, capacityType: nodegroup.capacityType,
            scalingConfig: EKS.NodegroupScalingConfig(
                minSize: scaling.minSize, maxSize: scaling.maxSize, desiredSize: scaling.desiredSize),
            instanceTypes: nodegroup.instanceTypes, subnets: nodegroup.subnets, amiType: nodegroup.amiType,
            nodeRole: nodegroup.nodeRole,
            health: EKS.NodegroupHealth(
                issues: nodegroup.health.issues.map {
                    EKS.Issue(code: $0.code, message: $0.message, resourceIds: $0.resourceIds)
                }),
            tags: nodegroup.tags)
    }
}

extension EKS.FargateProfile {
    init(_ profile: NetctlAPI.FargateProfile) {
        self.init(
            fargateProfileName: profile.fargateProfileName, fargateProfileArn: profile.fargateProfileArn,
            clusterName: profile.clusterName, createdAt: profile.createdAt,
            podExecutionRoleArn: profile.podExecutionRoleArn, subnets: profile.subnets,
            selectors: profile.selectors.map { EKS.FargateProfileSelector(namespace: $0.namespace, labels: $0.labels) },
            status: profile.status, tags: profile.tags)
    }
}

extension EKS.Update {
    init(_ update: EksUpdate) {
        self.init(
            id: update.id, status: update.status, type: update.type,
            params: update.params.map { EKS.UpdateParam(type: $0.type, value: $0.value) }, createdAt: update.createdAt,
            errors: [])
    }
}
