import ArgumentParser
import Foundation
import NetctlAPI

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
