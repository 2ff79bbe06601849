import ArgumentParser
import NetctlAPI

struct EcrImageGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show one image by digest or tag; --manifest prints its manifest.")

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @Option(help: ArgumentHelp("The image's digest (sha256:…).", valueName: "digest"))
    var digest: String?

    @Option(help: ArgumentHelp("A tag of the image.", valueName: "tag"))
    var tag: String?

    @Flag(help: "Print only the manifest, exactly as pushed.")
    var manifest = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard digest != nil || tag != nil else { throw ValidationError("name the image with --digest or --tag") }
    }

    func run() async throws {
        let request = EcrImageGet(repository: repository, imageDigest: digest, tag: tag)
        if manifest {
            let runner = Runner(global: global)
            let image = try await runner.call(request)
            guard let text = image["imageManifest"]?.stringValue else {
                throw CLIFailure(status: ExitStatus.refused, message: "error: netctld sent an image without a manifest")
            }
            print(text)
            return
        }
        try await Runner(global: global).run(request, table: EcrView.image)
    }
}
