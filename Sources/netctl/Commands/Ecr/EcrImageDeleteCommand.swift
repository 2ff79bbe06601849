import ArgumentParser
import NetctlAPI

struct EcrImageDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete images: --digest deletes an image with its tags, --tag removes a tag (the image goes with its last).",
        discussion: """
            Each --digest and --tag (both repeatable) names one image; images that cannot be deleted are listed on \
            standard error with AWS's failure code, and netctl exits with status 1 after deleting the others.
            """)

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @Option(name: .customLong("digest"), help: ArgumentHelp("Delete this image (repeatable).", valueName: "digest"))
    var digests: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Remove this tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !(digests + tags).isEmpty else { throw ValidationError("name the images with --digest or --tag") }
    }

    func run() async throws {
        let identifiers =
            digests.map { EcrImageIdentifier(imageDigest: $0) } + tags.map { EcrImageIdentifier(imageTag: $0) }
        let runner = Runner(global: global)
        let raw = try await runner.call(
            EcrImageDelete(repository: repository, imageIds: identifiers), clientToken: mutation.clientToken)
        try runner.emit(raw, as: EcrImageDeleteResponse.self) { response in
            response.imageIds.isEmpty
                ? "nothing deleted"
                : response.imageIds.map { "deleted \($0.imageDigest ?? "")\($0.imageTag.map { " (\($0))" } ?? "")" }
                    .joined(separator: "\n")
        }
        let failures = (try? raw.decode(as: EcrImageDeleteResponse.self))?.failures ?? []
        if !failures.isEmpty {
            throw CLIFailure(
                status: ExitStatus.refused,
                message: failures.map {
                    "error: \($0.failureCode): \($0.imageId.imageDigest ?? $0.imageId.imageTag ?? "?"): \($0.failureReason)"
                }.joined(separator: "\n"))
        }
    }
}
