import ArgumentParser
import NetctlAPI

struct ElbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elb",
        abstract: "Elastic Load Balancing v2: load balancers, target groups and their targets' health, listeners, rules.",
        subcommands: [
            ElbLoadBalancerCommand.self, ElbTargetGroupCommand.self, ElbTargetsCommand.self, ElbListenerCommand.self,
            ElbRuleCommand.self, ElbRouteCommand.self,
        ])
}

struct ElbLoadBalancerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-balancer", abstract: "Application and network load balancers.",
        subcommands: [
            ElbLoadBalancerCreateCommand.self, ElbLoadBalancerListCommand.self, ElbLoadBalancerGetCommand.self,
            ElbLoadBalancerDeleteCommand.self,
        ])
}

struct ElbTargetGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target-group", abstract: "Target groups and their health checks.",
        subcommands: [
            ElbTargetGroupCreateCommand.self, ElbTargetGroupListCommand.self, ElbTargetGroupGetCommand.self,
            ElbTargetGroupDeleteCommand.self,
        ])
}

struct ElbTargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Register and deregister targets, see their health, inject failures.",
        subcommands: [
            ElbTargetsRegisterCommand.self, ElbTargetsDeregisterCommand.self, ElbTargetsHealthCommand.self,
            ElbTargetsSetFailureCommand.self,
        ])
}

struct ElbListenerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listener", abstract: "Listeners and their default actions.",
        subcommands: [
            ElbListenerCreateCommand.self, ElbListenerListCommand.self, ElbListenerGetCommand.self,
            ElbListenerDeleteCommand.self,
        ])
}

struct ElbRuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule", abstract: "Listener rules: path and host conditions, priorities, actions.",
        subcommands: [ElbRuleCreateCommand.self, ElbRuleListCommand.self, ElbRuleDeleteCommand.self])
}

/// A target written `ID` or `ID:PORT`.
enum ElbTargetArgument {
    static func parse(_ text: String) -> TargetInput {
        if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) {
            return TargetInput(id: String(text[..<colon]), port: port)
        }
        return TargetInput(id: text)
    }
}

/// The action options of `listener create` and `rule create`: exactly one of --forward,
/// --fixed-response and --redirect.
struct ElbActionOptions: ParsableArguments {
    @Option(name: .customLong("forward"), help: ArgumentHelp("Forward to this target group (ARN or name).", valueName: "tg"))
    var forward: String?

    @Option(
        name: .customLong("fixed-response"),
        help: ArgumentHelp("Answer with this status code (2XX, 4XX or 5XX).", valueName: "code"))
    var fixedResponse: String?

    @Option(name: .customLong("content-type"), help: ArgumentHelp("Content type of the fixed response.", valueName: "type"))
    var contentType: String?

    @Option(name: .customLong("message"), help: ArgumentHelp("Body of the fixed response.", valueName: "text"))
    var message: String?

    @Option(name: .customLong("redirect"), help: ArgumentHelp("Redirect with HTTP_301 or HTTP_302.", valueName: "code"))
    var redirect: String?

    @Option(name: .customLong("redirect-protocol"), help: ArgumentHelp("Redirect to HTTP or HTTPS.", valueName: "proto"))
    var redirectProtocol: String?

    @Option(name: .customLong("redirect-host"), help: ArgumentHelp("Redirect to this host.", valueName: "host"))
    var redirectHost: String?

    @Option(name: .customLong("redirect-port"), help: ArgumentHelp("Redirect to this port.", valueName: "port"))
    var redirectPort: String?

    @Option(name: .customLong("redirect-path"), help: ArgumentHelp("Redirect to this path.", valueName: "path"))
    var redirectPath: String?

    @Option(name: .customLong("redirect-query"), help: ArgumentHelp("Redirect with this query.", valueName: "query"))
    var redirectQuery: String?

    func validate() throws {
        let given = [forward, fixedResponse, redirect].compactMap { $0 }.count
        guard given == 1 else {
            throw ValidationError("Pass exactly one of --forward TG, --fixed-response CODE or --redirect HTTP_301|HTTP_302.")
        }
    }

    var action: LoadBalancerActionInput {
        if let forward { return LoadBalancerActionInput(type: "forward", targetGroup: forward) }
        if let fixedResponse {
            return LoadBalancerActionInput(
                type: "fixed-response", statusCode: fixedResponse, contentType: contentType, messageBody: message)
        }
        return LoadBalancerActionInput(
            type: "redirect", statusCode: redirect, protocol: redirectProtocol, host: redirectHost, port: redirectPort,
            path: redirectPath, query: redirectQuery)
    }
}

enum ElbView {
    static func loadBalancers(_ balancers: [LoadBalancer]) -> String {
        Output.table(
            ["NAME", "TYPE", "SCHEME", "STATE", "VPC", "ZONES", "DNS NAME"],
            balancers.map {
                [
                    $0.loadBalancerName, $0.type, $0.scheme, $0.state, $0.vpcId,
                    $0.availabilityZones.map(\.zoneName).joined(separator: ","), $0.dnsName,
                ]
            })
    }

    static func loadBalancer(_ balancer: LoadBalancer) -> String {
        Output.details([
            ("ARN", balancer.loadBalancerArn), ("Name", balancer.loadBalancerName), ("DNS name", balancer.dnsName),
            ("Type", balancer.type), ("Scheme", balancer.scheme), ("State", balancer.state), ("VPC", balancer.vpcId),
            (
                "Nodes",
                balancer.availabilityZones.map {
                    "\($0.zoneName) \($0.subnetId) \($0.networkInterfaceId) \($0.privateIpAddress)"
                }.joined(separator: "; ")
            ),
            ("Security groups", balancer.securityGroups.isEmpty ? "-" : balancer.securityGroups.joined(separator: ", ")),
            ("Created", Output.time(balancer.createdAt)),
        ])
    }

    static func targetGroups(_ groups: [TargetGroup]) -> String {
        Output.table(
            ["NAME", "PROTOCOL", "PORT", "TYPE", "VPC", "TARGETS", "HEALTHY", "LOAD BALANCERS"],
            groups.map {
                [
                    $0.targetGroupName, $0.protocol, String($0.port), $0.targetType, $0.vpcId, String($0.targets.count),
                    String($0.targets.count { $0.state == TargetHealth.healthy }),
                    $0.loadBalancerArns.isEmpty ? "-" : String($0.loadBalancerArns.count),
                ]
            })
    }

    static func targetGroup(_ group: TargetGroup) -> String {
        let check = group.healthCheck
        return Output.details([
            ("ARN", group.targetGroupArn), ("Name", group.targetGroupName),
            ("Protocol", "\(group.protocol) port \(group.port)"), ("Target type", group.targetType), ("VPC", group.vpcId),
            (
                "Health check",
                "\(check.protocol) \(check.port)\(check.path.map { " \($0)" } ?? "") every \(check.intervalSeconds)s, "
                    + "timeout \(check.timeoutSeconds)s, healthy \(check.healthyThresholdCount), unhealthy "
                    + "\(check.unhealthyThresholdCount)\(check.matcher.map { ", codes \($0)" } ?? "")"
            ),
            ("Deregistration delay", "\(group.deregistrationDelaySeconds)s"),
            ("Load balancers", group.loadBalancerArns.isEmpty ? "-" : group.loadBalancerArns.joined(separator: ", ")),
            ("Targets", group.targets.isEmpty ? "-" : group.targets.map { "\($0.id):\($0.port) \($0.state)" }.joined(separator: ", ")),
        ])
    }

    static func health(_ response: ElbTargetsHealthResponse) -> String {
        Output.table(
            ["TARGET", "PORT", "ZONE", "STATE", "REASON", "DESCRIPTION"],
            response.targets.map {
                [$0.id, String($0.port), $0.availabilityZone ?? "-", $0.state, $0.reason ?? "-", $0.description ?? "-"]
            })
    }

    static func action(_ action: LoadBalancerAction) -> String {
        switch action.type {
        case LoadBalancerAction.forward: "forward \(action.targetGroupArn ?? "")"
        case LoadBalancerAction.fixedResponse: "fixed-response \(action.statusCode ?? "")"
        default:
            "redirect \(action.statusCode ?? "") \(action.protocol ?? "")://\(action.host ?? ""):\(action.port ?? "")"
                + "\(action.path ?? "")"
        }
    }

    static func listeners(_ listeners: [Listener]) -> String {
        Output.table(
            ["LISTENER ARN", "PROTOCOL", "PORT", "DEFAULT ACTION"],
            listeners.map { [$0.listenerArn, $0.protocol, String($0.port), action($0.defaultAction)] })
    }

    static func listener(_ listener: Listener) -> String { listeners([listener]) }

    static func rules(_ rules: [ListenerRule]) -> String {
        Output.table(
            ["PRIORITY", "CONDITIONS", "ACTION", "RULE ARN"],
            rules.map {
                [
                    String($0.priority), $0.conditions.map { "\($0.field)=\($0.values.joined(separator: ","))" }
                        .joined(separator: " "), action($0.action), $0.ruleArn,
                ]
            })
    }

    static func rule(_ rule: ListenerRule) -> String { rules([rule]) }

    static func route(_ result: ElbRouteResult) -> String {
        Output.details([
            ("Listener", result.listenerArn ?? "-"), ("Rule", result.ruleArn ?? "default action"),
            ("Action", result.actionType ?? "-"), ("Target group", result.targetGroupArn ?? "-"),
            ("Target", result.target.map { "\($0.id):\($0.port.map(String.init) ?? "")" } ?? "-"),
            ("Explanation", result.explanation ?? "-"),
        ])
    }
}
