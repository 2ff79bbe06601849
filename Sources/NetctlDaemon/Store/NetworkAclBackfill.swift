import Foundation
import GRDB
import NetctlAPI
import NetctlCore

/// The store's upgrade to network ACLs: every VPC already stored gets the default ACL it would have
/// been created with, holding all its subnets, and each subnet says which ACL it uses. Subnets and
/// VPCs decode as the current models do; the ACL's IDs are derived from the VPC's and subnets'
/// (`State.defaultNetworkAcl`), so the upgrade is the same on every copy of a database.
enum NetworkAclBackfill {
    static func run(_ db: Database) throws {
        let decoder = NetctlJSON.decoder
        let encoder = NetctlJSON.encoder
        var subnetsByVpc: [String: [Subnet]] = [:]
        for body in try String.fetchAll(db, sql: "SELECT body FROM subnets ORDER BY created_at, id") {
            let subnet = try decoder.decode(Subnet.self, from: Data(body.utf8))
            subnetsByVpc[subnet.vpcId, default: []].append(subnet)
        }
        for body in try String.fetchAll(db, sql: "SELECT body FROM vpcs ORDER BY created_at, id") {
            let vpc = try decoder.decode(Vpc.self, from: Data(body.utf8))
            let subnets = subnetsByVpc[vpc.vpcId] ?? []
            let acl = State.defaultNetworkAcl(for: vpc, subnets: subnets)
            try db.execute(
                sql: """
                    INSERT INTO network_acls (id, account_id, region, parent_id, status, created_at, body)
                    VALUES (?, ?, ?, ?, NULL, ?, ?)
                    """,
                arguments: [
                    acl.networkAclId, acl.accountId, acl.region, acl.parentId, Timestamp.format(acl.createdAt),
                    String(decoding: try encoder.encode(acl), as: UTF8.self),
                ])
            for var subnet in subnets {
                subnet.networkAclId = acl.networkAclId
                try db.execute(
                    sql: "UPDATE subnets SET body = ? WHERE id = ?",
                    arguments: [String(decoding: try encoder.encode(subnet), as: UTF8.self), subnet.subnetId])
            }
        }
    }
}
