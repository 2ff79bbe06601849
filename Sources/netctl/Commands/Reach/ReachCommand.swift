import ArgumentParser

/// `netctl reach SOURCE DESTINATION` stays the analysis of one pair: `analyze` is the default
/// subcommand, so words that are not a subcommand's name are its arguments.
struct ReachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach", abstract: "Can SOURCE reach DESTINATION? Prints the path hop by hop, or why not.",
        discussion: """
            netctl reach SOURCE DESTINATION analyses one pair (netctl reach analyze); netctl reach matrix every pair \
            of a VPC's instances, of some subnets or of some instances.
            """,
        subcommands: [ReachAnalyzeCommand.self, ReachMatrixCommand.self], defaultSubcommand: ReachAnalyzeCommand.self)
}
