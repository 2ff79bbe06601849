import Foundation
import NetctlAPI
import Testing

/// Golden JSON of the planner's answers and of `topology.migrate`'s params: API.md's member names
/// (`mesh.peerings`, `mesh.routes`, `mesh.routesPerTable`, `mesh.quotaHeadroom`, `hub.attachments`,
/// `hub.routes`, `overlaps`) with the members added beside them, and no absent members.
@Suite("Wire format of the topology planner (golden JSON)")
struct TopologyWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("a plan: mesh and hub side by side, headroom rows with and without a VPC, an overlap")
    func plan() throws {
        let plan = TopologyPlanResponse(
            vpcs: ["vpc-a", "vpc-b"], pairs: 1,
            mesh: TopologyMeshPlan(
                peerings: 1, existingPeerings: 0, routes: 2, routesPerTable: 1,
                quotaHeadroom: [TopologyHeadroom(vpcId: "vpc-a", quota: "activePeeringsPerVpc", used: 1, limit: 50)],
                failurePoints: 1, failureImpact: "m"),
            hub: TopologyHubPlan(
                attachments: 2, routes: 2, routesPerTable: 1, hubRoutes: 2,
                quotaHeadroom: [TopologyHeadroom(vpcId: nil, quota: "attachmentsPerTransitGateway", used: 2, limit: 5000)],
                failurePoints: 3, failureImpact: "h"),
            overlaps: [TopologyOverlap(vpcIds: ["vpc-a", "vpc-b"], cidrBlocks: ["10.0.0.0/16", "10.0.0.0/24"], message: "o")])
        #expect(
            try json(plan)
                == #"{"hub":{"attachments":2,"failureImpact":"h","failurePoints":3,"hubRoutes":2,"quotaHeadroom":[{"headroom":4998,"limit":5000,"quota":"attachmentsPerTransitGateway","used":2}],"routes":2,"routesPerTable":1},"mesh":{"existingPeerings":0,"failureImpact":"m","failurePoints":1,"peerings":1,"quotaHeadroom":[{"headroom":49,"limit":50,"quota":"activePeeringsPerVpc","used":1,"vpcId":"vpc-a"}],"routes":2,"routesPerTable":1},"overlaps":[{"cidrBlocks":["10.0.0.0/16","10.0.0.0/24"],"message":"o","vpcIds":["vpc-a","vpc-b"]}],"pairs":1,"vpcs":["vpc-a","vpc-b"]}"#)
        #expect(try NetctlJSON.decoder.decode(TopologyPlanResponse.self, from: try NetctlJSON.encoder.encode(plan)) == plan)
    }

    @Test("a migration's params and report")
    func migrate() throws {
        #expect(try json(TopologyMigrate(vpcs: ["a", "b"], deletePeerings: true)) == #"{"deletePeerings":true,"vpcs":["a","b"]}"#)
        let report = TopologyMigrateResponse(
            transitGatewayId: "tgw-1", routeTableId: "tgw-rtb-1", hubCreated: true, attachments: ["tgw-attach-1"],
            attachmentsCreated: 1, routesReplaced: 2, peerings: ["pcx-1"], peeringsDeleted: 1, pairsChecked: 2,
            reachableBefore: 2, reachableAfter: 2,
            steps: [TopologyStep(action: "createHub", resourceId: "tgw-1", detail: "d")], dryRun: false)
        #expect(
            try json(report)
                == #"{"attachments":["tgw-attach-1"],"attachmentsCreated":1,"dryRun":false,"hubCreated":true,"pairsChecked":2,"peerings":["pcx-1"],"peeringsDeleted":1,"reachableAfter":2,"reachableBefore":2,"routeTableId":"tgw-rtb-1","routesReplaced":2,"steps":[{"action":"createHub","detail":"d","resourceId":"tgw-1"}],"transitGatewayId":"tgw-1"}"#)
    }
}
