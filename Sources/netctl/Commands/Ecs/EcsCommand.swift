import ArgumentParser
import Foundation
import NetctlAPI

struct EcsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs", abstract: "ECS: clusters, container instances, task definitions, services and tasks.",
        subcommands: [
            EcsClusterCommand.self, EcsInstanceCommand.self, EcsTaskDefinitionCommand.self, EcsServiceCommand.self,
            EcsTaskCommand.self,
        ])
}

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
