import Foundation
import NetctlAPI

/// The fixed catalogs of a region, the services and the AWS-managed prefix lists, read the way EC2's
/// Describe actions read them: by name, filtered and paged.
extension State {
    public func endpointServices(_ request: EndpointServices, _ context: QueryContext) throws(NetctlError)
        -> EndpointServicesResponse
    {
        var services = ServiceCatalog.services(region: context.scope.region)
        if let names = request.serviceNames, !names.isEmpty {
            var chosen = Set<String>()
            for name in names { chosen.insert(try ServiceCatalog.resolve(name, region: context.scope.region).serviceName) }
            services = services.filter { chosen.contains($0.serviceName) }
        }
        let filters = request.filters ?? []
        try EndpointServiceFilter.table.validate(filters)
        let page = try CatalogPaging.page(
            services.filter { EndpointServiceFilter.table.matches($0, filters) }, key: \.serviceName,
            maxResults: request.maxResults, nextToken: request.nextToken)
        return EndpointServicesResponse(
            serviceNames: page.items.map(\.serviceName), serviceDetails: page.items, nextToken: page.nextToken)
    }

    public func listPrefixLists(_ request: PrefixListList, _ context: QueryContext) throws(NetctlError)
        -> PrefixListListResponse
    {
        let filters = request.filters ?? []
        try PrefixListFilter.table.validate(filters)
        let page = try CatalogPaging.page(
            ServiceCatalog.prefixLists(region: context.scope.region).filter { PrefixListFilter.table.matches($0, filters) },
            key: \.prefixListId, maxResults: request.maxResults, nextToken: request.nextToken)
        return PrefixListListResponse(prefixLists: page.items, nextToken: page.nextToken)
    }

    /// By ID (`pl-…`) or name (`com.amazonaws.REGION.s3`), in the caller's region only.
    public func prefixList(_ reference: String, region: String) throws(NetctlError) -> PrefixList {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        guard
            let list = ServiceCatalog.prefixLists(region: region).first(where: {
                $0.prefixListId == reference || $0.prefixListName == reference
            })
        else {
            throw NetctlError(
                "InvalidPrefixListID.NotFound",
                "The prefix list ID '\(reference)' does not exist in \(region). List them with `netctl prefix-list list`.")
        }
        return list
    }

    public func prefixListEntries(_ request: PrefixListGetEntries, _ context: QueryContext) throws(NetctlError)
        -> PrefixListEntriesResponse
    {
        let list = try prefixList(request.prefixList, region: context.scope.region)
        let page = try CatalogPaging.page(
            list.cidrs.map(PrefixListEntry.init), key: \.cidr, maxResults: request.maxResults,
            nextToken: request.nextToken)
        return PrefixListEntriesResponse(entries: page.items, nextToken: page.nextToken)
    }
}

/// Paging over a small fixed catalog in the order of a unique key: the token names the last key
/// returned, so it stays valid for as long as the catalog does.
enum CatalogPaging {
    static let range = 1...1000

    static func page<Item>(
        _ items: [Item], key: (Item) -> String, maxResults: Int?, nextToken: String?
    ) throws(NetctlError) -> (items: [Item], nextToken: String?) {
        var remaining = items.sorted { key($0) < key($1) }[...]
        if let nextToken {
            guard let data = Data(base64Encoded: nextToken), let last = String(data: data, encoding: .utf8) else {
                throw NetctlError(.invalidNextToken, "The nextToken '\(nextToken)' is not valid. Start again without it.")
            }
            remaining = remaining.drop { key($0) <= last }
        }
        guard let maxResults else { return (Array(remaining), nil) }
        guard range.contains(maxResults) else {
            throw NetctlError(
                .invalidParameterValue,
                "maxResults must be between \(range.lowerBound) and \(range.upperBound); got \(maxResults).")
        }
        let page = Array(remaining.prefix(maxResults))
        guard remaining.count > maxResults, let last = page.last else { return (page, nil) }
        return (page, Data(key(last).utf8).base64EncodedString())
    }
}
