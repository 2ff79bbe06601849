import NetctlAPI

/// The tags of a create action for resources whose Name netctl keeps among their tags (peerings,
/// endpoints), unlike VPCs and subnets, which keep it apart as `name`.
enum TagsIncludingName {
    static func from(_ specifications: [EC2.TagSpecification]?, for resourceType: String) throws(AWSError) -> Tags? {
        let (name, tags) = try Tagging.split(specifications, for: resourceType)
        guard var tags else { return nil }
        if let name { tags["Name"] = name }
        return tags
    }
}
