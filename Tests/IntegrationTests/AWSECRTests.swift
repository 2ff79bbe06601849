import Foundation
import NetctlAPI
import Testing

/// ECR's repository, image, lifecycle-policy and tagging operations through the real AWS CLI and
/// boto3, with the same state seen over the socket.
@Suite(.serialized) struct AWSECRTests {
    static let hex = String(repeating: "a", count: 64)

    /// A Docker V2 schema 2 manifest whose layers declare these sizes.
    static func manifest(_ layerSizes: [Int]) -> String {
        let layers = layerSizes.map {
            #"{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":\#($0),"digest":"sha256:\#(hex)"}"#
        }
        return #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"#
            + #""mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"sha256:\#(hex)"},"#
            + #""layers":[\#(layers.joined(separator: ","))]}"#
    }

    @Test func repositoriesThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let created = try aws.aws([
            "ecr", "create-repository", "--repository-name", "team/web", "--image-tag-mutability", "IMMUTABLE",
            "--tags", "Key=env,Value=dev", "Key=team,Value=a",
        ])
        #expect(created.status == 0, "\(created)")
        let repository = try #require(created.object["repository"] as? [String: Any])
        #expect(repository["repositoryArn"] as? String == "arn:aws:ecr:us-east-1:000000000000:repository/team/web")
        #expect(repository["repositoryUri"] as? String == "000000000000.dkr.ecr.us-east-1.amazonaws.com/team/web")
        #expect(repository["registryId"] as? String == "000000000000")
        #expect(repository["imageTagMutability"] as? String == "IMMUTABLE")
        #expect(repository["createdAt"] is Double || repository["createdAt"] is Int)

        let again = try aws.aws(["ecr", "create-repository", "--repository-name", "team/web"])
        #expect(again.errorCode == "RepositoryAlreadyExistsException", "\(again)")
        let badName = try aws.aws(["ecr", "create-repository", "--repository-name", "Team/Web"])
        #expect(badName.errorCode == "InvalidParameterException", "\(badName)")
        let missing = try aws.aws(["ecr", "describe-repositories", "--repository-names", "nope"])
        #expect(missing.errorCode == "RepositoryNotFoundException", "\(missing)")

        // The same repository over the socket, tags and all.
        let overSocket = try await aws.daemon.client.send(EcrRepositoryGet(name: "team/web"))
        #expect(overSocket.tags == ["env": "dev", "team": "a"])
        #expect(overSocket.imageTagMutability == "IMMUTABLE")

        let arn = "arn:aws:ecr:us-east-1:000000000000:repository/team/web"
        #expect(try aws.aws(["ecr", "tag-resource", "--resource-arn", arn, "--tags", "Key=owner,Value=b"]).status == 0)
        #expect(try aws.aws(["ecr", "untag-resource", "--resource-arn", arn, "--tag-keys", "team"]).status == 0)
        let listed = try aws.aws(["ecr", "list-tags-for-resource", "--resource-arn", arn])
        let tags = (listed.object["tags"] as? [[String: Any]])?.map { "\($0["Key"] ?? "")=\($0["Value"] ?? "")" }
        #expect(tags == ["env=dev", "owner=b"], "\(listed)")
        let badArn = try aws.aws(["ecr", "list-tags-for-resource", "--resource-arn", "arn:aws:ecs:us-east-1:0:cluster/x"])
        #expect(badArn.errorCode == "InvalidParameterException", "\(badArn)")
        let reserved = try aws.aws(["ecr", "tag-resource", "--resource-arn", arn, "--tags", "Key=aws:x,Value=y"])
        #expect(reserved.errorCode == "InvalidTagParameterException", "\(reserved)")

        let mutable = try aws.aws([
            "ecr", "put-image-tag-mutability", "--repository-name", "team/web", "--image-tag-mutability", "MUTABLE",
        ])
        #expect(mutable.object["imageTagMutability"] as? String == "MUTABLE", "\(mutable)")
        #expect(try await aws.daemon.client.send(EcrRepositoryGet(name: "team/web")).imageTagMutability == "MUTABLE")

        // Paging: 5 repositories, 2 a page.
        for index in 0..<4 { _ = try await aws.daemon.client.send(EcrRepositoryCreate(name: "r\(index)")) }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var arguments = ["ecr", "describe-repositories", "--max-results", "2", "--no-paginate"]
            if let token { arguments += ["--next-token", token] }
            let page = try aws.aws(arguments)
            #expect(page.status == 0, "\(page)")
            names += (page.object["repositories"] as? [[String: Any]] ?? []).compactMap { $0["repositoryName"] as? String }
            token = page.object["nextToken"] as? String
            pages += 1
        } while token != nil && pages < 10
        #expect(pages == 3)
        #expect(names == ["team/web", "r0", "r1", "r2", "r3"])
        let tooMany = try aws.aws(["ecr", "describe-repositories", "--max-results", "1001", "--no-paginate"])
        #expect(tooMany.errorCode == "InvalidParameterException", "\(tooMany)")

        let image = try aws.aws([
            "ecr", "put-image", "--repository-name", "team/web", "--image-manifest", Self.manifest([10]),
            "--image-tag", "v1",
        ])
        #expect(image.status == 0, "\(image)")
        let notEmpty = try aws.aws(["ecr", "delete-repository", "--repository-name", "team/web"])
        #expect(notEmpty.errorCode == "RepositoryNotEmptyException", "\(notEmpty)")
        let forced = try aws.aws(["ecr", "delete-repository", "--repository-name", "team/web", "--force"])
        #expect((forced.object["repository"] as? [String: Any])?["repositoryName"] as? String == "team/web", "\(forced)")
        let gone = try await aws.daemon.client.send(EcrRepositoryList())
        #expect(gone.repositories.map(\.repositoryName) == ["r0", "r1", "r2", "r3"])
    }

    @Test func imagesThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            ecr = boto3.client("ecr", config=_config)
            out = {}
            ecr.create_repository(repositoryName="app", imageTagMutability="IMMUTABLE")
            m1 = \(Self.pythonString(Self.manifest([100, 23])))
            m2 = \(Self.pythonString(Self.manifest([7])))
            m3 = \(Self.pythonString(Self.manifest([8])))
            put = ecr.put_image(repositoryName="app", imageManifest=m1, imageTag="v1")["image"]
            out["put"] = put
            ecr.put_image(repositoryName="app", imageManifest=m1, imageTag="latest")
            ecr.put_image(repositoryName="app", imageManifest=m3)
            out["immutable"] = error_code(lambda: ecr.put_image(repositoryName="app", imageManifest=m2, imageTag="v1"))
            out["again"] = error_code(lambda: ecr.put_image(repositoryName="app", imageManifest=m1, imageTag="v1"))
            out["badDigest"] = error_code(lambda: ecr.put_image(
                repositoryName="app", imageManifest=m2, imageDigest="sha256:" + "b" * 64))
            out["badMediaType"] = error_code(lambda: ecr.put_image(
                repositoryName="app", imageManifest=m2, imageManifestMediaType="application/vnd.oci.image.index.v1+json"))
            out["noRepo"] = error_code(lambda: ecr.put_image(repositoryName="nope", imageManifest=m2))
            out["describe"] = ecr.describe_images(repositoryName="app")["imageDetails"]
            out["tagged"] = ecr.describe_images(repositoryName="app", filter={"tagStatus": "TAGGED"})["imageDetails"]
            out["byId"] = ecr.describe_images(repositoryName="app", imageIds=[{"imageTag": "latest"}])["imageDetails"]
            out["missing"] = error_code(lambda: ecr.describe_images(repositoryName="app", imageIds=[{"imageTag": "zz"}]))
            out["list"] = ecr.list_images(repositoryName="app")["imageIds"]
            out["untagged"] = ecr.list_images(repositoryName="app", filter={"tagStatus": "UNTAGGED"})["imageIds"]
            pages = [p["imageIds"] for p in ecr.get_paginator("list_images").paginate(
                repositoryName="app", PaginationConfig={"PageSize": 2})]
            out["pageSizes"] = [len(p) for p in pages]
            got = ecr.batch_get_image(repositoryName="app", imageIds=[
                {"imageTag": "v1"}, {"imageDigest": put["imageId"]["imageDigest"]}, {"imageTag": "nope"},
                {"imageDigest": "sha256:xyz"}])
            out["got"] = got
            out["otherType"] = ecr.batch_get_image(repositoryName="app", imageIds=[{"imageTag": "v1"}],
                acceptedMediaTypes=["application/vnd.oci.image.manifest.v1+json"])["failures"]
            deleted = ecr.batch_delete_image(repositoryName="app", imageIds=[
                {"imageTag": "latest"}, {"imageTag": "nope"}, {"imageDigest": "sha256:xyz"}, {}])
            out["deleted"] = deleted
            out["afterDelete"] = ecr.describe_images(repositoryName="app", imageIds=[{"imageTag": "v1"}])["imageDetails"][0]["imageTags"]
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let put = try #require(out["put"] as? [String: Any])
        let digest = try #require((put["imageId"] as? [String: Any])?["imageDigest"] as? String)
        #expect((put["imageId"] as? [String: Any])?["imageTag"] as? String == "v1")
        #expect(put["imageManifest"] as? String == Self.manifest([100, 23]))
        #expect(put["imageManifestMediaType"] as? String == "application/vnd.docker.distribution.manifest.v2+json")
        #expect(out["immutable"] as? String == "ImageTagAlreadyExistsException")
        #expect(out["again"] as? String == "ImageAlreadyExistsException")
        #expect(out["badDigest"] as? String == "ImageDigestDoesNotMatchException")
        #expect(out["badMediaType"] as? String == "InvalidParameterException")
        #expect(out["noRepo"] as? String == "RepositoryNotFoundException")

        let described = try #require(out["describe"] as? [[String: Any]])
        #expect(described.count == 2)
        let first = try #require(described.first { $0["imageDigest"] as? String == digest })
        #expect(first["imageTags"] as? [String] == ["v1", "latest"])
        #expect(first["imageSizeInBytes"] as? Int == 123)
        #expect(first["imageManifestMediaType"] as? String == "application/vnd.docker.distribution.manifest.v2+json")
        #expect(first["artifactMediaType"] as? String == "application/vnd.docker.container.image.v1+json")
        #expect(first["imagePushedAt"] != nil)
        #expect((out["tagged"] as? [[String: Any]])?.count == 1)
        #expect((out["byId"] as? [[String: Any]])?.first?["imageDigest"] as? String == digest)
        #expect(out["missing"] as? String == "ImageNotFoundException")
        #expect((out["list"] as? [[String: Any]])?.count == 3)  // v1, latest and the untagged one
        #expect((out["untagged"] as? [[String: Any]])?.count == 1)
        #expect(out["pageSizes"] as? [Int] == [2, 1])

        let got = try #require(out["got"] as? [String: Any])
        let images = try #require(got["images"] as? [[String: Any]])
        #expect(images.count == 2)
        #expect((images.first?["imageId"] as? [String: Any])?["imageTag"] as? String == "v1")
        #expect(images.allSatisfy { $0["imageManifest"] as? String == Self.manifest([100, 23]) })
        let failureCodes = (got["failures"] as? [[String: Any]])?.compactMap { $0["failureCode"] as? String }
        #expect(failureCodes == ["ImageNotFound", "InvalidImageDigest"])
        #expect((out["otherType"] as? [[String: Any]])?.first?["failureCode"] as? String == "ImageNotFound")

        let deleted = try #require(out["deleted"] as? [String: Any])
        #expect((deleted["imageIds"] as? [[String: Any]])?.first?["imageTag"] as? String == "latest")
        #expect(
            (deleted["failures"] as? [[String: Any]])?.compactMap { $0["failureCode"] as? String }
                == ["ImageNotFound", "InvalidImageDigest", "MissingDigestAndTag"])
        #expect(out["afterDelete"] as? [String] == ["v1"])

        // The socket sees the same images.
        let overSocket = try await aws.daemon.client.send(EcrImageGet(repository: "app", imageDigest: digest))
        #expect(overSocket.imageTags == ["v1"])
        #expect(try await aws.daemon.client.send(EcrImageList(repository: "app")).images.count == 2)
    }

    @Test func lifecyclePoliciesThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        _ = try await aws.daemon.client.send(EcrRepositoryCreate(name: "app"))
        for (index, size) in [1, 2, 3].enumerated() {
            _ = try await aws.daemon.client.send(
                EcrImagePut(repository: "app", manifest: Self.manifest([size]), tag: "v\(index)"))
        }
        let none = try aws.aws(["ecr", "get-lifecycle-policy", "--repository-name", "app"])
        #expect(none.errorCode == "LifecyclePolicyNotFoundException", "\(none)")
        let policy =
            #"{"rules":[{"rulePriority":1,"description":"keep two","selection":{"tagStatus":"tagged","#
            + #""tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}"#

        // A preview says what the policy would expire, and expires nothing.
        let noPreview = try aws.aws(["ecr", "get-lifecycle-policy-preview", "--repository-name", "app"])
        #expect(noPreview.errorCode == "LifecyclePolicyPreviewNotFoundException", "\(noPreview)")
        let noPolicy = try aws.aws(["ecr", "start-lifecycle-policy-preview", "--repository-name", "app"])
        #expect(noPolicy.errorCode == "LifecyclePolicyNotFoundException", "\(noPolicy)")
        let started = try aws.aws([
            "ecr", "start-lifecycle-policy-preview", "--repository-name", "app", "--lifecycle-policy-text", policy,
        ])
        #expect(started.object["status"] as? String == "COMPLETE", "\(started)")
        let preview = try aws.aws(["ecr", "get-lifecycle-policy-preview", "--repository-name", "app"])
        let results = try #require(preview.object["previewResults"] as? [[String: Any]], "\(preview)")
        #expect(results.map { $0["imageTags"] as? [String] } == [["v0"]])
        #expect(results.first?["appliedRulePriority"] as? Int == 1)
        #expect((results.first?["action"] as? [String: Any])?["type"] as? String == "EXPIRE")
        #expect((preview.object["summary"] as? [String: Any])?["expiringImageTotalCount"] as? Int == 1)
        #expect(try await aws.daemon.client.send(EcrImageList(repository: "app")).images.count == 3)

        let put = try aws.aws([
            "ecr", "put-lifecycle-policy", "--repository-name", "app", "--lifecycle-policy-text", policy,
        ])
        #expect(put.object["lifecyclePolicyText"] as? String == policy, "\(put)")
        // Applied at once: the oldest release went.
        let left = try await aws.daemon.client.send(EcrImageList(repository: "app")).images.flatMap(\.imageTags)
        #expect(left == ["v1", "v2"])
        let got = try aws.aws(["ecr", "get-lifecycle-policy", "--repository-name", "app"])
        #expect(got.object["lifecyclePolicyText"] as? String == policy)
        #expect(got.object["lastEvaluatedAt"] != nil)
        let invalid = try aws.aws([
            "ecr", "put-lifecycle-policy", "--repository-name", "app", "--lifecycle-policy-text",
            #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}"#,
        ])
        #expect(invalid.errorCode == "InvalidParameterException", "\(invalid)")
        let deleted = try aws.aws(["ecr", "delete-lifecycle-policy", "--repository-name", "app"])
        #expect(deleted.object["lifecyclePolicyText"] as? String == policy, "\(deleted)")
        let gone = try aws.aws(["ecr", "delete-lifecycle-policy", "--repository-name", "app"])
        #expect(gone.errorCode == "LifecyclePolicyNotFoundException", "\(gone)")
        let unsupported = try aws.aws([
            "ecr", "create-repository", "--repository-name", "scanned", "--image-scanning-configuration", "scanOnPush=true",
        ])
        #expect(unsupported.errorCode == "InvalidParameterException", "\(unsupported)")
        let otherRegistry = try aws.aws(["ecr", "describe-repositories", "--registry-id", "111122223333"])
        #expect(otherRegistry.errorCode == "InvalidParameterException", "\(otherRegistry)")
    }

    /// A Python string literal for `text`.
    static func pythonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }
}
