/// ECR's authorization and layer operations checked against botocore's `ecr` model (see
/// `JSONConformance`). The repository is made over the socket, so the scenarios need no other ECR
/// operation. They run in `AWSECRConformanceTests`, in one check with the repository scenarios: a
/// check wants every operation the service serves answered.
enum AWSRegistryConformanceTests {
    static let repository = "conformance/layers"

    static let layerScenarios: [JSONConformance.Scenario] = [
        .init(
            name: "layers",
            python: """
                import hashlib, os
                repository = "\(repository)"
                layer = os.urandom(1000)
                digest = "sha256:" + hashlib.sha256(layer).hexdigest()
                client.get_authorization_token()
                upload = client.initiate_layer_upload(repositoryName=repository)["uploadId"]
                client.upload_layer_part(repositoryName=repository, uploadId=upload, partFirstByte=0, partLastByte=499,
                    layerPartBlob=layer[:500])
                error_code(lambda: client.upload_layer_part(repositoryName=repository, uploadId=upload,
                    partFirstByte=900, partLastByte=999, layerPartBlob=layer[900:]))
                client.upload_layer_part(repositoryName=repository, uploadId=upload, partFirstByte=500,
                    partLastByte=999, layerPartBlob=layer[500:])
                client.complete_layer_upload(repositoryName=repository, uploadId=upload, layerDigests=[digest])
                error_code(lambda: client.complete_layer_upload(repositoryName=repository, uploadId=upload,
                    layerDigests=[digest]))
                client.batch_check_layer_availability(repositoryName=repository,
                    layerDigests=[digest, "sha256:" + "0" * 64, "nonsense"])
                client.get_download_url_for_layer(repositoryName=repository, layerDigest=digest)
                error_code(lambda: client.get_download_url_for_layer(repositoryName=repository,
                    layerDigest="sha256:" + "0" * 64))
                error_code(lambda: client.initiate_layer_upload(repositoryName="conformance/none"))
                """)
    ]
}
