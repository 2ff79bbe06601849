import ArgumentParser
import NetctlAPI

/// `--cluster`, defaulting to `default` as the AWS CLI does.
struct ClusterOption: ParsableArguments {
    @Option(help: ArgumentHelp("Cluster name or ARN.", valueName: "cluster"))
    var cluster = "default"
}

enum EcsView {
    /// The last path element of an ARN: what people read.
    static func short(_ arn: String) -> String { String(arn.split(separator: "/").last ?? Substring(arn)) }

    static func tasks(_ tasks: [EcsTask]) -> String {
        Output.table(
            ["TASK ID", "LAST STATUS", "DESIRED", "TASK DEFINITION", "SERVICE", "AZ", "PRIVATE IP", "STOPPED REASON"],
            tasks.map {
                [
                    $0.taskId, $0.lastStatus, $0.desiredStatus, short($0.taskDefinitionArn), $0.serviceName ?? "-",
                    $0.availabilityZone, $0.privateIpAddress ?? "-", $0.stoppedReason ?? "-",
                ]
            })
    }

    static func task(_ task: EcsTask) -> String {
        var pairs = [
            ("Task ID", task.taskId), ("Task ARN", task.taskArn), ("Cluster", short(task.clusterArn)),
            ("Task definition", short(task.taskDefinitionArn)), ("Service", task.serviceName ?? "-"),
            ("Last status", task.lastStatus), ("Desired status", task.desiredStatus), ("Launch type", task.launchType),
            ("Availability zone", task.availabilityZone), ("Subnet", task.subnetId ?? "-"),
            ("Private IP", task.privateIpAddress ?? "-"), ("ENI", task.networkInterfaceId ?? "-"),
            ("Container instance", task.containerInstanceArn.map(short) ?? "-"),
            ("CPU / memory", "\(task.cpu) / \(task.memory) MiB"),
            ("Created", Output.time(task.createdAt)),
        ]
        if let started = task.startedAt { pairs.append(("Started", Output.time(started))) }
        if let stopped = task.stoppedAt { pairs.append(("Stopped", Output.time(stopped))) }
        if let code = task.stopCode { pairs.append(("Stop code", code)) }
        if let reason = task.stoppedReason { pairs.append(("Stopped reason", reason)) }
        return Output.details(pairs)
    }

    static func services(_ services: [EcsService]) -> String {
        Output.table(
            ["SERVICE", "STATUS", "DESIRED", "RUNNING", "PENDING", "LAUNCH TYPE", "TASK DEFINITION"],
            services.map {
                [
                    $0.serviceName, $0.status, "\($0.desiredCount)", "\($0.runningCount)", "\($0.pendingCount)",
                    $0.launchType,
                    short($0.taskDefinition),
                ]
            })
    }

    /// Counts, deployments and the latest events, newest first, as `aws ecs describe-services` shows them.
    static func service(_ service: EcsService) -> String {
        var pairs = [
            ("Service", service.serviceName), ("ARN", service.serviceArn), ("Cluster", short(service.clusterArn)),
            ("Status", service.status), ("Task definition", short(service.taskDefinition)),
            (
                "Desired / running / pending",
                "\(service.desiredCount) / \(service.runningCount) / \(service.pendingCount)"
            ),
            ("Launch type", service.launchType),
            ("Subnets", service.subnets.isEmpty ? "-" : service.subnets.joined(separator: ", ")),
            (
                "Deployment config",
                "min healthy \(service.minimumHealthyPercent)%, max \(service.maximumPercent)%"
                    + (service.deploymentCircuitBreaker.enable
                        ? ", circuit breaker\(service.deploymentCircuitBreaker.rollback ? " with rollback" : "")" : "")
            ),
        ]
        if let registry = service.serviceRegistry {
            pairs.append(("Discovery name", "\(registry.name).\(registry.namespace)"))
        }
        for entry in service.loadBalancers ?? [] {
            pairs.append(("Load balancer", "\(entry.targetGroupArn) \(entry.containerName):\(entry.containerPort)"))
        }
        if let grace = service.healthCheckGracePeriodSeconds { pairs.append(("Health check grace", "\(grace)s")) }
        for deployment in service.deployments {
            pairs.append(
                (
                    "Deployment",
                    "\(deployment.id) \(deployment.status) \(deployment.rolloutState) \(short(deployment.taskDefinition)) "
                        + "desired \(deployment.desiredCount) running \(deployment.runningCount) pending \(deployment.pendingCount) "
                        + "failed \(deployment.failedTasks)"
                ))
        }
        var text = Output.details(pairs)
        if !service.events.isEmpty {
            text +=
                "\n\nEvents (newest first):\n"
                + service.events.prefix(10).map { "  \(Output.time($0.at))  \($0.message)" }.joined(separator: "\n")
        }
        return text
    }
}

extension EcsClusterCommand {
    static func table(_ clusters: [EcsCluster]) -> String {
        Output.table(
            ["CLUSTER", "STATUS", "INSTANCES", "SERVICES", "RUNNING TASKS", "PENDING TASKS", "CONTAINER INSIGHTS"],
            clusters.map {
                [
                    $0.clusterName, $0.status, "\($0.registeredContainerInstancesCount)", "\($0.activeServicesCount)",
                    "\($0.runningTasksCount)", "\($0.pendingTasksCount)", $0.containerInsights ?? "disabled",
                ]
            })
    }
}

extension EcsInstanceCommand {
    static func table(_ instances: [ContainerInstance]) -> String {
        Output.table(
            [
                "CONTAINER INSTANCE", "EC2 INSTANCE", "STATUS", "AZ", "PRIVATE IP", "CPU LEFT", "MEMORY LEFT",
                "RUNNING", "PENDING",
            ],
            instances.map {
                [
                    EcsView.short($0.containerInstanceArn), $0.ec2InstanceId, $0.status, $0.availabilityZone,
                    $0.privateIpAddress,
                    "\($0.remainingResources.cpu)/\($0.registeredResources.cpu)",
                    "\($0.remainingResources.memory)/\($0.registeredResources.memory)", "\($0.runningTasksCount)",
                    "\($0.pendingTasksCount)",
                ]
            })
    }
}

extension EcsServiceCommand {
    /// `--min-healthy-percent`, `--max-percent`, `--circuit-breaker`, `--rollback`.
    struct DeploymentOptions: ParsableArguments {
        @Option(
            name: .customLong("min-healthy-percent"),
            help: ArgumentHelp("minimumHealthyPercent (default 100).", valueName: "percent"))
        var minimumHealthyPercent: Int?
        @Option(
            name: .customLong("max-percent"), help: ArgumentHelp("maximumPercent (default 200).", valueName: "percent"))
        var maximumPercent: Int?
        @Flag(name: .customLong("circuit-breaker"), help: "Fail a deployment whose tasks keep failing to start.")
        var circuitBreaker = false
        @Flag(help: "With --circuit-breaker, roll back to the last completed deployment when it trips.")
        var rollback = false

        var configuration: DeploymentConfiguration? {
            guard minimumHealthyPercent != nil || maximumPercent != nil || circuitBreaker else { return nil }
            return DeploymentConfiguration(
                minimumHealthyPercent: minimumHealthyPercent, maximumPercent: maximumPercent,
                deploymentCircuitBreaker: circuitBreaker
                    ? DeploymentCircuitBreaker(enable: true, rollback: rollback) : nil)
        }
    }
}

extension EcsServiceCommand {
    /// `--load-balancer TARGET-GROUP:CONTAINER:PORT` (repeatable; the target group by name or ARN, whose
    /// colons are kept) and `--health-check-grace-period`.
    struct LoadBalancerOptions: ParsableArguments {
        @Option(
            name: .customLong("load-balancer"),
            help: ArgumentHelp(
                "Register each task's address and this container port in a target group (repeatable, at most 5).",
                valueName: "target-group:container:port"),
            transform: LoadBalancerOptions.parse)
        var loadBalancers: [EcsLoadBalancer] = []
        @Option(
            name: .customLong("health-check-grace-period"),
            help: ArgumentHelp(
                "Seconds after a task starts during which failed ELB health checks are ignored (default 0).",
                valueName: "seconds"))
        var healthCheckGracePeriod: Int?

        static func parse(_ value: String) throws -> EcsLoadBalancer {
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let port = Int(parts[parts.count - 1]), !parts[parts.count - 2].isEmpty,
                !parts[0].isEmpty
            else {
                throw ValidationError(
                    "--load-balancer takes TARGET-GROUP:CONTAINER:PORT (the group's name or ARN); got '\(value)'.")
            }
            return EcsLoadBalancer(
                targetGroupArn: parts.dropLast(2).joined(separator: ":"), containerName: String(parts[parts.count - 2]),
                containerPort: port)
        }
    }
}

extension EcsTaskDefinitionCommand {
    static func table(_ definitions: [TaskDefinition]) -> String {
        Output.table(
            ["TASK DEFINITION", "STATUS", "NETWORK MODE", "COMPATIBILITIES", "CPU", "MEMORY", "CONTAINERS"],
            definitions.map {
                [
                    "\($0.family):\($0.revision)", $0.status, $0.networkMode, $0.compatibilities.joined(separator: ","),
                    $0.cpu ?? "-", $0.memory ?? "-",
                    $0.containerDefinitions.map { "\($0.name)=\($0.image)" }.joined(separator: " "),
                ]
            })
    }
}
