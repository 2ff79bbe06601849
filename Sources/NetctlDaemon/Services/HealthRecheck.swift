import Foundation
import NetctlAPI
import NetctlCore

/// Has the load balancers' nodes check their targets again as soon as a security group, network
/// ACL or route table of the same account and region changes, so `elb.targets.health` follows a
/// blocking rule without waiting out a health-check interval. The recheck is a command of its own,
/// queued after the commit that caused it; its own target group events trigger nothing.
enum HealthRecheck {
    static func install(on writer: Writer, published: PublishedState) {
        writer.onCommit { [weak writer] committed in
            let changed = Set(
                committed.events.filter { State.healthCheckInputs.contains($0.resourceType) }.map {
                    Scope(accountId: $0.accountId, region: $0.region)
                })
            guard !changed.isEmpty else { return }
            // Only scopes with target groups: a route or rule change elsewhere costs no extra commit.
            let current = published.current
            let scopes = changed.filter { current.targetGroups.countInScope($0) > 0 }
            guard let writer, let scope = scopes.first else { return }
            let job = WriterJob.command(method: "elb.healthRecheck", scope: scope) { state, context throws(NetctlError) in
                state.recheckTargetHealth(in: scopes, &context)
                return .value(EmptyResponse())
            }
            // Not from inside the commit's callback: the writer takes it on its next turn.
            Task { writer.enqueue(job) }
        }
    }
}
