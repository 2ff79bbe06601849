import Foundation
import NetctlAPI

/// `elb.route`: where a request to a load balancer goes, as its listener, rules and target health
/// decide.
extension State {
    public func routeRequest(_ request: ElbRoute, _ context: QueryContext) throws(NetctlError) -> ElbRouteResult {
        let balancer = try loadBalancer(request.loadBalancer, in: context.scope)
        guard balancer.state == LoadBalancer.active else {
            return ElbRouteResult(
                explanation: "\(balancer.loadBalancerName) is \(balancer.state), not active: it takes no traffic yet.")
        }
        let all = listeners.children(of: balancer.loadBalancerArn).sorted { $0.port < $1.port }
        let chosen: Listener
        if let port = request.port {
            guard let found = all.first(where: { $0.port == port }) else {
                let ports = all.map { String($0.port) }.joined(separator: ", ")
                return ElbRouteResult(
                    explanation: "\(balancer.loadBalancerName) has no listener on port \(port)"
                        + (all.isEmpty ? "." : " (listeners: \(ports)): the connection is refused."))
            }
            chosen = found
        } else {
            guard let first = all.first else {
                return ElbRouteResult(
                    explanation: "\(balancer.loadBalancerName) has no listeners. Add one with "
                        + "`netctl elb listener create`.")
            }
            chosen = first
        }
        let path = request.path ?? "/"
        let rule = balancer.isApplication
            ? rulesInOrder(of: chosen.listenerArn).first { RuleConditions.matches($0.conditions, path: path, host: request.host) }
            : nil
        let action = rule?.action ?? chosen.defaultAction
        var result = ElbRouteResult(listenerArn: chosen.listenerArn, ruleArn: rule?.ruleArn, actionType: action.type)
        switch action.type {
        case LoadBalancerAction.fixedResponse:
            result.explanation = "\(rule.map { "Rule \($0.priority)" } ?? "The default action") answers a fixed "
                + "response \(action.statusCode ?? "")\(action.messageBody.map { ": \($0)" } ?? ""); no target is involved."
        case LoadBalancerAction.redirect:
            result.explanation = "\(rule.map { "Rule \($0.priority)" } ?? "The default action") redirects "
                + "(\(action.statusCode ?? "")) to \(action.protocol ?? "")://\(action.host ?? "")"
                + ":\(action.port ?? "")\(action.path ?? "")?\(action.query ?? ""); no target is involved."
        default:
            guard let groupArn = action.targetGroupArn, let group = targetGroups[groupArn] else {
                result.explanation = "The action forwards to a target group that no longer exists."
                return result
            }
            result.targetGroupArn = groupArn
            pickTarget(in: group, &result)
        }
        return result
    }

    /// A healthy target, round robin; when every target that could serve is unhealthy, the load
    /// balancer fails open and routes to those.
    private func pickTarget(in group: TargetGroup, _ result: inout ElbRouteResult) {
        let healthy = group.targets.filter { $0.state == TargetHealth.healthy }
        let unhealthy = group.targets.filter { $0.state == TargetHealth.unhealthy }
        let pool = healthy.isEmpty ? unhealthy : healthy
        guard !pool.isEmpty else {
            let states = Dictionary(grouping: group.targets, by: \.state).map { "\($0.value.count) \($0.key)" }.sorted()
            result.explanation = group.targets.isEmpty
                ? "Target group \(group.targetGroupName) has no registered targets: the load balancer answers 503."
                : "No target of \(group.targetGroupName) can take traffic (\(states.joined(separator: ", "))): the load "
                    + "balancer answers 503."
            return
        }
        let next = loadBalancerRoundRobin.next(group.targetGroupArn) % pool.count
        let target = pool[next]
        result.target = TargetInput(id: target.id, port: target.port)
        if healthy.isEmpty {
            result.explanation = "Every target of \(group.targetGroupName) is unhealthy, so the load balancer fails "
                + "open and routes to all of them."
        }
    }
}

/// Round-robin positions per target group. Routing is a query, so the positions live outside the
/// state value, shared by its copies, and start over when the daemon does.
final class LoadBalancerRoundRobin: @unchecked Sendable {
    private let lock = NSLock()
    private var positions: [String: Int] = [:]

    func next(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let position = positions[key, default: 0]
        positions[key] = position &+ 1
        return position
    }
}
