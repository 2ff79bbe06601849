import Foundation
import NetctlAPI
import NetctlCore
import Testing

/// Golden strings of change events: `action` and `resourceType` are stored in state.db and written
/// to change logs and `watch.subscribe` messages exactly as these strings, as they were before they
/// became enums. (Here rather than in NetctlAPITests: the enums live in NetctlCore.)
@Suite("Change event strings (golden)")
struct ChangeEventWireTests {
    @Test("every ChangeAction is the string the code recorded before the enum")
    func actions() throws {
        try expectStrings(
            ChangeAction.self,
            [
                "create", "delete", "update", "transition", "associateCidr", "disassociateCidr", "modifyAttribute",
                "associate", "disassociate", "routeCreate", "routeDelete", "routeReplace", "routeStateChange", "attach",
                "detach", "accept",
                "reject", "expire", "fail", "modifyOptions", "modify", "push", "tag", "untag", "putLifecyclePolicy",
                "deleteLifecyclePolicy", "register", "deregister", "stop", "serviceEvent", "sample",
                "authorizeIngress", "authorizeEgress", "revokeIngress", "revokeEgress",
                "start", "terminate",
            ])
    }

    @Test("every ResourceKind is the resourceType string of its change events")
    func resourceKinds() throws {
        try expectStrings(
            ResourceKind.self,
            [
                "vpc", "subnet", "routeTable", "internetGateway", "natGateway", "networkInterface", "peering",
                "endpoint", "ecrRepository", "ecrImage", "ecsCluster", "ecsContainerInstance", "ecsTaskDefinition",
                "ecsService", "ecsTask", "sdNamespace", "eksCluster", "eksNodegroup", "eksFargateProfile", "elasticIp",
                "sdService", "sdInstance", "sdOperation", "securityGroup", "networkAcl", "instance",
                "networkInsightsPath", "networkInsightsAnalysis", "transitGateway", "transitGatewayAttachment",
                "transitGatewayRouteTable", "customerGateway", "vpnGateway", "vpnConnection", "dxGateway",
                "loadBalancer", "targetGroup", "listener", "listenerRule", "healthCheckProgress",
            ])
        // The health checker's own counts are stored like a resource but never make a change event.
        #expect(ResourceKind.changeEventKinds == ResourceKind.allCases.filter { $0 != .healthCheckProgress })
    }

    /// Every case is one of `strings`, in order, encodes as it and prints as it when interpolated (as
    /// the watcher's debug log does).
    func expectStrings<E: Encodable & CaseIterable & RawRepresentable<String>>(
        _ type: E.Type, _ strings: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(E.allCases.map(\.rawValue) == strings, sourceLocation: sourceLocation)
        for value in E.allCases {
            #expect(try json([value]) == "[\"\(value.rawValue)\"]", sourceLocation: sourceLocation)
            #expect("\(value)" == value.rawValue, "interpolation prints the same string", sourceLocation: sourceLocation)
        }
    }

    @Test("a ChangeEvent encodes and decodes with the old strings")
    func event() throws {
        let event = ChangeEvent(
            at: Date(timeIntervalSince1970: 1_764_091_474.123), accountId: "000000000000", region: "us-east-1",
            resourceType: .routeTable, resourceId: "rtb-1", action: .routeStateChange, status: nil, detail: "{}")
        let text =
            #"{"accountId":"000000000000","action":"routeStateChange","at":"2025-11-25T17:24:34.123Z","detail":"{}","region":"us-east-1","resourceId":"rtb-1","resourceType":"routeTable"}"#
        #expect(try json(event) == text)
        #expect(try NetctlJSON.decoder.decode(ChangeEvent.self, from: Data(text.utf8)) == event)
        let unknown = text.replacingOccurrences(of: "routeStateChange", with: "frobnicate")
        #expect(throws: DecodingError.self) { try NetctlJSON.decoder.decode(ChangeEvent.self, from: Data(unknown.utf8)) }
    }

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }
}
