import Foundation
import NetctlAPI

/// A kind of resource that EC2's CreateTags, DeleteTags and DescribeTags reach (netctl's `tags.*`).
/// The tag rules know kinds only through this protocol and `TaggableKinds.all`: a new kind needs
/// its conformance and one line there, and no change to the rules.
public protocol Taggable: StoredResource {
    /// AWS's name for the kind, DescribeTags' `resource-type`: `vpc`, `natgateway`, …
    static var tagResourceType: String { get }
    /// The prefix of the kind's IDs (`vpc`, `nat`, …): what tells which kind an ID names.
    static var idPrefix: String { get }
    /// What an unknown ID of the kind fails with.
    static var notFoundCode: ErrorCode { get }
    var tags: Tags { get set }
    /// Whether `scope` owns the tags now: only it may change them, and only it lists them.
    func tagsVisible(to scope: Scope, at now: Date) -> Bool
    /// Follows a change of the `Name` tag: kinds that keep a `name` beside their tags set it, after
    /// their own rule for names (VPC names are unique per account and region).
    mutating func rename(to name: String?, in state: State) throws(NetctlError)
}

extension Taggable {
    public func tagsVisible(to scope: Scope, at now: Date) -> Bool { self.scope == scope }
    public mutating func rename(to name: String?, in state: State) throws(NetctlError) {}
}

/// Every taggable kind, in the order DescribeTags lists kinds that were created in the same millisecond.
public enum TaggableKinds {
    public static let all: [any Taggable.Type] = [
        Vpc.self, Subnet.self, RouteTable.self, InternetGateway.self, NatGateway.self, NetworkInterface.self,
        Peering.self, Endpoint.self, ElasticIp.self,
        SecurityGroup.self,
        NetworkAcl.self,
        Instance.self,
        CustomerGateway.self, VpnGateway.self, VpnConnection.self,
    ]

    /// The kind an ID names by its prefix; an ID of no kind netctld has is `InvalidID`, as EC2 answers
    /// a malformed one.
    static func kind(of id: String) throws(NetctlError) -> any Taggable.Type {
        if let kind = all.first(where: { IDPrefix.matches(id, prefix: $0.idPrefix) }) { return kind }
        let prefixes = all.map { $0.idPrefix + "-…" }.joined(separator: ", ")
        throw NetctlError(
            .invalidID,
            "The ID '\(id)' is not valid. netctld tags resources with IDs of the form \(prefixes) "
                + "(the prefix and 17 hexadecimal digits).")
    }
}

extension Vpc: Taggable {
    public static let tagResourceType = "vpc"
    public static let idPrefix = IDPrefix.vpc
    public static let notFoundCode = ErrorCode.vpcNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) {
        if let name { try state.requireFreeVpcName(name, in: scope, except: vpcId) }
        self.name = name
    }
}

extension Subnet: Taggable {
    public static let tagResourceType = "subnet"
    public static let idPrefix = IDPrefix.subnet
    public static let notFoundCode = ErrorCode.subnetNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}

extension RouteTable: Taggable {
    public static let tagResourceType = "route-table"
    public static let idPrefix = IDPrefix.routeTable
    public static let notFoundCode = ErrorCode.routeTableNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}

extension InternetGateway: Taggable {
    public static let tagResourceType = "internet-gateway"
    public static let idPrefix = IDPrefix.internetGateway
    public static let notFoundCode = ErrorCode.internetGatewayNotFound
}

extension NatGateway: Taggable {
    public static let tagResourceType = "natgateway"
    public static let idPrefix = IDPrefix.natGateway
    public static let notFoundCode = ErrorCode.natGatewayNotFound
}

extension NetworkInterface: Taggable {
    public static let tagResourceType = "network-interface"
    public static let idPrefix = IDPrefix.networkInterface
    public static let notFoundCode = ErrorCode.networkInterfaceNotFound
}

extension Peering: Taggable {
    public static let tagResourceType = "vpc-peering-connection"
    public static let idPrefix = IDPrefix.peering
    public static let notFoundCode = ErrorCode.peeringNotFound

    /// Tags belong to the requester's account and region (the accepter sees none), for as long as the
    /// requester still sees the peering.
    public func tagsVisible(to scope: Scope, at now: Date) -> Bool {
        requesterScope == scope && PeeringRules.isVisible(self, side: .requester, at: now)
    }
}

extension Endpoint: Taggable {
    public static let tagResourceType = "vpc-endpoint"
    public static let idPrefix = IDPrefix.endpoint
    public static let notFoundCode = ErrorCode.endpointNotFound
}

extension ElasticIp: Taggable {
    public static let tagResourceType = "elastic-ip"
    public static let idPrefix = IDPrefix.elasticIp
    public static let notFoundCode = ErrorCode.allocationNotFound
}
