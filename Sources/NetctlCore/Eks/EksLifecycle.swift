import Foundation
import NetctlAPI

/// EKS transitions on the daemon's clock: each resource with a `nextTransitionAt` moves when it is due,
/// stamped with that time, in the order they fell due.
extension State {
    mutating func runEksDueWork(_ context: inout CommandContext) {
        let now = context.now
        var due: [(at: Date, ref: ResourceRef)] = []
        for cluster in eksClusters.children(of: EksArn.timedKey) {
            if let at = cluster.nextTransitionAt, at <= now { due.append((at, cluster.ref)) }
        }
        for nodegroup in eksNodegroups.children(of: EksArn.timedKey) {
            if let at = nodegroup.nextTransitionAt, at <= now { due.append((at, nodegroup.ref)) }
        }
        for profile in fargateProfiles.children(of: EksArn.timedKey) {
            if let at = profile.nextTransitionAt, at <= now { due.append((at, profile.ref)) }
        }
        due.sort { $0.at != $1.at ? $0.at < $1.at : $0.ref.id < $1.ref.id }
        for (at, ref) in due {
            context.now = at
            // A step that fails leaves nothing half done, and does not fall due again and again.
            let savepoint = self
            do {
                switch ref.kind {
                case .eksCluster:
                    if let cluster = eksClusters[ref.id] { try advanceCluster(cluster, context) }
                case .eksNodegroup:
                    if let nodegroup = eksNodegroups[ref.id] { try advanceNodegroup(nodegroup, &context) }
                case .eksFargateProfile:
                    if let profile = fargateProfiles[ref.id] { advanceFargateProfile(profile, &context) }
                default:
                    break
                }
            } catch {
                self = savepoint
                fail(ref, error, at: at)
            }
        }
        context.now = now
    }

    /// A transition that could not be made: the cluster is FAILED, the node group CREATE_FAILED or
    /// DEGRADED with the reason as a health issue; either can still be deleted.
    private mutating func fail(_ ref: ResourceRef, _ error: NetctlError, at time: Date) {
        if var cluster = eksClusters[ref.id] {
            cluster.status = EksStatus.failed
            cluster.nextTransitionAt = nil
            if cluster.update?.status == "InProgress" {
                cluster.update?.status = "Failed"
                cluster.updates = cluster.update.map { EksUpdateHistory.keeping($0, in: cluster.updates) }
            }
            record(.transition, cluster, at: time)
        } else if var nodegroup = eksNodegroups[ref.id] {
            nodegroup.status = nodegroup.status == EksStatus.creating ? EksStatus.createFailed : EksStatus.degraded
            nodegroup.nextTransitionAt = nil
            if nodegroup.update?.status == "InProgress" {
                nodegroup.update?.status = "Failed"
                nodegroup.updates = nodegroup.update.map { EksUpdateHistory.keeping($0, in: nodegroup.updates) }
            }
            nodegroup.health = EksHealth(issues: [
                EksIssue(code: "InternalFailure", message: error.message, resourceIds: [nodegroup.nodegroupArn])
            ])
            record(.transition, nodegroup, at: time)
        }
    }

    /// CREATING and UPDATING become ACTIVE (an update applied); DELETING releases the control plane's
    /// interfaces and the cluster is gone.
    private mutating func advanceCluster(_ stored: EksCluster, _ context: CommandContext) throws(NetctlError) {
        var cluster = stored
        cluster.nextTransitionAt = nil
        switch stored.status {
        case EksStatus.deleting:
            for interface in cluster.controlPlaneInterfaces {
                try deleteNetworkInterface(interface.networkInterfaceId, context)
            }
            deleteEksClusterSecurityGroup(of: cluster, context)
            delete(cluster)
            emit(.delete, eksClusterView(cluster), at: context.now)
        case EksStatus.creating, EksStatus.updating:
            if let update = cluster.update, update.status == "InProgress" {
                for parameter in update.params {
                    switch parameter.type {
                    case "Version": cluster.version = parameter.value
                    case "PlatformVersion": cluster.platformVersion = parameter.value
                    case "EndpointPublicAccess":
                        cluster.resourcesVpcConfig.endpointPublicAccess = parameter.value == "true"
                    case "EndpointPrivateAccess":
                        cluster.resourcesVpcConfig.endpointPrivateAccess = parameter.value == "true"
                    default: break
                    }
                }
                cluster.resourcesVpcConfig.publicAccessCidrs =
                    cluster.resourcesVpcConfig.endpointPublicAccess ? ["0.0.0.0/0"] : []
                cluster.update?.status = "Successful"
                cluster.updates = cluster.update.map { EksUpdateHistory.keeping($0, in: cluster.updates) }
            }
            cluster.status = EksStatus.active
            save(cluster)
            emit(.transition, eksClusterView(cluster), at: context.now)
        default:
            save(cluster)
        }
    }

    func nextEksDeadline() -> Date? {
        let dates =
            eksClusters.children(of: EksArn.timedKey).compactMap(\.nextTransitionAt)
            + eksNodegroups.children(of: EksArn.timedKey).compactMap(\.nextTransitionAt)
            + fargateProfiles.children(of: EksArn.timedKey).compactMap(\.nextTransitionAt)
        return dates.min()
    }
}
