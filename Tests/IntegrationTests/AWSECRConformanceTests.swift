import NetctlAPI
import Testing

/// ECR's answers checked against botocore's `ecr` model (see `JSONConformance`). Every operation
/// netctld serves must answer successfully in some scenario: the layer and authorization operations'
/// scenarios belong in this list too.
@Suite struct AWSECRConformanceTests {
    static let manifest =
        #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"#
        + #""mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"sha256:"#
        + String(repeating: "a", count: 64)
        + #""},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","#
        + #""size":10,"digest":"sha256:"# + String(repeating: "b", count: 64) + #""}]}"#

    static let policy =
        #"{"rules":[{"rulePriority":1,"description":"keep two","selection":{"tagStatus":"any","#
        + #""countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}"#

    static let scenarios: [JSONConformance.Scenario] = [
        .init(
            name: "repositories, images, policies and tags",
            python: """
                manifest = \(AWSECRTests.pythonString(manifest))
                policy = \(AWSECRTests.pythonString(policy))
                repository = client.create_repository(repositoryName="conformance/app",
                    tags=[{"Key": "env", "Value": "dev"}])["repository"]
                client.create_repository(repositoryName="conformance/other")
                error_code(lambda: client.create_repository(repositoryName="conformance/app"))
                client.describe_repositories()
                page = client.describe_repositories(maxResults=1)
                client.describe_repositories(maxResults=1, nextToken=page["nextToken"])
                client.describe_repositories(repositoryNames=["conformance/app"])
                error_code(lambda: client.describe_repositories(repositoryNames=["nope"]))
                client.put_image_tag_mutability(repositoryName="conformance/app", imageTagMutability="IMMUTABLE")
                image = client.put_image(repositoryName="conformance/app", imageManifest=manifest, imageTag="v1")["image"]
                error_code(lambda: client.put_image(repositoryName="conformance/app", imageManifest=manifest, imageTag="v1"))
                client.batch_get_image(repositoryName="conformance/app", imageIds=[{"imageTag": "v1"}, {"imageTag": "v9"}])
                client.describe_images(repositoryName="conformance/app")
                client.describe_images(repositoryName="conformance/app", imageIds=[{"imageTag": "v1"}])
                client.list_images(repositoryName="conformance/app", maxResults=1)
                error_code(lambda: client.get_lifecycle_policy_preview(repositoryName="conformance/app"))
                client.start_lifecycle_policy_preview(repositoryName="conformance/app", lifecyclePolicyText=policy)
                client.get_lifecycle_policy_preview(repositoryName="conformance/app")
                client.put_lifecycle_policy(repositoryName="conformance/app", lifecyclePolicyText=policy)
                client.get_lifecycle_policy(repositoryName="conformance/app")
                client.delete_lifecycle_policy(repositoryName="conformance/app")
                error_code(lambda: client.get_lifecycle_policy(repositoryName="conformance/app"))
                client.tag_resource(resourceArn=repository["repositoryArn"], tags=[{"Key": "team", "Value": "a"}])
                client.list_tags_for_resource(resourceArn=repository["repositoryArn"])
                client.untag_resource(resourceArn=repository["repositoryArn"], tagKeys=["team"])
                client.batch_delete_image(repositoryName="conformance/app",
                    imageIds=[{"imageDigest": image["imageId"]["imageDigest"]}, {"imageTag": "v9"}])
                error_code(lambda: client.delete_repository(repositoryName="nope"))
                client.put_image(repositoryName="conformance/app", imageManifest=manifest, imageTag="v2")
                client.delete_repository(repositoryName="conformance/app", force=True)
                """)
    ]

    @Test func ecrAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        // The layer scenarios' repository, made over the socket so that they stand on their own.
        _ = try await aws.daemon.client.send(EcrRepositoryCreate(name: AWSRegistryConformanceTests.repository))
        let report = try JSONConformance.check(
            service: "ecr", scenarios: Self.scenarios + AWSRegistryConformanceTests.layerScenarios, on: aws)
        #expect(
            Set(report.served).isSuperset(of: ["CreateRepository", "PutImage", "DescribeImages"]), "\(report.served)")
        #expect(
            Set(report.served).isSuperset(of: [
                "GetAuthorizationToken", "InitiateLayerUpload", "UploadLayerPart", "CompleteLayerUpload",
                "BatchCheckLayerAvailability", "GetDownloadUrlForLayer",
            ]), "\(report.served)")
    }
}
