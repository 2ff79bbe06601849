import Foundation
import NetctlAPI
import NetctlCore

/// Every method the daemon serves, one line each, sorted by name (a test keeps it so).
enum MethodTable {
    static let standard: [MethodEntry] = [
        .mutation(EcrImageDelete.self) { s, r, c throws(NetctlError) in try s.deleteEcrImages(r, &c) },
        .query(EcrImageGet.self) { s, r, c throws(NetctlError) in try s.getEcrImage(r, c) },
        .query(EcrImageList.self) { s, r, c throws(NetctlError) in try s.listEcrImages(r, c) },
        .mutation(EcrImagePut.self) { s, r, c throws(NetctlError) in try s.putEcrImage(r, &c) },
        .mutation(EcrLifecyclePolicyDelete.self) { s, r, c throws(NetctlError) in try s.deleteEcrLifecyclePolicy(r, &c) },
        .query(EcrLifecyclePolicyGet.self) { s, r, c throws(NetctlError) in try s.getEcrLifecyclePolicy(r, c) },
        .mutation(EcrLifecyclePolicyPut.self) { s, r, c throws(NetctlError) in try s.putEcrLifecyclePolicy(r, &c) },
        .mutation(EcrRepositoryCreate.self) { s, r, c throws(NetctlError) in try s.createEcrRepository(r, &c) },
        .mutation(EcrRepositoryDelete.self) { s, r, c throws(NetctlError) in try s.deleteEcrRepository(r, &c) },
        .query(EcrRepositoryGet.self) { s, r, c throws(NetctlError) in try s.ecrRepository(r.name, in: c.scope) },
        .query(EcrRepositoryList.self) { s, r, c throws(NetctlError) in try s.listEcrRepositories(r, c) },
        .mutation(EcsClusterCreate.self) { s, r, c throws(NetctlError) in try s.createEcsCluster(r, &c) },
        .mutation(EcsClusterDelete.self) { s, r, c throws(NetctlError) in try s.deleteEcsCluster(r, &c) },
        .query(EcsClusterGet.self) { s, r, c throws(NetctlError) in try s.getEcsCluster(r, c) },
        .query(EcsClusterList.self) { s, r, c throws(NetctlError) in try s.listEcsClusters(r, c) },
        .mutation(EcsInstanceDeregister.self) { s, r, c throws(NetctlError) in try s.deregisterContainerInstance(r, &c) },
        .query(EcsInstanceList.self) { s, r, c throws(NetctlError) in try s.listContainerInstances(r, c) },
        .mutation(EcsInstanceRegister.self) { s, r, c throws(NetctlError) in try s.registerContainerInstance(r, &c) },
        .mutation(EcsServiceCreate.self) { s, r, c throws(NetctlError) in try s.createEcsService(r, &c) },
        .mutation(EcsServiceDelete.self) { s, r, c throws(NetctlError) in try s.deleteEcsService(r, &c) },
        .query(EcsServiceGet.self) { s, r, c throws(NetctlError) in try s.getEcsService(r, c) },
        .query(EcsServiceList.self) { s, r, c throws(NetctlError) in try s.listEcsServices(r, c) },
        .mutation(EcsServiceUpdate.self) { s, r, c throws(NetctlError) in try s.updateEcsService(r, &c) },
        .query(EcsTaskGet.self) { s, r, c throws(NetctlError) in try s.getEcsTask(r, c) },
        .query(EcsTaskList.self) { s, r, c throws(NetctlError) in try s.listEcsTasks(r, c) },
        .mutation(EcsTaskRun.self) { s, r, c throws(NetctlError) in try s.runTasks(r, &c) },
        .mutation(EcsTaskStop.self) { s, r, c throws(NetctlError) in try s.stopEcsTask(r, &c) },
        .mutation(EcsTaskDefinitionDeregister.self) { s, r, c throws(NetctlError) in try s.deregisterTaskDefinition(r, &c) },
        .query(EcsTaskDefinitionGet.self) { s, r, c throws(NetctlError) in try s.getTaskDefinition(r, c) },
        .query(EcsTaskDefinitionList.self) { s, r, c throws(NetctlError) in try s.listTaskDefinitions(r, c) },
        .mutation(EcsTaskDefinitionRegister.self) { s, r, c throws(NetctlError) in try s.registerTaskDefinition(r, &c) },
        .mutation(EksClusterCreate.self) { s, r, c throws(NetctlError) in try s.createEksCluster(r, &c) },
        .mutation(EksClusterDelete.self) { s, r, c throws(NetctlError) in try s.deleteEksCluster(r, &c) },
        .query(EksClusterGet.self) { s, r, c throws(NetctlError) in try s.getEksCluster(r, c) },
        .query(EksClusterList.self) { s, r, c throws(NetctlError) in try s.listEksClusters(r, c) },
        .mutation(EksClusterUpdate.self) { s, r, c throws(NetctlError) in try s.updateEksCluster(r, &c) },
        .mutation(EksFargateProfileCreate.self) { s, r, c throws(NetctlError) in try s.createFargateProfile(r, &c) },
        .mutation(EksFargateProfileDelete.self) { s, r, c throws(NetctlError) in try s.deleteFargateProfile(r, &c) },
        .query(EksFargateProfileGet.self) { s, r, c throws(NetctlError) in try s.getFargateProfile(r, c) },
        .query(EksFargateProfileList.self) { s, r, c throws(NetctlError) in try s.listFargateProfiles(r, c) },
        .mutation(EksNodegroupCreate.self) { s, r, c throws(NetctlError) in try s.createEksNodegroup(r, &c) },
        .mutation(EksNodegroupDelete.self) { s, r, c throws(NetctlError) in try s.deleteEksNodegroup(r, &c) },
        .query(EksNodegroupGet.self) { s, r, c throws(NetctlError) in try s.getEksNodegroup(r, c) },
        .query(EksNodegroupList.self) { s, r, c throws(NetctlError) in try s.listEksNodegroups(r, c) },
        .mutation(EksNodegroupUpdate.self) { s, r, c throws(NetctlError) in try s.updateEksNodegroup(r, &c) },
        .mutation(EndpointCreate.self) { s, r, c throws(NetctlError) in try s.createEndpoint(r, &c) },
        .mutation(EndpointDelete.self) { s, r, c throws(NetctlError) in try s.deleteEndpoint(r, &c) },
        .query(EndpointGet.self) { s, r, c throws(NetctlError) in try s.endpoint(r.endpoint, in: c.scope) },
        .query(EndpointList.self) { s, r, c throws(NetctlError) in try s.listEndpoints(r, c) },
        .mutation(EndpointModify.self) { s, r, c throws(NetctlError) in try s.modifyEndpoint(r, &c) },
        .query(EndpointServices.self) { _, _, c throws(NetctlError) in
            let services = ServiceCatalog.services(region: c.scope.region)
            return EndpointServicesResponse(serviceNames: services.map(\.serviceName), serviceDetails: services)
        },
        .mutation(GatewayAttach.self) { s, r, c throws(NetctlError) in try s.attachInternetGateway(r, &c) },
        .mutation(GatewayCreate.self) { s, r, c throws(NetctlError) in try s.createInternetGateway(r, &c) },
        .mutation(GatewayDelete.self) { s, r, c throws(NetctlError) in try s.deleteInternetGateway(r, &c) },
        .mutation(GatewayDetach.self) { s, r, c throws(NetctlError) in try s.detachInternetGateway(r, &c) },
        .query(GatewayGet.self) { s, r, c throws(NetctlError) in try s.internetGateway(r.gateway, in: c.scope) },
        .query(GatewayList.self) { s, r, c throws(NetctlError) in try s.listInternetGateways(r, c) },
        .mutation(NatGatewayCreate.self) { s, r, c throws(NetctlError) in try s.createNatGateway(r, &c) },
        .mutation(NatGatewayDelete.self) { s, r, c throws(NetctlError) in try s.deleteNatGateway(r, &c) },
        .query(NatGatewayGet.self) { s, r, c throws(NetctlError) in try s.natGateway(r.natGateway, in: c.scope) },
        .query(NatGatewayList.self) { s, r, c throws(NetctlError) in try s.listNatGateways(r, c) },
        .mutation(PeeringAccept.self) { s, r, c throws(NetctlError) in try s.acceptPeering(r, &c) },
        .mutation(PeeringCreate.self) { s, r, c throws(NetctlError) in try s.createPeering(r, &c) },
        .mutation(PeeringDelete.self) { s, r, c throws(NetctlError) in try s.deletePeering(r, &c) },
        .query(PeeringGet.self) { s, r, c throws(NetctlError) in try s.getPeering(r, c) },
        .query(PeeringList.self) { s, r, c throws(NetctlError) in try s.listPeerings(r, c) },
        .mutation(PeeringMesh.self) { s, r, c throws(NetctlError) in try s.meshPeerings(r, &c) },
        .mutation(PeeringModifyOptions.self) { s, r, c throws(NetctlError) in try s.modifyPeeringOptions(r, &c) },
        .mutation(PeeringReject.self) { s, r, c throws(NetctlError) in try s.rejectPeering(r, &c) },
        .query(PrefixListList.self) { _, _, c throws(NetctlError) in
            PrefixListListResponse(prefixLists: ServiceCatalog.prefixLists(region: c.scope.region))
        },
        .query(ReachAnalyze.self) { s, r, c throws(NetctlError) in try s.analyzeReach(r, c) },
        .mutation(RouteCreate.self) { s, r, c throws(NetctlError) in try s.createRoute(r, &c) },
        .mutation(RouteDelete.self) { s, r, c throws(NetctlError) in try s.deleteRoute(r, &c) },
        .mutation(RouteTableAssociate.self) { s, r, c throws(NetctlError) in try s.associateRouteTable(r, &c) },
        .mutation(RouteTableCreate.self) { s, r, c throws(NetctlError) in try s.createRouteTable(r, &c) },
        .mutation(RouteTableDelete.self) { s, r, c throws(NetctlError) in try s.deleteRouteTable(r, &c) },
        .mutation(RouteTableDisassociate.self) { s, r, c throws(NetctlError) in try s.disassociateRouteTable(r, &c) },
        .query(RouteTableGet.self) { s, r, c throws(NetctlError) in try s.routeTable(r.routeTable, in: c.scope) },
        .query(RouteTableList.self) { s, r, c throws(NetctlError) in try s.listRouteTables(r, c) },
        .mutation(SdNamespaceCreate.self) { s, r, c throws(NetctlError) in try s.createNamespace(r, &c) },
        .mutation(SdNamespaceDelete.self) { s, r, c throws(NetctlError) in try s.deleteNamespace(r, &c) },
        .query(SdNamespaceList.self) { s, r, c throws(NetctlError) in try s.listNamespaces(r, c) },
        .query(SdResolve.self) { s, r, c throws(NetctlError) in try s.resolve(r, c) },
        .mutation(SubnetCreate.self) { s, r, c throws(NetctlError) in try s.createSubnet(r, &c) },
        .mutation(SubnetDelete.self) { s, r, c throws(NetctlError) in try s.deleteSubnet(r, &c) },
        .query(SubnetGet.self) { s, r, c throws(NetctlError) in try s.subnet(r.subnet, in: c.scope) },
        .query(SubnetList.self) { s, r, c throws(NetctlError) in try s.listSubnets(r, c) },
        .system(SystemHealth.self) { _, _, info throws(NetctlError) in SystemMethods.health(info) },
        .inspection(SystemStatus.self) { _, _, info throws(NetctlError) in try SystemMethods.status(info) },
        .system(SystemWhoami.self) { _, caller, _ throws(NetctlError) in SystemMethods.whoami(caller) },
        .mutation(VpcAssociateCidr.self) { s, r, c throws(NetctlError) in try s.associateVpcCidr(r, &c) },
        .mutation(VpcCreate.self) { s, r, c throws(NetctlError) in try s.createVpc(r, &c) },
        .mutation(VpcDelete.self) { s, r, c throws(NetctlError) in try s.deleteVpc(r, &c) },
        .query(VpcGet.self) { s, r, c throws(NetctlError) in try s.vpc(r.vpc, in: c.scope) },
        .query(VpcList.self) { s, r, c throws(NetctlError) in try s.listVpcs(r, c) },
        .mutation(VpcModifyAttribute.self) { s, r, c throws(NetctlError) in try s.modifyVpcAttribute(r, &c) },
    ]

    /// Served only by a daemon started with `--manual-clock`.
    static let manualClock: [MethodEntry] = [
        .daemonMutation(DebugClockAdvance.self) { state, request, context, info throws(NetctlError) in
            try SystemMethods.advanceClock(request, &state, &context, info)
        }
    ]

    /// The table for a daemon: the standard methods, the debug ones when asked for, and
    /// `rpc.discover`, which describes the table it belongs to.
    static func entries(manualClock: Bool) -> [MethodEntry] {
        let discover = MethodEntry.system(RPCDiscover.self) { _, _, info throws(NetctlError) in
            // Described at call time so the document includes rpc.discover itself.
            OpenRPC.document(for: entries(manualClock: info.manualClock != nil))
        }
        return (standard + LogsMethods.entries + MetricsMethods.entries + (manualClock ? Self.manualClock : []) + [discover])
            .sorted { $0.name < $1.name }
    }
}

enum SystemMethods {
    static func health(_ info: DaemonInfo) -> HealthResponse {
        let now = info.clock.now()
        return HealthResponse(
            status: "ok", version: NetctlVersion.current,
            uptimeSeconds: (Date().timeIntervalSince(info.startedAt) * 1000).rounded() / 1000, region: info.region,
            now: now)
    }

    static func whoami(_ caller: Caller) -> WhoamiResponse {
        WhoamiResponse(
            uid: caller.credentials.uid, gid: caller.credentials.gid, pid: caller.credentials.pid,
            accountId: caller.accountId, admin: caller.admin, readOnly: caller.readOnly, region: caller.scope.region)
    }

    static func status(_ info: DaemonInfo) throws(NetctlError) -> StatusResponse {
        let configuration = info.configuration
        func size(_ path: String) -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        let last: (sequence: Int64, at: Date?)
        let watched: Int64
        do {
            last = try info.store.lastCommit()
            watched = info.watcher.enabled ? try info.watcher.streams.cursor() : last.sequence
        } catch {
            throw NetctlError(.internalError, "Could not read the databases for system.status: \(error)")
        }
        return StatusResponse(
            status: "ok", version: NetctlVersion.current, pid: getpid(),
            uptimeSeconds: (Date().timeIntervalSince(info.startedAt) * 1000).rounded() / 1000, region: info.region,
            socket: configuration.socketPath, dataDir: configuration.dataDirectory, configFile: configuration.configFile,
            databaseBytes: size(configuration.databasePath), walBytes: size(configuration.databasePath + "-wal"),
            streamsDatabaseBytes: size(configuration.dataDirectory + "/streams.db"),
            resources: info.watcher.published.current.resourceCounts, connections: info.connections.current,
            watcherLagEvents: max(0, last.sequence - watched), lastCommitAt: last.at,
            manualClock: info.manualClock != nil, readOnly: info.store.readOnly)
    }

    /// Moves the manual clock inside the writer, then runs what fell due in the same transaction, so the
    /// reply comes after every expiry it caused is committed.
    static func advanceClock(
        _ request: DebugClockAdvance, _ state: inout State, _ context: inout CommandContext, _ info: DaemonInfo
    ) throws(NetctlError) -> ClockResponse {
        guard let clock = info.manualClock else {
            throw NetctlError(.operationNotPermitted, "The clock only moves when netctld runs with --manual-clock.")
        }
        guard request.seconds >= 0, request.seconds.isFinite else {
            throw NetctlError(.invalidParameterValue, "seconds must be zero or more; time only moves forward.")
        }
        // Every time netctld stores is written with a four-digit year.
        guard clock.now().addingTimeInterval(request.seconds) <= Timestamp.latest else {
            throw NetctlError(
                .invalidParameterValue,
                "seconds would move the clock past \(Timestamp.format(Timestamp.latest)), the last time netctld can store.")
        }
        context.now = Timestamp.millisecondPrecision(clock.advance(by: request.seconds))
        state.runDueWork(&context)
        // Alarms and log retention follow the same clock.
        info.watcher.wake()
        return ClockResponse(now: context.now)
    }
}

/// The OpenRPC 1.2 document of a method table.
enum OpenRPC {
    static func document(for entries: [MethodEntry]) -> JSONValue {
        let common: [String: JSONValue] = [
            "accountId": ["type": "string", "description": "Act as this account (admins only)."],
            "region": ["type": "string", "description": "Defaults to the daemon's region."],
        ]
        let methods: [JSONValue] = entries.sorted { $0.name < $1.name }.map { entry in
            var schema = entry.paramsSchema.objectValue ?? ["type": "object"]
            var properties = schema["properties"]?.objectValue ?? [:]
            for (name, value) in common { properties[name] = value }
            if entry.kind == .mutation {
                properties["clientToken"] = ["type": "string", "maxLength": 64, "description": "Idempotency token."]
            }
            schema["properties"] = .object(properties)
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let params: [JSONValue] = properties.keys.sorted().map { name in
                ["name": .string(name), "required": .bool(required.contains(name)), "schema": properties[name] ?? [:]]
            }
            return [
                "name": .string(entry.name),
                "summary": .string(entry.summary),
                "paramStructure": "by-name",
                "params": .array(params),
                "result": ["name": .string(entry.resultName), "schema": ["type": "object"]],
                "x-netctl-kind": .string(entry.kind.rawValue),
                "x-netctl-readOnly": .bool(entry.readOnly),
            ]
        }
        return [
            "openrpc": "1.2.6",
            "info": ["title": "netctld", "version": .string(NetctlVersion.current)],
            "methods": .array(methods),
        ]
    }
}
