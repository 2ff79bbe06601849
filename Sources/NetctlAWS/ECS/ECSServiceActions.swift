import NetctlAPI

extension ECSActions {
    static let services: [JSONAction] = [
        .make(
            "CreateService", mutating: true,
            supported: [
                "cluster", "serviceName", "taskDefinition", "desiredCount", "launchType", "networkConfiguration",
                "deploymentConfiguration", "schedulingStrategy", "tags", "clientToken", "serviceRegistries",
                "loadBalancers", "healthCheckGracePeriodSeconds",
            ], clientToken: { $0.clientToken }
        ) { (input: ECS.CreateServiceRequest, context) throws(AWSError) in
            guard let taskDefinition = input.taskDefinition else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "taskDefinition is required: netctld runs services of the ECS deployment controller only.")
            }
            if let strategy = input.schedulingStrategy, strategy != "REPLICA" {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "netctld schedules REPLICA services only; schedulingStrategy \(strategy) is not served.")
            }
            guard let desiredCount = input.desiredCount else {
                throw AWSError(
                    code: "InvalidParameterException", message: "desiredCount is required for a REPLICA service.")
            }
            let network = try ECSShapes.awsvpc(input.networkConfiguration)
            let registry = try await ECSActions.serviceRegistry(input.serviceRegistries, context)
            let service = try await context.run(
                EcsServiceCreate(
                    cluster: ECSShapes.cluster(input.cluster), name: input.serviceName, taskDefinition: taskDefinition,
                    desiredCount: desiredCount, launchType: input.launchType, subnets: network?.subnets,
                    serviceRegistry: registry,
                    deploymentConfiguration: try ECSActions.deploymentConfiguration(input.deploymentConfiguration),
                    securityGroups: network?.securityGroups, assignPublicIp: network?.assignPublicIp,
                    tags: try ECSShapes.tags(input.tags),
                    loadBalancers: try ECSActions.loadBalancers(input.loadBalancers),
                    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds))
            return ECS.CreateServiceResponse(service: ECS.Service(service, tags: true))
        },
        .make(
            "UpdateService", mutating: true,
            supported: [
                "cluster", "service", "desiredCount", "taskDefinition", "deploymentConfiguration", "forceNewDeployment",
                "networkConfiguration", "loadBalancers", "healthCheckGracePeriodSeconds",
            ]
        ) { (input: ECS.UpdateServiceRequest, context) throws(AWSError) in
            let network = try ECSShapes.awsvpc(input.networkConfiguration)
            let registry = try await ECSActions.serviceRegistry(input.serviceRegistries, context)
            let service = try await context.run(
                EcsServiceUpdate(
                    cluster: ECSShapes.cluster(input.cluster), service: input.service, desiredCount: input.desiredCount,
                    taskDefinition: input.taskDefinition,
                    deploymentConfiguration: try ECSActions.deploymentConfiguration(input.deploymentConfiguration),
                    forceNewDeployment: input.forceNewDeployment, subnets: network?.subnets,
                    // A new networkConfiguration replaces the old one whole, as ECS does.
                    securityGroups: network.map { $0.securityGroups ?? [] },
                    assignPublicIp: network.map { $0.assignPublicIp ?? "DISABLED" },
                    loadBalancers: try ECSActions.loadBalancers(input.loadBalancers),
                    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds))
            return ECS.UpdateServiceResponse(service: ECS.Service(service, tags: false))
        },
        .make("DeleteService", mutating: true, supported: ["cluster", "service", "force"]) {
            (input: ECS.DeleteServiceRequest, context) throws(AWSError) in
            let service = try await context.run(
                EcsServiceDelete(cluster: ECSShapes.cluster(input.cluster), service: input.service, force: input.force))
            return ECS.DeleteServiceResponse(service: ECS.Service(service, tags: false))
        },
        .make("DescribeServices", mutating: false, supported: ["cluster", "services", "include"]) {
            (input: ECS.DescribeServicesRequest, context) throws(AWSError) in
            let withTags = try ECSShapes.includesTags(input.include)
            guard (1...10).contains(input.services.count) else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "Describe 1 to 10 services at a time; got \(input.services.count).")
            }
            let cluster = ECSShapes.cluster(input.cluster)
            var services: [ECS.Service] = []
            var failures: [ECS.Failure] = []
            for reference in input.services {
                do throws(AWSError) {
                    let service = try await context.run(EcsServiceGet(cluster: cluster, service: reference))
                    services.append(ECS.Service(service, tags: withTags))
                } catch let error where error.code == "ServiceNotFoundException" {
                    let arn =
                        reference.hasPrefix("arn:")
                        ? reference
                        : "arn:aws:ecs:\(context.region):\(context.accountId):service/\(ECSActions.clusterName(cluster))/\(reference)"
                    failures.append(ECS.Failure(arn: arn, reason: "MISSING"))
                }
            }
            return ECS.DescribeServicesResponse(services: services, failures: failures)
        },
        .make("ListServices", mutating: false, supported: ["cluster", "maxResults", "nextToken"]) {
            (input: ECS.ListServicesRequest, context) throws(AWSError) in
            let services = try await context.run(EcsServiceList(cluster: ECSShapes.cluster(input.cluster))).services
                .filter { $0.status != "INACTIVE" }
            let page = try Paging.page(services, limit: input.maxResults, maximum: 100, nextToken: input.nextToken)
            return ECS.ListServicesResponse(serviceArns: page.items.map(\.serviceArn), nextToken: page.nextToken)
        },
    ]

    /// The rolling-update knobs netctl's scheduler honours; the rest of the model's deployment options
    /// (alarms, blue/green strategies, lifecycle hooks) are refused rather than ignored.
    static func deploymentConfiguration(_ configuration: ECS.DeploymentConfiguration?) throws(AWSError)
        -> DeploymentConfiguration?
    {
        guard let configuration else { return nil }
        let unsupported: [(String, Bool)] = [
            ("alarms", configuration.alarms != nil),
            ("strategy", configuration.strategy != nil && configuration.strategy != "ROLLING"),
            ("bakeTimeInMinutes", configuration.bakeTimeInMinutes != nil),
            ("lifecycleHooks", configuration.lifecycleHooks != nil),
            ("linearConfiguration", configuration.linearConfiguration != nil),
            ("canaryConfiguration", configuration.canaryConfiguration != nil),
        ]
        if let (name, _) = unsupported.first(where: \.1) {
            throw AWSError(
                code: "InvalidParameterException",
                message: "netctld does not support deploymentConfiguration.\(name): it runs rolling deployments with "
                    + "maximumPercent, minimumHealthyPercent and deploymentCircuitBreaker.")
        }
        return DeploymentConfiguration(
            minimumHealthyPercent: configuration.minimumHealthyPercent, maximumPercent: configuration.maximumPercent,
            deploymentCircuitBreaker: configuration.deploymentCircuitBreaker.map {
                DeploymentCircuitBreaker(enable: $0.enable ?? false, rollback: $0.rollback ?? false)
            })
    }

    /// The Cloud Map service AWS names by its ARN, as netctl's namespace and name: the service's
    /// running tasks become its instances. A-record registries only: SRV ports are refused.
    /// ELBv2 target groups only: `loadBalancerName` names a Classic Load Balancer, which netctld does not serve.
    static func loadBalancers(_ shapes: [ECS.LoadBalancer]?) throws(AWSError) -> [EcsLoadBalancer]? {
        guard let shapes else { return nil }
        var entries: [EcsLoadBalancer] = []
        for shape in shapes {
            if let name = shape.loadBalancerName {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "loadBalancerName \(name) names a Classic Load Balancer, which netctld does not serve: "
                        + "give a targetGroupArn.")
            }
            guard let arn = shape.targetGroupArn, let container = shape.containerName, let port = shape.containerPort
            else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "Each loadBalancers entry needs targetGroupArn, containerName and containerPort.")
            }
            entries.append(EcsLoadBalancer(targetGroupArn: arn, containerName: container, containerPort: port))
        }
        return entries
    }

    static func serviceRegistry(_ registries: [ECS.ServiceRegistry]?, _ context: ActionContext) async throws(AWSError)
        -> ServiceRegistry?
    {
        guard let registries, !registries.isEmpty else { return nil }
        guard registries.count == 1, let registry = registries.first, let arn = registry.registryArn else {
            throw AWSError(
                code: "InvalidParameterException",
                message: "Give one service registry with its registryArn (a Cloud Map service's ARN).")
        }
        if registry.port != nil || registry.containerName != nil || registry.containerPort != nil {
            throw AWSError(
                code: "InvalidParameterException",
                message: "netctld registers tasks' addresses in A records only: leave out port, containerName and "
                    + "containerPort.")
        }
        let service: SdService
        do throws(AWSError) {
            service = try await context.run(SdServiceGet(service: arn))
        } catch {
            throw AWSError(
                code: "InvalidParameterException",
                message: "The service registry \(arn) is not a Cloud Map service of this account: \(error.message)")
        }
        return ServiceRegistry(namespace: service.namespaceId, name: service.name, registryArn: service.arn)
    }

    /// The cluster's name from a name or ARN, for the ARNs of failures.
    static func clusterName(_ reference: String) -> String {
        reference.hasPrefix("arn:") ? String(reference.split(separator: "/").last ?? "") : reference
    }
}
