import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Elastic IPs in the daemon")
struct ElasticIpStoreTests {
    /// A NAT gateway holding one address, and a second address held by nothing.
    func addressState() throws -> State {
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "web"), &ctx)
            _ = try s.allocateAddress(AddressAllocate(tags: ["Name": "held"]), &ctx)
            _ = try s.allocateAddress(AddressAllocate(), &ctx)
            _ = try s.createNatGateway(NatGatewayCreate(subnet: "web", address: "held"), &ctx)
        }
        return state
    }

    @Test("addresses load back from the v7 table with their holder and public-IP indexes")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = try addressState()
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(Set(loaded.elasticIps.all.map(\.allocationId)) == Set(state.elasticIps.all.map(\.allocationId)))
        #expect(loaded.elasticIps.all.allSatisfy { state.elasticIps[$0.allocationId] == $0 })
        #expect(loaded.resourceCounts["elasticIps"] == 2)
        let nat = try #require(loaded.natGateways.all.first)
        #expect(loaded.elasticIps.children(of: nat.natGatewayId).map(\.publicIp) == [nat.publicIp].compactMap { $0 })
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        #expect(try loaded.elasticIp("192.0.2.2", in: scope).natGatewayId == nil)
        let migrations = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v7: Elastic IP addresses"))
        let parents = try await store.database.read { db in
            try String?.fetchAll(db, sql: "SELECT parent_id FROM elastic_ips ORDER BY body")
        }
        #expect(Set(parents) == [nat.natGatewayId, nil])
        try store.close()
    }

    @Test("address changes are logged to /netctl/vpc under their allocation IDs")
    func watcher() throws {
        var state = try addressState()
        let events = state.takeChanges().events.filter { $0.resourceType == .elasticIp }
        #expect(events.map(\.action) == [.create, .create, .associate])
        for event in events {
            let entry = Watcher.entry(for: event)
            #expect(entry.group == "/netctl/vpc" && entry.stream == event.resourceId)
            #expect(event.resourceId.hasPrefix("eipalloc-") && entry.message.contains(#""resourceType":"elasticIp""#))
        }
    }
}
