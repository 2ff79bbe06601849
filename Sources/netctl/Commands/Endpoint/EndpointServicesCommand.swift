import ArgumentParser
import NetctlAPI

struct EndpointServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "The AWS services endpoints can reach in the region.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EndpointServices()) { response in
            Output.table(
                ["SERVICE", "SHORT NAME", "TYPES", "PRIVATE DNS NAME"],
                response.serviceDetails.map {
                    [$0.serviceName, $0.shortName, $0.serviceTypes.joined(separator: ","), $0.privateDnsName ?? "-"]
                })
        }
    }
}
