import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Transit gateways in the daemon")
struct TransitGatewayStoreTests {
    @Test("hubs, attachments and route tables load back from the v13 tables with their indexes and due work")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context()
        let hub = try state.transact { s throws(NetctlError) in
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "web"), &ctx)
            return try s.createTransitGateway(TransitGatewayCreate(name: "hub"), &ctx)
        }
        ctx.now += 10
        try state.transact { s throws(NetctlError) in
            s.runDueWork(&ctx)
            let attachment = try s.attachVpc(TransitGatewayAttachVpc(tgw: "hub", vpc: "a", subnets: ["web"]), &ctx)
            _ = try s.createTransitGatewayRouteTable(TransitGatewayRouteTableCreate(tgw: "hub", name: "rt"), &ctx)
            _ = try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(
                    routeTable: "rt", destinationCidrBlock: "10.9.0.0/16", attachment: attachment.attachmentId), &ctx)
        }
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(loaded.resourceCounts["transitGateways"] == 1)
        #expect(loaded.resourceCounts["transitGatewayAttachments"] == 1)
        #expect(loaded.resourceCounts["transitGatewayRouteTables"] == 2)
        #expect(loaded.transitGateways[hub.transitGatewayId] == state.transitGateways[hub.transitGatewayId])
        let attachments = loaded.transitGatewayAttachments.children(of: hub.transitGatewayId)
        #expect(attachments.count == 1 && attachments.first == state.transitGatewayAttachments[attachments[0].attachmentId])
        #expect(loaded.transitGatewayRouteTables.children(of: hub.transitGatewayId).count == 2)
        // The pending attachment's deadline survives the restart.
        #expect(loaded.nextDeadline() == state.nextDeadline())
        #expect(loaded.nextDeadline() != nil)
        let migrations = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v13: transit gateways"))
        try store.close()
    }
}
