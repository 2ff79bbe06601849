import Foundation
import NetctlAPI

/// What a starting task needs from its network, decided by the reach engine (`analyzeReach`), never by
/// a second set of rules: its images come over tcp/443 from their registry, and `awslogs` containers
/// create their log streams in CloudWatch Logs over tcp/443.
///
/// - A private ECR image of the task's own region needs `ecr.api` (the registry's token), `ecr.dkr`
///   (the manifest) and `s3` (the layers, which ECR keeps in S3). Each is reached however the routes
///   and endpoints lead: an interface endpoint with private DNS, the S3 gateway endpoint, a NAT gateway
///   or an internet gateway; security groups and ACLs on the way count.
/// - Any other registry (Docker Hub, `public.ecr.aws`, another region's ECR) is on the internet.
/// - An internet gateway carries only traffic from a public address: a Fargate task has one when it
///   runs with `assignPublicIp` `ENABLED`; a container instance when its subnet maps public IPs on
///   launch.
/// - Fargate tasks pull through their own interface. On a container instance (launch type `EC2`, any
///   network mode) the instance's agent pulls and its log driver ships logs, through the instance's
///   primary interface, as on AWS.
extension State {
    /// Why the task cannot get its images or start its log driver over the network, in ECS's words
    /// followed by netctl's explanation; nil when the network lets it, or when the task has no place in
    /// a subnet to start from.
    func taskNetworkFailure(_ task: EcsTask, image reference: ImageReference, _ context: QueryContext) -> String? {
        guard let source = pullSource(task, context) else { return nil }
        let resolved = reference.resolved
        // Another region's registry answers on its public endpoint only: this VPC's endpoints do not serve it.
        if let host = reference.ecrHost, host.split(separator: ".")[3] == task.region {
            let region = task.region
            if let blocked = source.blocked("ecr.api", self) {
                return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + "\(resolved): failed to authorize: failed to fetch oauth token: Post "
                    + "\"https://api.ecr.\(region).amazonaws.com/\": dial tcp \(blocked.address):443: i/o timeout"
                    + blocked.explanation
            }
            if let blocked = source.blocked("ecr.dkr", self) {
                return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + "\(resolved): failed to do request: Head \"\(Self.manifestURL(host: host, reference))\": "
                    + "dial tcp \(blocked.address):443: i/o timeout" + blocked.explanation
            }
            if let blocked = source.blocked("s3", self) {
                return "CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: "
                    + "failed open: failed to do request: Get \"https://prod-\(region)-starport-layer-bucket.s3."
                    + "\(region).amazonaws.com/\": dial tcp \(blocked.address):443: i/o timeout" + blocked.explanation
            }
            return nil
        }
        let host = reference.domain ?? "registry-1.docker.io"
        if let blocked = source.blocked(Self.internetRegistryAddress, self) {
            return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                + "\(resolved): failed to do request: Head \"\(Self.manifestURL(host: host, reference))\": "
                + "dial tcp \(blocked.address):443: i/o timeout" + blocked.explanation
        }
        return nil
    }

    /// Why an `awslogs` container's log driver cannot create its stream, in ECS's words followed by
    /// netctl's explanation; nil when CloudWatch Logs is reachable or no container uses `awslogs`.
    func taskLogDriverFailure(_ task: EcsTask, _ definition: TaskDefinition, _ context: QueryContext) -> String? {
        let usesAwslogs = definition.containerDefinitions.contains { container in
            guard case .object(let configuration)? = container.other["logConfiguration"],
                case .string(let driver)? = configuration["logDriver"]
            else { return false }
            return driver == "awslogs"
        }
        guard usesAwslogs, let source = pullSource(task, context), let blocked = source.blocked("logs", self) else { return nil }
        return "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
            + "failed to create Cloudwatch log stream: RequestError: send request failed caused by: Post "
            + "\"https://logs.\(task.region).amazonaws.com/\": dial tcp \(blocked.address):443: i/o timeout : exit status 1"
            + blocked.explanation
    }

    /// Where registries outside AWS stand for the analysis: netctld resolves no DNS, so an address of
    /// TEST-NET-2 (RFC 5737), which no VPC routes locally, stands for any host on the internet.
    static let internetRegistryAddress = "198.51.100.1"

    private static func manifestURL(host: String, _ reference: ImageReference) -> String {
        // Docker Hub keeps official images under `library/`.
        let path = reference.domain == nil && !reference.path.contains("/") ? "library/" + reference.path : reference.path
        return "https://\(host)/v2/\(path)/manifests/\(reference.digest ?? reference.tag ?? "latest")"
    }

    /// The interface a task's images and logs leave through, and whether it has a public address.
    private func pullSource(_ task: EcsTask, _ context: QueryContext) -> TaskNetworkSource? {
        if task.launchType == "EC2" {
            guard let arn = task.containerInstanceArn, let instance = containerInstances[arn],
                networkInterfaces[instance.networkInterfaceId] != nil
            else { return nil }
            return TaskNetworkSource(
                reference: instance.networkInterfaceId, context: context,
                label: "container instance \(instance.ec2InstanceId) (\(instance.networkInterfaceId))",
                publicIp: subnets[instance.subnetId]?.mapPublicIpOnLaunch ?? false,
                publicIpHint: "Register the container instance in a subnet that maps public IPs on launch")
        }
        guard let interface = task.networkInterfaceId, task.subnetId != nil else { return nil }
        return TaskNetworkSource(
            reference: task.taskArn, context: context, label: "the task's interface \(interface)",
            publicIp: task.assignPublicIp == "ENABLED", publicIpHint: "Run the task with assignPublicIp ENABLED")
    }
}

/// One starting task's way out, asked about each destination it needs.
private struct TaskNetworkSource {
    var reference: String
    /// The task's account and region, and the time of the start.
    var context: QueryContext
    var label: String
    var publicIp: Bool
    var publicIpHint: String

    /// The address dialled and netctl's explanation when `destination` is not reachable on tcp/443.
    func blocked(_ destination: String, _ state: State) -> (address: String, explanation: String)? {
        let analysis: ReachAnalysis
        do {
            analysis = try state.analyzeReach(
                ReachAnalyze(source: reference, destination: destination, port: 443, protocol: "tcp"), context)
        } catch {
            return (destination, " (netctl: \(label) cannot be analysed: \(error.message))")
        }
        let address = dialledAddress(analysis, state) ?? analysis.destination.address ?? destination
        let what = analysis.destination.type == "service" ? analysis.destination.id : destination
        let prefix = " (netctl: \(label) cannot reach \(what) on tcp/443: "
        if let first = analysis.explanations.first {
            return (address, prefix + "\(first.code): \(first.message))")
        }
        guard analysis.reachable else { return (address, prefix + "no path.)") }
        // The reach engine routes to an internet gateway; only a public source address gets through it.
        if !publicIp, !analysis.path.contains(where: { $0.component == "natGateway" }),
            let gateway = analysis.path.first(where: { $0.component == "internetGateway" })
        {
            return (
                address,
                prefix + "the route leads to internet gateway \(gateway.id), but \(label) has no public IP, and an "
                    + "internet gateway carries only traffic from public addresses. \(publicIpHint)"
                    + ", route 0.0.0.0/0 to a NAT gateway, or create the VPC endpoints "
                    + "(ecr.api, ecr.dkr, logs and the s3 gateway endpoint) for AWS services.)"
            )
        }
        return nil
    }

    /// The private address an interface endpoint's private DNS name resolved to, when the analysis went
    /// there: that is the address the task dialled.
    private func dialledAddress(_ analysis: ReachAnalysis, _ state: State) -> String? {
        guard let hop = analysis.path.first(where: { $0.component == "endpoint" }),
            let endpoint = state.endpoints[hop.id], endpoint.type == Endpoint.interface
        else { return nil }
        return (endpoint.networkInterfaces.first { $0.subnetId == analysis.destination.subnetId }
            ?? endpoint.networkInterfaces.first)?.privateIpAddress
    }
}
