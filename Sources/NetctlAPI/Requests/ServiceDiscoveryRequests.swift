import Foundation

public struct SdNamespaceCreate: RPCMethod {
    public typealias Response = SdNamespace
    public static let method = "sd.namespace.create"
    public static let summary = "Create a private DNS namespace in a VPC for service discovery."
    /// A DNS name such as backend.example.
    public var name: String
    public var vpc: String
    public var description: String?
    public init(name: String, vpc: String, description: String? = nil) {
        self.name = name
        self.vpc = vpc
        self.description = description
    }
}

public struct SdNamespaceList: RPCMethod {
    public typealias Response = SdNamespaceListResponse
    public static let method = "sd.namespace.list"
    public static let summary = "The caller's service-discovery namespaces."
    public var maxResults: Int?
    public var nextToken: String?
    public init(maxResults: Int? = nil, nextToken: String? = nil) {
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct SdNamespaceListResponse: Codable, Sendable, Hashable {
    public var namespaces: [SdNamespace]
    public var nextToken: String?
    public init(namespaces: [SdNamespace], nextToken: String? = nil) {
        self.namespaces = namespaces
        self.nextToken = nextToken
    }
}

public struct SdNamespaceDelete: RPCMethod {
    public typealias Response = SdNamespace
    public static let method = "sd.namespace.delete"
    public static let summary = "Delete a namespace no service registers in."
    /// The namespace's name or ID.
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct SdResolve: RPCMethod {
    public typealias Response = SdResolveResponse
    public static let method = "sd.resolve"
    public static let summary = "The private IPs of the RUNNING tasks registered as NAME.NAMESPACE."
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct SdResolveResponse: Codable, Sendable, Hashable {
    public var name: String
    public var addresses: [String]
    public init(name: String, addresses: [String]) {
        self.name = name
        self.addresses = addresses
    }
}

public struct SdNamespaceGet: RPCMethod {
    public typealias Response = SdNamespace
    public static let method = "sd.namespace.get"
    public static let summary = "One service-discovery namespace."
    /// The namespace's name or ID.
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct SdServiceCreate: RPCMethod {
    public typealias Response = SdService
    public static let method = "sd.service.create"
    public static let summary = "Create a Cloud Map service in a namespace: a name instances register under."
    /// A DNS label, unique in the namespace.
    public var name: String
    /// The namespace's name or ID.
    public var namespace: String
    public var description: String?
    /// Default: one `A` record with a TTL of 60 seconds.
    public var dnsRecords: [SdDnsRecord]?
    /// `MULTIVALUE` (default) or `WEIGHTED`.
    public var routingPolicy: String?
    /// Instances report their own health (AWS's `HealthCheckCustomConfig`); default false.
    public var customHealthChecks: Bool?
    public init(
        name: String, namespace: String, description: String? = nil, dnsRecords: [SdDnsRecord]? = nil,
        routingPolicy: String? = nil, customHealthChecks: Bool? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.description = description
        self.dnsRecords = dnsRecords
        self.routingPolicy = routingPolicy
        self.customHealthChecks = customHealthChecks
    }
}

public struct SdServiceGet: RPCMethod {
    public typealias Response = SdService
    public static let method = "sd.service.get"
    public static let summary = "One Cloud Map service with its instance count."
    /// The service's ID or ARN.
    public var service: String
    public init(service: String) {
        self.service = service
    }
}

public struct SdServiceList: RPCMethod {
    public typealias Response = SdServiceListResponse
    public static let method = "sd.service.list"
    public static let summary = "The caller's Cloud Map services, or those of one namespace."
    /// The namespace's name or ID.
    public var namespace: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(namespace: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.namespace = namespace
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct SdServiceListResponse: Codable, Sendable, Hashable {
    public var services: [SdService]
    public var nextToken: String?
    public init(services: [SdService], nextToken: String? = nil) {
        self.services = services
        self.nextToken = nextToken
    }
}

public struct SdServiceDelete: RPCMethod {
    public typealias Response = SdService
    public static let method = "sd.service.delete"
    public static let summary = "Delete a Cloud Map service with no instances and no ECS service registered under it."
    /// The service's ID or ARN.
    public var service: String
    public init(service: String) {
        self.service = service
    }
}

public struct SdInstanceRegister: RPCMethod {
    public typealias Response = SdInstance
    public static let method = "sd.instance.register"
    public static let summary =
        "Register an instance (ID and attributes such as AWS_INSTANCE_IPV4) in a Cloud Map service, or replace one."
    /// The service's ID or ARN.
    public var service: String
    public var instanceId: String
    public var attributes: [String: String]
    public init(service: String, instanceId: String, attributes: [String: String]) {
        self.service = service
        self.instanceId = instanceId
        self.attributes = attributes
    }
}

public struct SdInstanceDeregister: RPCMethod {
    public typealias Response = SdInstance
    public static let method = "sd.instance.deregister"
    public static let summary = "Deregister an instance registered by hand from a Cloud Map service."
    public var service: String
    public var instanceId: String
    public init(service: String, instanceId: String) {
        self.service = service
        self.instanceId = instanceId
    }
}

public struct SdInstanceGet: RPCMethod {
    public typealias Response = SdInstance
    public static let method = "sd.instance.get"
    public static let summary = "One instance of a Cloud Map service, registered by hand or by ECS."
    public var service: String
    public var instanceId: String
    public init(service: String, instanceId: String) {
        self.service = service
        self.instanceId = instanceId
    }
}

public struct SdInstanceList: RPCMethod {
    public typealias Response = SdInstanceListResponse
    public static let method = "sd.instance.list"
    public static let summary = "The instances of a Cloud Map service: registered by hand, then ECS's running tasks."
    public var service: String
    public var maxResults: Int?
    public var nextToken: String?
    public init(service: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.service = service
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct SdInstanceListResponse: Codable, Sendable, Hashable {
    public var instances: [SdInstance]
    public var nextToken: String?
    public init(instances: [SdInstance], nextToken: String? = nil) {
        self.instances = instances
        self.nextToken = nextToken
    }
}

public struct SdInstanceDiscover: RPCMethod {
    public typealias Response = SdInstanceDiscoverResponse
    public static let method = "sd.instance.discover"
    public static let summary =
        "The instances of NAMESPACE's service NAME, as DiscoverInstances: by health and attribute filters."
    /// The namespace's name.
    public var namespace: String
    /// The service's name.
    public var service: String
    /// `HEALTHY`, `UNHEALTHY`, `ALL` or `HEALTHY_OR_ELSE_ALL` (default `ALL`); services without custom
    /// health checks ignore it.
    public var healthStatus: String?
    /// Attributes every instance returned must have.
    public var queryParameters: [String: String]?
    /// Attributes preferred: applied when some instances have them all, else ignored.
    public var optionalParameters: [String: String]?
    /// 1 to 1000 (default 100).
    public var maxResults: Int?
    public init(
        namespace: String, service: String, healthStatus: String? = nil, queryParameters: [String: String]? = nil,
        optionalParameters: [String: String]? = nil, maxResults: Int? = nil
    ) {
        self.namespace = namespace
        self.service = service
        self.healthStatus = healthStatus
        self.queryParameters = queryParameters
        self.optionalParameters = optionalParameters
        self.maxResults = maxResults
    }
}

public struct SdInstanceDiscoverResponse: Codable, Sendable, Hashable {
    public var instances: [SdDiscoveredInstance]
    public init(instances: [SdDiscoveredInstance]) {
        self.instances = instances
    }
}

public struct SdOperationGet: RPCMethod {
    public typealias Response = SdOperation
    public static let method = "sd.operation.get"
    public static let summary =
        "One Cloud Map operation: a namespace created or deleted, an instance registered or not."
    public var operationId: String
    public init(operationId: String) {
        self.operationId = operationId
    }
}

extension ErrorCode {
    // Cloud Map's own codes.
    public static let serviceNotFound: Self = "ServiceNotFound"
    public static let serviceAlreadyExists: Self = "ServiceAlreadyExists"
    public static let instanceNotFound: Self = "InstanceNotFound"
    public static let operationNotFound: Self = "OperationNotFound"
    public static let resourceInUse: Self = "ResourceInUse"
    public static let invalidInput: Self = "InvalidInput"
}
