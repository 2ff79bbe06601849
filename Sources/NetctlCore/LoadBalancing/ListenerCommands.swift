import Foundation
import NetctlAPI

/// Listeners and their actions (SEMANTICS-2 4.3).
extension State {
    public mutating func createListener(_ request: ElbListenerCreate, _ context: inout CommandContext)
        throws(NetctlError) -> Listener
    {
        let balancer = try loadBalancer(request.loadBalancer, in: context.scope)
        let proto = request.protocol.uppercased()
        try ListenerRules.validateProtocol(proto, of: balancer)
        try TargetGroupRules.port(request.port, "Listener port")
        let existing = listeners.children(of: balancer.loadBalancerArn)
        if let taken = existing.first(where: { $0.port == request.port }) {
            throw NetctlError(
                .duplicateListener,
                "A listener already exists on port \(request.port) of \(balancer.loadBalancerName) "
                    + "(\(taken.listenerArn)). Delete it first or use another port.")
        }
        guard existing.count < context.quotas[.listenersPerLoadBalancer] else {
            throw context.quotas.exceeded(
                .listenersPerLoadBalancer, code: .tooManyListeners,
                "\(balancer.loadBalancerName) already has \(existing.count) listeners")
        }
        let action = try loadBalancerAction(request.defaultAction, of: balancer, listenerProtocol: proto, context.scope)
        let listener = Listener(
            listenerArn: LoadBalancingNames.listenerArn(
                loadBalancerArn: balancer.loadBalancerArn, hex: Self.elbHex(&context)),
            loadBalancerArn: balancer.loadBalancerArn, accountId: context.accountId, region: context.region,
            protocol: proto, port: request.port, defaultAction: action, createdAt: context.now)
        record(.create, listener, at: context.now)
        refreshTargetGroupLinks(Set(action.targetGroupArn.map { [$0] } ?? []), context)
        return listener
    }

    public func listListeners(_ request: ElbListenerList, _ context: QueryContext) throws(NetctlError)
        -> ElbListenerListResponse
    {
        let balancer = try loadBalancer(request.loadBalancer, in: context.scope)
        let page = try Pagination.page(
            listeners.children(of: balancer.loadBalancerArn), maxResults: request.maxResults,
            nextToken: request.nextToken, range: LoadBalancingLimits.pageRange)
        return ElbListenerListResponse(listeners: page.items.sorted { $0.port < $1.port }, nextToken: page.nextToken)
    }

    public mutating func deleteListener(_ request: ElbListenerDelete, _ context: inout CommandContext)
        throws(NetctlError) -> Listener
    {
        let listener = try self.listener(request.listener, in: context.scope)
        let groups = removeListener(listener, context)
        refreshTargetGroupLinks(groups, context)
        return listener
    }

    /// An action checked against the load balancer: a forward to a group of its VPC whose protocol
    /// fits the listener's and that no other load balancer uses; fixed responses and redirects on
    /// ALBs only.
    func loadBalancerAction(
        _ input: LoadBalancerActionInput, of balancer: LoadBalancer, listenerProtocol: String, _ scope: Scope
    ) throws(NetctlError) -> LoadBalancerAction {
        switch input.type {
        case LoadBalancerAction.forward:
            guard let reference = input.targetGroup else {
                throw NetctlError(.validationError, "A forward action needs a target group (targetGroup).")
            }
            let group = try targetGroup(reference, in: scope)
            guard group.vpcId == balancer.vpcId else {
                throw NetctlError(
                    .invalidConfigurationRequest,
                    "Target group \(group.targetGroupName) is in \(group.vpcId), but load balancer "
                        + "\(balancer.loadBalancerName) is in \(balancer.vpcId).")
            }
            guard ListenerRules.fits(targetProtocol: group.protocol, listenerProtocol: listenerProtocol) else {
                throw NetctlError(
                    .incompatibleProtocols,
                    "The target group \(group.targetGroupName) has protocol \(group.protocol), which a "
                        + "\(listenerProtocol) listener cannot forward to.")
            }
            if let other = group.loadBalancerArns.first(where: { $0 != balancer.loadBalancerArn }) {
                throw NetctlError(
                    .targetGroupAssociationLimit,
                    "The target group \(group.targetGroupName) is already used by load balancer \(other), and a target "
                        + "group serves one load balancer. Create another target group.")
            }
            return LoadBalancerAction(type: input.type, targetGroupArn: group.targetGroupArn)
        case LoadBalancerAction.fixedResponse:
            try ListenerRules.requireApplication(balancer, input.type)
            guard let code = input.statusCode, ListenerRules.isFixedResponseCode(code) else {
                throw NetctlError(
                    .validationError, "A fixed-response action needs statusCode 2XX, 4XX or 5XX (e.g. 503).")
            }
            if let type = input.contentType, !ListenerRules.contentTypes.contains(type) {
                throw NetctlError(
                    .validationError,
                    "contentType '\(type)' is not one of \(ListenerRules.contentTypes.sorted().joined(separator: ", ")).")
            }
            if let body = input.messageBody, body.utf8.count > 1024 {
                throw NetctlError(.validationError, "messageBody is longer than 1024 bytes.")
            }
            return LoadBalancerAction(
                type: input.type, statusCode: code, contentType: input.contentType, messageBody: input.messageBody)
        case LoadBalancerAction.redirect:
            try ListenerRules.requireApplication(balancer, input.type)
            guard let code = input.statusCode, ["HTTP_301", "HTTP_302"].contains(code) else {
                throw NetctlError(.validationError, "A redirect action needs statusCode HTTP_301 or HTTP_302.")
            }
            let proto = input.protocol ?? "#{protocol}"
            guard ["HTTP", "HTTPS", "#{protocol}"].contains(proto) else {
                throw NetctlError(.validationError, "Redirect protocol '\(proto)' is not HTTP, HTTPS or #{protocol}.")
            }
            let port = input.port ?? "#{port}"
            if port != "#{port}" {
                guard let number = Int(port) else {
                    throw NetctlError(.validationError, "Redirect port '\(port)' is not a number or #{port}.")
                }
                try TargetGroupRules.port(number, "Redirect port")
            }
            let path = input.path ?? "/#{path}"
            guard path.hasPrefix("/") else {
                throw NetctlError(.validationError, "Redirect path '\(path)' must start with /.")
            }
            let host = input.host ?? "#{host}"
            let query = input.query ?? "#{query}"
            guard proto != "#{protocol}" || port != "#{port}" || host != "#{host}" || path != "/#{path}" else {
                throw NetctlError(
                    .invalidLoadBalancerAction,
                    "The redirect would send requests back to where they came from: change the protocol, port, host "
                        + "or path.")
            }
            return LoadBalancerAction(
                type: input.type, statusCode: code, protocol: proto, host: host, port: port, path: path, query: query)
        default:
            throw NetctlError(
                .validationError,
                "Action type '\(input.type)' is not supported: use forward, fixed-response or redirect.")
        }
    }
}

enum ListenerRules {
    static let contentTypes: Set<String> = [
        "text/plain", "text/css", "text/html", "application/javascript", "application/json",
    ]

    static func validateProtocol(_ proto: String, of balancer: LoadBalancer) throws(NetctlError) {
        if balancer.isApplication {
            if proto == "HTTPS" {
                throw NetctlError(
                    .invalidConfigurationRequest,
                    "An HTTPS listener needs a certificate, and netctld does not model certificates: use HTTP.")
            }
            guard proto == "HTTP" else {
                throw NetctlError(
                    .validationError,
                    "Listener protocol '\(proto)' is not valid for an application load balancer: use HTTP.")
            }
        } else {
            if proto == "TLS" {
                throw NetctlError(
                    .invalidConfigurationRequest,
                    "A TLS listener needs a certificate, and netctld does not model certificates: use TCP.")
            }
            guard ["TCP", "UDP", "TCP_UDP"].contains(proto) else {
                throw NetctlError(
                    .validationError,
                    "Listener protocol '\(proto)' is not valid for a network load balancer: use TCP, UDP or TCP_UDP.")
            }
        }
    }

    static func fits(targetProtocol: String, listenerProtocol: String) -> Bool {
        switch listenerProtocol {
        case "HTTP", "HTTPS": TargetGroupRules.applicationProtocols.contains(targetProtocol)
        case "TCP": ["TCP", "TCP_UDP"].contains(targetProtocol)
        case "UDP": ["UDP", "TCP_UDP"].contains(targetProtocol)
        default: targetProtocol == listenerProtocol
        }
    }

    static func requireApplication(_ balancer: LoadBalancer, _ type: String) throws(NetctlError) {
        guard balancer.isApplication else {
            throw NetctlError(
                .invalidLoadBalancerAction,
                "A \(type) action is for application load balancers; \(balancer.loadBalancerName) is a network load "
                    + "balancer, whose listeners forward only.")
        }
    }

    static func isFixedResponseCode(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber) && ["2", "4", "5"].contains(code.first)
    }
}
