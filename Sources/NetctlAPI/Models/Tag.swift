/// One tag of one resource, as `tags.list` answers it.
public struct TagDescription: Codable, Sendable, Hashable {
    public var resourceId: String
    /// AWS's name for the resource's kind: `vpc`, `subnet`, `route-table`, `internet-gateway`,
    /// `natgateway`, `network-interface`, `vpc-peering-connection`, `vpc-endpoint`.
    public var resourceType: String
    public var key: String
    public var value: String

    public init(resourceId: String, resourceType: String, key: String, value: String) {
        self.resourceId = resourceId
        self.resourceType = resourceType
        self.key = key
        self.value = value
    }
}

/// The codes only the tag methods answer with.
extension ErrorCode {
    /// An ID that names no kind of resource netctld has (EC2's code for a malformed resource ID).
    public static let invalidID: Self = "InvalidID"
    public static let networkInterfaceNotFound: Self = "InvalidNetworkInterfaceID.NotFound"
}
