import ArgumentParser
import NetctlAPI

/// `--cluster`, required: EKS has no default cluster.
struct EksClusterOption: ParsableArguments {
    @Option(help: ArgumentHelp("EKS cluster name or ARN.", valueName: "cluster"))
    var cluster: String
}

enum EksView {
    static func clusters(_ clusters: [EksCluster]) -> String {
        Output.table(
            ["CLUSTER", "STATUS", "VERSION", "NODEGROUPS", "FARGATE PROFILES", "NODES READY/DESIRED", "VPC"],
            clusters.map {
                [
                    $0.name, $0.status, $0.version, "\($0.nodegroupCount)", "\($0.fargateProfileCount)",
                    "\($0.readyNodeCount)/\($0.desiredNodeCount)", $0.vpcId,
                ]
            })
    }

    /// What `eks cluster get` shows: status, version, endpoint, zones, control-plane interfaces, nodes.
    static func cluster(_ cluster: EksCluster) -> String {
        let config = cluster.resourcesVpcConfig
        var access: [String] = []
        if config.endpointPublicAccess { access.append("public") }
        if config.endpointPrivateAccess { access.append("private") }
        var pairs = [
            ("Cluster", cluster.name), ("ARN", cluster.arn), ("Status", cluster.status),
            ("Version", "\(cluster.version) (platform \(cluster.platformVersion))"), ("Endpoint", cluster.endpoint),
            ("Endpoint access", access.joined(separator: " and ")), ("VPC", cluster.vpcId),
            ("Subnets", cluster.subnets.joined(separator: ", ")),
            (
                "Security groups",
                (config.securityGroupIds + [config.clusterSecurityGroupId + " (cluster)"]).joined(separator: ", ")
            ),
            ("Control plane AZs", cluster.availabilityZones.joined(separator: ", ")),
            ("Service CIDR", cluster.serviceIpv4Cidr),
            ("Node groups", "\(cluster.nodegroupCount)"), ("Fargate profiles", "\(cluster.fargateProfileCount)"),
            ("Nodes ready / desired", "\(cluster.readyNodeCount) / \(cluster.desiredNodeCount)"),
            ("Created", Output.time(cluster.createdAt)),
        ]
        if let update = cluster.update {
            pairs.append(
                (
                    "Update",
                    "\(update.type) \(update.status): "
                        + update.params.map { "\($0.type)=\($0.value)" }.joined(separator: ", ")
                ))
        }
        if let next = cluster.nextTransitionAt { pairs.append(("Next change at", Output.time(next))) }
        var text = Output.details(pairs)
        text +=
            "\n\nControl-plane network interfaces:\n"
            + Output.table(
                ["ENI", "PRIVATE IP", "SUBNET", "AZ"],
                cluster.controlPlaneInterfaces.map {
                    [$0.networkInterfaceId, $0.privateIpAddress, $0.subnetId, $0.availabilityZone]
                })
        return text
    }

    static func nodegroup(_ nodegroup: EksNodegroup) -> String {
        let scaling = nodegroup.scalingConfig
        var pairs = [
            ("Node group", nodegroup.nodegroupName), ("ARN", nodegroup.nodegroupArn),
            ("Cluster", nodegroup.clusterName),
            ("Status", nodegroup.status), ("Version", nodegroup.version),
            ("Instance types", nodegroup.instanceTypes.joined(separator: ", ")),
            ("Capacity type", nodegroup.capacityType), ("AMI type", nodegroup.amiType),
            ("Min / desired / max", "\(scaling.minSize) / \(scaling.desiredSize) / \(scaling.maxSize)"),
            ("Nodes", "\(nodegroup.nodes.count)"), ("Subnets", nodegroup.subnets.joined(separator: ", ")),
            ("Created", Output.time(nodegroup.createdAt)), ("Modified", Output.time(nodegroup.modifiedAt)),
        ]
        if let update = nodegroup.update {
            pairs.append(
                (
                    "Update",
                    "\(update.type) \(update.status): "
                        + update.params.map { "\($0.type)=\($0.value)" }.joined(separator: ", ")
                ))
        }
        if let next = nodegroup.nextTransitionAt { pairs.append(("Next change at", Output.time(next))) }
        for issue in nodegroup.health.issues { pairs.append(("Health issue", "\(issue.code): \(issue.message)")) }
        var text = Output.details(pairs)
        if !nodegroup.nodes.isEmpty {
            text +=
                "\n\n"
                + Output.table(
                    ["INSTANCE", "TYPE", "PRIVATE IP", "SUBNET", "AZ", "ENI"],
                    nodegroup.nodes.map {
                        [
                            $0.instanceId, $0.instanceType, $0.privateIpAddress, $0.subnetId, $0.availabilityZone,
                            $0.networkInterfaceId,
                        ]
                    })
        }
        return text
    }

    static func fargateProfile(_ profile: FargateProfile) -> String {
        var pairs = [
            ("Fargate profile", profile.fargateProfileName), ("ARN", profile.fargateProfileArn),
            ("Cluster", profile.clusterName), ("Status", profile.status),
            ("Pod execution role", profile.podExecutionRoleArn), ("Subnets", profile.subnets.joined(separator: ", ")),
        ]
        for selector in profile.selectors {
            let labels = (selector.labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            pairs.append(
                (
                    "Selector",
                    "namespace \(selector.namespace)"
                        + (labels.isEmpty ? "" : ", labels " + labels.joined(separator: ", "))
                ))
        }
        pairs.append(("Created", Output.time(profile.createdAt)))
        if let next = profile.nextTransitionAt { pairs.append(("Next change at", Output.time(next))) }
        return Output.details(pairs)
    }

    static func names(_ header: String, _ names: [String], _ nextToken: String?) -> String {
        Output.table([header], names.map { [$0] }) + Output.nextPage(nextToken)
    }
}

extension EksClusterCommand {
    /// `--endpoint-public-access`/`--no-…` and `--endpoint-private-access`/`--no-…`.
    struct EndpointAccessOptions: ParsableArguments {
        @Flag(inversion: .prefixedNo, help: "Reach the Kubernetes API from the internet (default on).")
        var endpointPublicAccess: Bool?
        @Flag(inversion: .prefixedNo, help: "Reach the Kubernetes API from inside the VPC (default off).")
        var endpointPrivateAccess: Bool?
    }
}

extension EksFargateProfileCommand {
    /// `NAMESPACE[,KEY=VALUE...]`.
    static func selector(_ text: String) throws -> FargateSelector {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let namespace = parts.first, !namespace.isEmpty, !namespace.contains("=") else {
            throw ValidationError("--selector '\(text)' must be NAMESPACE[,KEY=VALUE...]")
        }
        var labels: [String: String] = [:]
        for pair in parts.dropFirst() {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--selector '\(text)': label '\(pair)' must be KEY=VALUE")
            }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return FargateSelector(namespace: namespace, labels: labels.isEmpty ? nil : labels)
    }
}
