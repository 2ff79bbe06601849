import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// The scheduler's decisions as pure functions: placement, replacement, deployment steps, backoff.
@Suite("ECS scheduler decisions")
struct EcsSchedulerTests {
    typealias Scheduler = ServiceScheduler

    func service(desired: Int, minimum: Int = 100, maximum: Int = 200, deployments: [Deployment]? = nil) -> EcsService {
        EcsService(
            serviceName: "web", serviceArn: "arn:svc", clusterArn: "arn:cluster", accountId: testScope.accountId,
            region: testScope.region, taskDefinition: "td:2", desiredCount: desired, launchType: "FARGATE", subnets: [],
            serviceRegistry: nil, namespaceId: nil, minimumHealthyPercent: minimum, maximumPercent: maximum,
            deploymentCircuitBreaker: DeploymentCircuitBreaker(enable: false, rollback: false),
            deployments: deployments ?? [
                Deployment(
                    id: "new", status: "PRIMARY", taskDefinition: "td:2", desiredCount: desired, createdAt: testEpoch,
                    updatedAt: testEpoch)
            ],
            createdAt: testEpoch)
    }

    func task(
        _ id: String, zone: String = "us-east-1a", status: String = TaskStatus.running, deployment: String = "new",
        age: Double = 0
    )
        -> EcsTask
    {
        EcsTask(
            taskArn: id, taskId: id, clusterArn: "arn:cluster", accountId: testScope.accountId,
            region: testScope.region,
            serviceName: "web", deploymentId: deployment, taskDefinitionArn: "td", lastStatus: status,
            desiredStatus: TaskStatus.running, launchType: "FARGATE", availabilityZone: zone, subnetId: nil,
            privateIpAddress: nil, networkInterfaceId: nil, containerInstanceArn: nil, cpu: 256, memory: 512,
            createdAt: testEpoch.addingTimeInterval(age), nextTransitionAt: nil)
    }

    let subnets = [
        Scheduler.SubnetChoice(subnetId: "subnet-a", availabilityZone: "us-east-1a"),
        Scheduler.SubnetChoice(subnetId: "subnet-b", availabilityZone: "us-east-1b"),
        Scheduler.SubnetChoice(subnetId: "subnet-c", availabilityZone: "us-east-1c"),
    ]
    let need = EcsResources(cpu: 256, memory: 512)

    @Test("new tasks spread across AZs, the AZ with the fewest of the service's tasks first")
    func spread() {
        let plan = Scheduler.plan(
            service: service(desired: 5), tasks: [task("t1", zone: "us-east-1a")], need: need, subnets: subnets,
            capacity: nil, now: testEpoch)
        #expect(plan.starts.map(\.availabilityZone) == ["us-east-1b", "us-east-1c", "us-east-1a", "us-east-1b"])
        #expect(plan.starts.map(\.subnetId) == ["subnet-b", "subnet-c", "subnet-a", "subnet-b"])
        #expect(plan.stops.isEmpty && plan.unplaced == 0)
    }

    @Test("a stopped task is replaced: the plan starts one per missing task, none when at the desired count")
    func replacement() {
        let three = [task("t1"), task("t2", zone: "us-east-1b"), task("t3", zone: "us-east-1c")]
        #expect(
            Scheduler.plan(
                service: service(desired: 3), tasks: three, need: need, subnets: subnets, capacity: nil, now: testEpoch
            ).starts.isEmpty)
        let two = Array(three.dropFirst())
        let plan = Scheduler.plan(
            service: service(desired: 3), tasks: two, need: need, subnets: subnets, capacity: nil, now: testEpoch)
        #expect(plan.starts.map(\.availabilityZone) == ["us-east-1a"])
    }

    @Test("EC2: spread across AZs first, then binpack on the instance with the least memory left")
    func binpack() {
        let capacity = [
            Scheduler.Capacity(
                containerInstanceArn: "big-a", availabilityZone: "us-east-1a", subnetId: "subnet-a",
                remaining: .init(cpu: 4096, memory: 8192)),
            Scheduler.Capacity(
                containerInstanceArn: "small-a", availabilityZone: "us-east-1a", subnetId: "subnet-a",
                remaining: .init(cpu: 1024, memory: 1024)),
            Scheduler.Capacity(
                containerInstanceArn: "only-b", availabilityZone: "us-east-1b", subnetId: "subnet-b",
                remaining: .init(cpu: 4096, memory: 8192)),
        ]
        let plan = Scheduler.plan(
            service: service(desired: 4), tasks: [], need: need, subnets: [], capacity: capacity, now: testEpoch)
        #expect(plan.starts.map(\.containerInstanceArn) == ["small-a", "only-b", "small-a", "only-b"])
        let full = Scheduler.plan(
            service: service(desired: 6), tasks: [], need: need, subnets: [], capacity: capacity, now: testEpoch)
        #expect(
            full.starts.filter { $0.containerInstanceArn == "small-a" }.count == 2,
            "small-a holds two 512 MiB tasks, no more")
        #expect(full.unplaced == 0)
    }

    @Test("EC2 without room: tasks stay unplaced with ECS's reason")
    func unplaceable() {
        let none = Scheduler.plan(
            service: service(desired: 2), tasks: [], need: need, subnets: [], capacity: [], now: testEpoch)
        #expect(none.unplaced == 2 && none.starts.isEmpty)
        #expect(none.unplacedReason == "No Container Instances were found in your cluster.")
        let tight = [
            Scheduler.Capacity(
                containerInstanceArn: "arn/abc", availabilityZone: "us-east-1a", subnetId: "s",
                remaining: .init(cpu: 4096, memory: 256))
        ]
        let plan = Scheduler.plan(
            service: service(desired: 1), tasks: [], need: need, subnets: [], capacity: tight, now: testEpoch)
        #expect(
            plan.unplacedReason == "The closest matching (container-instance abc) has insufficient memory available.")
    }

    @Test("scale-in takes from the AZ with the most tasks, tasks not yet running first")
    func scaleIn() {
        let tasks = [
            task("a1", zone: "us-east-1a", age: 1), task("a2", zone: "us-east-1a", status: TaskStatus.pending, age: 2),
            task("a3", zone: "us-east-1a", age: 3), task("b1", zone: "us-east-1b", age: 4),
        ]
        let plan = Scheduler.plan(
            service: service(desired: 2), tasks: tasks, need: need, subnets: subnets, capacity: nil, now: testEpoch)
        #expect(plan.stops == ["a2", "a3"])
        #expect(plan.starts.isEmpty)
    }

    @Test("a rolling deployment honours maximumPercent when starting and minimumHealthyPercent when stopping")
    func rollingDeployment() {
        let deployments = [
            Deployment(
                id: "new", status: "PRIMARY", taskDefinition: "td:2", desiredCount: 4, createdAt: testEpoch,
                updatedAt: testEpoch),
            Deployment(
                id: "old", status: "ACTIVE", taskDefinition: "td:1", desiredCount: 4, createdAt: testEpoch,
                updatedAt: testEpoch),
        ]
        let old = (1...4).map { task("o\($0)", deployment: "old", age: Double($0)) }
        // 100% healthy, 150% max: 4 old running, room for 2 new, none of the old may stop yet.
        var plan = Scheduler.plan(
            service: service(desired: 4, minimum: 100, maximum: 150, deployments: deployments), tasks: old, need: need,
            subnets: subnets, capacity: nil, now: testEpoch)
        #expect(plan.starts.count == 2 && plan.stops.isEmpty)
        // The 2 new ones run: 6 running, 4 must stay, so the 2 oldest old tasks stop; no room to start more.
        let afterFirst = old + [task("n1", deployment: "new"), task("n2", deployment: "new")]
        plan = Scheduler.plan(
            service: service(desired: 4, minimum: 100, maximum: 150, deployments: deployments), tasks: afterFirst,
            need: need,
            subnets: subnets, capacity: nil, now: testEpoch)
        #expect(plan.stops == ["o1", "o2"])
        #expect(plan.starts.count == 2, "stopping two frees room for two more within 150%")
        // 50% healthy, 100% max: stop half the old tasks first, start as many.
        plan = Scheduler.plan(
            service: service(desired: 4, minimum: 50, maximum: 100, deployments: deployments), tasks: old, need: need,
            subnets: subnets, capacity: nil, now: testEpoch)
        #expect(plan.stops == ["o1", "o2"] && plan.starts.count == 2)
        // Old tasks not yet running give way at once.
        let pendingOld = [task("p1", status: TaskStatus.pending, deployment: "old")]
        plan = Scheduler.plan(
            service: service(desired: 1, deployments: deployments), tasks: pendingOld, need: need, subnets: subnets,
            capacity: nil, now: testEpoch)
        #expect(plan.stops == ["p1"])
    }

    @Test("the start throttle: no starts before nextStartAttemptAt, delays double up to 15 minutes")
    func throttle() {
        var throttled = service(desired: 2)
        throttled.nextStartAttemptAt = testEpoch.addingTimeInterval(30)
        #expect(
            Scheduler.plan(service: throttled, tasks: [], need: need, subnets: subnets, capacity: nil, now: testEpoch)
                .starts.isEmpty)
        #expect(
            Scheduler.plan(
                service: throttled, tasks: [], need: need, subnets: subnets, capacity: nil,
                now: testEpoch.addingTimeInterval(30)
            )
            .starts.count == 2)
        #expect(
            (0...12).map { Scheduler.startDelay(afterFailures: $0) } == [
                0, 0, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900,
            ])
    }

    @Test(
        "the circuit breaker threshold is half the desired count, between 10 and 200; a FAILED rollout starts nothing")
    func circuitBreaker() {
        #expect(Scheduler.circuitBreakerThreshold(desiredCount: 1) == 10)
        #expect(Scheduler.circuitBreakerThreshold(desiredCount: 30) == 15)
        #expect(Scheduler.circuitBreakerThreshold(desiredCount: 1000) == 200)
        var failed = service(desired: 3)
        failed.deployments[0].rolloutState = "FAILED"
        #expect(
            Scheduler.plan(service: failed, tasks: [], need: need, subnets: subnets, capacity: nil, now: testEpoch)
                .starts.isEmpty)
    }

    @Test("a draining service stops everything and starts nothing")
    func draining() {
        var draining = service(desired: 0)
        draining.status = "DRAINING"
        let plan = Scheduler.plan(
            service: draining, tasks: [task("t1"), task("t2")], need: need, subnets: subnets, capacity: nil,
            now: testEpoch)
        #expect(plan.stops == ["t1", "t2"] && plan.starts.isEmpty)
    }
}
