import ArgumentParser
import NetctlAPI

struct SdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sd", abstract: "Service discovery: private DNS namespaces and name resolution.",
        subcommands: [SdNamespaceCommand.self, Resolve.self])

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve", abstract: "The private IPs of the RUNNING tasks registered as NAME.NAMESPACE.")
        @Argument(help: "NAME.NAMESPACE, e.g. users.forum.local.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdResolve(name: name)) { response in
                response.addresses.isEmpty
                    ? "\(response.name): no RUNNING tasks" : response.addresses.joined(separator: "\n")
            }
        }
    }
}

struct SdNamespaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace", abstract: "Private DNS namespaces in a VPC.",
        subcommands: [Create.self, List.self, Delete.self])

    static func table(_ namespaces: [SdNamespace]) -> String {
        Output.table(
            ["NAMESPACE ID", "NAME", "TYPE", "VPC ID", "CREATED"],
            namespaces.map { [$0.id, $0.name, $0.type, $0.vpcId, Output.time($0.createdAt)] })
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a private DNS namespace in a VPC.")
        @Argument(help: "A DNS name, e.g. forum.local.")
        var name: String
        @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
        var vpc: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdNamespaceCreate(name: name, vpc: vpc)) { table([$0]) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List namespaces.")
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                SdNamespaceList(maxResults: page.maxResults, nextToken: page.nextToken)
            ) {
                table($0.namespaces) + Output.nextPage($0.nextToken)
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a namespace no service uses.")
        @Argument(help: "Namespace name or ID.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdNamespaceDelete(name: name)) { table([$0]) }
        }
    }
}
