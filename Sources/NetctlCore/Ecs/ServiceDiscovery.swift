import Foundation
import NetctlAPI

/// Cloud Map private DNS namespaces: ECS services register in one, and `NAME.NAMESPACE` resolves to
/// the private IPs of their RUNNING tasks.
extension State {
    public static let maximumNamespacesPerRegion = 50

    public mutating func createNamespace(_ request: SdNamespaceCreate, _ context: inout CommandContext)
        throws(NetctlError)
        -> SdNamespace
    {
        let name = request.name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        try Self.validateDomainName(name)
        let vpc = try self.vpc(request.vpc, in: context.scope)
        if let existing = sdNamespaces.named(name, in: context.scope).first(where: { $0.vpcId == vpc.vpcId }) {
            throw NetctlError(
                .namespaceAlreadyExists,
                "Namespace \(name) already exists in \(vpc.vpcId) (\(existing.id)). Use it, or delete it first.")
        }
        guard sdNamespaces.countInScope(context.scope) < Self.maximumNamespacesPerRegion else {
            throw NetctlError(
                .limitExceededException,
                "You have reached the limit of \(Self.maximumNamespacesPerRegion) namespaces in \(context.scope).")
        }
        if let description = request.description, description.count > 1024 {
            throw NetctlError(.invalidParameterException, "description is at most 1024 characters.")
        }
        let id = "ns-" + context.ids.make("", digits: 16)
        var namespace = SdNamespace(
            id: id, arn: EcsArn.namespace(id, context.scope), name: name, vpcId: vpc.vpcId,
            accountId: context.accountId,
            region: context.region, createdAt: context.now)
        namespace.description = request.description
        namespace.operationId = recordSdOperation("CREATE_NAMESPACE", targets: ["NAMESPACE": id], &context).id
        record(.create, namespace, at: context.now)
        return namespace
    }

    public func listNamespaces(_ request: SdNamespaceList, _ context: QueryContext) throws(NetctlError)
        -> SdNamespaceListResponse
    {
        let page = try Pagination.page(
            sdNamespaces.inScope(context.scope), maxResults: request.maxResults, nextToken: request.nextToken,
            range: 1...100)
        return SdNamespaceListResponse(namespaces: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteNamespace(_ request: SdNamespaceDelete, _ context: inout CommandContext)
        throws(NetctlError)
        -> SdNamespace
    {
        var namespace = try sdNamespace(request.name, in: context.scope)
        if let user = ecsServices.children(of: namespace.id).first(where: { $0.status != "INACTIVE" }) {
            throw NetctlError(
                .resourceInUseException,
                "Namespace \(namespace.name) has services registered (\(user.serviceName)). Delete them first.")
        }
        if let service = sdServices.children(of: namespace.id).first {
            throw NetctlError(
                .resourceInUseException,
                "Namespace \(namespace.name) has Cloud Map services (\(service.name), \(service.id)). Delete them first."
            )
        }
        namespace.operationId = recordSdOperation("DELETE_NAMESPACE", targets: ["NAMESPACE": namespace.id], &context).id
        recordDeletion(namespace, at: context.now)
        return namespace
    }

    /// `NAME.NAMESPACE` → the private IPs of the RUNNING tasks of the service registered under it.
    public func resolve(_ request: SdResolve, _ context: QueryContext) throws(NetctlError) -> SdResolveResponse {
        let fullName = request.name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard let dot = fullName.firstIndex(of: ".") else {
            throw NetctlError(
                .invalidParameterException, "'\(request.name)' is not NAME.NAMESPACE, e.g. users.forum.local.")
        }
        let serviceName = String(fullName[..<dot])
        let namespaceName = String(fullName[fullName.index(after: dot)...])
        let namespaces = sdNamespaces.named(namespaceName, in: context.scope)
        guard !namespaces.isEmpty else {
            throw NetctlError(
                .namespaceNotFound,
                "No namespace named \(namespaceName) exists in \(context.scope). Create it with "
                    + "`netctl sd namespace create \(namespaceName) --vpc VPC`.")
        }
        let services = namespaces.flatMap { ecsServices.children(of: $0.id) }.filter {
            $0.serviceRegistry?.name.lowercased() == serviceName && $0.status != "INACTIVE"
        }
        // Instances registered by hand in the Cloud Map service of that name resolve too.
        let registered = namespaces.flatMap { sdServices.children(of: $0.id) }.filter { $0.name == serviceName }
            .flatMap { sdInstances.children(of: $0.id) }.compactMap { $0.attributes["AWS_INSTANCE_IPV4"] }
        guard !services.isEmpty || !registered.isEmpty else {
            throw NetctlError(
                .resourceNotFoundException,
                "No service is registered as \(fullName): create an ECS service with serviceRegistry "
                    + "{namespace: \(namespaceName), name: \(serviceName)}.")
        }
        let addresses =
            services.flatMap { service in
                ecsTasks.children(of: EcsTask.serviceKey(service.clusterArn, service.serviceName)).filter {
                    $0.lastStatus == TaskStatus.running && $0.desiredStatus == TaskStatus.running
                }.compactMap(\.privateIpAddress)
            } + registered
        return SdResolveResponse(
            name: fullName, addresses: addresses.sorted { IPv4Address($0)?.value ?? 0 < IPv4Address($1)?.value ?? 0 })
    }

    /// A namespace by name or ID.
    public func sdNamespace(_ reference: String, in scope: Scope) throws(NetctlError) -> SdNamespace {
        if reference.hasPrefix("ns-"), let found = sdNamespaces[reference], found.scope == scope { return found }
        let named = sdNamespaces.named(reference.lowercased(), in: scope)
        switch named.count {
        case 1: return named[0]
        case 0:
            throw NetctlError(
                .namespaceNotFound,
                "Namespace '\(reference)' does not exist in \(scope). List them with `netctl sd namespace list`.")
        default:
            throw NetctlError(
                .invalidParameterException,
                "The name '\(reference)' matches \(named.count) namespaces (\(named.map(\.id).joined(separator: ", "))). "
                    + "Pass the ID instead.")
        }
    }

    /// A private DNS name: labels of letters, digits and hyphens, at most 253 characters.
    static func validateDomainName(_ name: String) throws(NetctlError) {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            (1...253).contains(name.count)
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        guard valid else {
            throw NetctlError(
                .invalidParameterException,
                "Namespace name '\(name)' is not a DNS name: use labels of letters, digits and hyphens separated by dots, "
                    + "e.g. backend.example.")
        }
    }
}
