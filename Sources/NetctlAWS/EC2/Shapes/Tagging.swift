import NetctlAPI
import NetctlCore

/// AWS keeps a resource's name as its `Name` tag; netctl keeps it as `name` beside the other tags.
enum Tagging {
    static func ec2Tags(name: String?, tags: Tags) -> [EC2.Tag] {
        var all = tags
        if let name, all["Name"] == nil { all["Name"] = name }
        return all.keys.sorted().map { EC2.Tag(key: $0, value: all[$0]) }
    }

    /// The tags a create action's `TagSpecification.N` gives a resource type, split into netctl's
    /// name and other tags. A specification for another resource type is refused as AWS does.
    static func split(_ specifications: [EC2.TagSpecification]?, for resourceType: String) throws(AWSError)
        -> (name: String?, tags: Tags?)
    {
        guard let specifications, !specifications.isEmpty else { return (nil, nil) }
        var tags: Tags = [:]
        for specification in specifications {
            guard specification.resourceType == resourceType else {
                throw AWSError.invalidParameterValue(
                    "'\(specification.resourceType ?? "")' is not a valid taggable resource type for this operation; "
                        + "use '\(resourceType)'.")
            }
            for tag in specification.tags ?? [] {
                guard let key = tag.key else {
                    throw AWSError.missingParameter("The request must contain the parameter Tag.N.Key")
                }
                tags[key] = tag.value ?? ""
            }
        }
        let name = tags.removeValue(forKey: "Name")
        return (name, tags)
    }
}

/// netctl's `Filter` from EC2's `Filter.N.Name`/`Value.M`.
enum Filters {
    static func validate<Resource>(_ filters: [Filter], in table: FilterTable<Resource>) throws(AWSError) {
        do { try table.validate(filters) } catch { throw AWSError(error) }
    }

    static func netctl(_ filters: [EC2.Filter]?) throws(AWSError) -> [Filter] {
        var converted: [Filter] = []
        for filter in filters ?? [] {
            guard let name = filter.name else {
                throw AWSError.missingParameter("The request must contain the parameter Filter.N.Name")
            }
            converted.append(Filter(name: name, values: filter.values ?? []))
        }
        return converted
    }
}

/// Describe by IDs as AWS has it: an unknown ID fails the whole call with its `…NotFound` code, and
/// IDs cannot be combined with `MaxResults`.
enum DescribeByIds {
    static func check(ids: [String]?, maxResults: Int?, idParameter: String) throws(AWSError) {
        if let ids, !ids.isEmpty, maxResults != nil {
            throw AWSError(
                code: "InvalidParameterCombination",
                message: "The parameter \(idParameter) cannot be used with the parameter MaxResults")
        }
    }

    /// The filters with the ID filter added when IDs are given.
    static func filters(_ filters: [Filter], ids: [String]?, idFilter: String) -> [Filter] {
        guard let ids, !ids.isEmpty else { return filters }
        return filters + [Filter(name: idFilter, values: ids)]
    }
}
