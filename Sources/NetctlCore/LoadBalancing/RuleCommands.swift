import Foundation
import NetctlAPI

/// Listener rules (SEMANTICS-2 4.3).
extension State {
    public mutating func createRule(_ request: ElbRuleCreate, _ context: inout CommandContext) throws(NetctlError)
        -> ListenerRule
    {
        let listener = try self.listener(request.listener, in: context.scope)
        guard let balancer = loadBalancers[listener.loadBalancerArn] else {
            throw NetctlError(.loadBalancerNotFound, "The listener's load balancer \(listener.loadBalancerArn) is gone.")
        }
        guard balancer.isApplication else {
            throw NetctlError(
                .invalidConfigurationRequest,
                "Listeners of network load balancers have no rules: \(balancer.loadBalancerName) forwards with the "
                    + "listener's default action only.")
        }
        guard (1...50000).contains(request.priority) else {
            throw NetctlError(.validationError, "Rule priority \(request.priority) is outside 1 to 50000.")
        }
        let siblings = listenerRules.children(of: listener.listenerArn)
        if let taken = siblings.first(where: { $0.priority == request.priority }) {
            throw NetctlError(
                .priorityInUse,
                "Priority '\(request.priority)' is currently in use by \(taken.ruleArn). Choose another priority.")
        }
        try RuleConditions.validate(request.conditions)
        let count = listenerRules.childCount(of: balancer.loadBalancerArn)
        guard count < context.quotas[.rulesPerApplicationLoadBalancer] else {
            throw context.quotas.exceeded(
                .rulesPerApplicationLoadBalancer, code: .tooManyRules,
                "\(balancer.loadBalancerName) already has \(count) rules")
        }
        let action = try loadBalancerAction(
            request.action, of: balancer, listenerProtocol: listener.protocol, context.scope)
        let rule = ListenerRule(
            ruleArn: LoadBalancingNames.ruleArn(listenerArn: listener.listenerArn, hex: Self.elbHex(&context)),
            listenerArn: listener.listenerArn, loadBalancerArn: balancer.loadBalancerArn, accountId: context.accountId,
            region: context.region, priority: request.priority, conditions: request.conditions, action: action,
            createdAt: context.now)
        record(.create, rule, at: context.now)
        refreshTargetGroupLinks(Set(action.targetGroupArn.map { [$0] } ?? []), context)
        return rule
    }

    public func listRules(_ request: ElbRuleList, _ context: QueryContext) throws(NetctlError) -> ElbRuleListResponse {
        let listener = try self.listener(request.listener, in: context.scope)
        return ElbRuleListResponse(rules: rulesInOrder(of: listener.listenerArn))
    }

    func rulesInOrder(of listenerArn: String) -> [ListenerRule] {
        listenerRules.children(of: listenerArn).sorted { $0.priority < $1.priority }
    }

    public mutating func deleteRule(_ request: ElbRuleDelete, _ context: inout CommandContext) throws(NetctlError)
        -> ListenerRule
    {
        let rule = try listenerRule(request.rule, in: context.scope)
        recordDeletion(rule, at: context.now)
        refreshTargetGroupLinks(Set(rule.action.targetGroupArn.map { [$0] } ?? []), context)
        return rule
    }
}

/// `path-pattern` and `host-header` conditions within AWS's limits, and how they match.
enum RuleConditions {
    static let maxValuesPerCondition = 3
    static let maxEvaluationsPerRule = 5
    static let maxWildcardsPerRule = 5
    static let maxLength = 128

    static func validate(_ conditions: [RuleCondition]) throws(NetctlError) {
        guard !conditions.isEmpty else {
            throw NetctlError(.validationError, "A rule needs at least one condition (path-pattern or host-header).")
        }
        var seen = Set<String>()
        var evaluations = 0
        var wildcards = 0
        for condition in conditions {
            guard [RuleCondition.pathPattern, RuleCondition.hostHeader].contains(condition.field) else {
                throw NetctlError(
                    .validationError,
                    "Condition field '\(condition.field)' is not supported by netctld: use path-pattern or host-header.")
            }
            guard seen.insert(condition.field).inserted else {
                throw NetctlError(
                    .validationError, "A rule takes at most one \(condition.field) condition; put the values in one.")
            }
            guard !condition.values.isEmpty, condition.values.count <= maxValuesPerCondition else {
                throw NetctlError(
                    .validationError,
                    "A \(condition.field) condition takes 1 to \(maxValuesPerCondition) values "
                        + "(\(condition.values.count) given).")
            }
            for value in condition.values {
                try validate(value, field: condition.field)
                wildcards += value.count { $0 == "*" || $0 == "?" }
            }
            evaluations += condition.values.count
        }
        guard evaluations <= maxEvaluationsPerRule else {
            throw NetctlError(
                .validationError,
                "A rule can only have '\(maxEvaluationsPerRule)' condition values (\(evaluations) given).")
        }
        guard wildcards <= maxWildcardsPerRule else {
            throw NetctlError(
                .validationError,
                "A rule takes at most \(maxWildcardsPerRule) wildcards (* or ?) across its conditions "
                    + "(\(wildcards) given).")
        }
    }

    private static func validate(_ value: String, field: String) throws(NetctlError) {
        let allowed: (Character) -> Bool
        if field == RuleCondition.pathPattern {
            allowed = { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.$/~\"'@:+&*?".contains($0)) }
        } else {
            allowed = { $0.isASCII && ($0.isLetter || $0.isNumber || "-.*?".contains($0)) }
        }
        guard !value.isEmpty, value.count <= maxLength, value.allSatisfy(allowed) else {
            throw NetctlError(
                .validationError,
                "The \(field) value '\(value)' is not valid: at most \(maxLength) characters of "
                    + (field == RuleCondition.pathPattern
                        ? "letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?."
                        : "letters, digits, - . and the wildcards * and ?."))
        }
    }

    /// Every condition matches (one of its values does). Paths are case-sensitive and ignore the
    /// query string; hosts are not case-sensitive.
    static func matches(_ conditions: [RuleCondition], path: String, host: String?) -> Bool {
        conditions.allSatisfy { condition in
            switch condition.field {
            case RuleCondition.pathPattern:
                let plain = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                return condition.values.contains { wildcard($0, matches: plain) }
            case RuleCondition.hostHeader:
                guard let host else { return false }
                let name = host.split(separator: ":").first.map(String.init)?.lowercased() ?? ""
                return condition.values.contains { wildcard($0.lowercased(), matches: name) }
            default:
                return false
            }
        }
    }

    /// `*` matches any run of characters, `?` exactly one.
    static func wildcard(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
