import Foundation
import NetctlAPI

extension LoadBalancer: StoredResource {
    public static let kind = ResourceKind.loadBalancer
    public static var table: WritableKeyPath<State, Table<LoadBalancer>> { \.loadBalancers }
    public var id: String { loadBalancerArn }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { state }
    public var referenceName: String? { loadBalancerName }
    /// Its VPC, and the timed marker while it provisions.
    public var indexKeys: [String] { state == Self.provisioning ? [vpcId, LoadBalancingTiming.timedKey] : [vpcId] }
    var nextTransitionAt: Date? {
        state == Self.provisioning ? stateChangedAt.addingTimeInterval(LoadBalancingTiming.provisioning) : nil
    }
    var isApplication: Bool { type == Self.application }
    var zoneNames: Set<String> { Set(availabilityZones.map(\.zoneName)) }
}

extension TargetGroup: StoredResource {
    public static let kind = ResourceKind.targetGroup
    public static var table: WritableKeyPath<State, Table<TargetGroup>> { \.targetGroups }
    public var id: String { targetGroupArn }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { nil }
    public var referenceName: String? { targetGroupName }
    /// Its VPC and the load balancers that use it.
    public var indexKeys: [String] { [vpcId] + loadBalancerArns }
}

extension Listener: StoredResource {
    public static let kind = ResourceKind.listener
    public static var table: WritableKeyPath<State, Table<Listener>> { \.listeners }
    public var id: String { listenerArn }
    public var parentId: String? { loadBalancerArn }
    public var currentStatus: String? { nil }
    public var referenceName: String? { nil }
    /// Its load balancer and the target group its default action forwards to.
    public var indexKeys: [String] { [loadBalancerArn] + (defaultAction.targetGroupArn.map { [$0] } ?? []) }
}

extension ListenerRule: StoredResource {
    public static let kind = ResourceKind.listenerRule
    public static var table: WritableKeyPath<State, Table<ListenerRule>> { \.listenerRules }
    public var id: String { ruleArn }
    public var parentId: String? { listenerArn }
    public var currentStatus: String? { nil }
    public var referenceName: String? { nil }
    /// Its listener, its load balancer (the per-ALB rule quota) and the target group it forwards to.
    public var indexKeys: [String] {
        [listenerArn, loadBalancerArn] + (action.targetGroupArn.map { [$0] } ?? [])
    }
}

/// Times on the daemon clock.
public enum LoadBalancingTiming {
    /// A new load balancer provisions this long before it is active.
    public static let provisioning: TimeInterval = 5
    static let timedKey = "timed:elb"
}

/// ELBv2 names, ARNs and DNS names (SEMANTICS-2 4.1).
enum LoadBalancingNames {
    /// ≤32 letters, digits and hyphens, no hyphen at either end; a load balancer's must not start
    /// with `internal-`.
    static func validate(_ name: String, noun: String, loadBalancer: Bool) throws(NetctlError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        guard !name.isEmpty, name.count <= 32, allowed, !name.hasPrefix("-"), !name.hasSuffix("-") else {
            throw NetctlError(
                .validationError,
                "The \(noun) name '\(name)' is not valid: use 1 to 32 letters, digits and hyphens, with no hyphen at "
                    + "the start or the end.")
        }
        if loadBalancer, name.lowercased().hasPrefix("internal-") {
            throw NetctlError(
                .validationError,
                "The load balancer name '\(name)' starts with 'internal-', which AWS keeps for the DNS names of internal "
                    + "load balancers. Choose another name.")
        }
    }

    static func loadBalancerArn(_ scope: Scope, type: String, name: String, hex: String) -> String {
        let kind = type == LoadBalancer.network ? "net" : "app"
        return "arn:aws:elasticloadbalancing:\(scope.region):\(scope.accountId):loadbalancer/\(kind)/\(name)/\(hex)"
    }

    static func targetGroupArn(_ scope: Scope, name: String, hex: String) -> String {
        "arn:aws:elasticloadbalancing:\(scope.region):\(scope.accountId):targetgroup/\(name)/\(hex)"
    }

    /// `…:listener/app/NAME/LBHEX/HEX` from the load balancer's `…:loadbalancer/app/NAME/LBHEX`.
    static func listenerArn(loadBalancerArn: String, hex: String) -> String {
        loadBalancerArn.replacingOccurrences(of: ":loadbalancer/", with: ":listener/") + "/" + hex
    }

    static func ruleArn(listenerArn: String, hex: String) -> String {
        listenerArn.replacingOccurrences(of: ":listener/", with: ":listener-rule/") + "/" + hex
    }

    /// ALB: `NAME-DIGITS.REGION.elb.amazonaws.com`, `internal-` first when internal; NLB:
    /// `NAME-HEX.elb.REGION.amazonaws.com`.
    static func dnsName(name: String, type: String, scheme: String, region: String, hex: String) -> String {
        let prefix = scheme == LoadBalancer.internal ? "internal-" : ""
        if type == LoadBalancer.network {
            return "\(prefix)\(name)-\(hex).elb.\(region).amazonaws.com".lowercased()
        }
        let digits = String(UInt64(hex.prefix(12), radix: 16).map { $0 % 10_000_000_000 } ?? 0)
        return "\(prefix)\(name)-\(digits).\(region).elb.amazonaws.com".lowercased()
    }

    /// AWS's hosted zones for load balancer names (ALB, NLB) in the regions netctl knows them for.
    static func canonicalHostedZoneId(region: String, type: String) -> String? {
        let zones: [String: (String, String)] = [
            "us-east-1": ("Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"), "us-east-2": ("Z3AADJGX6KTTL2", "ZLMOA37VPKANP"),
            "us-west-1": ("Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"), "us-west-2": ("Z1H1FL5HABSF5", "Z18D5FSROUN65G"),
            "eu-west-1": ("Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"), "eu-central-1": ("Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"),
        ]
        guard let pair = zones[region] else { return nil }
        return type == LoadBalancer.network ? pair.1 : pair.0
    }
}

extension State {
    public func loadBalancer(_ reference: String, in scope: Scope) throws(NetctlError) -> LoadBalancer {
        if reference.hasPrefix("arn:") {
            if let found = loadBalancers[reference], found.scope == scope { return found }
        } else if let found = loadBalancers.named(reference, in: scope).first {
            return found
        }
        throw NetctlError(
            .loadBalancerNotFound,
            "Load balancer '\(reference)' not found in \(scope). List them with `netctl elb load-balancer list`.")
    }

    public func targetGroup(_ reference: String, in scope: Scope) throws(NetctlError) -> TargetGroup {
        if reference.hasPrefix("arn:") {
            if let found = targetGroups[reference], found.scope == scope { return found }
        } else if let found = targetGroups.named(reference, in: scope).first {
            return found
        }
        throw NetctlError(
            .targetGroupNotFound,
            "One or more target groups not found: '\(reference)' is not a target group of \(scope). List them with "
                + "`netctl elb target-group list`.")
    }

    /// A listener by ARN, or as `LOAD-BALANCER:PORT` (the load balancer's name or ARN).
    public func listener(_ reference: String, in scope: Scope) throws(NetctlError) -> Listener {
        if let found = listeners[reference], found.scope == scope { return found }
        if let colon = reference.lastIndex(of: ":"), let port = Int(reference[reference.index(after: colon)...]),
            let balancer = try? loadBalancer(String(reference[..<colon]), in: scope),
            let found = listeners.children(of: balancer.loadBalancerArn).first(where: { $0.port == port })
        {
            return found
        }
        throw NetctlError(
            .listenerNotFound,
            "Listener '\(reference)' not found in \(scope). Name it by ARN or as LOAD-BALANCER:PORT; list a load "
                + "balancer's with `netctl elb listener list LOAD-BALANCER`.")
    }

    /// A rule by ARN, or as `LISTENER:PRIORITY` (the listener as `listener(_:in:)` takes it).
    public func listenerRule(_ reference: String, in scope: Scope) throws(NetctlError) -> ListenerRule {
        if let found = listenerRules[reference], found.scope == scope { return found }
        if let colon = reference.lastIndex(of: ":"), let priority = Int(reference[reference.index(after: colon)...]),
            let listener = try? listener(String(reference[..<colon]), in: scope),
            let found = listenerRules.children(of: listener.listenerArn).first(where: { $0.priority == priority })
        {
            return found
        }
        throw NetctlError(
            .ruleNotFound,
            "Rule '\(reference)' not found in \(scope). Name it by ARN or as LISTENER:PRIORITY; list a listener's with "
                + "`netctl elb rule list LISTENER`.")
    }

    /// A fresh 16-hex suffix for an ELBv2 ARN.
    static func elbHex(_ context: inout CommandContext) -> String {
        context.ids.make("", digits: 16)
    }
}
