import ArgumentParser
import Foundation
import NetctlAPI

/// Measures a running netctld from the outside, through its socket or its AWS endpoint, and reports
/// throughput and latency percentiles with issue 15's or 16's target beside each workload. `make bench` runs it once per
/// workload and ends with `--summary` of the JSON lines collected.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netctl-bench", abstract: "Load a running netctld and report throughput and latency.",
        discussion: """
            Workloads (--workload):
              reads        vpc.get by ID; --window N keeps N in flight per connection
              reads-typed  vpc.get by ID through NetctlClient, one at a time
              mutations    vpc.create, then subnet.create in it; --iterations each
              creates      vpc.create alone; --iterations each
              workflow     --vpcs, --peerings created then accepted, --gets
                           peering.get, --lists whole peering.list walks
              scale        load --vpcs and --peerings, then --samples
                           reach.analyze and peering.list {vpc}, --pages
                           peering.list pages of --page-size; memory;
                           --instances-per-vpc adds groups, instances
                           and reach.analyze between instances
              matrix       one VPC of --instances instances in 4 subnets,
                           2 groups of --rules-per-group rules, one ACL;
                           --samples reach.matrix calls over it
              topology-migrate
                           --vpcs VPCs meshed with routes by peering.mesh,
                           then one timed topology.migrate {deletePeerings}
              hub-reach    --vpcs VPCs on one transit gateway, two propagated
                           CIDRs each, then --samples reach.analyze between
                           random VPCs through the hub
              memory       resident memory of netctld
              ready        time from --since-epoch-ns until vpc.get --probe works
              aws-creates  CreateVpc on --aws-endpoint, a distinct /28 each;
                           --iterations each
              aws-json-describe-services
                           ECS DescribeServices (JSON 1.1) on --aws-endpoint;
              aws-json-put-log-events
                           Logs PutLogEvents (JSON 1.1), --iterations per client;
              aws-describe-peerings
                           DescribeVpcPeeringConnections on --aws-endpoint,
                           one ID each, over --peerings peerings made first
                           (over --socket when given, else through the
                           endpoint); --requests in all; --prepare-only
            The aws-* workloads sign every request (SigV4) and send it on a
            keep-alive HTTP/1.1 connection per client, one at a time; --socket
            is optional for them (netctld's: waits for its watcher).
            """)

    @Option(help: "netctld's socket.")
    var socket: String?

    @Option(help: "aws-*: the AWS endpoint, http://HOST:PORT.")
    var awsEndpoint: String?

    @Option(help: "aws-*: what serves --aws-endpoint; other than netctld, its rows are a comparison, without targets.")
    var awsServer = AWSWorkloads.netctld

    @Option(help: "aws-*: the region the requests are signed for.")
    var awsRegion = "us-east-1"

    @Option(help: "aws-*: the access key pair (netctld's without aws.credentials, and moto's, accept test/test).")
    var awsAccessKeyId = "test"

    @Option(help: "aws-*: the secret of --aws-access-key-id.")
    var awsSecretAccessKey = "test"

    @Flag(help: "aws-describe-peerings: make the peerings and stop (a later run then times the requests alone).")
    var prepareOnly = false

    @Option(help: "What to measure (see above).")
    var workload = "mutations"

    @Option(help: "Concurrent clients, each with its own connection.")
    var clients = 1

    @Option(help: "reads, aws-describe-peerings: requests in all, shared by the clients.")
    var requests = 20_000

    @Option(help: "reads: requests each connection keeps unanswered.")
    var window = 1

    @Option(help: "mutations: VPC-and-subnet pairs per client; creates, aws-creates: VPCs per client.")
    var iterations = 500

    @Option(help: "mutations, creates: whether the daemon runs its watcher (on or off), recorded with the result.")
    var watcher = "on"

    @Option(help: "workflow, scale, topology-migrate, hub-reach: VPCs to create.")
    var vpcs = 500

    @Option(help: "workflow, scale, aws-describe-peerings: peerings to create and accept.")
    var peerings = 1_000

    @Option(help: "workflow: peering.get calls.")
    var gets = 2_000

    @Option(help: "workflow: whole peering.list walks.")
    var lists = 5

    @Option(help: "workflow, scale: maxResults of each peering.list page.")
    var pageSize = 100

    @Option(help: "scale: peering.list pages (without vpc) to time, following nextToken.")
    var pages = 500

    @Option(help: "scale: reach.analyze and peering.list {vpc} calls.")
    var samples = 2_000

    @Option(help: "scale: instances per VPC (0: none), each in a subnet of its VPC with every group.")
    var instancesPerVpc = 0

    @Option(help: "matrix: instances in the VPC.")
    var instances = 500

    @Option(help: "scale, with instances: security groups per VPC.")
    var groupsPerVpc = 2

    @Option(help: "scale with instances, and matrix: inbound rules per group.")
    var rulesPerGroup = 20

    @Option(name: .customLong("since-epoch-ns"), help: "ready: wall-clock nanoseconds at which netctld was started.")
    var sinceEpochNanoseconds: Int64?

    @Option(help: "ready: a VPC that exists in the state netctld loads.")
    var probe = "s0"

    @Option(help: "memory: what to call the measurement.")
    var label = "resident memory of netctld"

    @Flag(help: "Print each measurement as one JSON object per line instead of text.")
    var json = false

    @Option(help: "Also append each measurement to this file as a JSON line, for --summary.")
    var record: String?

    @Option(help: "Print the table of the JSON lines in this file (from earlier --json runs) and exit.")
    var summary: String?

    private var isAWS: Bool { workload.hasPrefix("aws-") }

    func validate() throws {
        if summary == nil, socket == nil, !isAWS {
            throw ValidationError("--socket is required (except with --summary and the aws-* workloads)")
        }
        if summary == nil, isAWS, awsEndpoint == nil {
            throw ValidationError("the aws-* workloads need --aws-endpoint")
        }
        guard clients >= 1, requests >= 1, window >= 1, iterations >= 1, samples >= 1, lists >= 1, pages >= 1,
            pageSize >= 1, peerings >= 1
        else {
            throw ValidationError("counts must be at least 1")
        }
        guard ["on", "off"].contains(watcher) else { throw ValidationError("--watcher is on or off") }
    }

    func run() async throws {
        if let summary {
            print(try Summary.table(fromLinesIn: summary))
            return
        }
        if isAWS {
            try await runAWS()
            return
        }
        let workloads = Workloads(socket: socket!, clients: clients, output: Output(json: json, record: record))
        switch workload {
        case "reads": try await workloads.reads(requests: requests, window: window, typed: false)
        case "reads-typed": try await workloads.reads(requests: requests, window: 1, typed: true)
        case "mutations": try await workloads.mutations(iterations: iterations, watcher: watcher)
        case "creates": try await workloads.mutations(iterations: iterations, watcher: watcher, subnets: false)
        case "workflow":
            try await workloads.peeringWorkflow(
                vpcs: vpcs, peerings: peerings, gets: gets, lists: lists, pageSize: pageSize)
        case "scale":
            try await workloads.scale(
                vpcs: vpcs, peerings: peerings, samples: samples, pages: pages, pageSize: pageSize,
                instancesPerVpc: instancesPerVpc, groupsPerVpc: groupsPerVpc, rulesPerGroup: rulesPerGroup)
        case "matrix":
            try await workloads.matrix(instances: instances, rulesPerGroup: rulesPerGroup, samples: samples)
        case "topology-migrate": try await workloads.topologyMigrate(vpcs: vpcs)
        case "hub-reach": try await workloads.hubReach(vpcs: vpcs, samples: samples)
        case "memory": try await workloads.memory(label: label)
        case "ready":
            guard let sinceEpochNanoseconds else { throw ValidationError("ready needs --since-epoch-ns") }
            try await workloads.ready(sinceEpochNanoseconds: sinceEpochNanoseconds, probe: probe)
        default: throw ValidationError("unknown workload '\(workload)'")
        }
    }

    private func runAWS() async throws {
        guard let text = awsEndpoint, let url = URL(string: text), url.scheme == "http", let host = url.host,
            let port = url.port
        else {
            throw ValidationError("--aws-endpoint is http://HOST:PORT, not '\(awsEndpoint ?? "")'")
        }
        let signer = SigV4Signer(accessKeyId: awsAccessKeyId, secretAccessKey: awsSecretAccessKey, region: awsRegion)
        let workloads = AWSWorkloads(
            endpoint: AWSHTTPClient(host: host, port: port),
            request: EC2Request(host: "\(host):\(port)", signer: signer),
            socket: socket, server: awsServer, clients: clients, output: Output(json: json, record: record))
        switch workload {
        case "aws-creates": try await workloads.creates(iterations: iterations)
        case "aws-describe-peerings":
            try await workloads.describePeerings(requests: requests, peerings: peerings, prepareOnly: prepareOnly)
        case "aws-json-describe-services", "aws-json-put-log-events":
            let signedHost = "\(host):\(port)"
            let json = JSONWorkloads(
                endpoint: AWSHTTPClient(host: host, port: port), ecs: .ecs(host: signedHost, signer: signer),
                logs: .logs(host: signedHost, signer: signer), clients: clients,
                output: Output(json: self.json, record: record))
            if workload == "aws-json-describe-services" {
                try await json.describeServices(requests: requests)
            } else {
                try await json.putLogEvents(perClient: iterations)
            }
        default: throw ValidationError("unknown workload '\(workload)'")
        }
    }
}
