import ArgumentParser
import NetctlAPI

struct EcrImagePutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Push an image manifest, optionally with a tag.",
        discussion: """
            The digest is sha256: and the SHA-256 of the file's bytes exactly as they are.
            Examples:
              netctl ecr image put --repository web --manifest-file manifest.json --tag v1
              netctl ecr image put --repository web --manifest-file - --tag v2 < manifest.json
            """)

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @Option(name: .customLong("manifest-file"), help: ArgumentHelp("The manifest JSON; - reads standard input.", valueName: "file"))
    var manifestFile: String

    @Option(help: ArgumentHelp("Tag the image (moves the tag from another image unless the repository is IMMUTABLE).", valueName: "tag"))
    var tag: String?

    @Option(name: .customLong("digest"), help: ArgumentHelp("Fail unless the manifest's digest is this.", valueName: "digest"))
    var digest: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let manifest = try EcrView.read(manifestFile, what: "manifest")
        try await Runner(global: global).run(
            EcrImagePut(repository: repository, manifest: manifest, tag: tag, imageDigest: digest),
            clientToken: mutation.clientToken, table: EcrView.image)
    }
}
