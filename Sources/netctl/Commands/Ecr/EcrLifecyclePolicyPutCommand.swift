import ArgumentParser
import NetctlAPI

struct EcrLifecyclePolicyPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Set a repository's lifecycle policy; images it selects expire at once.",
        discussion: """
            Example policy (keep the 10 newest images tagged v*, expire untagged images after 14 days):
              {"rules":[
                {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],
                  "countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}},
                {"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed",
                  "countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}
            """)

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @Option(help: ArgumentHelp("The policy JSON; - reads standard input.", valueName: "file"))
    var file: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let policy = try EcrView.read(file, what: "policy")
        try await Runner(global: global).run(
            EcrLifecyclePolicyPut(repository: repository, policy: policy), clientToken: mutation.clientToken
        ) { EcrView.policy($0, text: false) }
    }
}
