import Foundation
import NetctlAPI

/// Groups AWS services create for their own resources.
extension State {
    /// EKS's cluster security group: `eks-cluster-sg-NAME-<10 digits>`, all traffic from its members and
    /// out to anywhere, tagged for the cluster as EKS tags it. It lives and dies with the cluster. Only
    /// its ID is drawn from the command's generator (the one draw the cluster always made for it); the
    /// rest follows from that ID.
    mutating func createEksClusterSecurityGroup(named clusterName: String, in vpc: Vpc, _ context: inout CommandContext)
        -> SecurityGroup
    {
        let groupId = newID(for: SecurityGroup.self, prefix: IDPrefix.securityGroup, &context)
        var ids = IDGenerator.derived(from: groupId)
        let number = 1_000_000_000 + (UInt64(ids.make("", digits: 15), radix: 16) ?? 0) % 9_000_000_000
        return insertSecurityGroup(
            groupId, in: vpc, name: "eks-cluster-sg-\(clusterName)-\(number)",
            description: "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, "
                + "as well as any managed workloads.",
            selfReferencingIngress: true, isDefault: false,
            tags: ["aws:eks:cluster-name": clusterName, "kubernetes.io/cluster/\(clusterName)": "owned"], ruleIds: &ids,
            at: context.now)
    }

    mutating func deleteEksClusterSecurityGroup(of cluster: EksCluster, _ context: CommandContext) {
        if let group = securityGroups[cluster.resourcesVpcConfig.clusterSecurityGroupId] {
            recordDeletion(group, at: context.now)
        }
    }
}

extension IDGenerator {
    /// A generator seeded from `key` (FNV-1a): IDs that follow from another resource's without moving
    /// the command's own generator.
    static func derived(from key: String) -> IDGenerator {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return IDGenerator(seed: hash)
    }
}
