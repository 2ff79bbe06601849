import Foundation
import NetctlAPI

/// A container image reference as Docker and containerd read it:
/// `[DOMAIN/]PATH[:TAG][@DIGEST]`, where the first component is a domain when it has a `.` or a `:`
/// or is `localhost`, and no tag and no digest means `:latest`.
public struct ImageReference: Sendable, Hashable {
    /// The registry host (and port); nil for Docker Hub.
    public var domain: String?
    public var path: String
    public var tag: String?
    public var digest: String?

    /// Docker's limit on DOMAIN/PATH.
    public static let maximumNameLength = 255

    /// Nil when `text` is not a valid reference ("invalid reference format").
    public init?(_ text: String) {
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace }) else { return nil }
        var name = Substring(text)
        if let at = name.firstIndex(of: "@") {
            let digest = String(name[name.index(after: at)...])
            guard EcrRules.isValidDescriptorDigest(digest) else { return nil }
            self.digest = digest
            name = name[..<at]
        }
        let lastSlash = name.lastIndex(of: "/") ?? name.startIndex
        if let colon = name[lastSlash...].lastIndex(of: ":") {
            let tag = String(name[name.index(after: colon)...])
            guard EcrRules.isValidTag(tag) else { return nil }
            self.tag = tag
            name = name[..<colon]
        }
        guard name.count <= Self.maximumNameLength else { return nil }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost"
        {
            guard Self.isValidDomain(first) else { return nil }
            domain = String(first)
            components.removeFirst()
        }
        path = components.joined(separator: "/")
        guard EcrRules.isValidRepositoryPath(path) else { return nil }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let parts = domain.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber } }
        return true
    }

    /// The reference a pull resolves: DOMAIN/PATH and the digest, else the tag (`latest` by default).
    public var resolved: String {
        let name = domain.map { "\($0)/\(path)" } ?? path
        if let digest { return name + "@" + digest }
        return name + ":" + (tag ?? "latest")
    }

    /// The host without its port, when it has the shape of a private ECR registry,
    /// `*.dkr.ecr.*.amazonaws.com`.
    var ecrHost: String? {
        guard let domain else { return nil }
        let host = String(domain.split(separator: ":", maxSplits: 1)[0]).lowercased()
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 6, labels[1] == "dkr", labels[2] == "ecr", host.hasSuffix(".amazonaws.com") else {
            return nil
        }
        return host
    }
}

extension State {
    /// Why a task could not pull `image`, in the words ECS uses for `stoppedReason`, or nil when the
    /// pull succeeds.
    ///
    /// - Registries other than private ECR (`*.dkr.ecr.*.amazonaws.com`: Docker Hub, `public.ecr.aws`,
    ///   `ghcr.io`, …) are outside netctld and assumed to serve the image.
    /// - An ECR reference must name `ACCOUNT.dkr.ecr.REGION.amazonaws.com`, a repository that exists
    ///   in that account and region, and a tag (`latest` when none is given) or digest that exists in
    ///   it. A digest wins over a tag, as in Docker.
    /// - Only the owning account pulls: netctld models no repository policies, and AWS denies other
    ///   accounts without one. `scope` is the account (and region) of the task pulling.
    /// - A malformed reference never pulls.
    public func imagePullFailure(_ image: String, scope: Scope) -> String? {
        guard let reference = ImageReference(image) else {
            return "CannotPullContainerError: invalid reference format: '\(image)' is not "
                + "[REGISTRY/]REPOSITORY[:TAG][@DIGEST] with a lowercase repository."
        }
        guard let host = reference.ecrHost else { return nil }
        let resolved = reference.resolved
        let retried = "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
            + "\(resolved): "
        let labels = host.split(separator: ".")
        let account = String(labels[0])
        guard labels.count == 6, account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return retried + "dial tcp: lookup \(host): no such host"
        }
        let owner = Scope(accountId: account, region: String(labels[3]))
        guard owner.accountId == scope.accountId else {
            return "CannotPullContainerError: pull access denied for \(host)/\(reference.path), repository does not "
                + "exist or may require 'docker login': denied: account \(scope.accountId) may not pull from the "
                + "registry of account \(account) (netctld models no repository policies)"
        }
        let arn = EcrRules.repositoryArn(owner, name: reference.path)
        guard ecrRepositories[arn] != nil else {
            return retried + "name unknown: The repository with name '\(reference.path)' does not exist in the "
                + "registry with id '\(account)'"
        }
        let found: Bool
        if let digest = reference.digest {
            found = ecrImages[EcrRules.imageId(repositoryArn: arn, digest: digest)] != nil
        } else {
            found = ecrImage(taggedWith: reference.tag ?? "latest", in: arn) != nil
        }
        return found ? nil : retried + "not found"
    }
}
