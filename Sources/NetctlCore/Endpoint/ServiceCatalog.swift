import Foundation
import NetctlAPI

/// The AWS services a VPC endpoint can reach, and the AWS-managed prefix lists of the two gateway
/// services. Fixed data, identical on every run, so IDs and CIDRs can be written into tests and docs.
public enum ServiceCatalog {
    struct Entry {
        var shortName: String
        var types: [String]
        /// The private DNS name with `REGION` for the region; nil when the service has none.
        var privateDns: String?
    }

    static let entries: [Entry] = [
        Entry(shortName: "s3", types: [Endpoint.gateway, Endpoint.interface], privateDns: "s3.REGION.amazonaws.com"),
        Entry(shortName: "dynamodb", types: [Endpoint.gateway], privateDns: nil),
        Entry(shortName: "ec2", types: [Endpoint.interface], privateDns: "ec2.REGION.amazonaws.com"),
        Entry(shortName: "ec2messages", types: [Endpoint.interface], privateDns: "ec2messages.REGION.amazonaws.com"),
        Entry(shortName: "ecr.api", types: [Endpoint.interface], privateDns: "api.ecr.REGION.amazonaws.com"),
        Entry(shortName: "ecr.dkr", types: [Endpoint.interface], privateDns: "*.dkr.ecr.REGION.amazonaws.com"),
        Entry(shortName: "ecs", types: [Endpoint.interface], privateDns: "ecs.REGION.amazonaws.com"),
        Entry(shortName: "ecs-agent", types: [Endpoint.interface], privateDns: "ecs-a.REGION.amazonaws.com"),
        Entry(shortName: "ecs-telemetry", types: [Endpoint.interface], privateDns: "ecs-t.REGION.amazonaws.com"),
        Entry(shortName: "eks", types: [Endpoint.interface], privateDns: "eks.REGION.amazonaws.com"),
        Entry(shortName: "elasticloadbalancing", types: [Endpoint.interface], privateDns: "elasticloadbalancing.REGION.amazonaws.com"),
        Entry(shortName: "events", types: [Endpoint.interface], privateDns: "events.REGION.amazonaws.com"),
        Entry(shortName: "execute-api", types: [Endpoint.interface], privateDns: "*.execute-api.REGION.amazonaws.com"),
        Entry(shortName: "kinesis-streams", types: [Endpoint.interface], privateDns: "kinesis.REGION.amazonaws.com"),
        Entry(shortName: "kms", types: [Endpoint.interface], privateDns: "kms.REGION.amazonaws.com"),
        Entry(shortName: "lambda", types: [Endpoint.interface], privateDns: "lambda.REGION.amazonaws.com"),
        Entry(shortName: "logs", types: [Endpoint.interface], privateDns: "logs.REGION.amazonaws.com"),
        Entry(shortName: "monitoring", types: [Endpoint.interface], privateDns: "monitoring.REGION.amazonaws.com"),
        Entry(shortName: "secretsmanager", types: [Endpoint.interface], privateDns: "secretsmanager.REGION.amazonaws.com"),
        Entry(shortName: "sns", types: [Endpoint.interface], privateDns: "sns.REGION.amazonaws.com"),
        Entry(shortName: "sqs", types: [Endpoint.interface], privateDns: "sqs.REGION.amazonaws.com"),
        Entry(shortName: "ssm", types: [Endpoint.interface], privateDns: "ssm.REGION.amazonaws.com"),
        Entry(shortName: "ssmmessages", types: [Endpoint.interface], privateDns: "ssmmessages.REGION.amazonaws.com"),
        Entry(shortName: "sts", types: [Endpoint.interface], privateDns: "sts.REGION.amazonaws.com"),
    ]

    /// Public ranges of the gateway services (us-east-1's published ones; the same in every region here).
    static let gatewayCidrs: [String: [String]] = [
        "s3": ["3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "18.34.232.0/21", "52.216.0.0/15", "54.231.0.0/16"],
        "dynamodb": ["3.218.180.0/22", "35.71.64.0/22", "52.94.0.0/22", "52.119.224.0/20"],
    ]

    /// Where the public endpoints of interface-only services answer, for reachability over the internet.
    static let publicServiceCidr = IPv4CIDR("52.46.0.0/18")!

    public static func serviceName(_ shortName: String, region: String) -> String { "com.amazonaws.\(region).\(shortName)" }

    public static func services(region: String) -> [EndpointService] {
        let zones = State.availabilityZoneLetters.map { region + String($0) }
        return entries.map { entry in
            EndpointService(
                serviceName: serviceName(entry.shortName, region: region), shortName: entry.shortName,
                serviceTypes: entry.types,
                privateDnsName: entry.privateDns.map { $0.replacingOccurrences(of: "REGION", with: region) },
                availabilityZones: zones)
        }
    }

    /// `s3` or `com.amazonaws.us-east-1.s3` → the service in `region`; anything else, or another
    /// region's service, is `InvalidServiceName`.
    public static func resolve(_ name: String, region: String) throws(NetctlError) -> EndpointService {
        let prefix = "com.amazonaws.\(region)."
        let shortName = name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
        guard let service = services(region: region).first(where: { $0.shortName == shortName }) else {
            let hint =
                name.hasPrefix("com.amazonaws.") && !name.hasPrefix(prefix)
                ? " Endpoints reach services of their own region only (\(region))."
                : " List the services with `netctl endpoint services`."
            throw NetctlError(.invalidServiceName, "The Vpc Endpoint Service '\(name)' does not exist in \(region).\(hint)")
        }
        return service
    }

    public static func prefixLists(region: String) -> [PrefixList] {
        ["dynamodb", "s3"].map { shortName in
            let name = serviceName(shortName, region: region)
            return PrefixList(prefixListId: prefixListId(name), prefixListName: name, cidrs: gatewayCidrs[shortName] ?? [])
        }
    }

    public static func prefixList(forService serviceName: String, region: String) -> PrefixList? {
        prefixLists(region: region).first { $0.prefixListName == serviceName }
    }

    public static func prefixList(id: String, region: String) -> PrefixList? {
        prefixLists(region: region).first { $0.prefixListId == id }
    }

    /// `pl-` and 8 hex digits derived from the name: stable across runs and machines.
    static func prefixListId(_ name: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return "pl-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The address reachability analysis routes to for a service: inside its prefix list for the
    /// gateway services, in the public service range otherwise.
    public static func representativeAddress(for service: EndpointService, region: String) -> IPv4Address {
        if let list = prefixList(forService: service.serviceName, region: region), let first = list.cidrs.compactMap(IPv4CIDR.init).first {
            return IPv4Address(first.network.value + 1)
        }
        return IPv4Address(publicServiceCidr.network.value + 1)
    }

    /// The full-access policy AWS attaches when none is given.
    public static let defaultPolicy =
        #"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#
    public static let maximumPolicyLength = 20_480

    public static func validatePolicy(_ policy: String) throws(NetctlError) {
        guard policy.count <= maximumPolicyLength else {
            throw NetctlError(
                .invalidPolicyDocument,
                "The policy is \(policy.count) characters; an endpoint policy may have at most \(maximumPolicyLength).")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any],
            object["Statement"] != nil
        else {
            throw NetctlError(
                .invalidPolicyDocument,
                "The policy must be a JSON object with a Statement, e.g. \(defaultPolicy).")
        }
    }
}

/// How EC2 presents the catalog: owners, ARNs and the DNS names endpoints of a service get.
extension ServiceCatalog {
    /// The owner of every AWS service, as DescribeVpcEndpointServices names it.
    public static let owner = "amazon"
    /// The owner of AWS-managed prefix lists, as DescribeManagedPrefixLists names it.
    public static let prefixListOwner = "AWS"

    /// `com.amazonaws.us-east-1.s3` → `us-east-1`.
    public static func region(ofService serviceName: String) -> String {
        let parts = serviceName.split(separator: ".")
        return parts.count > 2 ? String(parts[2]) : ""
    }

    public static func prefixListArn(_ list: PrefixList, region: String) -> String {
        "arn:aws:ec2:\(region):aws:prefix-list/\(list.prefixListId)"
    }

    /// The names endpoints of the service are reached under: `<service>.<region>.vpce.amazonaws.com`
    /// for interface endpoints (the suffix of every endpoint's own DNS entries), the service's public
    /// name for gateway endpoints.
    public static func baseEndpointDnsNames(_ service: EndpointService, region: String) -> [String] {
        service.serviceTypes.map { type in
            type == Endpoint.interface
                ? "\(service.shortName).\(region).vpce.amazonaws.com" : "\(service.shortName).\(region).amazonaws.com"
        }
    }
}
