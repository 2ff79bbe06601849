import Foundation
import NetctlAPI

/// Cloud Map services, instances and operations. A service's instances are those registered by
/// hand and, as ECS registers them, one per RUNNING task of each ECS service whose serviceRegistry
/// names the service (same namespace, same name): those follow the tasks and are never stored.
extension State {
    public static let maximumSdServicesPerNamespace = 1000
    public static let maximumInstancesPerService = 1000
    public static let maximumAttributesPerInstance = 30

    // MARK: Services

    public mutating func createSdService(_ request: SdServiceCreate, _ context: inout CommandContext)
        throws(NetctlError) -> SdService
    {
        let namespace = try sdNamespace(request.namespace, in: context.scope)
        let name = request.name.lowercased()
        try Self.validateSdServiceName(name)
        if let existing = sdServices.children(of: namespace.id).first(where: { $0.name == name }) {
            throw NetctlError(
                .serviceAlreadyExists,
                "Service \(name) already exists in namespace \(namespace.name) (\(existing.id)). Use it, or delete it "
                    + "first.")
        }
        guard sdServices.childCount(of: namespace.id) < Self.maximumSdServicesPerNamespace else {
            throw NetctlError(
                .limitExceededException,
                "Namespace \(namespace.name) has \(Self.maximumSdServicesPerNamespace) services, the most it may have.")
        }
        let routingPolicy = request.routingPolicy ?? "MULTIVALUE"
        guard ["MULTIVALUE", "WEIGHTED"].contains(routingPolicy) else {
            throw NetctlError(
                .invalidParameterException, "routingPolicy '\(routingPolicy)' is not MULTIVALUE or WEIGHTED.")
        }
        let records = request.dnsRecords ?? [SdDnsRecord(type: "A", ttl: 60)]
        try Self.validateDnsRecords(records, routingPolicy: routingPolicy)
        if let description = request.description, description.count > 1024 {
            throw NetctlError(.invalidParameterException, "description is at most 1024 characters.")
        }
        let id = "srv-" + context.ids.make("", digits: 16)
        let service = SdService(
            id: id, arn: "arn:aws:servicediscovery:\(context.region):\(context.accountId):service/\(id)", name: name,
            namespaceId: namespace.id, description: request.description, routingPolicy: routingPolicy,
            dnsRecords: records, customHealthChecks: request.customHealthChecks ?? false,
            accountId: context.accountId, region: context.region, createdAt: context.now)
        record(.create, service, at: context.now)
        return sdServiceView(service)
    }

    public func getSdService(_ request: SdServiceGet, _ context: QueryContext) throws(NetctlError) -> SdService {
        sdServiceView(try sdService(request.service, in: context.scope))
    }

    public func listSdServices(_ request: SdServiceList, _ context: QueryContext) throws(NetctlError)
        -> SdServiceListResponse
    {
        let services: [SdService]
        if let reference = request.namespace {
            services = sdServices.children(of: try sdNamespace(reference, in: context.scope).id)
        } else {
            services = sdServices.inScope(context.scope)
        }
        let page = try Pagination.page(
            services, maxResults: request.maxResults, nextToken: request.nextToken, range: 1...100)
        return SdServiceListResponse(services: page.items.map(sdServiceView), nextToken: page.nextToken)
    }

    public mutating func deleteSdService(_ request: SdServiceDelete, _ context: inout CommandContext)
        throws(NetctlError) -> SdService
    {
        let service = try sdService(request.service, in: context.scope)
        let registered = sdInstances.children(of: service.id)
        if !registered.isEmpty {
            throw NetctlError(
                .resourceInUseException,
                "Service \(service.name) (\(service.id)) has \(registered.count) registered instance"
                    + "\(registered.count == 1 ? "" : "s") (\(registered.map(\.instanceId).prefix(5).joined(separator: ", "))). "
                    + "Deregister them first.")
        }
        if let user = ecsServicesRegistered(as: service).first {
            throw NetctlError(
                .resourceInUseException,
                "ECS service \(user.serviceName) registers its tasks in \(service.name) (\(service.id)). Delete it or "
                    + "remove its serviceRegistry first.")
        }
        recordDeletion(service, at: context.now)
        return sdServiceView(service)
    }

    // MARK: Instances

    public mutating func registerSdInstance(_ request: SdInstanceRegister, _ context: inout CommandContext)
        throws(NetctlError) -> SdInstance
    {
        let service = try sdService(request.service, in: context.scope)
        try Self.validateInstanceId(request.instanceId)
        try Self.validateAttributes(request.attributes, for: service)
        if ecsInstances(of: service).contains(where: { $0.instanceId == request.instanceId }) {
            throw NetctlError(
                .resourceInUseException,
                "Instance \(request.instanceId) of \(service.name) is an ECS task that ECS registered; ECS keeps it. "
                    + "Choose another instance ID.")
        }
        let key = SdInstance.key(service.id, request.instanceId)
        let existing = sdInstances[key]
        if existing == nil {
            let count = sdInstances.childCount(of: service.id)
            guard count < Self.maximumInstancesPerService else {
                throw NetctlError(
                    .resourceLimitExceeded,
                    "Service \(service.name) has \(Self.maximumInstancesPerService) instances, the most it may have.")
            }
        }
        let operation = recordSdOperation(
            "REGISTER_INSTANCE", targets: ["SERVICE": service.id, "INSTANCE": request.instanceId], &context)
        let instance = SdInstance(
            instanceId: request.instanceId, serviceId: service.id, attributes: request.attributes,
            accountId: context.accountId, region: context.region, createdAt: existing?.createdAt ?? context.now,
            operationId: operation.id)
        record(existing == nil ? .create : .update, instance, at: context.now)
        return instance
    }

    public mutating func deregisterSdInstance(_ request: SdInstanceDeregister, _ context: inout CommandContext)
        throws(NetctlError) -> SdInstance
    {
        let service = try sdService(request.service, in: context.scope)
        guard var instance = sdInstances[SdInstance.key(service.id, request.instanceId)] else {
            if let task = ecsInstances(of: service).first(where: { $0.instanceId == request.instanceId }) {
                throw NetctlError(
                    .resourceInUseException,
                    "Instance \(request.instanceId) of \(service.name) is ECS task \(task.ecsTaskArn ?? ""); ECS "
                        + "deregisters it when the task stops (`netctl ecs task stop`).")
            }
            throw NetctlError(
                .instanceNotFound,
                "No instance \(request.instanceId) is registered in service \(service.name) (\(service.id)).")
        }
        let operation = recordSdOperation(
            "DEREGISTER_INSTANCE", targets: ["SERVICE": service.id, "INSTANCE": request.instanceId], &context)
        instance.operationId = operation.id
        recordDeletion(instance, at: context.now)
        return instance
    }

    public func getSdInstance(_ request: SdInstanceGet, _ context: QueryContext) throws(NetctlError) -> SdInstance {
        let service = try sdService(request.service, in: context.scope)
        if let instance = sdInstances[SdInstance.key(service.id, request.instanceId)] { return instance }
        if let instance = ecsInstances(of: service).first(where: { $0.instanceId == request.instanceId }) {
            return instance
        }
        throw NetctlError(
            .instanceNotFound,
            "No instance \(request.instanceId) is registered in service \(service.name) (\(service.id)). List them with "
                + "`sd.instance.list`.")
    }

    public func listSdInstances(_ request: SdInstanceList, _ context: QueryContext) throws(NetctlError)
        -> SdInstanceListResponse
    {
        let service = try sdService(request.service, in: context.scope)
        let page = try Pagination.page(
            allSdInstances(of: service), maxResults: request.maxResults, nextToken: request.nextToken, range: 1...100)
        return SdInstanceListResponse(instances: page.items, nextToken: page.nextToken)
    }

    /// DiscoverInstances: the namespace and service by name; instances by health, required attributes
    /// (`queryParameters`) and preferred ones (`optionalParameters`).
    public func discoverSdInstances(_ request: SdInstanceDiscover, _ context: QueryContext) throws(NetctlError)
        -> SdInstanceDiscoverResponse
    {
        let namespaceName = request.namespace.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let namespaces = sdNamespaces.named(namespaceName, in: context.scope)
        guard !namespaces.isEmpty else {
            throw NetctlError(
                .namespaceNotFound, "No namespace named \(request.namespace) exists in \(context.scope).")
        }
        let serviceName = request.service.lowercased()
        guard
            let service = namespaces.lazy.compactMap({ namespace in
                self.sdServices.children(of: namespace.id).first { $0.name == serviceName }
            }).first
        else {
            throw NetctlError(
                .serviceNotFound,
                "No service named \(request.service) exists in namespace \(namespaceName). Create it with "
                    + "`sd.service.create`.")
        }
        let limit = request.maxResults ?? 100
        guard (1...1000).contains(limit) else {
            throw NetctlError(.invalidParameterException, "maxResults must be between 1 and 1000; got \(limit).")
        }
        let healthFilter = request.healthStatus ?? "HEALTHY"
        guard ["HEALTHY", "UNHEALTHY", "ALL", "HEALTHY_OR_ELSE_ALL"].contains(healthFilter) else {
            throw NetctlError(
                .invalidParameterException,
                "healthStatus '\(healthFilter)' is not HEALTHY, UNHEALTHY, ALL or HEALTHY_OR_ELSE_ALL.")
        }
        var found = allSdInstances(of: service).map { instance in
            SdDiscoveredInstance(
                instanceId: instance.instanceId, namespaceName: namespaceName, serviceName: service.name,
                healthStatus: service.customHealthChecks
                    ? (instance.attributes["AWS_INIT_HEALTH_STATUS"] ?? "HEALTHY") : "UNKNOWN",
                attributes: instance.attributes)
        }
        // Services without health checks return every instance whatever was asked.
        if service.customHealthChecks {
            switch healthFilter {
            case "HEALTHY": found = found.filter { $0.healthStatus == "HEALTHY" }
            case "UNHEALTHY": found = found.filter { $0.healthStatus == "UNHEALTHY" }
            case "HEALTHY_OR_ELSE_ALL":
                let healthy = found.filter { $0.healthStatus == "HEALTHY" }
                if !healthy.isEmpty { found = healthy }
            default: break
            }
        }
        func having(_ wanted: [String: String], _ instances: [SdDiscoveredInstance]) -> [SdDiscoveredInstance] {
            instances.filter { instance in wanted.allSatisfy { instance.attributes[$0.key] == $0.value } }
        }
        found = having(request.queryParameters ?? [:], found)
        if let optional = request.optionalParameters, !optional.isEmpty {
            let preferred = having(optional, found)
            if !preferred.isEmpty { found = preferred }
        }
        return SdInstanceDiscoverResponse(instances: Array(found.prefix(limit)))
    }

    // MARK: Operations

    public func getSdOperation(_ request: SdOperationGet, _ context: QueryContext) throws(NetctlError) -> SdOperation {
        guard let operation = sdOperations[request.operationId], operation.scope == context.scope else {
            throw NetctlError(
                .operationNotFound, "No operation \(request.operationId) exists in \(context.scope).")
        }
        return operation
    }

    /// netctld applies Cloud Map changes at once: the operation is SUCCESS from the start.
    mutating func recordSdOperation(_ type: String, targets: [String: String], _ context: inout CommandContext)
        -> SdOperation
    {
        let id = context.ids.make("", digits: 32) + "-" + context.ids.make("", digits: 8)
        let operation = SdOperation(
            id: id, type: type, status: "SUCCESS", targets: targets, accountId: context.accountId,
            region: context.region, createdAt: context.now, updatedAt: context.now)
        record(.create, operation, at: context.now)
        return operation
    }

    // MARK: Lookups

    /// A Cloud Map service by ID or ARN.
    public func sdService(_ reference: String, in scope: Scope) throws(NetctlError) -> SdService {
        let id = reference.hasPrefix("arn:") ? String(reference.split(separator: "/").last ?? "") : reference
        guard let service = sdServices[id], service.scope == scope else {
            throw NetctlError(
                .serviceNotFound,
                "No service \(reference) exists in \(scope). List them with `sd.service.list`.")
        }
        return service
    }

    func sdServiceView(_ service: SdService) -> SdService {
        var view = service
        view.instanceCount = sdInstances.childCount(of: service.id) + ecsInstances(of: service).count
        return view
    }

    /// Registered by hand, then ECS's, each in creation order.
    func allSdInstances(of service: SdService) -> [SdInstance] {
        sdInstances.children(of: service.id) + ecsInstances(of: service)
    }

    /// The ECS services (not INACTIVE) whose serviceRegistry names this service.
    func ecsServicesRegistered(as service: SdService) -> [EcsService] {
        ecsServices.children(of: service.namespaceId).filter {
            $0.status != "INACTIVE" && $0.serviceRegistry?.name.lowercased() == service.name
        }
    }

    /// The instances ECS registers: one per RUNNING task with an address, with the attributes ECS gives them.
    func ecsInstances(of service: SdService) -> [SdInstance] {
        ecsServicesRegistered(as: service).flatMap { ecsService in
            ecsTasks.children(of: EcsTask.serviceKey(ecsService.clusterArn, ecsService.serviceName)).compactMap {
                task -> SdInstance? in
                guard task.lastStatus == TaskStatus.running, task.desiredStatus == TaskStatus.running,
                    let address = task.privateIpAddress
                else { return nil }
                let family =
                    task.taskDefinitionArn.split(separator: "/").last.flatMap {
                        $0.split(separator: ":").first
                    }.map(String.init) ?? ""
                let clusterName = task.clusterArn.split(separator: "/").last.map(String.init) ?? ""
                return SdInstance(
                    instanceId: task.taskId, serviceId: service.id,
                    attributes: [
                        "AWS_INSTANCE_IPV4": address, "AWS_INIT_HEALTH_STATUS": "HEALTHY",
                        "AVAILABILITY_ZONE": task.availabilityZone, "ECS_CLUSTER_NAME": clusterName,
                        "ECS_SERVICE_NAME": ecsService.serviceName, "ECS_TASK_DEFINITION_FAMILY": family,
                        "REGION": task.region,
                    ], accountId: task.accountId, region: task.region, createdAt: task.createdAt,
                    ecsTaskArn: task.taskArn)
            }
        }
    }

    // MARK: Rules

    /// A DNS label (an `_` may start it, as SRV names do), at most 63 characters.
    static func validateSdServiceName(_ name: String) throws(NetctlError) {
        let body = name.hasPrefix("_") ? name.dropFirst() : name[...]
        let valid =
            (1...63).contains(name.count) && !body.isEmpty && body.first != "-" && body.last != "-"
            && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard valid else {
            throw NetctlError(
                .invalidParameterException,
                "Service name '\(name)' is not a DNS label: use 1 to 63 letters, digits and hyphens (an underscore may "
                    + "start it).")
        }
    }

    static func validateDnsRecords(_ records: [SdDnsRecord], routingPolicy: String) throws(NetctlError) {
        guard !records.isEmpty else {
            throw NetctlError(.invalidParameterException, "dnsRecords needs at least one record (A, AAAA, SRV, CNAME).")
        }
        for record in records {
            guard ["A", "AAAA", "SRV", "CNAME"].contains(record.type) else {
                throw NetctlError(
                    .invalidParameterException, "DNS record type '\(record.type)' is not A, AAAA, SRV or CNAME.")
            }
            guard (0...2_147_483_647).contains(record.ttl) else {
                throw NetctlError(
                    .invalidParameterException, "The TTL \(record.ttl) of the \(record.type) record is out of range.")
            }
        }
        if Set(records.map(\.type)).count != records.count {
            throw NetctlError(.invalidParameterException, "Each DNS record type may appear once in dnsRecords.")
        }
        if records.contains(where: { $0.type == "CNAME" }) && (records.count > 1 || routingPolicy != "WEIGHTED") {
            throw NetctlError(
                .invalidParameterException, "A CNAME record stands alone and needs routingPolicy WEIGHTED.")
        }
    }

    static func validateInstanceId(_ id: String) throws(NetctlError) {
        let valid =
            (1...64).contains(id.count)
            && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_/:.@".contains($0)) }
        guard valid else {
            throw NetctlError(
                .invalidParameterException,
                "Instance ID '\(id)' is invalid: use 1 to 64 letters, digits and - _ / : . @.")
        }
    }

    /// The attributes the service's DNS records need, well formed, within AWS's limits.
    static func validateAttributes(_ attributes: [String: String], for service: SdService) throws(NetctlError) {
        guard attributes.count <= maximumAttributesPerInstance else {
            throw NetctlError(
                .invalidParameterException,
                "An instance has at most \(maximumAttributesPerInstance) attributes; got \(attributes.count).")
        }
        for (key, value) in attributes where key.isEmpty || key.count > 255 || value.count > 1024 {
            throw NetctlError(
                .invalidParameterException,
                "Attribute '\(key)' is invalid: keys are 1 to 255 characters, values at most 1024.")
        }
        let types = Set(service.dnsRecords.map(\.type))
        if let address = attributes["AWS_INSTANCE_IPV4"] {
            guard IPv4Address(address) != nil else {
                throw NetctlError(.invalidParameterException, "AWS_INSTANCE_IPV4 '\(address)' is not an IPv4 address.")
            }
        } else if types.contains("A") {
            throw NetctlError(
                .invalidParameterException,
                "Service \(service.name) has an A record: register the instance with an AWS_INSTANCE_IPV4 attribute.")
        }
        if let port = attributes["AWS_INSTANCE_PORT"] {
            guard let number = Int(port), (1...65535).contains(number) else {
                throw NetctlError(.invalidParameterException, "AWS_INSTANCE_PORT '\(port)' is not a port (1-65535).")
            }
        } else if types.contains("SRV") {
            throw NetctlError(
                .invalidParameterException,
                "Service \(service.name) has an SRV record: register the instance with an AWS_INSTANCE_PORT attribute.")
        }
        if let health = attributes["AWS_INIT_HEALTH_STATUS"] {
            guard service.customHealthChecks else {
                throw NetctlError(
                    .invalidParameterException,
                    "AWS_INIT_HEALTH_STATUS applies only to services with custom health checks; \(service.name) has "
                        + "none.")
            }
            guard ["HEALTHY", "UNHEALTHY"].contains(health) else {
                throw NetctlError(
                    .invalidParameterException, "AWS_INIT_HEALTH_STATUS '\(health)' is not HEALTHY or UNHEALTHY.")
            }
        }
    }
}

extension ErrorCode {
    static let resourceLimitExceeded: Self = "ResourceLimitExceeded"
}
