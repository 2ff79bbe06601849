import ArgumentParser
import Foundation
import NetctlAPI

struct EcrCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecr", abstract: "ECR private registry: repositories, images and lifecycle policies.",
        subcommands: [EcrRepoCommand.self, EcrImageCommand.self, EcrLifecyclePolicyCommand.self])
}

enum EcrView {
    static func repositories(_ repositories: [EcrRepository]) -> String {
        Output.table(
            ["REPOSITORY", "URI", "TAG MUTABILITY", "LIFECYCLE POLICY", "CREATED"],
            repositories.map {
                [
                    $0.repositoryName, $0.repositoryUri, $0.imageTagMutability, $0.lifecyclePolicy == nil ? "-" : "yes",
                    Output.time($0.createdAt),
                ]
            })
    }

    static func repository(_ repository: EcrRepository) -> String {
        var pairs = [
            ("Repository", repository.repositoryName), ("ARN", repository.repositoryArn),
            ("URI", repository.repositoryUri), ("Tag mutability", repository.imageTagMutability),
        ]
        if let policy = repository.lifecyclePolicy {
            pairs.append(("Lifecycle policy", "set; last applied \(Output.time(policy.lastEvaluatedAt))"))
            pairs.append(("Next expiry", policy.nextEvaluationAt.map(Output.time) ?? "-"))
        } else {
            pairs.append(("Lifecycle policy", "-"))
        }
        pairs.append(("Created", Output.time(repository.createdAt)))
        return Output.details(pairs)
    }

    static func tags(_ tags: [String]) -> String { tags.isEmpty ? "<untagged>" : tags.joined(separator: ", ") }

    static func size(_ bytes: Int64?) -> String { bytes.map { StatusCommand.bytes($0) } ?? "-" }

    static func images(_ images: [EcrImageDetail]) -> String {
        Output.table(
            ["DIGEST", "TAGS", "SIZE", "PUSHED"],
            images.map { [$0.imageDigest, tags($0.imageTags), size($0.imageSizeInBytes), Output.time($0.imagePushedAt)] })
    }

    static func image(_ image: EcrImage) -> String {
        Output.details([
            ("Repository", image.repositoryName), ("Digest", image.imageDigest), ("Tags", tags(image.imageTags)),
            ("Media type", image.imageManifestMediaType), ("Size", size(image.imageSizeInBytes)),
            ("Pushed", Output.time(image.imagePushedAt)),
        ])
    }

    static func policy(_ policy: EcrLifecyclePolicy, text: Bool) -> String {
        var pairs = [
            ("Repository", policy.repositoryName), ("Last applied", Output.time(policy.lastEvaluatedAt)),
            ("Next expiry", policy.nextEvaluationAt.map(Output.time) ?? "-"),
        ]
        if let expired = policy.expiredImages {
            pairs.append(("Expired now", expired.isEmpty ? "none" : "\(expired.count)"))
            for image in expired {
                pairs.append(("Expired", "\(image.imageDigest) (\(tags(image.imageTags))) by rule \(image.rulePriority)"))
            }
        }
        if text { pairs.append(("Policy", policy.lifecyclePolicyText.trimmingCharacters(in: .whitespacesAndNewlines))) }
        return Output.details(pairs)
    }

    /// The bytes of FILE, or of standard input for `-`, as UTF-8 text (a digest is taken of them as they are).
    static func read(_ path: String, what: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read the \(what) file '\(path)'")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("the \(what) in '\(path)' is not UTF-8 text")
        }
        return text
    }
}

// MARK: Repositories

struct EcrRepoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo", abstract: "Private repositories.",
        subcommands: [EcrRepoCreateCommand.self, EcrRepoListCommand.self, EcrRepoGetCommand.self, EcrRepoDeleteCommand.self])
}

struct EcrRepoCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a repository.",
        discussion: """
            Examples:
              netctl ecr repo create web
              netctl ecr repo create team-a/api --image-tag-mutability IMMUTABLE
            """)

    @Argument(help: "Repository name: 2–256 lowercase letters, digits, '.', '_', '-', and '/' for namespaces.")
    var name: String

    @Option(
        name: .customLong("image-tag-mutability"),
        help: ArgumentHelp("MUTABLE (tags move to new pushes; the default) or IMMUTABLE.", valueName: "mutability"))
    var imageTagMutability: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            EcrRepositoryCreate(name: name, imageTagMutability: imageTagMutability), clientToken: mutation.clientToken,
            table: EcrView.repository)
    }
}

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

struct EcrRepoGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one repository.")

    @Argument(help: "Repository name or ARN.")
    var name: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EcrRepositoryGet(name: name), table: EcrView.repository)
    }
}

struct EcrRepoDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a repository; --force deletes its images too.")

    @Argument(help: "Repository name or ARN.")
    var name: String

    @Flag(help: "Delete the repository even if it holds images, and the images with it.")
    var force = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            EcrRepositoryDelete(name: name, force: force ? true : nil), clientToken: mutation.clientToken
        ) { "deleted \($0.repositoryName) (\($0.repositoryArn))" }
    }
}

// MARK: Images

struct EcrImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Images: manifests by digest, with tags.",
        subcommands: [EcrImagePutCommand.self, EcrImageListCommand.self, EcrImageGetCommand.self, EcrImageDeleteCommand.self])
}

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

// MARK: Lifecycle policies

struct EcrLifecyclePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle-policy", abstract: "Lifecycle policies: rules that expire old images.",
        subcommands: [EcrLifecyclePolicyPutCommand.self, EcrLifecyclePolicyGetCommand.self, EcrLifecyclePolicyDeleteCommand.self])
}

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

struct EcrLifecyclePolicyGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a repository's lifecycle policy.")

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EcrLifecyclePolicyGet(repository: repository)) { EcrView.policy($0, text: true) }
    }
}

struct EcrLifecyclePolicyDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a repository's lifecycle policy.")

    @Option(help: ArgumentHelp("Repository name or ARN.", valueName: "repository"))
    var repository: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            EcrLifecyclePolicyDelete(repository: repository), clientToken: mutation.clientToken
        ) { "removed the lifecycle policy of \($0.repositoryName)" }
    }
}
