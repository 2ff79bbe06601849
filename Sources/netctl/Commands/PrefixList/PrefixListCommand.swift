import ArgumentParser

struct PrefixListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefix-list", abstract: "AWS-managed prefix lists (the targets of gateway endpoints).",
        subcommands: [PrefixListListCommand.self])
}
