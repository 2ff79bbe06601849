import NetctlAPI
import NetctlCore

/// CreateTags, DeleteTags and DescribeTags: netctl's `tags.*`, which reach every taggable kind.
extension EC2Actions {
    static let tags: [EC2Action] = [
        .make("CreateTags", mutating: true, supported: ["ResourceId", "Tag"]) {
            (input: EC2.CreateTagsRequest, context) throws(AWSError) in
            var tags: Tags = [:]
            for tag in input.tags {
                // A tag without a value gets the empty one, as AWS documents.
                tags[try key(of: tag)] = tag.value ?? ""
            }
            _ = try await context.run(TagsCreate(resources: input.resources, tags: tags))
            return EC2Return()
        },
        .make("DeleteTags", mutating: true, supported: ["ResourceId", "Tag"]) {
            (input: EC2.DeleteTagsRequest, context) throws(AWSError) in
            var selectors: [TagSelector]?
            if let tags = input.tags {
                selectors = []
                for tag in tags { selectors?.append(TagSelector(key: try key(of: tag), value: tag.value)) }
            }
            _ = try await context.run(TagsDelete(resources: input.resources, tags: selectors))
            return EC2Return()
        },
        .make("DescribeTags", mutating: false, supported: ["Filter", "MaxResults", "NextToken"]) {
            (input: EC2.DescribeTagsRequest, context) throws(AWSError) in
            let page = try await context.run(
                TagsList(filters: try Filters.netctl(input.filters), maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeTagsResult(
                nextToken: page.nextToken,
                tags: page.tags.map {
                    EC2.TagDescription(key: $0.key, resourceId: $0.resourceId, resourceType: $0.resourceType, value: $0.value)
                })
        },
    ]

    private static func key(of tag: EC2.Tag) throws(AWSError) -> String {
        guard let key = tag.key else { throw AWSError.missingParameter("The request must contain the parameter Tag.N.Key") }
        return key
    }
}
