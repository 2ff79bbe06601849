import ArgumentParser
import NetctlAPI

struct EcrRepoListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List your repositories in the region.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EcrRepositoryList(maxResults: page.maxResults, nextToken: page.nextToken)) {
            EcrView.repositories($0.repositories) + Output.nextPage($0.nextToken)
        }
    }
}
