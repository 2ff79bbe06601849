import Foundation
import NetctlAPI
import Testing

/// Golden JSON of an ECS service's load balancers, in the params of ecs.service.create as API.md
/// names them; a service without them carries neither member.
@Suite("Wire format of ECS services behind target groups (golden JSON)")
struct EcsLoadBalancerWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("ecs.service.create params with loadBalancers and healthCheckGracePeriodSeconds")
    func createParams() throws {
        let request = EcsServiceCreate(
            cluster: "main", name: "web", taskDefinition: "web", desiredCount: 2, subnets: ["subnet-1"],
            loadBalancers: [EcsLoadBalancer(targetGroupArn: "arn:tg", containerName: "web", containerPort: 80)],
            healthCheckGracePeriodSeconds: 30)
        #expect(
            try json(request)
                == #"{"cluster":"main","desiredCount":2,"healthCheckGracePeriodSeconds":30,"loadBalancers":[{"containerName":"web","containerPort":80,"targetGroupArn":"arn:tg"}],"name":"web","subnets":["subnet-1"],"taskDefinition":"web"}"#
        )
        #expect(
            try NetctlJSON.decoder.decode(EcsServiceCreate.self, from: Data(try json(request).utf8)).loadBalancers
                == request.loadBalancers)
    }

    @Test("a service without load balancers has neither member, so older answers stay as they were")
    func withoutLoadBalancers() throws {
        let service = EcsService(
            serviceName: "web", serviceArn: "arn:svc", clusterArn: "arn:cluster", accountId: "000000000000",
            region: "us-east-1", taskDefinition: "arn:td", desiredCount: 1, launchType: "FARGATE", subnets: [],
            serviceRegistry: nil, namespaceId: nil, minimumHealthyPercent: 100, maximumPercent: 200,
            deploymentCircuitBreaker: DeploymentCircuitBreaker(enable: false, rollback: false), deployments: [],
            createdAt: Date(timeIntervalSince1970: 0))
        let text = try json(service)
        #expect(!text.contains("loadBalancers") && !text.contains("healthCheckGracePeriodSeconds"), "\(text)")
        var balanced = service
        balanced.loadBalancers = [EcsLoadBalancer(targetGroupArn: "arn:tg", containerName: "web", containerPort: 80)]
        balanced.healthCheckGracePeriodSeconds = 0
        let decoded = try NetctlJSON.decoder.decode(EcsService.self, from: try NetctlJSON.encoder.encode(balanced))
        #expect(decoded == balanced)
    }
}
