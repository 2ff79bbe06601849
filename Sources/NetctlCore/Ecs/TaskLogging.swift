import Foundation
import NetctlAPI

/// Which CloudWatch Logs groups exist. They live in streams.db, outside the state, so the writer is
/// handed this view of them (`CommandContext.logGroups`) instead of reading another database inside a
/// command.
public protocol LogGroupDirectory: Sendable {
    func contains(_ scope: Scope, group: String) -> Bool
}

/// A fixed set of groups: for tests, and for a daemon that keeps no logs.
public struct KnownLogGroups: LogGroupDirectory {
    public var groups: Set<Key>

    public struct Key: Hashable, Sendable {
        public var scope: Scope
        public var name: String
        public init(_ scope: Scope, _ name: String) {
            self.scope = scope
            self.name = name
        }
    }

    public init(_ groups: Set<Key> = []) { self.groups = groups }

    public func contains(_ scope: Scope, group: String) -> Bool { groups.contains(Key(scope, group)) }
}

/// A container's `awslogs` log configuration, read from the options ECS keeps as given:
/// `awslogs-group`, `awslogs-region` (the task's own by default), `awslogs-stream-prefix` and
/// `awslogs-create-group`.
public struct AwslogsConfiguration: Sendable, Hashable {
    public var containerName: String
    /// Nil when the option is missing: the log driver then refuses to start.
    public var group: String?
    public var region: String
    public var streamPrefix: String?
    public var createGroup: Bool

    /// Nil when the container logs through another driver, or none.
    public init?(_ container: ContainerDefinition, taskRegion: String) {
        guard let configuration = container.other["logConfiguration"],
            configuration["logDriver"]?.stringValue == "awslogs"
        else { return nil }
        let options = configuration["options"]
        containerName = container.name
        group = options?["awslogs-group"]?.stringValue
        region = options?["awslogs-region"]?.stringValue ?? taskRegion
        streamPrefix = options?["awslogs-stream-prefix"]?.stringValue
        // Docker's log options are strings; "true" is the only value that turns creation on.
        createGroup = options?["awslogs-create-group"]?.stringValue?.lowercased() == "true"
    }

    /// The account and region the container's logs go to.
    public func scope(of task: EcsTask) -> Scope { Scope(accountId: task.accountId, region: region) }

    /// `PREFIX/CONTAINER/TASK-ID`, as ECS names the stream. Without a prefix Docker names it after the
    /// container's runtime ID; netctl runs no containers, so the task ID stands for it.
    public func streamName(taskId: String) -> String {
        guard let streamPrefix, !streamPrefix.isEmpty else { return taskId }
        return "\(streamPrefix)/\(containerName)/\(taskId)"
    }

    /// The `awslogs` containers of a task definition.
    public static func all(_ definition: TaskDefinition) -> [AwslogsConfiguration] {
        definition.containerDefinitions.compactMap { AwslogsConfiguration($0, taskRegion: definition.region) }
    }
}

extension State {
    /// Why the `awslogs` driver of one of the task's containers refuses its options before it dials
    /// anything, in the words ECS puts in `stoppedReason`.
    func taskLogOptionFailure(_ definition: TaskDefinition) -> String? {
        guard let configuration = AwslogsConfiguration.all(definition).first(where: { $0.group?.isEmpty ?? true })
        else { return nil }
        return "ResourceInitializationError: failed to validate logger args: must specify a value for log opt "
            + "'awslogs-group' : exit status 1 (netctl: container \(configuration.containerName) of "
            + "\(definition.family):\(definition.revision) uses awslogs without awslogs-group; register a revision "
            + "that names the group.)"
    }

    /// Why the log driver of one of the task's `awslogs` containers cannot create its stream once
    /// CloudWatch Logs answers: its group does not exist and it may not create it.
    func taskLogGroupFailure(_ task: EcsTask, _ definition: TaskDefinition, _ groups: any LogGroupDirectory)
        -> String?
    {
        for configuration in AwslogsConfiguration.all(definition) {
            guard let group = configuration.group, !configuration.createGroup,
                !groups.contains(configuration.scope(of: task), group: group)
            else { continue }
            return "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                + "failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not "
                + "exist. : exit status 1 (netctl: log group \(group) does not exist in \(configuration.region); create it "
                + "with `netctl --region \(configuration.region) logs create-group \(group)`, or set awslogs-create-group to \"true\" in the container's "
                + "log options.)"
        }
        return nil
    }
}

/// The IAM roles of a task definition and what Fargate needs them for.
enum TaskRoles {
    /// `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`, as IAM writes a role's ARN.
    static func validate(_ arn: String?, member: String) throws(NetctlError) {
        guard let arn else { return }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let valid =
            parts.count == 6 && parts[0] == "arn" && ["aws", "aws-cn", "aws-us-gov"].contains(parts[1])
            && parts[2] == "iam" && parts[3].isEmpty && parts[4].count == 12 && parts[4].allSatisfy(\.isASCIIDigit)
            && isRoleResource(parts[5])
        guard valid else {
            throw NetctlError(
                .clientException,
                "Role is not valid: \(member) '\(arn)' is not an IAM role ARN; give "
                    + "arn:aws:iam::ACCOUNT:role/NAME (12-digit account, a role name of up to 64 letters, digits and "
                    + "+=,.@_-).")
        }
    }

    private static func isRoleResource(_ resource: Substring) -> Bool {
        guard resource.hasPrefix("role/") else { return false }
        let path = resource.dropFirst("role/".count)
        guard let name = path.split(separator: "/", omittingEmptySubsequences: false).last,
            (1...64).contains(name.count)
        else { return false }
        let allowed = Set("+=,.@_-/")
        return path.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }
    }

    /// Fargate pulls private ECR images and ships `awslogs` logs with the task execution role, and
    /// ECS refuses a Fargate task definition that needs it and has none.
    static func requireExecutionRoleOnFargate(_ containers: [ContainerDefinition], executionRoleArn: String?)
        throws(NetctlError)
    {
        guard executionRoleArn == nil else { return }
        if containers.contains(where: { AwslogsConfiguration($0, taskRegion: "") != nil }) {
            throw NetctlError(
                .clientException,
                "Fargate requires task definition to have execution role ARN to support log driver awslogs. Give "
                    + "executionRoleArn (a role ECS tasks may assume, e.g. arn:aws:iam::ACCOUNT:role/ecsTaskExecutionRole).")
        }
        if containers.contains(where: { ImageReference($0.image)?.ecrHost != nil }) {
            throw NetctlError(
                .clientException,
                "Fargate requires task definition to have execution role ARN to support ECR images. Give "
                    + "executionRoleArn (a role ECS tasks may assume, e.g. arn:aws:iam::ACCOUNT:role/ecsTaskExecutionRole).")
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
