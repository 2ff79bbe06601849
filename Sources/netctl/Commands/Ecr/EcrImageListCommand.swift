import ArgumentParser
import NetctlAPI

struct EcrImageListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a repository's images, oldest push first.")

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @Option(name: .customLong("tag-status"), help: ArgumentHelp("tagged, untagged or any (the default).", valueName: "status"))
    var tagStatus: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = EcrImageList(
            repository: repository, tagStatus: tagStatus?.uppercased(), maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { EcrView.images($0.images) + Output.nextPage($0.nextToken) }
    }
}
