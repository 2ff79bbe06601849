import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// The service catalog and the AWS-managed prefix lists, read by name, filtered and paged.
@Suite("Catalog queries")
struct CatalogQueryTests {
    let state = State()
    let query = QueryContext(scope: testScope, now: testEpoch, quotas: Quotas())

    @Test("services by name or by type filter; an unknown name is InvalidServiceName")
    func services() throws {
        let named = try state.endpointServices(EndpointServices(serviceNames: ["s3", "com.amazonaws.us-east-1.logs"]), query)
        #expect(named.serviceNames == ["com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.s3"])
        #expect(named.serviceDetails.map(\.serviceName) == named.serviceNames)
        let gateways = try state.endpointServices(
            EndpointServices(filters: [Filter(name: "service-type", values: ["Gateway"])]), query)
        #expect(gateways.serviceNames == ["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"])
        let owned = try state.endpointServices(
            EndpointServices(filters: [Filter(name: "owner", values: ["amazon"]), Filter(name: "service-region", values: ["us-east-1"])]),
            query)
        #expect(owned.serviceNames.count == ServiceCatalog.services(region: "us-east-1").count)
        expectError(.invalidServiceName) { () throws(NetctlError) in
            try state.endpointServices(EndpointServices(serviceNames: ["s3", "nosuch"]), query)
        }
    }

    @Test("paging walks every service once, in name order, whatever the page size", arguments: [1, 5, 7, 1000])
    func servicePages(size: Int) throws {
        var seen: [String] = []
        var token: String?
        repeat {
            let page = try state.endpointServices(EndpointServices(maxResults: size, nextToken: token), query)
            #expect(page.serviceNames.count <= size)
            seen += page.serviceNames
            token = page.nextToken
        } while token != nil
        let all = ServiceCatalog.services(region: "us-east-1").map(\.serviceName).sorted()
        #expect(seen == all)
        expectError(.invalidNextToken) { () throws(NetctlError) in
            try state.endpointServices(EndpointServices(nextToken: "%%%"), query)
        }
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try state.endpointServices(EndpointServices(maxResults: 0), query)
        }
    }

    @Test("prefix lists by filter and by ID or name; entries page; an unknown list is InvalidPrefixListID.NotFound")
    func prefixLists() throws {
        let all = try state.listPrefixLists(PrefixListList(), query).prefixLists
        #expect(Set(all.map(\.prefixListName)) == ["com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"])
        let s3 = try state.prefixList("com.amazonaws.us-east-1.s3", region: "us-east-1")
        #expect(try state.prefixList(s3.prefixListId, region: "us-east-1") == s3)
        let filtered = try state.listPrefixLists(
            PrefixListList(filters: [Filter(name: "prefix-list-name", values: ["*.s3"]), Filter(name: "owner-id", values: ["AWS"])]),
            query)
        #expect(filtered.prefixLists == [s3])
        let first = try state.listPrefixLists(PrefixListList(maxResults: 1), query)
        let second = try state.listPrefixLists(PrefixListList(maxResults: 1, nextToken: first.nextToken), query)
        #expect(first.nextToken != nil && second.nextToken == nil)
        #expect(Set((first.prefixLists + second.prefixLists).map(\.prefixListId)) == Set(all.map(\.prefixListId)))

        var entries: [String] = []
        var token: String?
        repeat {
            let page = try state.prefixListEntries(PrefixListGetEntries(prefixList: s3.prefixListId, maxResults: 4, nextToken: token), query)
            entries += page.entries.map(\.cidr)
            token = page.nextToken
        } while token != nil
        #expect(entries == s3.cidrs.sorted())
        let error = expectError("InvalidPrefixListID.NotFound") { () throws(NetctlError) in
            try state.prefixList("pl-00000000", region: "us-east-1")
        }
        #expect(error?.message.contains("pl-00000000") == true)
        expectError("InvalidPrefixListID.NotFound", "another region's list") { () throws(NetctlError) in
            try state.prefixList(s3.prefixListId, region: "eu-west-1")
        }
    }
}
