import Foundation
import NIOCore
import NetctlAPI
import NetctlClient

/// The peerings DescribeVpcPeeringConnections is timed over: those the server already holds, and
/// more, made now, when there are fewer than asked, so repeated runs on one server share them. With
/// netctld's socket they are made with netctl's own `peering.create` and `peering.accept`, whatever
/// the AWS endpoint serves; without it (moto) through the endpoint: CreateVpc,
/// CreateVpcPeeringConnection, AcceptVpcPeeringConnection.
struct PeeringSupply: Sendable {
    var socket: String?
    var endpoint: AWSHTTPClient
    var request: EC2Request

    /// IDs of `count` active peerings.
    func ids(count: Int) async throws -> [String] {
        if let socket { return try await overSocket(NetctlClient(socketPath: socket), count: count) }
        return try await throughEndpoint(count: count)
    }

    /// Pairs for `missing` new peerings among `vpcs` new VPCs: VPC i with i+1, then with i+2, all
    /// distinct, each VPC in at most four, so no per-VPC quota is near.
    private static func pairs(missing: Int) -> (vpcs: Int, pairs: [(Int, Int)]) {
        let vpcs = missing / 2 + 3
        return (vpcs, (0..<missing).map { ($0 % vpcs, ($0 % vpcs + $0 / vpcs + 1) % vpcs) })
    }

    // MARK: Over netctld's socket

    private func overSocket(_ client: NetctlClient, count: Int) async throws -> [String] {
        var ids: [String] = []
        var token: String?
        repeat {
            let page = try await client.send(
                PeeringList(status: PeeringStatus.active, maxResults: 1000, nextToken: token))
            ids += page.peerings.map(\.peeringId)
            token = page.nextToken
        } while token != nil && ids.count < count
        guard ids.count < count else { return Array(ids.prefix(count)) }

        let (vpcCount, pairs) = Self.pairs(missing: count - ids.count)
        guard vpcCount <= 65_536 else { throw BenchError("at most 65,536 disjoint /24s fit in 10.0.0.0/8") }
        // Peered VPCs must not overlap: disjoint /24s, named apart from any earlier run's.
        let run = UInt32.random(in: 0...UInt32.max)
        let vpcs = try await spread(vpcCount, over: client, "VPCs") { connection, index in
            try await connection.send(VpcCreate(cidrBlock: Workloads.disjointCIDR(index), name: "aws\(run)-\(index)"))
                .vpcId
        }
        let made = try await spread(pairs.count, over: client, "peerings") { connection, index in
            let (requester, accepter) = pairs[index]
            let peering = try await connection.send(
                PeeringCreate(requesterVpc: vpcs[requester], accepterVpc: vpcs[accepter]))
            let accepted = try await connection.send(PeeringAccept(peering: peering.peeringId))
            guard accepted.status.code == PeeringStatus.active else {
                throw BenchError("peering \(accepted.peeringId) is \(accepted.status.code) after accept")
            }
            return accepted.peeringId
        }
        return ids + made
    }

    /// `count` calls over 8 connections; each call's result by its index.
    private func spread(
        _ count: Int, over client: NetctlClient, _ label: String,
        _ call: @escaping @Sendable (NetctlConnection, Int) async throws -> String
    ) async throws -> [String] {
        let progress = Progress(label: label, total: count)
        let workers = min(8, count)
        return try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    try await client.withConnection { connection in
                        var results: [(Int, String)] = []
                        for index in stride(from: worker, to: count, by: workers) {
                            results.append((index, try await call(connection, index)))
                            progress.advance()
                        }
                        return results
                    }
                }
            }
            var results = [String](repeating: "", count: count)
            for try await pairs in group {
                for (index, result) in pairs { results[index] = result }
            }
            return results
        }
    }

    // MARK: Through the endpoint

    /// A connection per call: preparation is not timed, and moto closes each one after its answer.
    private func throughEndpoint(count: Int) async throws -> [String] {
        var request = self.request
        var ids: [String] = []
        var token: String?
        repeat {
            var parameters = [("MaxResults", "1000")]
            if let token { parameters.append(("NextToken", token)) }
            let answer = try await call(&request, "DescribeVpcPeeringConnections", parameters)
            ids += AWSXML.texts(of: "vpcPeeringConnectionId", in: answer)
            token = AWSXML.texts(of: "nextToken", in: answer).first.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil && ids.count < count
        guard ids.count < count else { return Array(ids.prefix(count)) }

        let (vpcCount, pairs) = Self.pairs(missing: count - ids.count)
        let progress = Progress(label: "VPCs and peerings", total: vpcCount + pairs.count)
        var vpcs: [String] = []
        for index in 0..<vpcCount {
            let answer = try await call(&request, "CreateVpc", [("CidrBlock", Workloads.disjointCIDR(index))])
            guard let vpc = AWSXML.texts(of: "vpcId", in: answer).first else {
                throw BenchError("a CreateVpc answer without a vpcId")
            }
            vpcs.append(vpc)
            progress.advance()
        }
        for (requester, accepter) in pairs {
            let answer = try await call(
                &request, "CreateVpcPeeringConnection", [("VpcId", vpcs[requester]), ("PeerVpcId", vpcs[accepter])])
            guard let id = AWSXML.texts(of: "vpcPeeringConnectionId", in: answer).first else {
                throw BenchError("a CreateVpcPeeringConnection answer without a vpcPeeringConnectionId")
            }
            _ = try await call(&request, "AcceptVpcPeeringConnection", [("VpcPeeringConnectionId", id)])
            ids.append(id)
            progress.advance()
        }
        return ids
    }

    /// One call's answer; anything but 200 throws its code and message.
    private func call(_ request: inout EC2Request, _ action: String, _ parameters: [(String, String)]) async throws
        -> ByteBuffer
    {
        let (head, body) = request.make(action, parameters)
        let response = try await endpoint.withConnection { exchange in try await exchange.send(head, body: body) }
        guard response.status == .ok else { throw AWSXML.error(in: response) }
        return response.body
    }
}
