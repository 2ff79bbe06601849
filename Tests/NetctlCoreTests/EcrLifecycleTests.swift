import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

// MARK: - Helpers

/// One rule as policy JSON. `unit` defaults to "days" for sinceImagePushed and none otherwise.
func lifecycleRule(
    _ priority: Int, _ tagStatus: String, prefixes: [String]? = nil, patterns: [String]? = nil,
    countType: String = "imageCountMoreThan", count: Int = 1, unit: String?? = .none, action: String = "expire"
) -> String {
    var selection = [#""tagStatus":"\#(tagStatus)""#]
    func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
    if let prefixes { selection.append(#""tagPrefixList":"# + list(prefixes)) }
    if let patterns { selection.append(#""tagPatternList":"# + list(patterns)) }
    selection.append(#""countType":"\#(countType)""#)
    let chosenUnit: String? = unit ?? (countType == "sinceImagePushed" ? "days" : nil)
    if let chosenUnit { selection.append(#""countUnit":"\#(chosenUnit)""#) }
    selection.append(#""countNumber":\#(count)"#)
    return #"{"rulePriority":\#(priority),"description":"rule \#(priority)","selection":{"#
        + selection.joined(separator: ",") + #"},"action":{"type":"\#(action)"}}"#
}

func lifecyclePolicy(_ rules: String...) -> String { #"{"rules":["# + rules.joined(separator: ",") + "]}" }

/// An image named `name` (its digest is the name's), with tags, pushed `daysAgo` days before `now`.
func testImage(_ name: String, _ tags: [String], daysAgo: Double, now: Date = testEpoch) -> EcrImage {
    EcrImage(
        registryId: testScope.accountId, repositoryName: "web",
        repositoryArn: EcrRules.repositoryArn(testScope, name: "web"), imageDigest: EcrRules.digest(of: name),
        imageTags: tags, imageManifest: "{}", imageManifestMediaType: EcrRules.dockerManifestV2, imageSizeInBytes: 0,
        imagePushedAt: now.addingTimeInterval(-daysAgo * 86_400), accountId: testScope.accountId,
        region: testScope.region)
}

/// The names (and rule priorities) a policy expires among `images`, oldest first.
func expired(_ policy: String, _ images: [(String, [String], Double)], now: Date = testEpoch) throws -> [String] {
    let parsed = try LifecyclePolicy(parsing: policy)
    let built = images.map { testImage($0.0, $0.1, daysAgo: $0.2, now: now) }
    let names = Dictionary(uniqueKeysWithValues: images.map { (EcrRules.digest(of: $0.0), $0.0) })
    return parsed.evaluate(built, now: now).map { "\(names[$0.imageDigest] ?? "?") by \($0.rulePriority)" }
}

// MARK: - Validation

@Suite("ECR lifecycle policy validation")
struct LifecyclePolicyValidationTests {
    @Test("valid policies parse, rules in priority order")
    func valid() throws {
        let policy = try LifecyclePolicy(
            parsing: lifecyclePolicy(
                lifecycleRule(20, "any", countType: "sinceImagePushed", count: 30),
                lifecycleRule(1, "tagged", prefixes: ["prod", "v"], count: 10),
                lifecycleRule(5, "untagged", countType: "sinceImagePushed", count: 14),
                lifecycleRule(7, "tagged", patterns: ["*-rc*", "release-*"], count: 3)))
        #expect(policy.rules.map(\.rulePriority) == [1, 5, 7, 20])
        #expect(policy.rules[0].tagPrefixList == ["prod", "v"])
        #expect(policy.rules[0].description == "rule 1")
        #expect(policy.rules[1].countType == .sinceImagePushed)
        #expect(policy.rules[2].tagPatternList == ["*-rc*", "release-*"])
        #expect(policy.rules[3].tagStatus == .any)
        // Fifty rules is the limit, not over it.
        let fifty = (1...50).map { lifecycleRule($0, "tagged", prefixes: ["p\($0)"]) }
        #expect(try LifecyclePolicy(parsing: #"{"rules":["# + fifty.joined(separator: ",") + "]}").rules.count == 50)
    }

    static let invalidPolicies: [(String, String)] = [
        (#"{"rules":[]}"#, "100 to 30,720"),
        (#"{"rules":[\#(String(repeating: " ", count: 30_720))]}"#, "100 to 30,720"),
        ("not json" + String(repeating: " ", count: 100), "not a JSON object"),
        (#"{"rule":[\#(lifecycleRule(1, "untagged"))]}"#, "unknown member 'rule'"),
        (#"{"rules":[], "padding":"\#(String(repeating: "x", count: 100))"}"#, "unknown member 'padding'"),
        (#"{"rules":{"a":\#(lifecycleRule(1, "untagged"))}}"#, "rules must be an array"),
        (#"{"rules":[\#(String(repeating: " ", count: 100))]}"#, "rules is empty"),
        (#"{"rules":["# + (1...51).map { lifecycleRule($0, "tagged", prefixes: ["p\($0)"]) }.joined(separator: ",") + "]}",
            "51 rules"),
        (lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["a"]), lifecycleRule(1, "tagged", prefixes: ["b"])),
            "rulePriority 1 is used by more than one rule"),
        (lifecyclePolicy(lifecycleRule(3, "any"), lifecycleRule(4, "tagged", prefixes: ["b"])),
            "tagStatus any (rulePriority 3) must have the highest rulePriority; 4 is higher"),
        (lifecyclePolicy(lifecycleRule(1, "untagged"), lifecycleRule(2, "untagged", countType: "sinceImagePushed")),
            "rules 1 and 2 both select untagged images"),
        (lifecyclePolicy(lifecycleRule(1, "tagged")), "tagPrefixList (or tagPatternList) is required when tagStatus is tagged"),
        (lifecyclePolicy(lifecycleRule(1, "untagged", prefixes: ["v"])), "only for tagStatus tagged, not untagged"),
        (lifecyclePolicy(lifecycleRule(1, "any", patterns: ["v*"])), "only for tagStatus tagged, not any"),
        (lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["v"], patterns: ["v*"])), "not both"),
        (lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: [])), "tagPrefixList must be a non-empty array"),
        (lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: [""])), "every entry of tagPrefixList"),
        (lifecyclePolicy(lifecycleRule(1, "tagged", patterns: ["a*b*c*d*e*f"])), "more than 4 wildcards"),
        (lifecyclePolicy(lifecycleRule(1, "sometimes")), "tagStatus 'sometimes'"),
        (lifecyclePolicy(lifecycleRule(1, "untagged", countType: "sinceImagePulled")), "countType 'sinceImagePulled'"),
        (lifecyclePolicy(lifecycleRule(1, "untagged", countType: "sinceImagePushed", unit: .some(nil))),
            "countUnit \"days\" is required with sinceImagePushed"),
        (lifecyclePolicy(lifecycleRule(1, "untagged", countType: "sinceImagePushed", unit: "hours")),
            "countUnit must be \"days\""),
        (lifecyclePolicy(lifecycleRule(1, "untagged", unit: "days")), "countUnit is only for sinceImagePushed"),
        (lifecyclePolicy(lifecycleRule(1, "untagged", count: 0)), "countNumber must be a whole number of 1 or more"),
        (lifecyclePolicy(lifecycleRule(0, "untagged")), "rulePriority must be a whole number of 1 or more"),
        (lifecyclePolicy(lifecycleRule(1, "untagged", action: "transition")), "action type must be \"expire\""),
        (lifecyclePolicy(lifecycleRule(1, "untagged").replacingOccurrences(of: #""countNumber""#, with: #""countNumbr""#)),
            "unknown member 'countNumbr'"),
        (lifecyclePolicy(lifecycleRule(1, "untagged").replacingOccurrences(of: #","action":{"type":"expire"}"#, with: "")),
            "has no action"),
        (lifecyclePolicy(lifecycleRule(1, "untagged").replacingOccurrences(of: #""countNumber":1"#, with: #""countNumber":1.5"#)),
            "countNumber must be a whole number"),
    ]

    @Test("each rule of SEMANTICS.md section 7 is enforced with InvalidParameterException naming the problem", arguments: invalidPolicies)
    func invalid(text: String, fragment: String) {
        let error = expectError(.invalidParameterException) { () throws(NetctlError) in try LifecyclePolicy(parsing: text) }
        #expect(error?.message.contains(fragment) == true, "expected '\(fragment)' in: \(error?.message ?? "")")
        #expect(error?.message.contains("Lifecycle policy validation failure") == true)
    }

    @Test("tag patterns: * matches any run of characters, everything else itself")
    func patterns() {
        let cases: [(String, String, Bool)] = [
            ("prod", "prod", true), ("prod1", "prod", false), ("prod1", "prod*", true), ("prod", "prod*", true),
            ("my-prod", "prod*", false), ("my-prod", "*prod", true), ("v1-rc2", "*-rc*", true), ("v1-rc", "*-rc*", true),
            ("v1rc", "*-rc*", false), ("abc", "a*b*c", true), ("ac", "a*b*c", false), ("a", "a*a", false),
            ("aa", "a*a", true), ("anything", "*", true), ("xay", "*a*", true),
        ]
        for (tag, pattern, matches) in cases {
            #expect(LifecyclePolicy.matches(tag, pattern: pattern) == matches, "'\(tag)' ~ '\(pattern)'")
        }
    }
}

// MARK: - Evaluation

@Suite("ECR lifecycle policy evaluation")
struct LifecyclePolicyEvaluationTests {
    @Test("imageCountMoreThan keeps the newest N of the images the rule selects and expires the rest, oldest first")
    func count() throws {
        let images = [("a", ["v1"], 5.0), ("b", ["v2"], 4.0), ("c", ["v3"], 3.0), ("d", ["v4"], 2.0), ("e", ["v5"], 1.0)]
        #expect(try expired(lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["v"], count: 3)), images) == ["a by 1", "b by 1"])
        #expect(try expired(lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["v"], count: 5)), images).isEmpty)
        #expect(try expired(lifecyclePolicy(lifecycleRule(1, "any", count: 1)), images) == ["a by 1", "b by 1", "c by 1", "d by 1"])
    }

    @Test("sinceImagePushed expires images once N days have passed since their push, and says when the next one is due")
    func age() throws {
        let now = testEpoch
        let text = lifecyclePolicy(lifecycleRule(1, "untagged", countType: "sinceImagePushed", count: 7))
        let images = [("old", [String](), 10.0), ("exact", [], 7.0), ("young", [], 5.0), ("tagged", ["v1"], 30.0)]
        #expect(try expired(text, images, now: now) == ["old by 1", "exact by 1"])
        let policy = try LifecyclePolicy(parsing: text)
        let remaining = [testImage("young", [], daysAgo: 5, now: now), testImage("tagged", ["v1"], daysAgo: 30, now: now)]
        #expect(policy.nextExpiry(remaining, now: now) == now.addingTimeInterval(2 * 86_400))
        #expect(policy.evaluate(remaining, now: now.addingTimeInterval(2 * 86_400 - 0.001)).isEmpty)
        #expect(policy.evaluate(remaining, now: now.addingTimeInterval(2 * 86_400)).map(\.imageDigest) == [EcrRules.digest(of: "young")])
        // Count rules never fall due with time.
        let counting = try LifecyclePolicy(parsing: lifecyclePolicy(lifecycleRule(1, "untagged", count: 1)))
        #expect(counting.nextExpiry(remaining, now: now) == nil)
    }

    @Test("tagged rules select images with a tag starting with every listed prefix (or matching every pattern)")
    func taggedSelection() throws {
        let images = [
            ("prod-old", ["prod-1"], 9.0), ("both", ["prod-2", "v2"], 8.0), ("beta", ["beta-1"], 7.0),
            ("prod-new", ["prod-3"], 6.0), ("untagged", [], 5.0),
        ]
        #expect(
            try expired(lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["prod"], count: 1)), images)
                == ["prod-old by 1", "both by 1"])
        #expect(
            try expired(lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["prod", "v"], countType: "sinceImagePushed", count: 1)), images)
                == ["both by 1"], "only the image with both a prod… and a v… tag")
        #expect(
            try expired(lifecyclePolicy(lifecycleRule(1, "tagged", patterns: ["*-1"], countType: "sinceImagePushed", count: 1)), images)
                == ["prod-old by 1", "beta by 1"])
        #expect(
            try expired(lifecyclePolicy(lifecycleRule(1, "untagged", countType: "sinceImagePushed", count: 1)), images)
                == ["untagged by 1"], "untagged rules leave tagged images alone")
    }

    /// AWS's "Filtering on multiple rules", example A: rule 2 would expire B, but B matches rule 1's
    /// tagging requirements, so only rule 1 may expire it, and rule 1 keeps it.
    @Test("an image can only be expired by the first rule that selects it; rules still count it")
    func priorities() throws {
        let images = [("A", ["beta-1", "prod-1"], 10.0), ("B", ["beta-2", "prod-2"], 9.0), ("C", ["beta-3"], 8.0)]
        let policy = lifecyclePolicy(
            lifecycleRule(1, "tagged", prefixes: ["prod"], count: 1), lifecycleRule(2, "tagged", prefixes: ["beta"], count: 1))
        #expect(try expired(policy, images) == ["A by 1"])
        // Swapped priorities: beta first keeps C, expires A and B; prod owns nothing then.
        let swapped = lifecyclePolicy(
            lifecycleRule(1, "tagged", prefixes: ["beta"], count: 1), lifecycleRule(2, "tagged", prefixes: ["prod"], count: 1))
        #expect(try expired(swapped, images) == ["A by 1", "B by 1"])
    }

    @Test("a final `any` rule expires only what no earlier rule selects, and each image by at most one rule")
    func anyLast() throws {
        let images = [
            ("release-old", ["release-1"], 40.0), ("release-new", ["release-2"], 35.0), ("dev", ["dev-1"], 31.0),
            ("scratch", [], 50.0), ("fresh", [], 1.0),
        ]
        let policy = lifecyclePolicy(
            lifecycleRule(1, "tagged", prefixes: ["release"], count: 5),
            lifecycleRule(2, "untagged", count: 1),
            lifecycleRule(3, "any", countType: "sinceImagePushed", count: 30))
        // release-* are owned by rule 1 (which keeps five), untagged ones by rule 2 (which keeps the newest);
        // only dev is left for rule 3, and it is old enough.
        let result = try expired(policy, images)
        #expect(result == ["scratch by 2", "dev by 3"])
        #expect(Set(result.map { $0.split(separator: " ")[0] }).count == result.count, "no image twice")
        let parsed = try LifecyclePolicy(parsing: policy)
        let kept = [testImage("release-old", ["release-1"], daysAgo: 40), testImage("fresh", [], daysAgo: 1)]
        #expect(parsed.nextExpiry(kept, now: testEpoch) == nil, "no image is owned by the age rule")
    }
}

// MARK: - Policies in the state, on the daemon clock

@Suite("ECR lifecycle policies in the state")
struct EcrLifecycleStateTests {
    static let keepTwoTagged = lifecyclePolicy(lifecycleRule(1, "tagged", prefixes: ["v"], count: 2))
    static let untaggedAfterADay = lifecyclePolicy(lifecycleRule(1, "untagged", countType: "sinceImagePushed", count: 1))

    @Test("putting a policy expires what it selects at once, with an expire event naming the rule")
    func putExpires() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        let pushed = try (1...4).map { (n: Int) throws(NetctlError) in try fixture.push("web", dockerManifest(n), tag: "v\(n)") }
        _ = fixture.ecrEvents()
        let response = try fixture.putPolicy("web", Self.keepTwoTagged)
        #expect(response.expiredImages?.map(\.imageDigest) == pushed.prefix(2).map(\.imageDigest))
        #expect(response.expiredImages?.map(\.rulePriority) == [1, 1])
        #expect(response.lifecyclePolicyText == Self.keepTwoTagged)
        #expect(response.nextEvaluationAt == nil)
        let events = fixture.state.takeChanges().events.filter { $0.resourceType.rawValue.hasPrefix("ecr") }
        #expect(events.map(\.action) == [.putLifecyclePolicy, .expire, .expire])
        #expect(events[1].resourceId == pushed[0].id)
        #expect(events[1].detail.contains(#""expiredByRulePriority":1"#))
        #expect(try fixture.images("web").map(\.imageTags) == [["v3"], ["v4"]])
        #expect(fixture.state.ecrImages[pushed[0].id] == nil)

        // Every push applies it too: a fifth version pushes the oldest remaining out in the same commit.
        try fixture.push("web", dockerManifest(5), tag: "v5")
        #expect(fixture.ecrEvents().map(\.action) == [.push, .expire])
        #expect(try fixture.images("web").map(\.imageTags) == [["v4"], ["v5"]])
        let got = try fixture.state.getEcrLifecyclePolicy(EcrLifecyclePolicyGet(repository: "web"), fixture.query())
        #expect(got.lastEvaluatedAt == fixture.context.now)
        #expect(got.expiredImages == nil)
    }

    @Test("sinceImagePushed rules fall due on the clock: nextDeadline says when, runDueWork expires them then and not before")
    func dueWork() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        try fixture.repository("other")
        let old = try fixture.push("web", dockerManifest(1), tag: "v1")
        try fixture.push("web", dockerManifest(2), tag: "v1")  // moves v1: the first image is now untagged
        let policy = try fixture.putPolicy("web", Self.untaggedAfterADay)
        let due = old.imagePushedAt.addingTimeInterval(86_400)
        #expect(policy.nextEvaluationAt == due)
        #expect(policy.expiredImages == [])
        #expect(fixture.state.nextDeadline() == due)
        _ = fixture.ecrEvents()

        fixture.runDueWork(at: due.addingTimeInterval(-1))
        #expect(fixture.ecrEvents().isEmpty)
        #expect(try fixture.images("web").count == 2)

        fixture.runDueWork(at: due)
        let events = fixture.ecrEvents()
        #expect(events.map(\.action) == [.expire])
        #expect(events.first?.id == old.id)
        #expect(try fixture.images("web").map(\.imageTags) == [["v1"]])
        #expect(fixture.state.nextDeadline() == nil, "nothing untagged is left")
        #expect(fixture.state.ecrRepositories.children(of: EcrRepository.timedKey).isEmpty)
        let after = try fixture.state.getEcrLifecyclePolicy(EcrLifecyclePolicyGet(repository: "web"), fixture.query())
        #expect(after.lastEvaluatedAt == due)
    }

    @Test("removing a policy stops its expiries; no policy is LifecyclePolicyNotFoundException; a bad one changes nothing")
    func deletePolicy() throws {
        var fixture = Fixture()
        try fixture.repository("web")
        try fixture.push("web", dockerManifest(1), tag: "v1")
        try fixture.push("web", dockerManifest(2), tag: "v1")
        fixture.expectEcrFailure(.lifecyclePolicyNotFoundException) { s, c throws(NetctlError) in
            try s.deleteEcrLifecyclePolicy(EcrLifecyclePolicyDelete(repository: "web"), &c)
        }
        expectError(.lifecyclePolicyNotFoundException) { () throws(NetctlError) in
            try fixture.state.getEcrLifecyclePolicy(EcrLifecyclePolicyGet(repository: "web"), fixture.query())
        }
        try fixture.putPolicy("web", Self.untaggedAfterADay)
        #expect(fixture.state.nextDeadline() != nil)
        fixture.expectEcrFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.putEcrLifecyclePolicy(EcrLifecyclePolicyPut(repository: "web", policy: #"{"rules":[]}"#), &c)
        }
        fixture.expectEcrFailure(.repositoryNotFoundException) { s, c throws(NetctlError) in
            try s.putEcrLifecyclePolicy(EcrLifecyclePolicyPut(repository: "api", policy: Self.untaggedAfterADay), &c)
        }
        _ = fixture.ecrEvents()
        let removed = try fixture.run { s, c throws(NetctlError) in
            try s.deleteEcrLifecyclePolicy(EcrLifecyclePolicyDelete(repository: "web"), &c)
        }
        #expect(removed.lifecyclePolicyText == Self.untaggedAfterADay)
        #expect(fixture.ecrEvents().map(\.action) == [.deleteLifecyclePolicy])
        #expect(fixture.state.nextDeadline() == nil)
        fixture.runDueWork(at: fixture.context.now.addingTimeInterval(30 * 86_400))
        #expect(try fixture.images("web").count == 2)
    }

    @Test("due work acts on every account's repositories, whoever runs it")
    func dueWorkAcrossAccounts() throws {
        var fixture = Fixture()
        let theirs = try fixture.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createEcrRepository(EcrRepositoryCreate(name: "web"), &c)
        }
        try fixture.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.putEcrImage(EcrImagePut(repository: "web", manifest: dockerManifest(1)), &c)
        }
        try fixture.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.putEcrLifecyclePolicy(EcrLifecyclePolicyPut(repository: "web", policy: Self.untaggedAfterADay), &c)
        }
        let due = try #require(fixture.state.nextDeadline())
        fixture.runDueWork(at: due)
        #expect(fixture.state.ecrImages.children(of: theirs.repositoryArn).isEmpty)
    }
}
