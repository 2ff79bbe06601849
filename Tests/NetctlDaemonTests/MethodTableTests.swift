import Foundation
import NetctlAPI
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
    }

    @Test("params schemas come from the request types: required and optional members")
    func schema() throws {
        let schema = ParamsSchema.of(RouteCreate.self)
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(Set(properties.keys) == ["routeTable", "destinationCidrBlock", "destinationPrefixListId", "peering", "gateway", "natGateway", "endpoint"])
        #expect(schema["required"] == ["routeTable"])
        let list = ParamsSchema.of(VpcList.self)
        #expect(list["properties"]?["filters"]?["type"] == "array")
        #expect(list["properties"]?["filters"]?["items"]?["required"] == ["name", "values"])
        #expect(ParamsSchema.of(VpcCreate.self)["properties"]?["tags"]?["type"] == "object")
    }
}
