import Foundation
import NetctlAPI
import Testing

/// The registry on the AWS listener with real clients: skopeo pushes and pulls multi-layer OCI
/// images built here (no network), raw HTTP cuts uploads off, boto3 drives ECR's layer API; the
/// state is checked over the socket and the blob store on disk.
@Suite(.serialized) struct AWSRegistryTests {
    /// Writes an OCI image layout: `layers` gzip'd tar layers of random (incompressible) files of
    /// `size` bytes, a config and a manifest tagged `tag`; `shared` reuses the first layer of an
    /// earlier layout. Prints the manifest's digest and the blob digests.
    static func makeLayout(_ directory: String, tag: String, layers: Int, size: Int = 4096, shared: String? = nil)
        throws
        -> (manifest: String, blobs: [String])
    {
        let script = """
            import gzip, hashlib, io, json, os, sys, tarfile
            root, tag, count, size, shared = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
            os.makedirs(root + "/blobs/sha256", exist_ok=True)
            def put(data):
                digest = hashlib.sha256(data).hexdigest()
                with open(root + "/blobs/sha256/" + digest, "wb") as f:
                    f.write(data)
                return "sha256:" + digest
            layers, diffs = [], []
            if shared:
                base = json.load(open(shared + "/shared.json"))
                data = open(shared + "/blobs/sha256/" + base["digest"][7:], "rb").read()
                put(data)
                layers.append(base); diffs.append(base["diff"])
            for index in range(count - len(layers)):
                raw = io.BytesIO()
                with tarfile.open(fileobj=raw, mode="w") as tar:
                    content = os.urandom(size)
                    info = tarfile.TarInfo("layer%d/file.bin" % index)
                    info.size = len(content)
                    tar.addfile(info, io.BytesIO(content))
                tar_bytes = raw.getvalue()
                data = gzip.compress(tar_bytes, mtime=0)
                layer = {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": put(data), "size": len(data)}
                layer["diff"] = "sha256:" + hashlib.sha256(tar_bytes).hexdigest()
                layers.append(layer); diffs.append(layer["diff"])
            json.dump(layers[0], open(root + "/shared.json", "w"))
            config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                "rootfs": {"type": "layers", "diff_ids": diffs}}).encode()
            manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": put(config), "size": len(config)},
                "layers": [{k: v for k, v in l.items() if k != "diff"} for l in layers]}).encode()
            digest = put(manifest)
            json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": digest, "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": tag}}]},
                open(root + "/index.json", "w"))
            json.dump({"imageLayoutVersion": "1.0.0"}, open(root + "/oci-layout", "w"))
            blobs = [json.loads(config) and "sha256:" + hashlib.sha256(config).hexdigest()] + [l["digest"] for l in layers]
            print(json.dumps({"manifest": digest, "blobs": blobs}))
            """
        let result = try runProcess(
            AWSClients.python, ["-c", script, directory, tag, String(layers), String(size), shared ?? ""],
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (object["manifest"] as? String ?? "", object["blobs"] as? [String] ?? [])
    }

    static var skopeo: String {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: directory + "/skopeo") {
            return directory + "/skopeo"
        }
        return "/usr/bin/skopeo"
    }

    func skopeo(_ arguments: [String]) throws -> AWSResult {
        // No policy file or auth file of the tester's: skopeo accepts any image and uses the given creds.
        var environment = ProcessInfo.processInfo.environment
        environment["REGISTRY_AUTH_FILE"] = "/dev/null"
        let result = try runProcess(Self.skopeo, ["--insecure-policy"] + arguments, environment: environment)
        return AWSResult(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// The registry password from GetAuthorizationToken (boto3), and the proxy endpoint it names.
    func login(_ aws: AWSDaemon, key: (id: String, secret: String)? = nil) throws -> (
        password: String, endpoint: String
    ) {
        let keys = key.map { ["AWS_ACCESS_KEY_ID": $0.id, "AWS_SECRET_ACCESS_KEY": $0.secret] } ?? [:]
        let result = try aws.boto3(
            """
            import base64
            data = boto3.client("ecr", config=_config).get_authorization_token()["authorizationData"][0]
            user, password = base64.b64decode(data["authorizationToken"]).decode().split(":", 1)
            print(json.dumps({"user": user, "password": password, "endpoint": data["proxyEndpoint"],
                "expires": data["expiresAt"].timestamp()}))
            """, environment: keys)
        #expect(result.status == 0, "\(result)")
        #expect(result.object["user"] as? String == "AWS")
        let expires = try #require(result.object["expires"] as? Double)
        #expect(abs(expires - Date().timeIntervalSince1970 - 12 * 3600) < 120, "tokens last 12 hours, as AWS's")
        return (try #require(result.object["password"] as? String), try #require(result.object["endpoint"] as? String))
    }

    func files(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + $0, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }

    func blobDigests(_ aws: AWSDaemon) -> Set<String> {
        Set(
            files(aws.daemon.dataDirectory + "/blobs/sha256").map {
                "sha256:" + ($0.split(separator: "/").last.map(String.init) ?? "")
            })
    }

    /// Polls `condition` for up to ten seconds (the GC runs in the background after a commit).
    func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    @Test func skopeoPushPullRoundTripAndTagImmutability() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(EcrRepositoryCreate(name: "forum/users"))
        _ = try await client.send(EcrRepositoryCreate(name: "forum/pinned", imageTagMutability: "IMMUTABLE"))
        let (password, endpoint) = try login(aws)
        #expect(endpoint == "http://127.0.0.1:\(aws.port)")
        let work = try TemporaryDirectory()
        let image = try Self.makeLayout(work.path + "/image", tag: "v1", layers: 3)
        let registry = "127.0.0.1:\(aws.port)"
        let push = try skopeo([
            "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
            "oci:\(work.path)/image:v1", "docker://\(registry)/forum/users:v1",
        ])
        #expect(push.status == 0, "\(push)")

        // The pushed image is an ECR image at once, with the exact bytes and their digest.
        let stored = try await client.send(EcrImageGet(repository: "forum/users", tag: "v1"))
        #expect(stored.imageDigest == image.manifest)
        #expect(stored.imageManifestMediaType == "application/vnd.oci.image.manifest.v1+json")
        let layoutManifest = try String(
            contentsOfFile: work.path + "/image/blobs/sha256/" + image.manifest.dropFirst(7), encoding: .utf8)
        #expect(stored.imageManifest == layoutManifest)
        #expect(blobDigests(aws) == Set(image.blobs), "each blob stored once under its digest")
        #expect(files(aws.daemon.dataDirectory + "/uploads").isEmpty)

        let inspect = try skopeo([
            "inspect", "--raw", "--creds", "AWS:\(password)", "--tls-verify=false",
            "docker://\(registry)/forum/users:v1",
        ])
        #expect(inspect.status == 0, "\(inspect)")
        #expect(inspect.stdout.trimmingSuffixNewlines == layoutManifest)
        let pull = try skopeo([
            "copy", "--src-creds", "AWS:\(password)", "--src-tls-verify=false",
            "docker://\(registry)/forum/users:v1", "oci:\(work.path)/pulled:v1",
        ])
        #expect(pull.status == 0, "\(pull)")
        for digest in image.blobs + [image.manifest] {
            let name = String(digest.dropFirst(7))
            let original = FileManager.default.contents(atPath: work.path + "/image/blobs/sha256/" + name)
            let pulled = FileManager.default.contents(atPath: work.path + "/pulled/blobs/sha256/" + name)
            #expect(pulled != nil && pulled == original, "\(digest) pulled back identical")
        }
        let tags = try skopeo([
            "list-tags", "--creds", "AWS:\(password)", "--tls-verify=false", "docker://\(registry)/forum/users",
        ])
        #expect(tags.status == 0, "\(tags)")
        #expect((tags.object["Tags"] as? [String]) == ["v1"])

        // A second push of the same image to the same tag changes nothing; an IMMUTABLE tag refuses another image.
        let again = try skopeo([
            "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
            "oci:\(work.path)/image:v1", "docker://\(registry)/forum/users:v1",
        ])
        #expect(again.status == 0, "\(again)")
        let other = try Self.makeLayout(work.path + "/other", tag: "v1", layers: 2)
        let first = try skopeo([
            "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
            "oci:\(work.path)/image:v1", "docker://\(registry)/forum/pinned:v1",
        ])
        #expect(first.status == 0, "\(first)")
        let refused = try skopeo([
            "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
            "oci:\(work.path)/other:v1", "docker://\(registry)/forum/pinned:v1",
        ])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("tag invalid") && refused.stderr.contains("immutable"), "\(refused)")
        #expect(try await client.send(EcrImageGet(repository: "forum/pinned", tag: "v1")).imageDigest == image.manifest)
        _ = other

        // No repository, no push: ECR does not create one.
        let unknown = try skopeo([
            "copy", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
            "oci:\(work.path)/image:v1", "docker://\(registry)/nobody/here:v1",
        ])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("does not exist"), "\(unknown)")

        // The same image through DescribeImages' view over the socket.
        let listed = try await client.send(EcrImageList(repository: "forum/users"))
        #expect(listed.images.map(\.imageDigest) == [image.manifest])
    }

    /// Raw HTTP for what clients do not show: authentication failures, chunk order, a cut upload.
    @Test func authenticationChunksAndInterruptedUploads() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        _ = try await aws.daemon.client.send(EcrRepositoryCreate(name: "forum/users"))
        let (password, _) = try login(aws)
        let result = try aws.boto3(
            """
            import base64, http.client, socket, time
            port = int(sys.argv[1]) if len(sys.argv) > 1 else \(aws.port)
            auth = "Basic " + base64.b64encode(("AWS:" + "\(password)").encode()).decode()
            def call(method, path, body=None, headers={}, credentials=auth):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                sent = dict(headers)
                if credentials: sent["Authorization"] = credentials
                connection.request(method, path, body=body, headers=sent)
                response = connection.getresponse()
                data = response.read()
                connection.close()
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            out = {}
            status, headers, body = call("GET", "/v2/", credentials=None)
            out["anonymous"] = [status, headers.get("www-authenticate"), json.loads(body)["errors"][0]["code"],
                headers.get("docker-distribution-api-version")]
            status, headers, body = call("GET", "/v2/", credentials="Basic " + base64.b64encode(b"AWS:wrong").decode())
            out["wrongPassword"] = [status, json.loads(body)["errors"][0]["code"]]
            status, headers, body = call("GET", "/v2/", credentials="Basic " + base64.b64encode(("root:" + "\(password)").encode()).decode())
            out["wrongUser"] = status
            status, headers, body = call("GET", "/v2/")
            out["authenticated"] = [status, headers.get("docker-distribution-api-version")]
            status, headers, body = call("GET", "/v2/nobody/blobs/sha256:" + "0" * 64)
            out["unknownRepository"] = [status, json.loads(body)["errors"][0]["code"]]
            status, headers, body = call("HEAD", "/v2/forum/users/blobs/sha256:" + "0" * 64)
            out["unknownBlob"] = status

            # Chunks in order, then out of order (416), then a digest that does not match.
            status, headers, _ = call("POST", "/v2/forum/users/blobs/uploads/")
            location = headers["location"]
            out["start"] = [status, headers.get("range"), headers.get("docker-upload-uuid") is not None, location]
            status, headers, _ = call("PATCH", location, body=b"a" * 1000, headers={"Content-Range": "0-999",
                "Content-Type": "application/octet-stream"})
            out["chunk"] = [status, headers.get("range")]
            status, headers, body = call("PATCH", location, body=b"b" * 10, headers={"Content-Range": "5-14"})
            out["outOfOrder"] = [status, json.loads(body)["errors"][0]["code"]]
            status, headers, body = call("PUT", location + "?digest=sha256:" + "1" * 64)
            out["badDigest"] = [status, json.loads(body)["errors"][0]["code"]]
            status, headers, body = call("PATCH", location, body=b"c")
            out["afterBadDigest"] = [status, json.loads(body)["errors"][0]["code"]]

            # Monolithic upload, then a manifest naming a blob the registry lacks.
            import hashlib
            blob = b"config bytes"
            digest = "sha256:" + hashlib.sha256(blob).hexdigest()
            status, headers, _ = call("POST", "/v2/forum/users/blobs/uploads/?digest=" + digest, body=blob)
            out["monolithic"] = [status, headers.get("docker-content-digest"), headers.get("location")]
            status, headers, _ = call("HEAD", "/v2/forum/users/blobs/" + digest)
            out["head"] = [status, headers.get("content-length"), headers.get("docker-content-digest")]
            status, headers, body = call("GET", "/v2/forum/users/blobs/" + digest)
            out["get"] = body.decode()
            manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest, "size": len(blob)},
                "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + "2" * 64,
                "size": 5}]})
            status, headers, body = call("PUT", "/v2/forum/users/manifests/v1", body=manifest,
                headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
            out["missingBlob"] = [status, json.loads(body)["errors"][0]["code"]]

            # A PATCH cut off half way: its upload goes with the connection.
            status, headers, _ = call("POST", "/v2/forum/users/blobs/uploads/")
            cut = headers["location"]
            raw = socket.create_connection(("127.0.0.1", port))
            raw.sendall(("PATCH " + cut + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAuthorization: " + auth
                + "\\r\\nContent-Length: 1000000\\r\\n\\r\\n").encode() + b"x" * 500000)
            time.sleep(0.5)
            raw.close()
            time.sleep(0.5)
            status, headers, body = call("GET", cut)
            out["cut"] = [status, json.loads(body)["errors"][0]["code"]]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let anonymous = out["anonymous"] as? [Any]
        #expect(anonymous?[0] as? Int == 401)
        #expect((anonymous?[1] as? String)?.hasPrefix("Basic realm=") == true)
        #expect(anonymous?[2] as? String == "UNAUTHORIZED")
        #expect(anonymous?[3] as? String == "registry/2.0")
        #expect((out["wrongPassword"] as? [Any])?.first as? Int == 401)
        #expect((out["wrongPassword"] as? [Any])?.last as? String == "UNAUTHORIZED")
        #expect(out["wrongUser"] as? Int == 401)
        #expect((out["authenticated"] as? [Any])?.first as? Int == 200)
        #expect((out["unknownRepository"] as? [Any])?.last as? String == "NAME_UNKNOWN")
        #expect(out["unknownBlob"] as? Int == 404)
        let start = out["start"] as? [Any]
        #expect(start?[0] as? Int == 202)
        #expect(start?[1] as? String == "0-0")
        #expect((start?[3] as? String)?.hasPrefix("/v2/forum/users/blobs/uploads/") == true)
        #expect((out["chunk"] as? [Any])?.first as? Int == 202)
        #expect((out["chunk"] as? [Any])?.last as? String == "0-999")
        #expect((out["outOfOrder"] as? [Any])?.first as? Int == 416)
        #expect((out["badDigest"] as? [Any])?.first as? Int == 400)
        #expect((out["badDigest"] as? [Any])?.last as? String == "DIGEST_INVALID")
        #expect((out["afterBadDigest"] as? [Any])?.last as? String == "BLOB_UPLOAD_UNKNOWN")
        let monolithic = out["monolithic"] as? [Any]
        #expect(monolithic?[0] as? Int == 201)
        #expect((monolithic?[1] as? String)?.hasPrefix("sha256:") == true)
        #expect((out["head"] as? [Any])?[1] as? String == "12")
        #expect(out["get"] as? String == "config bytes")
        #expect((out["missingBlob"] as? [Any])?.first as? Int == 400)
        #expect((out["missingBlob"] as? [Any])?.last as? String == "MANIFEST_BLOB_UNKNOWN")
        #expect((out["cut"] as? [Any])?.last as? String == "BLOB_UPLOAD_UNKNOWN")
        // Nothing left of the abandoned, refused and cut uploads; only the monolithic blob is stored.
        #expect(try await eventually { files(aws.daemon.dataDirectory + "/uploads").isEmpty })
        #expect(blobDigests(aws).count == 1)
    }

    @Test func garbageCollectionAfterImageDeletes() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(EcrRepositoryCreate(name: "forum/users"))
        let (password, _) = try login(aws)
        let work = try TemporaryDirectory()
        let first = try Self.makeLayout(work.path + "/first", tag: "v1", layers: 2)
        let second = try Self.makeLayout(work.path + "/second", tag: "v2", layers: 2, shared: work.path + "/first")
        let registry = "127.0.0.1:\(aws.port)"
        for (layout, tag) in [("first", "v1"), ("second", "v2")] {
            let push = try skopeo([
                "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
                "oci:\(work.path)/\(layout):\(tag)", "docker://\(registry)/forum/users:\(tag)",
            ])
            #expect(push.status == 0, "\(push)")
        }
        let shared = Set(first.blobs).intersection(second.blobs)
        #expect(shared.count == 1, "the two images share their first layer")
        #expect(blobDigests(aws) == Set(first.blobs + second.blobs))

        // netctl ecr image delete: the first image's own blobs go, the shared layer stays.
        _ = try await client.send(EcrImageDelete(repository: "forum/users", tag: "v1"))
        #expect(try await eventually { blobDigests(aws) == Set(second.blobs) }, "\(blobDigests(aws))")
        // BatchDeleteImage's path (by digest): nothing is left.
        _ = try await client.send(EcrImageDelete(repository: "forum/users", imageDigest: second.manifest))
        #expect(try await eventually { blobDigests(aws).isEmpty }, "\(blobDigests(aws))")

        // A lifecycle policy that keeps one image expires the older push on the newer one: its blobs go too.
        _ = try await client.send(
            EcrLifecyclePolicyPut(
                repository: "forum/users",
                policy: #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","#
                    + #""countNumber":1},"action":{"type":"expire"}}]}"#))
        for (layout, tag) in [("first", "v1"), ("second", "v2")] {
            let push = try skopeo([
                "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
                "oci:\(work.path)/\(layout):\(tag)", "docker://\(registry)/forum/users:\(tag)",
            ])
            #expect(push.status == 0, "\(push)")
        }
        #expect(
            try await client.send(EcrImageList(repository: "forum/users")).images.map(\.imageDigest) == [
                second.manifest
            ])
        #expect(try await eventually { blobDigests(aws) == Set(second.blobs) }, "\(blobDigests(aws))")
        _ = try await client.send(EcrLifecyclePolicyDelete(repository: "forum/users"))
        _ = try await client.send(EcrImageDelete(repository: "forum/users", imageDigest: second.manifest))
        #expect(try await eventually { blobDigests(aws).isEmpty }, "\(blobDigests(aws))")

        // A pushed image survives a restart, and so do its blobs (the start-up collection keeps them).
        let push = try skopeo([
            "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
            "oci:\(work.path)/first:v1", "docker://\(registry)/forum/users:v1",
        ])
        #expect(push.status == 0, "\(push)")
        _ = await aws.daemon.terminate()
        try await aws.daemon.start()
        try await Task.sleep(for: .milliseconds(500))
        #expect(blobDigests(aws) == Set(first.blobs))
        let (fresh, _) = try login(aws)
        let inspect = try skopeo([
            "inspect", "--raw", "--creds", "AWS:\(fresh)", "--tls-verify=false", "docker://\(registry)/forum/users:v1",
        ])
        #expect(inspect.status == 0, "\(inspect)")
        // The token issued before the restart is still good: the daemon's key is kept in the data directory.
        let old = try skopeo([
            "inspect", "--raw", "--creds", "AWS:\(password)", "--tls-verify=false",
            "docker://\(registry)/forum/users:v1",
        ])
        #expect(old.status == 0, "\(old)")
    }

    /// Keys from netctld.yaml: a read-only key pulls but cannot push, a key of another account is
    /// refused another account's registry host, and a key removed from the configuration loses its tokens.
    @Test func readOnlyKeysAndOtherAccounts() async throws {
        let aws = try await AWSDaemon.start(
            configuration: """
                identity:
                  defaultAccountId: "111122223333"
                aws:
                  credentials:
                    - "AKIAWRITER:writer-secret:111122223333"
                    - "AKIAREADER:reader-secret:111122223333:readOnly"
                    - "AKIAOTHER:other-secret:444455556666"
                """)
        defer { Task { await aws.terminate() } }
        _ = try await aws.daemon.client.send(EcrRepositoryCreate(name: "forum/users"))
        let writer = try login(aws, key: ("AKIAWRITER", "writer-secret")).password
        let reader = try login(aws, key: ("AKIAREADER", "reader-secret")).password
        let other = try login(aws, key: ("AKIAOTHER", "other-secret")).password
        let work = try TemporaryDirectory()
        _ = try Self.makeLayout(work.path + "/image", tag: "v1", layers: 2)
        let registry = "127.0.0.1:\(aws.port)"
        func push(_ password: String, _ tag: String) throws -> AWSResult {
            try skopeo([
                "copy", "--preserve-digests", "--dest-creds", "AWS:\(password)", "--dest-tls-verify=false",
                "oci:\(work.path)/image:v1", "docker://\(registry)/forum/users:\(tag)",
            ])
        }
        let pushed = try push(writer, "v1")
        #expect(pushed.status == 0, "\(pushed)")
        let refused = try push(reader, "v2")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("denied") && refused.stderr.contains("read-only"), "\(refused)")
        let pulled = try skopeo([
            "inspect", "--raw", "--creds", "AWS:\(reader)", "--tls-verify=false", "docker://\(registry)/forum/users:v1",
        ])
        #expect(pulled.status == 0, "\(pulled)")
        // The other account's key on this listener acts in its own registry, where forum/users does not exist.
        let elsewhere = try skopeo([
            "inspect", "--raw", "--creds", "AWS:\(other)", "--tls-verify=false", "docker://\(registry)/forum/users:v1",
        ])
        #expect(elsewhere.status != 0)
        let hosted = try aws.boto3(
            """
            import base64, http.client
            def get(password, host):
                connection = http.client.HTTPConnection("127.0.0.1", \(aws.port), timeout=30)
                connection.request("GET", "/v2/forum/users/tags/list", headers={"Host": host,
                    "Authorization": "Basic " + base64.b64encode(("AWS:" + password).encode()).decode()})
                response = connection.getresponse()
                return [response.status, json.loads(response.read())]
            print(json.dumps({
                "own": get("\(writer)", "111122223333.dkr.ecr.us-east-1.amazonaws.com"),
                "foreign": get("\(other)", "111122223333.dkr.ecr.us-east-1.amazonaws.com"),
            }))
            """)
        #expect(hosted.status == 0, "\(hosted)")
        let own = hosted.object["own"] as? [Any]
        #expect(own?.first as? Int == 200)
        #expect((own?.last as? [String: Any])?["tags"] as? [String] == ["v1"])
        let foreign = hosted.object["foreign"] as? [Any]
        #expect(foreign?.first as? Int == 403)
        #expect(
            (((foreign?.last as? [String: Any])?["errors"] as? [[String: Any]])?.first)?["code"] as? String == "DENIED")
    }

    @Test func layerAPIWithBoto3ThenPutImage() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(EcrRepositoryCreate(name: "forum/users"))
        let result = try aws.boto3(
            """
            import hashlib, os, urllib.request
            ecr = boto3.client("ecr", config=_config)
            def code(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    return [error.response["Error"]["Code"], error.response["Error"]["Message"]]
                return None
            out = {}
            layer = os.urandom(300000)
            digest = "sha256:" + hashlib.sha256(layer).hexdigest()
            started = ecr.initiate_layer_upload(repositoryName="forum/users")
            upload = started["uploadId"]
            out["partSize"] = started["partSize"]
            part = ecr.upload_layer_part(repositoryName="forum/users", uploadId=upload, partFirstByte=0,
                partLastByte=99999, layerPartBlob=layer[:100000])
            out["firstPart"] = part["lastByteReceived"]
            out["outOfOrder"] = code(lambda: ecr.upload_layer_part(repositoryName="forum/users", uploadId=upload,
                partFirstByte=200000, partLastByte=299999, layerPartBlob=layer[200000:]))
            part = ecr.upload_layer_part(repositoryName="forum/users", uploadId=upload, partFirstByte=100000,
                partLastByte=299999, layerPartBlob=layer[100000:])
            out["secondPart"] = part["lastByteReceived"]
            out["otherRepository"] = code(lambda: ecr.complete_layer_upload(repositoryName="forum/other",
                uploadId=upload, layerDigests=[digest]))
            done = ecr.complete_layer_upload(repositoryName="forum/users", uploadId=upload, layerDigests=[digest])
            out["completed"] = done["layerDigest"]
            out["completedTwice"] = code(lambda: ecr.complete_layer_upload(repositoryName="forum/users",
                uploadId=upload, layerDigests=[digest]))

            wrong = ecr.initiate_layer_upload(repositoryName="forum/users")["uploadId"]
            ecr.upload_layer_part(repositoryName="forum/users", uploadId=wrong, partFirstByte=0, partLastByte=2,
                layerPartBlob=b"abc")
            out["wrongDigest"] = code(lambda: ecr.complete_layer_upload(repositoryName="forum/users", uploadId=wrong,
                layerDigests=["sha256:" + "3" * 64]))
            empty = ecr.initiate_layer_upload(repositoryName="forum/users")["uploadId"]
            out["empty"] = code(lambda: ecr.complete_layer_upload(repositoryName="forum/users", uploadId=empty,
                layerDigests=[digest]))
            out["unknownRepository"] = code(lambda: ecr.initiate_layer_upload(repositoryName="nobody"))

            config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode()
            config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
            c = ecr.initiate_layer_upload(repositoryName="forum/users")["uploadId"]
            ecr.upload_layer_part(repositoryName="forum/users", uploadId=c, partFirstByte=0, partLastByte=len(config) - 1,
                layerPartBlob=config)
            ecr.complete_layer_upload(repositoryName="forum/users", uploadId=c, layerDigests=[config_digest])

            checked = ecr.batch_check_layer_availability(repositoryName="forum/users",
                layerDigests=[digest, "sha256:" + "4" * 64, "nonsense"])
            out["available"] = checked["layers"]
            out["failures"] = checked["failures"]
            url = ecr.get_download_url_for_layer(repositoryName="forum/users", layerDigest=digest)["downloadUrl"]
            out["download"] = urllib.request.urlopen(url).read() == layer
            try:
                urllib.request.urlopen(url.replace("X-Netctl-Signature=", "X-Netctl-Signature=0"))
                out["tampered"] = 200
            except urllib.error.HTTPError as error:
                out["tampered"] = error.code
            out["missingLayer"] = code(lambda: ecr.get_download_url_for_layer(repositoryName="forum/users",
                layerDigest="sha256:" + "4" * 64))
            out["manifest"] = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": config_digest,
                "size": len(config)}, "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "digest": digest, "size": len(layer)}]})
            out["digest"], out["config"] = digest, config_digest
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect(out["partSize"] as? Int == 10 << 20)
        #expect(out["firstPart"] as? Int == 99999)
        #expect((out["outOfOrder"] as? [String])?.first == "InvalidLayerPartException")
        #expect(out["secondPart"] as? Int == 299999)
        #expect((out["otherRepository"] as? [String])?.first == "RepositoryNotFoundException")
        let digest = try #require(out["digest"] as? String)
        let config = try #require(out["config"] as? String)
        #expect(out["completed"] as? String == digest)
        #expect((out["completedTwice"] as? [String])?.first == "UploadNotFoundException")
        #expect((out["wrongDigest"] as? [String])?.first == "InvalidLayerException")
        #expect((out["empty"] as? [String])?.first == "EmptyUploadException")
        #expect((out["unknownRepository"] as? [String])?.first == "RepositoryNotFoundException")
        let available = try #require(out["available"] as? [[String: Any]])
        #expect(available.count == 1)
        #expect(available.first?["layerAvailability"] as? String == "AVAILABLE")
        #expect(available.first?["layerSize"] as? Int == 300000)
        let failures = try #require(out["failures"] as? [[String: Any]])
        #expect(failures.compactMap { $0["failureCode"] as? String } == ["MissingLayerDigest", "InvalidLayerDigest"])
        #expect(out["download"] as? Bool == true)
        #expect(out["tampered"] as? Int == 401)
        #expect((out["missingLayer"] as? [String])?.first == "LayersNotFoundException")
        #expect(files(aws.daemon.dataDirectory + "/uploads").count == 1, "only the empty upload is still open")

        // The manifest through the core (ecr.image.put over the socket), then pulled through /v2/.
        let manifest = try #require(out["manifest"] as? String)
        let image = try await client.send(EcrImagePut(repository: "forum/users", manifest: manifest, tag: "v1"))
        let (password, _) = try login(aws)
        let inspect = try skopeo([
            "inspect", "--raw", "--creds", "AWS:\(password)", "--tls-verify=false",
            "docker://127.0.0.1:\(aws.port)/forum/users:v1",
        ])
        #expect(inspect.status == 0, "\(inspect)")
        #expect(inspect.stdout.trimmingSuffixNewlines == manifest)
        #expect(blobDigests(aws) == [digest, config])
        _ = try await client.send(EcrImageDelete(repository: "forum/users", imageDigest: image.imageDigest))
        #expect(try await eventually { blobDigests(aws).isEmpty }, "\(blobDigests(aws))")
    }
}

extension String {
    /// skopeo ends what it prints with a newline; the manifest's own bytes end before it.
    fileprivate var trimmingSuffixNewlines: String {
        var text = Substring(self)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
