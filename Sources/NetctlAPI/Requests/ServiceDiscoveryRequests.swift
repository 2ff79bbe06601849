import Foundation

public struct SdNamespaceCreate: RPCMethod {
    public typealias Response = SdNamespace
    public static let method = "sd.namespace.create"
    public static let summary = "Create a private DNS namespace in a VPC for service discovery."
    /// A DNS name such as backend.example.
    public var name: String
    public var vpc: String
    public init(name: String, vpc: String) {
        self.name = name
        self.vpc = vpc
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
