import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A netctld with its AWS endpoint on a free loopback port, and the real AWS clients pointed at it:
/// the AWS CLI and boto3 from PyPI (`make test` installs them when missing).
final class AWSDaemon: Sendable {
    let daemon: DaemonProcess
    let port: Int

    var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(daemon: DaemonProcess, port: Int) {
        self.daemon = daemon
        self.port = port
    }

    /// `configuration`: extra YAML for netctld.yaml (say, an `aws:` section with credentials).
    static func start(_ arguments: [String] = [], configuration: String? = nil) async throws -> AWSDaemon {
        let directory = try TemporaryDirectory()
        let port = try freeLoopbackPort()
        var arguments = arguments + ["--aws-listen", "127.0.0.1:\(port)"]
        if let configuration {
            let path = directory.path + "/netctld.yaml"
            try configuration.write(toFile: path, atomically: true, encoding: .utf8)
            arguments += ["--config", path]
        }
        let daemon = try await DaemonProcess.start(arguments, directory: directory)
        return AWSDaemon(daemon: daemon, port: port)
    }

    func terminate() async { await daemon.terminate() }

    /// The environment a user pastes: endpoint, keys, region; nothing from the tester's own AWS setup.
    func environment(accessKey: String = "test", secretKey: String = "test", region: String = "us-east-1")
        -> [String: String]
    {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_ACCESS_KEY_ID"] = accessKey
        environment["AWS_SECRET_ACCESS_KEY"] = secretKey
        environment["AWS_DEFAULT_REGION"] = region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        // Fail fast: retries of a refused request only slow the test down.
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_PAGER"] = ""
        return environment
    }

    /// `aws ARGS --output json`; stdout parsed as JSON when it is.
    func aws(_ arguments: [String], environment extra: [String: String] = [:]) throws -> AWSResult {
        var environment = environment()
        for (key, value) in extra { environment[key] = value }
        let result = try run(AWSClients.awsCLI, arguments + ["--output", "json"], environment: environment)
        return result
    }

    /// Debian's AWS CLI v2: `aws --endpoint-url … ARGS --output json`.
    func awsV2(_ arguments: [String], environment extra: [String: String] = [:]) throws -> AWSResult {
        var environment = environment()
        for (key, value) in extra { environment[key] = value }
        return try run(AWSClients.awsCLIv2, ["--endpoint-url", endpoint] + arguments + ["--output", "json"], environment: environment)
    }

    /// Runs a Python program with boto3 against the endpoint; it prints one JSON document, returned parsed.
    /// The program sees `ec2 = boto3.client("ec2")` (and `sts`) already made.
    func boto3(_ program: String, environment extra: [String: String] = [:]) throws -> AWSResult {
        var environment = environment()
        for (key, value) in extra { environment[key] = value }
        let prelude = """
            import json, sys, boto3, botocore
            from botocore.config import Config
            _config = Config(retries={"max_attempts": 1, "mode": "standard"})
            ec2 = boto3.client("ec2", config=_config)
            sts = boto3.client("sts", config=_config)
            def error_code(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    return error.response["Error"]["Code"]
                return None

            """
        return try run(AWSClients.python, ["-c", prelude + program], environment: environment)
    }

    private func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> AWSResult {
        let result = try runProcess(executable, arguments, environment: environment)
        return AWSResult(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

struct AWSResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout as JSON (an object or array), or nil.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    var object: [String: Any] { (json as? [String: Any]) ?? [:] }

    /// The code in the CLI's "An error occurred (CODE) when calling …" line.
    var errorCode: String? {
        guard let open = stderr.range(of: "An error occurred ("), let close = stderr[open.upperBound...].firstIndex(of: ")")
        else { return nil }
        return String(stderr[open.upperBound..<close])
    }

    var description: String { "status \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Where the AWS CLI and a Python with boto3 are. `make test` installs them from PyPI when missing;
/// the tests fail with a clear message rather than skip when they are not there.
enum AWSClients {
    static var awsCLI: String { which("aws") ?? "/usr/local/bin/aws" }
    /// Debian's AWS CLI v2 (`make test` installs the awscli package): `aws logs tail` is v2's, and
    /// its bundled models are older (CloudWatch in the query protocol). Releases before 2.13 ignore
    /// AWS_ENDPOINT_URL, so `awsV2` passes `--endpoint-url`.
    static let awsCLIv2 = "/usr/bin/aws"
    static var python: String { which("python3") ?? "/usr/bin/python3" }

    private static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A port nothing listens on now: bound to 127.0.0.1:0 and released. netctld binds it right after.
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
