import ArgumentParser
import NetctlAPI

struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Add and remove routes in a route table.",
        subcommands: [RouteCreateCommand.self, RouteDeleteCommand.self])
}
