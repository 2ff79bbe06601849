import Foundation
import NetctlAPI

/// Lifecycle policies on the daemon's clock. A policy is applied when it is put, after every push and
/// delete in its repository, and when a `sinceImagePushed` rule falls due; each expired image leaves
/// with an `expire` change event naming its rule, so the watcher logs it to `/netctl/ecr`.
extension State {
    mutating func runEcrDueWork(_ context: inout CommandContext) {
        for repository in ecrRepositories.children(of: EcrRepository.timedKey) {
            guard let due = repository.lifecyclePolicy?.nextEvaluationAt, due <= context.now else { continue }
            applyLifecyclePolicy(repository.repositoryArn, now: context.now)
        }
    }

    func nextEcrDeadline() -> Date? {
        ecrRepositories.children(of: EcrRepository.timedKey).compactMap { $0.lifecyclePolicy?.nextEvaluationAt }.min()
    }

    /// Expires what the repository's policy selects at `now` and records when it next falls due.
    /// Uses the repository's own account and region, whoever triggered it (the scheduler acts as the
    /// default account). With `action`, the repository is recorded with that event before the
    /// expiries; otherwise the new evaluation times are bookkeeping, saved without an event.
    @discardableResult
    mutating func applyLifecyclePolicy(_ repositoryArn: String, now: Date, announcing action: ChangeAction? = nil)
        -> [EcrExpiredImage]
    {
        guard var repository = ecrRepositories[repositoryArn], var stored = repository.lifecyclePolicy,
            // Validated when it was put; a policy that no longer parses expires nothing.
            let policy = try? LifecyclePolicy(parsing: stored.lifecyclePolicyText)
        else { return [] }
        let images = ecrImages.children(of: repositoryArn)
        let expiries = policy.evaluate(images, now: now)
        let expiring = Dictionary(uniqueKeysWithValues: expiries.map { ($0.imageDigest, $0.rulePriority) })
        stored.lastEvaluatedAt = now
        stored.nextEvaluationAt = policy.nextExpiry(images.filter { expiring[$0.imageDigest] == nil }, now: now)
        repository.lifecyclePolicy = stored
        if let action { record(action, repository, at: now) } else { save(repository) }
        var expired: [EcrExpiredImage] = []
        // `evaluate` lists the oldest first, and so are the events.
        let byDigest = Dictionary(uniqueKeysWithValues: images.map { ($0.imageDigest, $0) })
        for expiry in expiries {
            guard var image = byDigest[expiry.imageDigest] else { continue }
            delete(image)
            image.expiredByRulePriority = expiry.rulePriority
            emit(.expire, image, at: now)
            expired.append(
                EcrExpiredImage(
                    imageDigest: image.imageDigest, imageTags: image.imageTags, imagePushedAt: image.imagePushedAt,
                    rulePriority: expiry.rulePriority))
        }
        return expired
    }
}
