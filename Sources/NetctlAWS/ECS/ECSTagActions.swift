import NetctlAPI

extension ECSActions {
    static let tags: [JSONAction] = [
        .make("ListTagsForResource", mutating: false, supported: ["resourceArn"]) {
            (input: ECS.ListTagsForResourceRequest, context) throws(AWSError) in
            let tags = try await context.run(EcsTagsList(resourceArn: input.resourceArn)).tags
            return ECS.ListTagsForResourceResponse(tags: ECSShapes.tagList(tags))
        },
        .make("TagResource", mutating: true, supported: ["resourceArn", "tags"]) {
            (input: ECS.TagResourceRequest, context) throws(AWSError) in
            _ = try await context.run(
                EcsTagsAdd(resourceArn: input.resourceArn, tags: try ECSShapes.tags(input.tags) ?? [:]))
            return ECS.TagResourceResponse()
        },
        .make("UntagResource", mutating: true, supported: ["resourceArn", "tagKeys"]) {
            (input: ECS.UntagResourceRequest, context) throws(AWSError) in
            _ = try await context.run(EcsTagsRemove(resourceArn: input.resourceArn, tagKeys: input.tagKeys))
            return ECS.UntagResourceResponse()
        },
    ]
}
