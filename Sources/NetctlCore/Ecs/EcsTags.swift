import Foundation
import NetctlAPI

extension EcsTagsList: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        EcsTagsResponse(tags: try state.ecsTags(of: resourceArn, context.scope))
    }
}

extension EcsTagsAdd: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try EcsTagRules.validate(tags)
        return EcsTagsResponse(
            tags: try state.retagEcs(resourceArn, action: .tag, context) { $0.merging(tags) { _, new in new } })
    }
}

extension EcsTagsRemove: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        for key in tagKeys where key.isEmpty || key.count > 128 {
            throw NetctlError(.invalidParameterException, "Tag key '\(key)' must be 1 to 128 characters long.")
        }
        return EcsTagsResponse(
            tags: try state.retagEcs(resourceArn, action: .untag, context) { tags in
                tags.filter { !tagKeys.contains($0.key) }
            })
    }
}

extension EcsClusterUpdate: StateCommand {
    public func apply(to state: inout State, _ context: inout CommandContext) throws(NetctlError) -> Response {
        try state.updateEcsCluster(self, &context)
    }
}

extension EcsTaskDefinitionFamilies: StateQuery {
    public func answer(from state: State, _ context: QueryContext) throws(NetctlError) -> Response {
        try state.taskDefinitionFamilies(self, context)
    }
}

/// ECS's tag rules: at most 50 per resource, keys 1–128 characters, values up to 256, and the `aws:`
/// prefix reserved.
public enum EcsTagRules {
    public static let maximumTags = 50

    public static func validate(_ tags: Tags) throws(NetctlError) {
        guard tags.count <= maximumTags else {
            throw NetctlError(
                .invalidParameterException, "A resource can have at most \(maximumTags) tags; got \(tags.count).")
        }
        for (key, value) in tags {
            try Validation.tag(key: key, value: value, keyCode: .invalidParameterException)
        }
    }

    /// The `[{"key":…, "value":…}]` list of a task definition registration.
    static func tags(from value: JSONValue?) throws(NetctlError) -> Tags? {
        guard let value else { return nil }
        guard let list = value.arrayValue else {
            throw NetctlError(.clientException, "tags must be a list of {\"key\": …, \"value\": …} objects.")
        }
        var tags: Tags = [:]
        for entry in list {
            guard let key = entry["key"]?.stringValue else {
                throw NetctlError(.clientException, "Every tag needs a key: {\"key\": …, \"value\": …}.")
            }
            tags[key] = entry["value"]?.stringValue ?? ""
        }
        try validate(tags)
        return tags
    }
}

extension State {
    /// ECS resources are tagged by ARN; the ARN's resource type says which table holds it.
    enum EcsTagTarget {
        case cluster, service, task, taskDefinition, containerInstance
    }

    static func ecsTagTarget(_ arn: String) throws(NetctlError) -> EcsTagTarget {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "ecs" else {
            throw NetctlError(
                .invalidParameterException,
                "'\(arn)' is not an ECS resource ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME, service/…, task/…, "
                    + "task-definition/…, container-instance/…).")
        }
        switch parts[5].split(separator: "/").first {
        case "cluster": return .cluster
        case "service": return .service
        case "task": return .task
        case "task-definition": return .taskDefinition
        case "container-instance": return .containerInstance
        default:
            throw NetctlError(
                .invalidParameterException,
                "The ARN '\(arn)' names no taggable ECS resource: tag clusters, services, tasks, task definitions "
                    + "and container instances.")
        }
    }

    func ecsTags(of arn: String, _ scope: Scope) throws(NetctlError) -> Tags {
        switch try Self.ecsTagTarget(arn) {
        case .cluster: return try ecsCluster(arn, in: scope).tags
        case .service: return try ecsTagged(ecsServices[arn], arn, scope).tags ?? [:]
        case .task: return try ecsTagged(ecsTasks[arn], arn, scope).tags ?? [:]
        case .taskDefinition: return try ecsTagged(taskDefinitions[arn], arn, scope).tags ?? [:]
        case .containerInstance: return try ecsTagged(containerInstances[arn], arn, scope).tags ?? [:]
        }
    }

    private func ecsTagged<R: StoredResource>(_ resource: R?, _ arn: String, _ scope: Scope) throws(NetctlError) -> R {
        guard let resource, resource.scope == scope,
            resource.currentStatus != "INACTIVE" || R.self == TaskDefinition.self
        else {
            throw NetctlError(
                .resourceNotFoundException,
                "The specified resource is not found: \(arn) does not exist in \(scope).")
        }
        return resource
    }

    /// Applies `change` to the resource's tags, checks the 50-tag limit on the result, and records one
    /// `tag` or `untag` event.
    mutating func retagEcs(
        _ arn: String, action: ChangeAction, _ context: CommandContext, _ change: (Tags) -> Tags
    ) throws(NetctlError) -> Tags {
        let scope = context.scope
        let tags = change(try ecsTags(of: arn, scope))
        try EcsTagRules.validate(tags)
        switch try Self.ecsTagTarget(arn) {
        case .cluster:
            var cluster = try ecsCluster(arn, in: scope)
            cluster.tags = tags
            record(action, cluster, at: context.now)
        case .service:
            var service = try ecsTagged(ecsServices[arn], arn, scope)
            service.tags = tags
            record(action, service, at: context.now)
        case .task:
            var task = try ecsTagged(ecsTasks[arn], arn, scope)
            task.tags = tags
            record(action, task, at: context.now)
        case .taskDefinition:
            var definition = try ecsTagged(taskDefinitions[arn], arn, scope)
            definition.tags = tags
            record(action, definition, at: context.now)
        case .containerInstance:
            var instance = try ecsTagged(containerInstances[arn], arn, scope)
            instance.tags = tags
            record(action, instance, at: context.now)
        }
        return tags
    }

    public mutating func updateEcsCluster(_ request: EcsClusterUpdate, _ context: inout CommandContext)
        throws(NetctlError) -> EcsCluster
    {
        var cluster = try ecsCluster(request.name, in: context.scope)
        if let insights = try Self.containerInsights(request.containerInsights, settings: request.settings) {
            cluster.containerInsights = insights
        }
        record(.update, cluster, at: context.now)
        return clusterView(cluster)
    }

    /// The containerInsights setting asked for, given directly or among ECS's `settings`, or nil when
    /// neither names it.
    static func containerInsights(_ direct: String?, settings: [EcsClusterSetting]?) throws(NetctlError) -> String? {
        var asked = direct
        for setting in settings ?? [] {
            guard setting.name == "containerInsights" else {
                throw NetctlError(
                    .invalidParameterException,
                    "Unknown cluster setting '\(setting.name)': the one ECS has is containerInsights.")
            }
            if let asked, asked != setting.value {
                throw NetctlError(
                    .invalidParameterException,
                    "containerInsights is asked for twice, as \(asked) and as \(setting.value); give it once.")
            }
            asked = setting.value
        }
        return try asked.map { value throws(NetctlError) in try validateContainerInsights(value) }
    }

    static func validateContainerInsights(_ value: String) throws(NetctlError) -> String {
        guard ["enabled", "enhanced", "disabled"].contains(value) else {
            throw NetctlError(
                .invalidParameterException,
                "containerInsights must be enabled, enhanced or disabled; got '\(value)'.")
        }
        return value
    }

    public func taskDefinitionFamilies(_ request: EcsTaskDefinitionFamilies, _ context: QueryContext)
        throws(NetctlError) -> EcsTaskDefinitionFamiliesResponse
    {
        let status = request.status ?? "ACTIVE"
        guard ["ACTIVE", "INACTIVE", "ALL"].contains(status) else {
            throw NetctlError(.invalidParameterException, "status must be ACTIVE, INACTIVE or ALL; got '\(status)'.")
        }
        var active = Set<String>()
        var all = Set<String>()
        for definition in taskDefinitions.inScope(context.scope)
        where request.familyPrefix.map(definition.family.hasPrefix) ?? true {
            all.insert(definition.family)
            if definition.status == "ACTIVE" { active.insert(definition.family) }
        }
        let families =
            switch status {
            case "ACTIVE": active.sorted()
            case "INACTIVE": all.subtracting(active).sorted()
            default: all.sorted()
            }
        // Families are names, not stored resources: the token is the last family returned.
        var remaining = families[...]
        if let token = request.nextToken {
            remaining = remaining.drop { $0 <= token }
        }
        guard let maxResults = request.maxResults else {
            return EcsTaskDefinitionFamiliesResponse(families: Array(remaining))
        }
        try Pagination.check(maxResults: maxResults, range: 1...100)
        let page = Array(remaining.prefix(maxResults))
        return EcsTaskDefinitionFamiliesResponse(
            families: page, nextToken: remaining.count > maxResults ? page.last : nil)
    }
}

/// awsvpc options of a service or RunTask: security groups and whether tasks get a public IP.
enum AwsVpcOptions {
    static let maximumSecurityGroups = 5

    static func validate(
        securityGroups: [String]?, assignPublicIp: String?, networkMode: String, launchType: String
    ) throws(NetctlError) {
        guard securityGroups != nil || assignPublicIp != nil else { return }
        guard networkMode == "awsvpc" else {
            throw NetctlError(
                .invalidParameterException,
                "Network Configuration is not valid for the given networkMode of this task definition "
                    + "(\(networkMode)): security groups and assignPublicIp need awsvpc.")
        }
        let groups = securityGroups ?? []
        guard groups.count <= maximumSecurityGroups else {
            throw NetctlError(
                .invalidParameterException,
                "At most \(maximumSecurityGroups) security groups may be given; got \(groups.count).")
        }
        for group in groups {
            let hex = group.dropFirst(3)
            guard group.hasPrefix("sg-"), (8...17).contains(hex.count), hex.allSatisfy(\.isHexDigit) else {
                throw NetctlError(
                    .invalidParameterException, "Security group '\(group)' is not a security group ID (sg-…).")
            }
        }
        if let assignPublicIp {
            guard ["ENABLED", "DISABLED"].contains(assignPublicIp) else {
                throw NetctlError(
                    .invalidParameterException, "assignPublicIp must be ENABLED or DISABLED; got '\(assignPublicIp)'.")
            }
            if assignPublicIp == "ENABLED" && launchType != "FARGATE" {
                throw NetctlError(
                    .invalidParameterException,
                    "Assign public IP is not supported for this launch type (\(launchType)); only FARGATE tasks get one."
                )
            }
        }
    }
}

extension State {
    /// awsvpc groups as ECS takes them: real groups of the subnets' VPC, reported as ECS reports EC2's
    /// refusals. None given stays none: the task's interface gets the VPC's default group when it starts.
    func awsvpcSecurityGroups(_ references: [String]?, subnetIds: [String], networkMode: String, _ scope: Scope)
        throws(NetctlError) -> [String]?
    {
        guard networkMode == "awsvpc", let references, let subnet = subnetIds.first.flatMap({ subnets[$0] }) else {
            return references
        }
        do {
            return try securityGroupIds(references, forVpc: subnet.vpcId, subnet: subnet.subnetId, in: scope)
        } catch {
            throw NetctlError(
                .invalidParameterException,
                "Error retrieving security group information for [\(references.joined(separator: ", "))]: "
                    + "\(error.message) (ErrorCode: \(error.code.rawValue))")
        }
    }
}
