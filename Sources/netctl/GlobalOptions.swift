import ArgumentParser
import NetctlAPI
import NetctlClient

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// Options every command accepts, before or after its arguments.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("netctld's socket (default: $NETCTL_SOCKET or the standard path).", valueName: "path"))
    var socket: String?

    @Option(help: "table for people, json for the exact RPC result.")
    var output: OutputFormat = .table

    @Option(help: ArgumentHelp("Region of the request (default: the daemon's).", valueName: "region"))
    var region: String?

    @Option(name: .customLong("account-id"), help: ArgumentHelp("Act as this account (admins only).", valueName: "id"))
    var accountId: String?

    var client: NetctlClient { NetctlClient(socketPath: socket) }

    static let valueOptionNames: Set<String> = ["--socket", "--output", "--region", "--account-id"]

    /// `netctl --socket S vpc list` is the documented shape, but ArgumentParser only knows these options
    /// on the leaf command: move leading global options behind the command words (before any `--`).
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            guard valueOptionNames.contains(name) else { break }
            leading.append(argument)
            if !argument.contains("="), index + 1 < arguments.count {
                leading.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        var rest = Array(arguments[index...])
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        let insertion = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: insertion)
        return rest
    }

    func options(clientToken: String? = nil) -> CallOptions {
        CallOptions(accountId: accountId, region: region, clientToken: clientToken)
    }
}

/// `--client-token` for commands that change state.
struct MutationOptions: ParsableArguments {
    @Option(
        name: .customLong("client-token"),
        help: ArgumentHelp("Idempotency token: retrying with it never applies the change twice.", valueName: "token"))
    var clientToken: String?
}

/// `--max-results` and `--next-token` for list commands.
struct PageOptions: ParsableArguments {
    @Option(name: .customLong("max-results"), help: "Page size.")
    var maxResults: Int?

    @Option(name: .customLong("next-token"), help: "Continue from a previous page.")
    var nextToken: String?
}

/// Parses repeated `--tag KEY=VALUE`.
func parseTags(_ assignments: [String]) throws -> Tags? {
    guard !assignments.isEmpty else { return nil }
    var tags: Tags = [:]
    for assignment in assignments {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw ValidationError("--tag '\(assignment)' must be KEY=VALUE")
        }
        tags[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
    }
    return tags
}
