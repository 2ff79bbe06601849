import Foundation
import NetctlAPI

/// The ECS service scheduler's decisions as pure functions: what to start where, what to stop, and
/// how long to back off. `State.reconcileService` gathers the inputs and applies the plan.
public enum ServiceScheduler {
    /// Where one new task goes: a subnet (awsvpc), a container instance (EC2), or both.
    public struct Placement: Sendable, Hashable {
        public var availabilityZone: String
        public var subnetId: String?
        public var containerInstanceArn: String?
        public init(availabilityZone: String, subnetId: String?, containerInstanceArn: String?) {
            self.availabilityZone = availabilityZone
            self.subnetId = subnetId
            self.containerInstanceArn = containerInstanceArn
        }
    }

    public struct SubnetChoice: Sendable, Hashable {
        public var subnetId: String
        public var availabilityZone: String
        public init(subnetId: String, availabilityZone: String) {
            self.subnetId = subnetId
            self.availabilityZone = availabilityZone
        }
    }

    public struct Capacity: Sendable, Hashable {
        public var containerInstanceArn: String
        public var availabilityZone: String
        public var subnetId: String
        public var remaining: EcsResources
        public init(containerInstanceArn: String, availabilityZone: String, subnetId: String, remaining: EcsResources) {
            self.containerInstanceArn = containerInstanceArn
            self.availabilityZone = availabilityZone
            self.subnetId = subnetId
            self.remaining = remaining
        }
    }

    public struct Plan: Sendable, Hashable {
        public var starts: [Placement] = []
        public var stops: [String] = []
        /// Tasks wanted but not placeable now, and why (for the service event).
        public var unplaced = 0
        public var unplacedReason: String?
        public init() {}
    }

    /// What the service needs to change now.
    /// - Parameters:
    ///   - tasks: the service's active tasks (desired RUNNING, not yet stopped).
    ///   - need: what one task of the primary deployment reserves.
    ///   - subnets: the service's subnets (awsvpc), in the order given.
    ///   - capacity: the cluster's active instances with what they have left (EC2 launch type), or nil for Fargate.
    ///   - healthy: for a service behind load balancers, the tasks healthy in all its target groups: only
    ///     they count toward minimumHealthyPercent. Nil: every RUNNING task counts.
    public static func plan(
        service: EcsService, tasks: [EcsTask], need: EcsResources, subnets: [SubnetChoice], capacity: [Capacity]?,
        now: Date, healthy: Set<String>? = nil
    ) -> Plan {
        var plan = Plan()
        guard service.status == "ACTIVE" else {
            plan.stops = tasks.map(\.taskArn)
            return plan
        }
        let primary = service.deployments.first { $0.status == "PRIMARY" }
        let current = tasks.filter { $0.deploymentId == primary?.id }
        let old = tasks.filter { $0.deploymentId != primary?.id }
        let desired = service.desiredCount
        let maximumTotal = desired * service.maximumPercent / 100
        let minimumHealthy = (desired * service.minimumHealthyPercent + 99) / 100

        // Old deployments give way: tasks not yet serving go at once, running ones only while enough
        // tasks keep running to honour minimumHealthyPercent.
        let runningTotal = tasks.filter { task in
            healthy.map { $0.contains(task.taskArn) } ?? (task.lastStatus == TaskStatus.running)
        }.count
        let oldNotServing = old.filter { $0.lastStatus != TaskStatus.running }
        let oldServing = old.filter { $0.lastStatus == TaskStatus.running }.sorted { $0.createdAt < $1.createdAt }
        plan.stops += oldNotServing.map(\.taskArn)
        let stoppableServing = max(0, min(oldServing.count, runningTotal - minimumHealthy))
        plan.stops += oldServing.prefix(stoppableServing).map(\.taskArn)

        // Scale in: the AZ with the most tasks gives one up first, tasks not yet running before running ones.
        if current.count > desired {
            plan.stops += scaleInVictims(current, count: current.count - desired)
        }

        let startsAllowed =
            (service.nextStartAttemptAt.map { $0 <= now } ?? true) && primary?.rolloutState != "FAILED"
            && primary != nil
        if startsAllowed {
            let wanted = desired - current.count
            let remainingAfterStops = tasks.count - plan.stops.count
            let room = old.isEmpty ? wanted : min(wanted, maximumTotal - remainingAfterStops)
            let count = max(0, room)
            let stopped = Set(plan.stops)
            let staying = tasks.filter { !stopped.contains($0.taskArn) }
            if count > 0 {
                place(count, need: need, staying: staying, subnets: subnets, capacity: capacity, into: &plan)
            }
        }
        return plan
    }

    static func scaleInVictims(_ tasks: [EcsTask], count: Int) -> [String] {
        var byZone = Dictionary(grouping: tasks, by: \.availabilityZone)
        var victims: [String] = []
        for _ in 0..<count {
            guard
                let zone = byZone.filter({ !$0.value.isEmpty }).max(by: {
                    $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key > $1.key
                })?.key
            else { break }
            var candidates = byZone[zone] ?? []
            // Not yet running first, then the newest.
            candidates.sort {
                let leftRunning = $0.lastStatus == TaskStatus.running
                let rightRunning = $1.lastStatus == TaskStatus.running
                return leftRunning != rightRunning ? !leftRunning : $0.createdAt > $1.createdAt
            }
            victims.append(candidates.removeFirst().taskArn)
            byZone[zone] = candidates
        }
        return victims
    }

    /// Spread across AZs (the AZ with the fewest of the service's tasks first), then on EC2 binpack:
    /// the instance with the least memory left that still fits.
    static func place(
        _ count: Int, need: EcsResources, staying: [EcsTask], subnets: [SubnetChoice], capacity: [Capacity]?,
        into plan: inout Plan
    ) {
        var perZone = Dictionary(grouping: staying, by: \.availabilityZone).mapValues(\.count)
        guard var instances = capacity else {
            let zones = orderedZones(subnets.map(\.availabilityZone))
            guard !zones.isEmpty else {
                plan.unplaced = count
                plan.unplacedReason = "No subnets were given for the awsvpc tasks."
                return
            }
            for _ in 0..<count {
                let zone = zones.min {
                    (perZone[$0] ?? 0, zones.firstIndex(of: $0)!) < (perZone[$1] ?? 0, zones.firstIndex(of: $1)!)
                }!
                let subnet = subnets.first { $0.availabilityZone == zone }!
                plan.starts.append(
                    Placement(availabilityZone: zone, subnetId: subnet.subnetId, containerInstanceArn: nil))
                perZone[zone, default: 0] += 1
            }
            return
        }
        for _ in 0..<count {
            let fitting = instances.indices.filter {
                instances[$0].remaining.cpu >= need.cpu && instances[$0].remaining.memory >= need.memory
            }
            guard !fitting.isEmpty else {
                plan.unplaced += 1
                plan.unplacedReason = unplaceableReason(instances, need: need)
                continue
            }
            let zones = orderedZones(fitting.map { instances[$0].availabilityZone })
            let zone = zones.min { (perZone[$0] ?? 0, $0) < (perZone[$1] ?? 0, $1) }!
            let chosen = fitting.filter { instances[$0].availabilityZone == zone }.min {
                let left = instances[$0].remaining
                let right = instances[$1].remaining
                return (left.memory, left.cpu, instances[$0].containerInstanceArn)
                    < (right.memory, right.cpu, instances[$1].containerInstanceArn)
            }!
            instances[chosen].remaining.cpu -= need.cpu
            instances[chosen].remaining.memory -= need.memory
            let subnet = subnets.first { $0.availabilityZone == zone }?.subnetId ?? instances[chosen].subnetId
            plan.starts.append(
                Placement(
                    availabilityZone: zone, subnetId: subnet,
                    containerInstanceArn: instances[chosen].containerInstanceArn))
            perZone[zone, default: 0] += 1
        }
    }

    private static func orderedZones(_ zones: [String]) -> [String] {
        var seen = Set<String>()
        return zones.filter { seen.insert($0).inserted }
    }

    /// The reason ECS gives in its "unable to place a task" event.
    static func unplaceableReason(_ instances: [Capacity], need: EcsResources) -> String {
        guard
            let closest = instances.max(by: {
                ($0.remaining.memory, $0.remaining.cpu) < ($1.remaining.memory, $1.remaining.cpu)
            })
        else { return "No Container Instances were found in your cluster." }
        let resource = closest.remaining.memory < need.memory ? "memory" : "CPU units"
        return
            "The closest matching (container-instance \(closest.containerInstanceArn.split(separator: "/").last ?? "")) "
            + "has insufficient \(resource) available."
    }

    /// The start throttle: after repeated failures to start, wait longer between attempts, up to 15 minutes.
    public static func startDelay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= 2 else { return 0 }
        return min(900, 10 * pow(2, Double(failures - 2)))
    }

    /// The deployment circuit breaker trips after this many tasks of a deployment fail to start:
    /// half the desired count, at least 10 and at most 200.
    public static func circuitBreakerThreshold(desiredCount: Int) -> Int {
        min(200, max(10, (desiredCount + 1) / 2))
    }
}
