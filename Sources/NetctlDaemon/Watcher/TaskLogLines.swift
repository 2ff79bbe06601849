import Foundation
import NetctlAPI
import NetctlCore

/// What a task's `awslogs` containers write to CloudWatch Logs: netctl runs no containers, so each
/// container's stream gets its lifecycle instead of its output, in the group and stream ECS would use
/// (`GROUP` / `PREFIX/CONTAINER/TASK-ID`). A log driver exists only while its container does: lines
/// start when the task runs, and a task that never started (`ResourceInitializationError` among
/// others) writes none. A driver whose group has disappeared writes nothing; one allowed to create
/// its group (`awslogs-create-group`) gets it created by the append.
enum TaskLogLines {
    static func entries(for events: [ChangeEvent], in state: State, groups: any LogGroupDirectory)
        -> [StreamStore.Entry]
    {
        var entries: [StreamStore.Entry] = []
        for event in events where event.resourceType == .ecsTask && event.action != .delete {
            guard let task = try? JSONDecoder().decode(TaskDetail.self, from: Data(event.detail.utf8)),
                let definition = state.taskDefinitions[task.taskDefinitionArn]
            else { continue }
            for configuration in AwslogsConfiguration.all(definition) {
                guard let group = configuration.group,
                    let message = line(task, container: configuration.containerName, definition)
                else { continue }
                let scope = Scope(accountId: task.accountId, region: configuration.region)
                guard configuration.createGroup || groups.contains(scope, group: group) else { continue }
                entries.append(
                    StreamStore.Entry(
                        scope: scope, group: group, stream: configuration.streamName(taskId: task.taskId),
                        timestamp: Timestamp.epochMilliseconds(event.at), message: message))
            }
        }
        return entries
    }

    /// The line for the status the task just reached, or nil when its containers say nothing then.
    private static func line(_ task: TaskDetail, container name: String, _ definition: TaskDefinition) -> String? {
        let image = definition.containerDefinitions.first { $0.name == name }?.image ?? "?"
        switch task.lastStatus {
        case TaskStatus.running:
            let address = task.privateIpAddress.map { " at \($0)" } ?? ""
            return "netctl: container \(name) started from \(image) in task \(task.taskId) "
                + "(\(task.launchType), \(task.availabilityZone)\(address))"
        case TaskStatus.deactivating:
            return "netctl: container \(name) is stopping: \(task.stoppedReason ?? "stop requested")"
                + (task.stopCode.map { " (\($0))" } ?? "")
        case TaskStatus.stopped where task.startedAt != nil:
            return "netctl: container \(name) exited; task \(task.taskId) stopped"
        default:
            return nil
        }
    }

    /// The members of the event's task these lines use: the event carries the task as it was then,
    /// which a later change (or its deletion an hour after it stopped) does not alter.
    private struct TaskDetail: Decodable {
        var taskId: String
        var accountId: String
        var taskDefinitionArn: String
        var lastStatus: String
        var launchType: String
        var availabilityZone: String
        var privateIpAddress: String?
        var stoppedReason: String?
        var stopCode: String?
        var startedAt: String?
    }
}
