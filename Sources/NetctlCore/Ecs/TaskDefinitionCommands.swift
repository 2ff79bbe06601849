import Foundation
import NetctlAPI

/// Task definitions: families of numbered revisions, validated as ECS validates them.
extension State {
    public static let maximumContainersPerTaskDefinition = 10
    public static let networkModes: Set<String> = ["awsvpc", "bridge", "host", "none"]
    public static let compatibilities: Set<String> = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]

    public mutating func registerTaskDefinition(_ request: EcsTaskDefinitionRegister, _ context: inout CommandContext)
        throws(NetctlError) -> TaskDefinition
    {
        try EcsName.validate(request.family, "task definition family")
        let containers = request.containerDefinitions
        guard (1...Self.maximumContainersPerTaskDefinition).contains(containers.count) else {
            throw NetctlError(
                .clientException,
                "A task definition needs 1 to \(Self.maximumContainersPerTaskDefinition) container definitions; got "
                    + "\(containers.count).")
        }
        var names = Set<String>()
        for container in containers {
            guard names.insert(container.name).inserted else {
                throw NetctlError(
                    .clientException, "Container names must be unique: '\(container.name)' appears twice.")
            }
            guard !container.image.isEmpty else {
                throw NetctlError(.clientException, "Container '\(container.name)' needs an image.")
            }
        }
        guard containers.contains(where: { $0.essential ?? true }) else {
            throw NetctlError(.clientException, "At least one essential container is required in a task definition.")
        }
        let compatibilities = request.requiresCompatibilities ?? []
        for compatibility in compatibilities where !Self.compatibilities.contains(compatibility) {
            throw NetctlError(
                .clientException,
                "requiresCompatibilities value '\(compatibility)' is invalid: use EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES."
            )
        }
        try TaskRoles.validate(request.executionRoleArn, member: "executionRoleArn")
        try TaskRoles.validate(request.taskRoleArn, member: "taskRoleArn")
        let fargate = compatibilities.contains("FARGATE")
        let networkMode = request.networkMode ?? (fargate ? "awsvpc" : "bridge")
        guard Self.networkModes.contains(networkMode) else {
            throw NetctlError(
                .clientException, "networkMode '\(networkMode)' is invalid: use awsvpc, bridge, host or none.")
        }
        let cpu = try request.cpu.map { value throws(NetctlError) in try TaskSize.cpuUnits(value) }
        let memory = try request.memory.map { value throws(NetctlError) in try TaskSize.memoryMiB(value) }
        if fargate {
            guard networkMode == "awsvpc" else {
                throw NetctlError(
                    .clientException,
                    "Fargate requires networkMode awsvpc; the task definition asks for \(networkMode).")
            }
            guard let cpu, let memory else {
                throw NetctlError(
                    .clientException,
                    "Fargate requires task-level cpu and memory, e.g. \"cpu\": \"256\", \"memory\": \"512\".")
            }
            try TaskSize.validateFargate(cpu: cpu, memory: memory)
            try TaskRoles.requireExecutionRoleOnFargate(containers, executionRoleArn: request.executionRoleArn)
        } else {
            for container in containers
            where container.memory == nil && container.memoryReservation == nil && memory == nil {
                throw NetctlError(
                    .clientException,
                    "Container '\(container.name)' needs memory or memoryReservation when the task has no task-level "
                        + "memory (EC2 launch type).")
            }
        }
        let familyKey = TaskDefinition.familyKey(request.family, context.scope)
        // Revisions are never reused, even after deregistration: the next is one past the highest ever.
        let revision = (taskDefinitions.children(of: familyKey).map(\.revision).max() ?? 0) + 1
        var other: [String: JSONValue] = [:]
        func keep(_ key: String, _ value: JSONValue?) { if let value { other[key] = value } }
        keep("taskRoleArn", request.taskRoleArn.map(JSONValue.string))
        keep("executionRoleArn", request.executionRoleArn.map(JSONValue.string))
        keep("volumes", request.volumes)
        keep("placementConstraints", request.placementConstraints)
        keep("pidMode", request.pidMode.map(JSONValue.string))
        keep("ipcMode", request.ipcMode.map(JSONValue.string))
        keep("proxyConfiguration", request.proxyConfiguration)
        keep("inferenceAccelerators", request.inferenceAccelerators)
        keep("ephemeralStorage", request.ephemeralStorage)
        keep("runtimePlatform", request.runtimePlatform)
        keep("enableFaultInjection", request.enableFaultInjection.map(JSONValue.bool))
        let tags = try EcsTagRules.tags(from: request.tags)
        var supported = ["EC2"]
        if networkMode == "awsvpc", cpu != nil, memory != nil { supported.append("FARGATE") }
        let definition = TaskDefinition(
            taskDefinitionArn: EcsArn.taskDefinition(request.family, revision, context.scope), family: request.family,
            revision: revision, accountId: context.accountId, region: context.region, containerDefinitions: containers,
            networkMode: networkMode, requiresCompatibilities: compatibilities, compatibilities: supported,
            cpu: cpu.map(String.init), memory: memory.map(String.init), other: other, registeredAt: context.now,
            tags: tags)
        record(.register, definition, at: context.now)
        return definition
    }

    public func getTaskDefinition(_ request: EcsTaskDefinitionGet, _ context: QueryContext) throws(NetctlError)
        -> TaskDefinition
    {
        try taskDefinition(request.taskDefinition, in: context.scope, includeInactive: true)
    }

    public func listTaskDefinitions(_ request: EcsTaskDefinitionList, _ context: QueryContext) throws(NetctlError)
        -> EcsTaskDefinitionListResponse
    {
        let status = request.status ?? "ACTIVE"
        guard ["ACTIVE", "INACTIVE"].contains(status) else {
            throw NetctlError(.invalidParameterException, "status must be ACTIVE or INACTIVE; got '\(status)'.")
        }
        let matching = taskDefinitions.inScope(context.scope).filter {
            $0.status == status && (request.familyPrefix.map($0.family.hasPrefix) ?? true)
        }
        let page = try Pagination.page(
            matching, maxResults: request.maxResults, nextToken: request.nextToken, range: 1...100)
        return EcsTaskDefinitionListResponse(taskDefinitions: page.items, nextToken: page.nextToken)
    }

    public mutating func deregisterTaskDefinition(
        _ request: EcsTaskDefinitionDeregister, _ context: inout CommandContext
    )
        throws(NetctlError) -> TaskDefinition
    {
        guard request.taskDefinition.contains(":") else {
            throw NetctlError(
                .clientException,
                "Deregistering needs a revision: pass family:revision or an ARN, not just '\(request.taskDefinition)'.")
        }
        var definition = try taskDefinition(request.taskDefinition, in: context.scope, includeInactive: true)
        guard definition.status == "ACTIVE" else { return definition }
        definition.status = "INACTIVE"
        definition.deregisteredAt = context.now
        record(.deregister, definition, at: context.now)
        return definition
    }

    /// As `taskDefinition(_:in:)`, but an explicit revision may be INACTIVE (it stays describable).
    func taskDefinition(_ reference: String, in scope: Scope, includeInactive: Bool) throws(NetctlError)
        -> TaskDefinition
    {
        if includeInactive, !reference.hasPrefix("arn:") {
            let text = reference.split(separator: "/").last.map(String.init) ?? reference
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, let revision = Int(parts[1]),
                let found = taskDefinitions[EcsArn.taskDefinition(parts[0], revision, scope)]
            {
                return found
            }
        }
        return try taskDefinition(reference, in: scope)
    }
}

/// Task-level CPU and memory as AWS accepts them, and Fargate's valid combinations.
public enum TaskSize {
    /// `256`, `"256"`, `"0.25 vCPU"`, `"1 vcpu"`.
    public static func cpuUnits(_ value: JSONValue) throws(NetctlError) -> Int {
        if case .int(let units) = value, units > 0 { return Int(units) }
        if case .string(let text) = value {
            let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
            if let units = Int(lowered), units > 0 { return units }
            if lowered.hasSuffix("vcpu"), let vcpu = Double(lowered.dropLast(4).trimmingCharacters(in: .whitespaces)),
                vcpu > 0
            {
                return Int((vcpu * 1024).rounded())
            }
        }
        throw NetctlError(
            .clientException, "Task cpu '\(value)' is invalid: give CPU units (\"256\") or vCPUs (\"0.25 vCPU\").")
    }

    /// `512`, `"512"`, `"0.5 GB"`, `"2GB"`.
    public static func memoryMiB(_ value: JSONValue) throws(NetctlError) -> Int {
        if case .int(let mib) = value, mib > 0 { return Int(mib) }
        if case .string(let text) = value {
            let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
            if let mib = Int(lowered), mib > 0 { return mib }
            if lowered.hasSuffix("gb"), let gb = Double(lowered.dropLast(2).trimmingCharacters(in: .whitespaces)),
                gb > 0
            {
                return Int((gb * 1024).rounded())
            }
        }
        throw NetctlError(.clientException, "Task memory '\(value)' is invalid: give MiB (\"512\") or GB (\"0.5 GB\").")
    }

    /// The memory sizes Fargate offers for each CPU size.
    public static let fargateMemory: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122_880, by: 8192)),
    ]

    public static func validateFargate(cpu: Int, memory: Int) throws(NetctlError) {
        guard let allowed = fargateMemory[cpu] else {
            throw NetctlError(
                .clientException,
                "Fargate does not offer \(cpu) CPU units. Use one of \(fargateMemory.keys.sorted().map(String.init).joined(separator: ", "))."
            )
        }
        guard allowed.contains(memory) else {
            throw NetctlError(
                .clientException,
                "No Fargate configuration exists for given values: \(cpu) CPU, \(memory) memory. With \(cpu) CPU units "
                    + "use memory \(allowed.first ?? 0) to \(allowed.last ?? 0) MiB in steps of "
                    + "\(allowed.count > 1 ? allowed[1] - allowed[0] : 0).")
        }
    }
}
