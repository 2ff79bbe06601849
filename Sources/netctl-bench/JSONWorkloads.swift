import Foundation
import NIOCore

/// Issue 17's workloads on the AWS endpoint's JSON protocol: signed ECS DescribeServices and Logs
/// PutLogEvents on keep-alive HTTP/1.1 connections, one request at a time on each of `clients`,
/// every answer checked. What they read or write is made first over the same protocol, untimed.
struct JSONWorkloads: Sendable {
    static let services = 10

    var endpoint: AWSHTTPClient
    var ecs: JSONRequest
    var logs: JSONRequest
    var clients: Int
    var output: Output

    /// `requests` DescribeServices, shared by the clients, each naming one of `services` services of
    /// one cluster; each answer must be 200 and name the service.
    func describeServices(requests: Int) async throws {
        let cluster = "bench-\(UInt32.random(in: 0...UInt32.max))"
        try await prepare(ecs) { call in
            try await call("CreateCluster", #"{"clusterName":"\#(cluster)"}"#)
            try await call(
                "RegisterTaskDefinition",
                #"{"family":"bench","containerDefinitions":[{"name":"app","image":"nginx","memory":128}]}"#)
            for index in 0..<Self.services {
                try await call(
                    "CreateService",
                    #"{"cluster":"\#(cluster)","serviceName":"svc-\#(index)","taskDefinition":"bench","desiredCount":0,"launchType":"EC2"}"#
                )
            }
        }
        let perClient = max(1, requests / clients)
        let clients = self.clients
        let started = ContinuousClock.now
        let outcome = try await drive(ecs, perClient: perClient) { client, index in
            let name = "svc-\((index * clients + client) % Self.services)"
            return ("DescribeServices", #"{"cluster":"\#(cluster)","services":["\#(name)"]}"#, Array(name.utf8))
        }
        try emit(
            "ECS DescribeServices over the AWS endpoint (JSON 1.1)", outcome, elapsed: ContinuousClock.now - started,
            note: "one service of \(Self.services) per request")
    }

    /// `perClient` PutLogEvents from each client, one event each, to a stream of its own.
    func putLogEvents(perClient: Int) async throws {
        let group = "/bench/json-\(UInt32.random(in: 0...UInt32.max))"
        let clients = self.clients
        try await prepare(logs) { call in
            try await call("CreateLogGroup", #"{"logGroupName":"\#(group)"}"#)
            for client in 0..<clients {
                try await call("CreateLogStream", #"{"logGroupName":"\#(group)","logStreamName":"client-\#(client)"}"#)
            }
        }
        let started = ContinuousClock.now
        let outcome = try await drive(logs, perClient: perClient) { client, index in
            let now = Int(Date().timeIntervalSince1970 * 1000)
            let body =
                #"{"logGroupName":"\#(group)","logStreamName":"client-\#(client)","logEvents":[{"timestamp":\#(now),"message":"bench event \#(index)"}]}"#
            return ("PutLogEvents", body, nil)
        }
        try emit(
            "Logs PutLogEvents over the AWS endpoint (JSON 1.1)", outcome, elapsed: ContinuousClock.now - started,
            note: "one event per request, a stream per client")
    }

    private func emit(_ workload: String, _ outcome: AWSWorkloads.Outcome, elapsed: Duration, note: String) throws {
        var measurement = Measurement(
            workload: workload, clients: clients, requests: outcome.latencies.count, elapsed: elapsed,
            latencies: outcome.latencies, note: outcome.describe(note, clients: clients))
        measurement.errors = outcome.errors
        try output.emit(measurement)
    }

    /// Untimed set-up calls on one connection; any refusal stops the run.
    private func prepare(
        _ request: JSONRequest,
        _ body: (_ call: (String, String) async throws -> Void) async throws -> Void
    ) async throws {
        var request = request
        try await endpoint.withConnection { exchange in
            try await body { operation, json in
                let (head, bytes) = request.make(operation, json)
                let response = try await exchange.send(head, body: bytes)
                guard response.status == .ok else {
                    throw BenchError(
                        "\(operation) answered \(response.status.code): \(String(buffer: response.body).prefix(300))")
                }
            }
        }
    }

    /// `perClient` requests from each client on its own connection, the next sent when the last is
    /// answered. `call` gives the operation, its body and text a successful answer must hold.
    private func drive(
        _ request: JSONRequest, perClient: Int,
        _ call: @escaping @Sendable (Int, Int) -> (String, String, [UInt8]?)
    ) async throws -> AWSWorkloads.Outcome {
        try await withThrowingTaskGroup(of: AWSWorkloads.Outcome.self) { group in
            for client in 0..<clients {
                group.addTask { [endpoint] in
                    var request = request
                    var outcome = AWSWorkloads.Outcome()
                    var index = 0
                    while index < perClient {
                        outcome.connections += 1
                        try await endpoint.withConnection { exchange in
                            while index < perClient {
                                let (operation, body, mustName) = call(client, index)
                                let (head, bytes) = request.make(operation, body)
                                let begin = ContinuousClock.now
                                let response = try await exchange.send(head, body: bytes)
                                outcome.latencies.record(from: begin)
                                index += 1
                                if response.status != .ok {
                                    outcome.fail("\(response.status.code) \(String(buffer: response.body).prefix(200))")
                                } else if let mustName, !AWSWorkloads.occurs(mustName, in: response.body) {
                                    outcome.fail("a 200 answer to \(operation) without the name asked for")
                                }
                                if !response.keepAlive { return }
                            }
                        }
                    }
                    return outcome
                }
            }
            return try await group.reduce(into: AWSWorkloads.Outcome()) { $0.add($1) }
        }
    }
}
