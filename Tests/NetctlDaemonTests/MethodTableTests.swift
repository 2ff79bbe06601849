import Foundation
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Method table")
struct MethodTableTests {
    @Test("the standard table is written sorted, one line per method, with no duplicates")
    func sorted() {
        let names = MethodTable.standard.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
    }

    @Test("rpc.discover lists exactly the table, debug methods only with the manual clock")
    func discoverMatchesTable() throws {
        for manual in [false, true] {
            let entries = MethodTable.entries(manualClock: manual)
            let document = OpenRPC.document(for: entries)
            let listed = try #require(document["methods"]?.arrayValue).compactMap { $0["name"]?.stringValue }
            #expect(listed == entries.map(\.name))
            #expect(listed.contains("debug.clock.advance") == manual)
            #expect(listed.contains("rpc.discover"))
        }
    }

    @Test("every method is documented and mutations are marked as such")
    func descriptions() {
        for entry in MethodTable.entries(manualClock: true) {
            #expect(!entry.summary.isEmpty, "\(entry.name) has no summary")
        }
        let kinds = Dictionary(uniqueKeysWithValues: MethodTable.standard.map { ($0.name, $0.placement) })
        #expect(kinds["vpc.create"] == .stateCommand)
        #expect(kinds["vpc.list"] == .stateQuery)
        #expect(kinds["route.create"] == .stateCommand)
        #expect(kinds["logs.put"] == .streamsCommand)
        #expect(kinds["logs.get"] == .streamsQuery)
        #expect(kinds["sqs.send"] == .queueCommand)
        #expect(kinds["sqs.receive"] == .queueCommand)
        #expect(kinds["sqs.queue.get"] == .queueQuery)
    }

    @Test("every request type in the table says where it runs through exactly one placement protocol")
    func onePlacementEach() {
        let types: [any RPCMethod.Type] = MethodTable.standardTypes + [DebugClockAdvance.self, RPCDiscover.self]
        for type in types {
            let placements = [
                type is any StateQuery.Type, type is any StateCommand.Type, type is any StreamsQuery.Type,
                type is any StreamsCommand.Type, type is any DaemonQuery.Type, type is any DaemonCommand.Type,
                type is any QueueQuery.Type, type is any QueueCommand.Type,
            ].filter { $0 }.count
            #expect(placements == 1, "\(type.method) conforms to \(placements) placement protocols")
        }
        // rpc.discover says which methods change the state, as before the placements existed.
        let document = OpenRPC.document(for: MethodTable.entries(manualClock: true))
        let kinds = Dictionary(
            uniqueKeysWithValues: (document["methods"]?.arrayValue ?? []).compactMap { method in
                method["name"]?.stringValue.map { ($0, method["x-netctl-kind"]?.stringValue) }
            })
        #expect(kinds["vpc.create"] == "mutation")
        #expect(kinds["debug.clock.advance"] == "mutation")
        #expect(kinds["logs.put"] == "query")
        #expect(kinds["vpc.get"] == "query")
    }

    @Test("params schemas come from the request types: required and optional members")
    func schema() throws {
        let schema = ParamsSchema.of(RouteCreate.self)
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(Set(properties.keys) == ["routeTable", "destinationCidrBlock", "destinationPrefixListId", "peering", "gateway", "natGateway", "endpoint", "transitGateway", "vpnGateway"])
        #expect(schema["required"] == ["routeTable"])
        let list = ParamsSchema.of(VpcList.self)
        #expect(list["properties"]?["filters"]?["type"] == "array")
        #expect(list["properties"]?["filters"]?["items"]?["required"] == ["name", "values"])
        #expect(ParamsSchema.of(VpcCreate.self)["properties"]?["tags"]?["type"] == "object")
    }
}
