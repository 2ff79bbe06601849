import Foundation
import Testing

/// The README's "Load balancers in front of ECS services" tour, run line by line (`READMETour`):
/// the service's tasks register in the target group, turn healthy, and the load balancer routes
/// to one of them.
@Suite("README ECS load balancer tour")
struct READMEEcsLoadBalancerTourTests {
    @Test("the section runs as written: two healthy task targets, the registration events, a routed request")
    func tour() async throws {
        let answers = try await READMETour.run(marker: "ecs-lb-tour")
        func output(_ command: String) -> String { answers[command]?.first ?? "" }
        let health = output("netctl elb targets health shop-web")
        #expect(health.components(separatedBy: "healthy").count - 1 >= 2, "\(answers)")
        #expect(health.contains("10.30."), "\(health)")
        let service = output("netctl ecs service get web --cluster shop")
        #expect(service.contains("registered 1 targets in (target-group"), "\(service)")
        #expect(service.contains("steady state"), "\(service)")
        let route = output("netctl elb route shop")
        #expect(route.contains("10.30.1.") || route.contains("10.30.2."), "\(route)")
    }
}
