import ArgumentParser
import Foundation
import NetctlAPI

struct Netctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netctl",
        abstract: "Talk to netctld: VPCs, subnets, route tables, gateways, peerings, reachability, endpoints and containers.",
        discussion: """
            Global options, accepted before or after the command: --socket PATH, --output table|json, \
            --region R, --account-id ID. The socket defaults to $NETCTL_SOCKET, else netctld's standard path.

            Exit codes: 0 success, 1 the daemon refused (code and message on stderr), 2 usage error, \
            3 cannot reach the daemon, 4 `netctl reach` found no path. See netctl(1).
            """,
        version: NetctlVersion.current,
        subcommands: [
            VpcCommand.self,
            SubnetCommand.self,
            RouteTableCommand.self,
            RouteCommand.self,
            GatewayCommand.self,
            NaclCommand.self,
            PeerCommand.self,
            ReachCommand.self,
            EndpointCommand.self,
            PrefixListCommand.self,
            SgCommand.self,
            EcrCommand.self,
            EcsCommand.self,
            EksCommand.self,
            SdCommand.self,
            LogsCommand.self,
            MetricsCommand.self,
            AlarmCommand.self,
            GraphCommand.self,
            StatusCommand.self,
            InstanceCommand.self,
            EniCommand.self,
            InsightsCommand.self,
            TgwCommand.self,
            VpnCommand.self,
            DxCommand.self,
            TopologyCommand.self,
            SqsCommand.self,
            ElbCommand.self,
        ])
}

/// Exit codes scripts rely on (netctl(1), EXIT STATUS).
enum ExitStatus {
    static let refused: Int32 = 1
    static let usage: Int32 = 2
    static let unreachable: Int32 = 3
    /// `netctl reach` found no path.
    static let unreachableDestination: Int32 = 4
}

@main
enum Main {
    static func main() async {
        do {
            var command = try Netctl.parseAsRoot(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            exit(failure.status)
        } catch {
            let code = Netctl.exitCode(for: error)
            if code == .success {
                Netctl.exit(withError: error)
            }
            // ArgumentParser reports usage errors as EX_USAGE (64); the contract says 2.
            FileHandle.standardError.write(Data((Netctl.fullMessage(for: error) + "\n").utf8))
            exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }
}

/// A failure already explained to the user: message for stderr, and the exit status.
struct CLIFailure: Error {
    var status: Int32
    var message: String
}
