import Foundation
import NetctlAPI

/// The Cloud Map operations netctld serves: each becomes netctl's own `sd.*` requests, so the
/// namespaces, services and instances (ECS tasks included) are one set whichever door is used.
enum ServiceDiscoveryActions {
    static let all: [JSONAction] = namespaces + services + instances

    /// netctl's codes that Cloud Map names otherwise: every malformed value is `InvalidInput`.
    static let translate: @Sendable (NetctlError) -> AWSError? = { error in
        switch error.code {
        case .invalidParameterException, .invalidParameterValue, .invalidParameterCombination, .missingParameter,
            .invalidNextToken, .idempotentParameterMismatch, .invalidClientToken, .vpcNotFound:
            AWSError(code: "InvalidInput", message: error.message)
        case .resourceInUseException: AWSError(code: "ResourceInUse", message: error.message)
        case .limitExceededException: AWSError(code: "ResourceLimitExceeded", message: error.message)
        default: nil
        }
    }

    static func refuse(_ member: String, of action: String, if present: Bool) throws(AWSError) {
        guard present else { return }
        throw AWSError.unsupportedParameter(member, of: action, code: "InvalidInput")
    }
}

extension ServiceDiscoveryActions {
    static let namespaces: [JSONAction] = [
        .make(
            "CreatePrivateDnsNamespace", mutating: true, supported: ["Name", "Vpc", "Description", "CreatorRequestId"],
            clientToken: { $0.creatorRequestId }
        ) { (input: ServiceDiscovery.CreatePrivateDnsNamespaceRequest, context) throws(AWSError) in
            let namespace = try await context.run(
                SdNamespaceCreate(name: input.name, vpc: input.vpc, description: input.description))
            return ServiceDiscovery.CreatePrivateDnsNamespaceResponse(operationId: namespace.operationId)
        },
        .make("GetNamespace", mutating: false, supported: ["Id"]) {
            (input: ServiceDiscovery.GetNamespaceRequest, context) throws(AWSError) in
            let namespace = try await context.run(SdNamespaceGet(name: input.id))
            let services = try await context.run(SdServiceList(namespace: namespace.id)).services.count
            return ServiceDiscovery.GetNamespaceResponse(
                namespace: ServiceDiscovery.Namespace(namespace, serviceCount: services))
        },
        .make("ListNamespaces", mutating: false, supported: ["NextToken", "MaxResults"]) {
            (input: ServiceDiscovery.ListNamespacesRequest, context) throws(AWSError) in
            let list = try await context.run(SdNamespaceList(maxResults: input.maxResults, nextToken: input.nextToken))
            let counts = Dictionary(
                grouping: try await context.run(SdServiceList()).services, by: \.namespaceId
            ).mapValues(\.count)
            return ServiceDiscovery.ListNamespacesResponse(
                namespaces: list.namespaces.map {
                    ServiceDiscovery.NamespaceSummary($0, serviceCount: counts[$0.id] ?? 0)
                }, nextToken: list.nextToken)
        },
        .make("DeleteNamespace", mutating: true, supported: ["Id"]) {
            (input: ServiceDiscovery.DeleteNamespaceRequest, context) throws(AWSError) in
            guard input.id.hasPrefix("ns-") else {
                throw AWSError(code: "NamespaceNotFound", message: "No namespace has the ID '\(input.id)'.")
            }
            let namespace = try await context.run(SdNamespaceDelete(name: input.id))
            return ServiceDiscovery.DeleteNamespaceResponse(operationId: namespace.operationId)
        },
        .make("GetOperation", mutating: false, supported: ["OperationId"]) {
            (input: ServiceDiscovery.GetOperationRequest, context) throws(AWSError) in
            let operation = try await context.run(SdOperationGet(operationId: input.operationId))
            return ServiceDiscovery.GetOperationResponse(
                operation: ServiceDiscovery.Operation(
                    id: operation.id, ownerAccount: operation.accountId, type: operation.type,
                    status: operation.status, createDate: operation.createdAt, updateDate: operation.updatedAt,
                    targets: operation.targets))
        },
    ]
}

extension ServiceDiscoveryActions {
    static let services: [JSONAction] = [
        .make(
            "CreateService", mutating: true,
            supported: [
                "Name", "NamespaceId", "CreatorRequestId", "Description", "DnsConfig", "HealthCheckCustomConfig",
            ],
            clientToken: { $0.creatorRequestId }
        ) { (input: ServiceDiscovery.CreateServiceRequest, context) throws(AWSError) in
            guard let namespaceId = input.namespaceId ?? input.dnsConfig?.namespaceId else {
                throw AWSError(
                    code: "InvalidInput", message: "Give the service's NamespaceId (or DnsConfig.NamespaceId).")
            }
            var records: [SdDnsRecord]?
            if let given = input.dnsConfig?.dnsRecords {
                records = []
                for (index, record) in given.enumerated() {
                    guard let type = record.type, let ttl = record.ttl else {
                        throw AWSError(
                            code: "InvalidInput", message: "DnsConfig.DnsRecords[\(index)] needs a Type and a TTL.")
                    }
                    records?.append(SdDnsRecord(type: type, ttl: ttl))
                }
            }
            let service = try await context.run(
                SdServiceCreate(
                    name: input.name, namespace: namespaceId, description: input.description, dnsRecords: records,
                    routingPolicy: input.dnsConfig?.routingPolicy,
                    customHealthChecks: input.healthCheckCustomConfig != nil ? true : nil))
            return ServiceDiscovery.CreateServiceResponse(service: ServiceDiscovery.Service(service))
        },
        .make("GetService", mutating: false, supported: ["Id"]) {
            (input: ServiceDiscovery.GetServiceRequest, context) throws(AWSError) in
            ServiceDiscovery.GetServiceResponse(
                service: ServiceDiscovery.Service(try await context.run(SdServiceGet(service: input.id))))
        },
        .make("ListServices", mutating: false, supported: ["NextToken", "MaxResults", "Filters"]) {
            (input: ServiceDiscovery.ListServicesRequest, context) throws(AWSError) in
            var namespace: String?
            for filter in input.filters ?? [] {
                guard filter.name == "NAMESPACE_ID", filter.condition ?? "EQ" == "EQ", filter.values.count == 1 else {
                    throw AWSError(
                        code: "InvalidInput",
                        message: "netctld filters services by NAMESPACE_ID with condition EQ and one value only.")
                }
                namespace = filter.values[0]
            }
            let list = try await context.run(
                SdServiceList(namespace: namespace, maxResults: input.maxResults, nextToken: input.nextToken))
            return ServiceDiscovery.ListServicesResponse(
                services: list.services.map(ServiceDiscovery.ServiceSummary.init), nextToken: list.nextToken)
        },
        .make("DeleteService", mutating: true, supported: ["Id"]) {
            (input: ServiceDiscovery.DeleteServiceRequest, context) throws(AWSError) in
            _ = try await context.run(SdServiceDelete(service: input.id))
            return ServiceDiscovery.DeleteServiceResponse()
        },
    ]
}

extension ServiceDiscoveryActions {
    static let instances: [JSONAction] = [
        .make(
            "RegisterInstance", mutating: true,
            supported: ["ServiceId", "InstanceId", "CreatorRequestId", "Attributes"],
            clientToken: { $0.creatorRequestId }
        ) { (input: ServiceDiscovery.RegisterInstanceRequest, context) throws(AWSError) in
            let instance = try await context.run(
                SdInstanceRegister(service: input.serviceId, instanceId: input.instanceId, attributes: input.attributes)
            )
            return ServiceDiscovery.RegisterInstanceResponse(operationId: instance.operationId)
        },
        .make("DeregisterInstance", mutating: true, supported: ["ServiceId", "InstanceId"]) {
            (input: ServiceDiscovery.DeregisterInstanceRequest, context) throws(AWSError) in
            let instance = try await context.run(
                SdInstanceDeregister(service: input.serviceId, instanceId: input.instanceId))
            return ServiceDiscovery.DeregisterInstanceResponse(operationId: instance.operationId)
        },
        .make("GetInstance", mutating: false, supported: ["ServiceId", "InstanceId"]) {
            (input: ServiceDiscovery.GetInstanceRequest, context) throws(AWSError) in
            let instance = try await context.run(SdInstanceGet(service: input.serviceId, instanceId: input.instanceId))
            return ServiceDiscovery.GetInstanceResponse(
                resourceOwner: instance.accountId,
                instance: ServiceDiscovery.Instance(
                    id: instance.instanceId, attributes: instance.attributes, createdByAccount: instance.accountId))
        },
        .make("ListInstances", mutating: false, supported: ["ServiceId", "NextToken", "MaxResults"]) {
            (input: ServiceDiscovery.ListInstancesRequest, context) throws(AWSError) in
            let list = try await context.run(
                SdInstanceList(service: input.serviceId, maxResults: input.maxResults, nextToken: input.nextToken))
            return ServiceDiscovery.ListInstancesResponse(
                resourceOwner: context.accountId,
                instances: list.instances.map {
                    ServiceDiscovery.InstanceSummary(
                        id: $0.instanceId, attributes: $0.attributes, createdByAccount: $0.accountId)
                }, nextToken: list.nextToken)
        },
        .make(
            "DiscoverInstances", mutating: false,
            supported: [
                "NamespaceName", "ServiceName", "MaxResults", "QueryParameters", "OptionalParameters", "HealthStatus",
            ]
        ) { (input: ServiceDiscovery.DiscoverInstancesRequest, context) throws(AWSError) in
            let found = try await context.run(
                SdInstanceDiscover(
                    namespace: input.namespaceName, service: input.serviceName, healthStatus: input.healthStatus,
                    queryParameters: input.queryParameters, optionalParameters: input.optionalParameters,
                    maxResults: input.maxResults))
            return ServiceDiscovery.DiscoverInstancesResponse(
                instances: found.instances.map {
                    ServiceDiscovery.HttpInstanceSummary(
                        instanceId: $0.instanceId, namespaceName: $0.namespaceName, serviceName: $0.serviceName,
                        healthStatus: $0.healthStatus, attributes: $0.attributes)
                })
        },
    ]
}

extension ServiceDiscovery.Namespace {
    init(_ namespace: SdNamespace, serviceCount: Int) {
        self.init(
            id: namespace.id, arn: namespace.arn, resourceOwner: namespace.accountId, name: namespace.name,
            type: namespace.type, description: namespace.description, serviceCount: serviceCount,
            properties: ServiceDiscovery.NamespaceProperties(
                httpProperties: ServiceDiscovery.HttpProperties(httpName: namespace.name)),
            createDate: namespace.createdAt)
    }
}

extension ServiceDiscovery.NamespaceSummary {
    init(_ namespace: SdNamespace, serviceCount: Int) {
        self.init(
            id: namespace.id, arn: namespace.arn, resourceOwner: namespace.accountId, name: namespace.name,
            type: namespace.type, description: namespace.description, serviceCount: serviceCount,
            properties: ServiceDiscovery.NamespaceProperties(
                httpProperties: ServiceDiscovery.HttpProperties(httpName: namespace.name)),
            createDate: namespace.createdAt)
    }
}

extension ServiceDiscovery.DnsConfig {
    init(_ service: SdService) {
        self.init(
            namespaceId: service.namespaceId, routingPolicy: service.routingPolicy,
            dnsRecords: service.dnsRecords.map { ServiceDiscovery.DnsRecord(type: $0.type, ttl: $0.ttl) })
    }
}

extension ServiceDiscovery.Service {
    init(_ service: SdService) {
        self.init(
            id: service.id, arn: service.arn, resourceOwner: service.accountId, name: service.name,
            namespaceId: service.namespaceId, description: service.description, instanceCount: service.instanceCount,
            dnsConfig: ServiceDiscovery.DnsConfig(service), type: "DNS_HTTP",
            healthCheckCustomConfig: service.customHealthChecks
                ? ServiceDiscovery.HealthCheckCustomConfig(failureThreshold: 1) : nil,
            createDate: service.createdAt, createdByAccount: service.accountId)
    }
}

extension ServiceDiscovery.ServiceSummary {
    init(_ service: SdService) {
        self.init(
            id: service.id, arn: service.arn, resourceOwner: service.accountId, name: service.name, type: "DNS_HTTP",
            description: service.description, instanceCount: service.instanceCount,
            dnsConfig: ServiceDiscovery.DnsConfig(service),
            healthCheckCustomConfig: service.customHealthChecks
                ? ServiceDiscovery.HealthCheckCustomConfig(failureThreshold: 1) : nil,
            createDate: service.createdAt, createdByAccount: service.accountId)
    }
}
