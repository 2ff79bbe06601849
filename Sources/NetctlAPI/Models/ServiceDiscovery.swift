import Foundation

/// A DNS record Cloud Map keeps for each instance of a service: `A`, `AAAA`, `SRV` or `CNAME`, with its TTL.
public struct SdDnsRecord: Codable, Sendable, Hashable {
    public var type: String
    public var ttl: Int
    public init(type: String, ttl: Int) {
        self.type = type
        self.ttl = ttl
    }
}

/// A Cloud Map service: a name in a namespace under which instances (addresses with attributes)
/// register, by hand or by ECS for the tasks of services registered under the same name.
public struct SdService: Codable, Sendable, Hashable {
    /// `srv-` and 16 characters.
    public var id: String
    public var arn: String
    public var name: String
    public var namespaceId: String
    public var description: String?
    /// `MULTIVALUE` or `WEIGHTED`.
    public var routingPolicy: String
    public var dnsRecords: [SdDnsRecord]
    /// Instances report their own health (`AWS_INIT_HEALTH_STATUS`), as with AWS's `HealthCheckCustomConfig`;
    /// without it every instance is reported `UNKNOWN` and discovery ignores health.
    public var customHealthChecks: Bool
    public var accountId: String
    public var region: String
    public var createdAt: Date
    /// Instances registered now, ECS tasks included (filled in when read).
    public var instanceCount: Int

    public init(
        id: String, arn: String, name: String, namespaceId: String, description: String?, routingPolicy: String,
        dnsRecords: [SdDnsRecord], customHealthChecks: Bool, accountId: String, region: String, createdAt: Date,
        instanceCount: Int = 0
    ) {
        self.id = id
        self.arn = arn
        self.name = name
        self.namespaceId = namespaceId
        self.description = description
        self.routingPolicy = routingPolicy
        self.dnsRecords = dnsRecords
        self.customHealthChecks = customHealthChecks
        self.accountId = accountId
        self.region = region
        self.createdAt = createdAt
        self.instanceCount = instanceCount
    }
}

/// An instance of a Cloud Map service: an ID unique in the service and its attributes
/// (`AWS_INSTANCE_IPV4`, `AWS_INSTANCE_PORT`, custom ones).
public struct SdInstance: Codable, Sendable, Hashable {
    public var instanceId: String
    public var serviceId: String
    public var attributes: [String: String]
    public var accountId: String
    public var region: String
    public var createdAt: Date
    /// For the instances ECS registers, one per RUNNING task of an ECS service registered under the
    /// service's name: the task's ARN. ECS owns them: they come and go with the tasks.
    public var ecsTaskArn: String?
    /// The Cloud Map operation of the instance's last registration or deregistration (`sd.operation.get`).
    public var operationId: String?

    public init(
        instanceId: String, serviceId: String, attributes: [String: String], accountId: String, region: String,
        createdAt: Date, ecsTaskArn: String? = nil, operationId: String? = nil
    ) {
        self.instanceId = instanceId
        self.serviceId = serviceId
        self.attributes = attributes
        self.accountId = accountId
        self.region = region
        self.createdAt = createdAt
        self.ecsTaskArn = ecsTaskArn
        self.operationId = operationId
    }
}

/// A Cloud Map operation: AWS applies namespace and instance changes asynchronously and reports
/// them as operations; netctld applies them at once, so each is `SUCCESS` when created.
public struct SdOperation: Codable, Sendable, Hashable {
    public var id: String
    /// `CREATE_NAMESPACE`, `DELETE_NAMESPACE`, `REGISTER_INSTANCE` or `DEREGISTER_INSTANCE`.
    public var type: String
    /// `SUBMITTED`, `PENDING`, `SUCCESS` or `FAIL`.
    public var status: String
    /// What it changed: `NAMESPACE`, `SERVICE` and `INSTANCE` to their IDs.
    public var targets: [String: String]
    public var accountId: String
    public var region: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, type: String, status: String, targets: [String: String], accountId: String, region: String,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.type = type
        self.status = status
        self.targets = targets
        self.accountId = accountId
        self.region = region
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// An instance as `sd.instance.discover` finds it: by namespace and service name, with its health.
public struct SdDiscoveredInstance: Codable, Sendable, Hashable {
    public var instanceId: String
    public var namespaceName: String
    public var serviceName: String
    /// `HEALTHY`, `UNHEALTHY`, or `UNKNOWN` for services without custom health checks.
    public var healthStatus: String
    public var attributes: [String: String]
    public init(
        instanceId: String, namespaceName: String, serviceName: String, healthStatus: String,
        attributes: [String: String]
    ) {
        self.instanceId = instanceId
        self.namespaceName = namespaceName
        self.serviceName = serviceName
        self.healthStatus = healthStatus
        self.attributes = attributes
    }
}
