import Foundation
import NetctlAPI

extension State {
    public mutating func createEndpoint(_ request: EndpointCreate, _ context: inout CommandContext) throws(NetctlError)
        -> Endpoint
    {
        let vpc = try self.vpc(request.vpc, in: context.scope)
        let service = try ServiceCatalog.resolve(request.service, region: context.region)
        let type = request.type ?? (service.serviceTypes.contains(Endpoint.gateway) ? Endpoint.gateway : Endpoint.interface)
        guard [Endpoint.gateway, Endpoint.interface].contains(type) else {
            throw NetctlError(.invalidParameterValue, "Endpoint type '\(type)' is not valid: use gateway or interface.")
        }
        guard service.serviceTypes.contains(type) else {
            throw NetctlError(
                .invalidParameterValue,
                "\(service.serviceName) does not offer \(type) endpoints; it offers: "
                    + "\(service.serviceTypes.joined(separator: ", ")).")
        }
        let policy = request.policy ?? ServiceCatalog.defaultPolicy
        try ServiceCatalog.validatePolicy(policy)
        // Interface endpoints without groups get the VPC's default group, as on AWS. Names of the VPC's
        // groups are taken too, as `instance.run` takes them.
        let securityGroups = try securityGroupIds(
            request.securityGroups, forVpc: vpc.vpcId, in: context.scope, defaultWhenEmpty: type == Endpoint.interface,
            allowNames: true)
        _ = try Validation.name(request.tags?["Name"], idPrefix: IDPrefix.endpoint)
        let tags = try Validation.tags(request.tags, name: nil)
        let endpointId = newID(for: Endpoint.self, prefix: IDPrefix.endpoint, &context)
        var endpoint = Endpoint(
            endpointId: endpointId, type: type, serviceName: service.serviceName, vpcId: vpc.vpcId,
            accountId: vpc.accountId, region: vpc.region, state: .available, routeTableIds: [], subnetIds: [],
            networkInterfaces: [], dnsEntries: [], privateDnsEnabled: false, securityGroupIds: securityGroups,
            policy: policy, tags: tags, createdAt: context.now)
        if type == Endpoint.gateway {
            guard request.subnets == nil, request.privateDnsEnabled != true else {
                throw NetctlError(
                    .invalidParameterCombination,
                    "A gateway endpoint is a route-table target: give it routeTables, not subnets or private DNS.")
            }
            let count = endpoints.inScope(context.scope).filter { $0.type == Endpoint.gateway }.count
            guard count < context.quotas[.gatewayEndpointsPerRegion] else {
                throw context.quotas.exceeded(
                    .gatewayEndpointsPerRegion, code: .vpcEndpointLimitExceeded,
                    "\(context.scope) already has \(count) gateway endpoints")
            }
            for table in try gatewayTables(request.routeTables ?? [], of: vpc, context.scope) {
                try addEndpointRoute(&endpoint, to: table, context)
            }
        } else {
            guard request.routeTables == nil else {
                throw NetctlError(
                    .invalidParameterCombination,
                    "An interface endpoint needs no route-table change: give it subnets, not routeTables.")
            }
            guard let subnetRefs = request.subnets, !subnetRefs.isEmpty else {
                throw NetctlError(.missingParameter, "An interface endpoint needs at least one subnet (one per zone).")
            }
            let count = endpoints.children(of: vpc.vpcId).filter { $0.type == Endpoint.interface }.count
            guard count < context.quotas[.interfaceEndpointsPerVpc] else {
                throw context.quotas.exceeded(
                    .interfaceEndpointsPerVpc, code: .vpcEndpointLimitExceeded,
                    "\(vpc.vpcId) already has \(count) interface endpoints")
            }
            endpoint.privateDnsEnabled = request.privateDnsEnabled ?? true
            if endpoint.privateDnsEnabled { try checkPrivateDns(for: service, in: vpc) }
            for subnet in try endpointSubnets(subnetRefs, of: vpc, existing: [], context.scope) {
                try addEndpointInterface(&endpoint, in: subnet, &context)
            }
            endpoint.dnsEntries = dnsEntries(endpoint, service: service)
        }
        record(.create, endpoint, at: context.now)
        return endpoint
    }

    public mutating func modifyEndpoint(_ request: EndpointModify, _ context: inout CommandContext) throws(NetctlError)
        -> Endpoint
    {
        var endpoint = try self.endpoint(request.endpoint, in: context.scope)
        guard let vpc = vpcs[endpoint.vpcId] else {
            throw NetctlError(.internalError, "Endpoint \(endpoint.endpointId) belongs to a missing VPC.")
        }
        let changesTables = request.addRouteTables != nil || request.removeRouteTables != nil
        let changesSubnets = request.addSubnets != nil || request.removeSubnets != nil
        let changesGroups = request.addSecurityGroups != nil || request.removeSecurityGroups != nil
        if endpoint.type == Endpoint.gateway, changesSubnets {
            throw NetctlError(.invalidParameterCombination, "\(endpoint.endpointId) is a gateway endpoint: it has route tables, not subnets.")
        }
        if endpoint.type == Endpoint.gateway, changesGroups || request.privateDnsEnabled != nil {
            throw NetctlError(
                .invalidParameterCombination,
                "\(endpoint.endpointId) is a gateway endpoint: it has no network interfaces, so no security groups or private DNS.")
        }
        if endpoint.type == Endpoint.interface, changesTables {
            throw NetctlError(.invalidParameterCombination, "\(endpoint.endpointId) is an interface endpoint: it has subnets, not route tables.")
        }
        if let policy = request.policy {
            try ServiceCatalog.validatePolicy(policy)
            endpoint.policy = policy
        }
        for reference in request.removeRouteTables ?? [] {
            let table = try routeTable(reference, in: context.scope)
            guard endpoint.routeTableIds.contains(table.routeTableId) else {
                throw NetctlError(
                    .invalidParameterValue, "\(table.routeTableId) is not associated with \(endpoint.endpointId).")
            }
            removeEndpointRoute(&endpoint, from: table.routeTableId, context)
        }
        for table in try gatewayTables(request.addRouteTables ?? [], of: vpc, context.scope) {
            try addEndpointRoute(&endpoint, to: table, context)
        }
        for reference in request.removeSubnets ?? [] {
            let subnet = try self.subnet(reference, in: context.scope)
            guard let interface = endpoint.networkInterfaces.first(where: { $0.subnetId == subnet.subnetId }) else {
                throw NetctlError(.invalidParameterValue, "\(subnet.subnetId) is not a subnet of \(endpoint.endpointId).")
            }
            try deleteNetworkInterface(interface.networkInterfaceId, context)
            endpoint.networkInterfaces.removeAll { $0.subnetId == subnet.subnetId }
            endpoint.subnetIds.removeAll { $0 == subnet.subnetId }
        }
        if let added = request.addSubnets {
            for subnet in try endpointSubnets(added, of: vpc, existing: endpoint.networkInterfaces, context.scope) {
                try addEndpointInterface(&endpoint, in: subnet, &context)
            }
        }
        for reference in request.removeSecurityGroups ?? [] {
            let group = (try? securityGroup(inVpc: vpc.vpcId, reference, in: context.scope).groupId) ?? reference
            guard endpoint.securityGroupIds.contains(group) else {
                throw NetctlError(.invalidParameterValue, "Security group \(group) is not attached to \(endpoint.endpointId).")
            }
            endpoint.securityGroupIds.removeAll { $0 == group }
        }
        for group in try securityGroupIds(
            request.addSecurityGroups, forVpc: vpc.vpcId, in: context.scope, defaultWhenEmpty: false, allowNames: true) where !endpoint.securityGroupIds.contains(group) {
            endpoint.securityGroupIds.append(group)
        }
        if let privateDns = request.privateDnsEnabled, privateDns != endpoint.privateDnsEnabled {
            if privateDns { try checkPrivateDns(for: try ServiceCatalog.resolve(endpoint.serviceName, region: endpoint.region), in: vpc) }
            endpoint.privateDnsEnabled = privateDns
        }
        if endpoint.type == Endpoint.interface {
            guard !endpoint.networkInterfaces.isEmpty else {
                throw NetctlError(
                    .invalidParameterValue,
                    "An interface endpoint needs at least one subnet; delete the endpoint instead of removing the last.")
            }
            endpoint.dnsEntries = dnsEntries(endpoint, service: try ServiceCatalog.resolve(endpoint.serviceName, region: endpoint.region))
        }
        setInterfaceGroups(endpoint.securityGroupIds, of: endpoint.networkInterfaces.map(\.networkInterfaceId), context)
        record(.modify, endpoint, at: context.now)
        return endpoint
    }

    public mutating func deleteEndpoint(_ request: EndpointDelete, _ context: inout CommandContext) throws(NetctlError)
        -> Endpoint
    {
        var endpoint = try self.endpoint(request.endpoint, in: context.scope)
        for tableId in endpoint.routeTableIds { removeEndpointRoute(&endpoint, from: tableId, context) }
        for interface in endpoint.networkInterfaces { try deleteNetworkInterface(interface.networkInterfaceId, context) }
        endpoint.state = .deleted
        delete(endpoint)
        emit(.delete, endpoint, at: context.now)
        return endpoint
    }

    public func listEndpoints(_ request: EndpointList, _ context: QueryContext) throws(NetctlError) -> EndpointListResponse {
        let filters = request.filters ?? []
        try EndpointFilter.table.validate(filters)
        let items = try listed(\.endpoints, ofVpc: request.vpc, context.scope).filter {
            EndpointFilter.table.matches($0, filters)
        }
        let page = try Pagination.page(items, maxResults: request.maxResults, nextToken: request.nextToken)
        return EndpointListResponse(endpoints: page.items, nextToken: page.nextToken)
    }

    public func endpoint(_ reference: String, in scope: Scope) throws(NetctlError) -> Endpoint {
        try resolve(
            reference, in: scope, prefix: IDPrefix.endpoint, code: .endpointNotFound, noun: "vpcEndpoint",
            listHint: "netctl endpoint list")
    }

    /// CIDRs of an AWS-managed prefix list, for longest-prefix match over `pl-` routes.
    public func prefixListCidrs(_ id: String, region: String) -> [IPv4CIDR] {
        ServiceCatalog.prefixList(id: id, region: region)?.cidrs.compactMap(IPv4CIDR.init) ?? []
    }

    // MARK: Gateway endpoints

    private func gatewayTables(_ references: [String], of vpc: Vpc, _ scope: Scope) throws(NetctlError) -> [RouteTable] {
        var tables: [RouteTable] = []
        for reference in references {
            let table = try routeTable(reference, in: scope)
            guard table.vpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Route table \(table.routeTableId) is in \(table.vpcId), not \(vpc.vpcId): an endpoint serves its own "
                        + "VPC's route tables only.")
            }
            if !tables.contains(where: { $0.routeTableId == table.routeTableId }) { tables.append(table) }
        }
        return tables
    }

    /// The `pl-… → vpce-…` route; one per service per table.
    private mutating func addEndpointRoute(_ endpoint: inout Endpoint, to table: RouteTable, _ context: CommandContext)
        throws(NetctlError)
    {
        guard let list = ServiceCatalog.prefixList(forService: endpoint.serviceName, region: endpoint.region) else {
            throw NetctlError(.internalError, "No prefix list for \(endpoint.serviceName).")
        }
        var table = table
        if let existing = table.routes.first(where: { $0.destinationPrefixListId == list.prefixListId }) {
            throw NetctlError(
                .routeAlreadyExists,
                "\(table.routeTableId) already routes \(list.prefixListName) (\(list.prefixListId)) to \(existing.target.id); "
                    + "a route table takes one endpoint route per service.")
        }
        let userRoutes = table.routes.filter { $0.target.type != RouteTarget.localTypeName }.count
        guard userRoutes < context.quotas[.routesPerRouteTable] else {
            throw context.quotas.exceeded(
                .routesPerRouteTable, code: .routeLimitExceeded, "\(table.routeTableId) already has \(userRoutes) routes")
        }
        table.routes.append(
            Route(
                destinationPrefixListId: list.prefixListId,
                target: RouteTarget(type: RouteTarget.endpoint, id: endpoint.endpointId), state: .active,
                origin: "CreateRoute"))
        record(.routeCreate, table, at: context.now)
        endpoint.routeTableIds.append(table.routeTableId)
    }

    private mutating func removeEndpointRoute(_ endpoint: inout Endpoint, from tableId: String, _ context: CommandContext) {
        endpoint.routeTableIds.removeAll { $0 == tableId }
        guard var table = routeTables[tableId] else { return }
        table.routes.removeAll { $0.target.type == RouteTarget.endpoint && $0.target.id == endpoint.endpointId }
        record(.routeDelete, table, at: context.now)
    }

    // MARK: Interface endpoints

    private func endpointSubnets(
        _ references: [String], of vpc: Vpc, existing: [EndpointInterface], _ scope: Scope
    ) throws(NetctlError) -> [Subnet] {
        var chosen: [Subnet] = []
        var zones = Dictionary(uniqueKeysWithValues: existing.map { ($0.availabilityZone, $0.subnetId) })
        for reference in references {
            let subnet = try self.subnet(reference, in: scope)
            guard subnet.vpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue, "Subnet \(subnet.subnetId) is in \(subnet.vpcId), not \(vpc.vpcId).")
            }
            if let other = zones[subnet.availabilityZone] {
                throw NetctlError(
                    .duplicateSubnetsInSameZone,
                    "Found another VPC endpoint subnet in the availability zone of \(subnet.subnetId) (\(other) in "
                        + "\(subnet.availabilityZone)). VPC endpoint subnets should be in different availability zones.")
            }
            zones[subnet.availabilityZone] = subnet.subnetId
            chosen.append(subnet)
        }
        return chosen
    }

    private mutating func addEndpointInterface(_ endpoint: inout Endpoint, in subnet: Subnet, _ context: inout CommandContext)
        throws(NetctlError)
    {
        let groups = endpoint.securityGroupIds
        let interface = try createNetworkInterface(
            in: subnet, interfaceType: "vpc_endpoint", description: "VPC Endpoint Interface \(endpoint.endpointId)",
            attachedTo: endpoint.endpointId, &context
        ) { interface throws(NetctlError) in interface.securityGroupIds = groups }
        endpoint.networkInterfaces.append(
            EndpointInterface(
                networkInterfaceId: interface.networkInterfaceId, subnetId: subnet.subnetId,
                availabilityZone: subnet.availabilityZone, privateIpAddress: interface.privateIpAddress))
        endpoint.subnetIds.append(subnet.subnetId)
    }

    /// Private DNS makes the service's own name resolve to the endpoint inside the VPC: AWS requires
    /// both DNS attributes, and one such endpoint per service per VPC.
    private func checkPrivateDns(for service: EndpointService, in vpc: Vpc) throws(NetctlError) {
        guard vpc.enableDnsSupport, vpc.enableDnsHostnames else {
            throw NetctlError(
                .invalidParameterValue,
                "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true "
                    + "for \(vpc.vpcId). Run `netctl vpc modify \(vpc.vpcId) --dns-hostnames true`, or pass "
                    + "privateDnsEnabled false.")
        }
        if let other = endpoints.children(of: vpc.vpcId).first(where: {
            $0.serviceName == service.serviceName && $0.privateDnsEnabled
        }) {
            throw NetctlError(
                .invalidParameterValue,
                "private-dns-enabled cannot be set because there is already a conflicting DNS domain for "
                    + "\(service.privateDnsName ?? service.serviceName) in \(vpc.vpcId) (\(other.endpointId)).")
        }
    }

    /// AWS's regional and zonal names, then the service's own name when private DNS is on.
    private func dnsEntries(_ endpoint: Endpoint, service: EndpointService) -> [DnsEntry] {
        let suffix = String(endpoint.endpointId.suffix(8))
        let base = "\(endpoint.endpointId)-\(suffix)"
        let zone = "Z7HUB22UULQXV"
        var entries = [DnsEntry(dnsName: "\(base).\(service.shortName).\(endpoint.region).vpce.amazonaws.com", hostedZoneId: zone)]
        for interface in endpoint.networkInterfaces {
            entries.append(
                DnsEntry(
                    dnsName: "\(base)-\(interface.availabilityZone).\(service.shortName).\(endpoint.region).vpce.amazonaws.com",
                    hostedZoneId: zone))
        }
        if endpoint.privateDnsEnabled, let name = service.privateDnsName {
            entries.append(DnsEntry(dnsName: name, hostedZoneId: "ZONEIDPENDING"))
        }
        return entries
    }
}
