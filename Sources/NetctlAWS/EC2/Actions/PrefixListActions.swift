import NetctlAPI
import NetctlCore

/// The AWS-managed prefix lists (S3 and DynamoDB) that gateway endpoints route through.
extension EC2Actions {
    static let prefixLists: [EC2Action] = [
        .make("DescribePrefixLists", mutating: false, supported: ["PrefixListId", "Filter", "MaxResults", "NextToken"]) {
            (input: EC2.DescribePrefixListsRequest, context) throws(AWSError) in
            let page = try await listed(input.prefixListIds, input.filters, input.maxResults, input.nextToken, context)
            return EC2.DescribePrefixListsResult(nextToken: page.nextToken, prefixLists: page.prefixLists.map(EC2.PrefixList.init))
        },
        .make("DescribeManagedPrefixLists", mutating: false, supported: ["PrefixListId", "Filter", "MaxResults", "NextToken"]) {
            (input: EC2.DescribeManagedPrefixListsRequest, context) throws(AWSError) in
            let page = try await listed(input.prefixListIds, input.filters, input.maxResults, input.nextToken, context)
            return EC2.DescribeManagedPrefixListsResult(
                nextToken: page.nextToken,
                prefixLists: page.prefixLists.map { EC2.ManagedPrefixList($0, region: context.region) })
        },
        .make("GetManagedPrefixListEntries", mutating: false, supported: ["PrefixListId", "MaxResults", "NextToken"]) {
            (input: EC2.GetManagedPrefixListEntriesRequest, context) throws(AWSError) in
            let page = try await context.run(
                PrefixListGetEntries(prefixList: input.prefixListId, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.GetManagedPrefixListEntriesResult(
                entries: page.entries.map { EC2.PrefixListEntry(cidr: $0.cidr) }, nextToken: page.nextToken)
        },
    ]

    /// Each ID is looked up first so an unknown one fails with InvalidPrefixListID.NotFound.
    private static func listed(
        _ ids: [String]?, _ filters: [EC2.Filter]?, _ maxResults: Int?, _ nextToken: String?, _ context: ActionContext
    ) async throws(AWSError) -> PrefixListListResponse {
        let known = try await context.each(ids ?? []) { PrefixListGet(prefixList: $0) }.map(\.prefixListId)
        let filters = DescribeByIds.filters(try Filters.netctl(filters), ids: known, idFilter: "prefix-list-id")
        return try await context.run(PrefixListList(filters: filters, maxResults: maxResults, nextToken: nextToken))
    }
}
