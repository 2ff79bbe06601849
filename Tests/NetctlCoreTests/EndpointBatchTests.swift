import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// `endpoint.deleteMany`, `endpoint.list {filters}` and the interface-endpoint changes `endpoint.modify` gained.
@Suite("Endpoint batches, filters and interface changes")
struct EndpointBatchTests {
    /// VPC a with subnets s1 (zone a), s2 (zone b), route table r1, a gateway endpoint on r1 and an
    /// interface endpoint in s1.
    static func setUp() throws -> (Fixture, gateway: Endpoint, interface: Endpoint) {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try f.subnet("a", "10.0.1.0/24", zone: "us-east-1a", name: "s1")
        try f.subnet("a", "10.0.2.0/24", zone: "us-east-1b", name: "s2")
        try f.routeTable("a", name: "r1")
        let gateway = try f.gatewayEndpoint("a", "s3", routeTables: ["r1"])
        let interface = try f.interfaceEndpoint("a", "logs", subnets: ["s1"])
        return (f, gateway, interface)
    }

    func deleteMany(_ f: inout Fixture, _ endpoints: [String]) throws(NetctlError) -> EndpointDeleteManyResponse {
        try f.run { s, c throws(NetctlError) in try s.deleteEndpoints(EndpointDeleteMany(endpoints: endpoints), &c) }
    }

    @Test("each endpoint is deleted or refused on its own; the known ones go with their routes and interfaces")
    func partialBatch() throws {
        var (f, gateway, interface) = try Self.setUp()
        let unknown = "vpce-0123456789abcdef0"
        let s1Before = try f.subnetNow(interface.subnetIds[0]).availableIpAddressCount
        _ = f.state.takeChanges()
        let result = try deleteMany(&f, [gateway.endpointId, unknown, interface.endpointId, gateway.endpointId])
        #expect(result.deleted.map(\.endpointId) == [gateway.endpointId, interface.endpointId])
        #expect(result.deleted.allSatisfy { $0.state == .deleted })
        #expect(result.unsuccessful.map(\.resourceId) == [unknown])
        #expect(result.unsuccessful.first?.code == ErrorCode.endpointNotFound.rawValue)
        #expect(result.unsuccessful.first?.message.contains(unknown) == true)
        #expect(f.state.endpoints.count == 0)
        #expect(try f.endpointRoutes(in: gateway.routeTableIds[0]).isEmpty)
        #expect(f.state.networkInterfaces.count == 0)
        #expect(try f.subnetNow(interface.subnetIds[0]).availableIpAddressCount == s1Before + 1)
        let events = f.state.takeChanges().events
        #expect(events.filter { $0.resourceType == .endpoint && $0.action == .delete }.count == 2)
    }

    @Test("a batch of unknown endpoints succeeds, changes nothing and lists every refusal")
    func allUnknown() throws {
        var (f, _, _) = try Self.setUp()
        let before = EndpointSnapshot(f.state)
        _ = f.state.takeChanges()
        let result = try deleteMany(&f, ["vpce-0123456789abcdef0", "nosuchname"])
        #expect(result.deleted.isEmpty)
        #expect(result.unsuccessful.map(\.code) == [ErrorCode.endpointNotFound.rawValue, ErrorCode.endpointNotFound.rawValue])
        #expect(EndpointSnapshot(f.state) == before)
        #expect(f.state.takeChanges().events.isEmpty)
    }

    @Test("an empty batch is refused")
    func emptyBatch() throws {
        var (f, _, _) = try Self.setUp()
        f.expectEndpointFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.deleteEndpoints(EndpointDeleteMany(endpoints: []), &c)
        }
    }

    @Test("endpoint.list filters by AWS's names and values, type in either spelling")
    func listFilters() throws {
        let (f, gateway, interface) = try Self.setUp()
        func ids(_ filters: [Filter]) throws(NetctlError) -> [String] {
            try f.state.listEndpoints(EndpointList(filters: filters), f.query()).endpoints.map(\.endpointId)
        }
        #expect(try ids([Filter(name: "vpc-endpoint-type", values: ["Gateway"])]) == [gateway.endpointId])
        #expect(try ids([Filter(name: "vpc-endpoint-type", values: ["interface"])]) == [interface.endpointId])
        #expect(try ids([Filter(name: "service-name", values: ["*.logs"])]) == [interface.endpointId])
        #expect(
            try ids([Filter(name: "vpc-endpoint-state", values: ["available"]), Filter(name: "vpc-id", values: [gateway.vpcId])])
                == [gateway.endpointId, interface.endpointId])
        #expect(try ids([Filter(name: "tag-key", values: ["Name"])]) == [])
        expectError(.invalidParameterValue) { () throws(NetctlError) in try ids([Filter(name: "color", values: ["x"])]) }
    }

    @Test("an interface endpoint's security groups and private DNS change; a gateway endpoint has neither")
    func interfaceChanges() throws {
        var (f, gateway, interface) = try Self.setUp()
        let sg1 = try f.securityGroup("a", "one").groupId
        let sg2 = try f.securityGroup("a", "two").groupId
        // Created without groups, the endpoint has the VPC's default group, as on AWS.
        let defaultGroup = try #require(f.state.defaultSecurityGroup(ofVpc: interface.vpcId)).groupId
        #expect(interface.securityGroupIds == [defaultGroup])
        var changed = try f.modifyEndpoint(EndpointModify(endpoint: interface.endpointId, addSecurityGroups: [sg1, sg2]))
        #expect(changed.securityGroupIds == [defaultGroup, sg1, sg2])
        changed = try f.modifyEndpoint(
            EndpointModify(endpoint: interface.endpointId, removeSecurityGroups: [sg1, defaultGroup]))
        #expect(changed.securityGroupIds == [sg2])
        f.expectEndpointFailure(.invalidParameterValue, "not attached") { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: interface.endpointId, removeSecurityGroups: [sg1]), &c)
        }
        f.expectEndpointFailure(.invalidParameterValue, "private DNS needs DNS hostnames") { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: interface.endpointId, privateDnsEnabled: true), &c)
        }
        try f.enableDnsHostnames("a")
        changed = try f.modifyEndpoint(EndpointModify(endpoint: interface.endpointId, privateDnsEnabled: true))
        #expect(changed.privateDnsEnabled)
        #expect(changed.dnsEntries.contains { $0.dnsName == "logs.us-east-1.amazonaws.com" })
        changed = try f.modifyEndpoint(EndpointModify(endpoint: interface.endpointId, privateDnsEnabled: false))
        #expect(!changed.dnsEntries.contains { $0.dnsName == "logs.us-east-1.amazonaws.com" })
        f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: gateway.endpointId, addSecurityGroups: [sg1]), &c)
        }
        f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: gateway.endpointId, privateDnsEnabled: false), &c)
        }
    }
}
