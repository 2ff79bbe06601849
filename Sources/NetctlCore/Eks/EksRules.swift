import Foundation
import NetctlAPI

/// The Kubernetes versions EKS offers, kept as data: AWS's release calendar as of February 2026.
/// A minor version has 14 months of standard support from its EKS release, then 12 of extended
/// support; clusters can be created at any version still in either.
public enum EksVersions {
    public struct Release: Sendable, Hashable {
        public var version: String
        public var releasedOnEks: String
        public var endOfStandardSupport: String
        public var endOfExtendedSupport: String
    }

    public static let releases: [Release] = [
        Release(
            version: "1.29", releasedOnEks: "2024-01-23", endOfStandardSupport: "2025-03-23",
            endOfExtendedSupport: "2026-03-23"),
        Release(
            version: "1.30", releasedOnEks: "2024-05-23", endOfStandardSupport: "2025-07-23",
            endOfExtendedSupport: "2026-07-23"),
        Release(
            version: "1.31", releasedOnEks: "2024-09-26", endOfStandardSupport: "2025-11-26",
            endOfExtendedSupport: "2026-11-26"),
        Release(
            version: "1.32", releasedOnEks: "2025-01-23", endOfStandardSupport: "2026-03-23",
            endOfExtendedSupport: "2027-03-23"),
        Release(
            version: "1.33", releasedOnEks: "2025-05-29", endOfStandardSupport: "2026-07-29",
            endOfExtendedSupport: "2027-07-29"),
        Release(
            version: "1.34", releasedOnEks: "2025-10-02", endOfStandardSupport: "2026-12-02",
            endOfExtendedSupport: "2027-12-02"),
        Release(
            version: "1.35", releasedOnEks: "2026-01-27", endOfStandardSupport: "2027-03-27",
            endOfExtendedSupport: "2028-03-27"),
    ]

    public static var supported: [String] { releases.map(\.version) }

    /// The version a cluster gets when none is asked for: as AWS does, not the newest release but the
    /// one before it, which has had time to settle.
    public static let defaultVersion = "1.34"

    /// The platform version a new cluster or a finished upgrade starts at.
    public static let platformVersion = "eks.1"

    static func validate(_ version: String) throws(NetctlError) -> String {
        guard supported.contains(version) else {
            throw NetctlError(
                .invalidParameterException,
                "unsupported Kubernetes version \(version). Choose one of \(supported.joined(separator: ", ")).")
        }
        return version
    }

    /// The minor number of `1.NN`.
    static func minor(_ version: String) -> Int? {
        let parts = version.split(separator: ".")
        guard parts.count == 2, parts[0] == "1" else { return nil }
        return Int(parts[1])
    }

    /// An upgrade goes exactly one minor version forward.
    static func checkUpgrade(from current: String, to target: String) throws(NetctlError) {
        _ = try validate(target)
        guard let from = minor(current), let to = minor(target), to == from + 1 else {
            let next = minor(current).map { "1.\($0 + 1)" } ?? "the next minor version"
            throw NetctlError(
                .invalidParameterException,
                "Unsupported Kubernetes minor version update from \(current) to \(target): a cluster is upgraded one "
                    + "minor version at a time. Update to \(next) first.")
        }
    }
}

/// The rules of SEMANTICS section 6 that need no state.
public enum EksRules {
    public static let maximumClustersPerRegion = 100
    public static let maximumNodegroupsPerCluster = 30
    public static let maximumNodesPerNodegroup = 450
    public static let maximumFargateProfilesPerCluster = 10
    public static let maximumSelectorsPerProfile = 5
    public static let maximumLabelsPerSelector = 5
    public static let maximumSecurityGroups = 5
    public static let minimumFreeAddressesPerSubnet = 6
    /// The control plane's cross-account interfaces: one per zone of its subnets, 2 to 4.
    public static let maximumControlPlaneInterfaces = 4
    public static let defaultInstanceType = "t3.medium"
    /// A node group's size when none is given, as AWS's CreateNodegroup defaults it.
    public static let defaultScaling = EksScalingConfig(minSize: 1, desiredSize: 2, maxSize: 2)

    /// How long each transition takes on the daemon's clock.
    public enum Timing {
        public static let clusterCreating: TimeInterval = 600
        public static let clusterVersionUpdate: TimeInterval = 900
        public static let clusterConfigUpdate: TimeInterval = 300
        public static let clusterDeleting: TimeInterval = 300
        public static let nodegroupCreating: TimeInterval = 240
        public static let nodegroupScaling: TimeInterval = 120
        public static let nodegroupVersionUpdate: TimeInterval = 600
        public static let nodegroupDeleting: TimeInterval = 300
        public static let fargateCreating: TimeInterval = 120
        public static let fargateDeleting: TimeInterval = 120
    }

    /// Cluster names: 1 to 100 characters; node group and Fargate profile names: 1 to 63. Both start
    /// with a letter or digit, then letters, digits, `-` and `_`.
    static func validateName(_ name: String, _ what: String, maximum: Int) throws(NetctlError) {
        let characters = Array(name.unicodeScalars)
        func alphanumeric(_ c: Unicode.Scalar) -> Bool {
            ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
        }
        guard (1...maximum).contains(characters.count), let first = characters.first, alphanumeric(first),
            characters.allSatisfy({ alphanumeric($0) || $0 == "-" || $0 == "_" })
        else {
            throw NetctlError(
                .invalidParameterException,
                "The \(what) name '\(name)' is invalid: use 1 to \(maximum) letters, digits, hyphens and underscores, "
                    + "starting with a letter or digit.")
        }
    }

    /// An IAM role ARN, `arn:aws:iam::ACCOUNT:role/NAME` (NAME may carry a path).
    static func validateRole(_ arn: String, _ member: String) throws(NetctlError) -> String {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let valid =
            parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[3].isEmpty
            && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) && parts[5].hasPrefix("role/")
            && parts[5].count > 5
        guard valid else {
            throw NetctlError(
                .invalidParameterException,
                "\(member) '\(arn)' is not an IAM role ARN: give arn:aws:iam::ACCOUNT:role/NAME.")
        }
        return arn
    }

    static func validateScaling(_ config: EksScalingConfig) throws(NetctlError) {
        let (minSize, desired, maxSize) = (config.minSize, config.desiredSize, config.maxSize)
        var problems: [String] = []
        if minSize < 0 { problems.append("minSize must be 0 or more") }
        if maxSize < 1 { problems.append("maxSize must be 1 or more") }
        if desired < 0 { problems.append("desiredSize must be 0 or more") }
        if maxSize > maximumNodesPerNodegroup {
            problems.append("maxSize may be at most \(maximumNodesPerNodegroup) (nodes per managed node group)")
        }
        if minSize > maxSize { problems.append("minSize \(minSize) is above maxSize \(maxSize)") }
        if desired < minSize || desired > maxSize {
            problems.append("desiredSize \(desired) must be between minSize \(minSize) and maxSize \(maxSize)")
        }
        guard problems.isEmpty else {
            throw NetctlError(
                .invalidParameterException, "Invalid scalingConfig: " + problems.joined(separator: "; ") + ".")
        }
    }

    static func securityGroups(_ groups: [String]?) throws(NetctlError) -> [String] {
        let groups = groups ?? []
        guard groups.count <= maximumSecurityGroups else {
            throw NetctlError(
                .invalidParameterException,
                "A cluster takes at most \(maximumSecurityGroups) security groups; got \(groups.count).")
        }
        for group in groups where !IDPrefix.matches(group, prefix: "sg") {
            throw NetctlError(
                .invalidParameterException, "Security group '\(group)' is not an ID of the form sg-xxxxxxxxxxxxxxxxx.")
        }
        guard Set(groups).count == groups.count else {
            throw NetctlError(
                .invalidParameterException, "Security groups must not repeat: \(groups.joined(separator: ", ")).")
        }
        return groups
    }

    static func instanceTypes(_ types: [String]?) throws(NetctlError) -> [String] {
        let types = types ?? [defaultInstanceType]
        guard (1...20).contains(types.count) else {
            throw NetctlError(
                .invalidParameterException, "instanceTypes takes 1 to 20 instance types; got \(types.count).")
        }
        for type in types {
            let parts = type.split(separator: ".", omittingEmptySubsequences: false)
            let valid =
                parts.count == 2 && parts.allSatisfy { !$0.isEmpty }
                && type.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
            guard valid else {
                throw NetctlError(
                    .invalidParameterException, "'\(type)' is not an EC2 instance type such as t3.medium or m5.large.")
            }
        }
        return types
    }

    /// 1 to 5 selectors, each with a namespace (a DNS label, `*` and `?` allowed) and at most 5 labels.
    static func validateSelectors(_ selectors: [FargateSelector]) throws(NetctlError) {
        guard (1...maximumSelectorsPerProfile).contains(selectors.count) else {
            throw NetctlError(
                .invalidParameterException,
                "A Fargate profile needs 1 to \(maximumSelectorsPerProfile) selectors; got \(selectors.count).")
        }
        for (index, selector) in selectors.enumerated() {
            let namespace = selector.namespace
            let valid =
                (1...63).contains(namespace.count)
                && namespace.allSatisfy {
                    $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "*" || $0 == "?")
                }
            guard valid else {
                throw NetctlError(
                    .invalidParameterException,
                    "Selector \(index + 1): namespace '\(namespace)' is invalid: a Kubernetes namespace of 1 to 63 "
                        + "lowercase letters, digits and hyphens (wildcards * and ? allowed) is required.")
            }
            let labels = selector.labels ?? [:]
            guard labels.count <= maximumLabelsPerSelector else {
                throw NetctlError(
                    .invalidParameterException,
                    "Selector \(index + 1) has \(labels.count) labels; at most \(maximumLabelsPerSelector) are allowed."
                )
            }
            for (key, value) in labels where key.isEmpty || key.count > 317 || value.count > 63 {
                throw NetctlError(
                    .invalidParameterException,
                    "Selector \(index + 1): label '\(key)=\(value)' is invalid: keys are 1 to 317 characters, values at "
                        + "most 63.")
            }
        }
    }

    /// `https://<32 HEX>.<shard>.<region>.eks.amazonaws.com`, the shard two letters and a digit (`gr7`).
    static func endpoint(region: String, _ ids: inout IDGenerator) -> String {
        let hex = ids.make("", digits: 32).uppercased()
        let shardHex = Array(ids.make("", digits: 3))
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func value(_ c: Character) -> Int { c.hexDigitValue ?? 0 }
        let shard =
            String(letters[value(shardHex[0]) + 5]) + String(letters[value(shardHex[1]) + 3])
            + String(value(shardHex[2]) % 10)
        return "https://\(hex).\(shard).\(region).eks.amazonaws.com"
    }

    /// The service CIDR Kubernetes assigns when none is given: 172.20.0.0/16 when the VPC uses 10.0.0.0/8.
    static func serviceIpv4Cidr(vpcCidrs: [String]) -> String {
        let ten = IPv4CIDR("10.0.0.0/8")
        let overlaps = vpcCidrs.contains { cidr in IPv4CIDR(cidr).map { ten?.overlaps($0) ?? false } ?? false }
        return overlaps ? "172.20.0.0/16" : "10.100.0.0/16"
    }

    /// The three zones of the region the control plane runs in: its subnets' zones first, then the
    /// region's others in order.
    static func controlPlaneZones(subnetZones: [String], region: String) -> [String] {
        var zones = Array(Set(subnetZones)).sorted().prefix(3).map { $0 }
        for letter in State.availabilityZoneLetters where zones.count < 3 {
            let zone = region + String(letter)
            if !zones.contains(zone) { zones.append(zone) }
        }
        return zones.sorted()
    }

    // MARK: Node placement

    /// A subnet a node group may place nodes in, with its free addresses.
    public struct Slot: Sendable, Hashable {
        public var subnetId: String
        public var availabilityZone: String
        public var free: Int
        public init(subnetId: String, availabilityZone: String, free: Int) {
            self.subnetId = subnetId
            self.availabilityZone = availabilityZone
            self.free = free
        }
    }

    /// Where `count` new nodes go, as the Auto Scaling group balances them: each to the zone with the
    /// fewest nodes (ties: the order of the node group's subnets), within it the subnet with the fewest.
    /// Subnets with no free address are skipped; fewer subnets than asked come back when room runs out.
    public static func place(_ count: Int, in slots: [Slot], existing: [(subnetId: String, availabilityZone: String)])
        -> [String]
    {
        var slots = slots
        var perZone: [String: Int] = [:]
        var perSubnet: [String: Int] = [:]
        for node in existing {
            perZone[node.availabilityZone, default: 0] += 1
            perSubnet[node.subnetId, default: 0] += 1
        }
        var zoneOrder: [String] = []
        for slot in slots where !zoneOrder.contains(slot.availabilityZone) { zoneOrder.append(slot.availabilityZone) }
        var chosen: [String] = []
        for _ in 0..<max(0, count) {
            let open = zoneOrder.filter { zone in slots.contains { $0.availabilityZone == zone && $0.free > 0 } }
            guard let zone = open.min(by: { perZone[$0, default: 0] < perZone[$1, default: 0] }) else { break }
            let candidates = slots.indices.filter { slots[$0].availabilityZone == zone && slots[$0].free > 0 }
            guard
                let index = candidates.min(by: {
                    perSubnet[slots[$0].subnetId, default: 0] < perSubnet[slots[$1].subnetId, default: 0]
                })
            else { break }
            slots[index].free -= 1
            perZone[zone, default: 0] += 1
            perSubnet[slots[index].subnetId, default: 0] += 1
            chosen.append(slots[index].subnetId)
        }
        return chosen
    }

    /// The nodes a scale-in terminates, in order: each from the zone with the most nodes (ties: the
    /// zone whose newest node is newest), and there the newest node.
    public static func victims(_ count: Int, of nodes: [EksNode]) -> [String] {
        var remaining = Array(nodes.enumerated())
        var chosen: [String] = []
        func newer(_ a: (offset: Int, element: EksNode), _ b: (offset: Int, element: EksNode)) -> Bool {
            a.element.launchedAt != b.element.launchedAt
                ? a.element.launchedAt > b.element.launchedAt : a.offset > b.offset
        }
        for _ in 0..<max(0, count) {
            guard !remaining.isEmpty else { break }
            let byZone = Dictionary(grouping: remaining, by: \.element.availabilityZone)
            let most = byZone.values.map(\.count).max() ?? 0
            let newestPerZone = byZone.filter { $0.value.count == most }.compactMap { _, members in
                members.min(by: newer)
            }
            guard let victim = newestPerZone.min(by: newer) else { break }
            chosen.append(victim.element.instanceId)
            remaining.removeAll { $0.offset == victim.offset }
        }
        return chosen
    }
}
