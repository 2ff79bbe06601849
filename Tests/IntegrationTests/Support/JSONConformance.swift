import Foundation
import Testing

/// What netctld's JSON-protocol services send, walked against botocore's model of the service member
/// for member by `scripts/check-json-response.py` (botocore's parser keeps what it does not know).
///
/// A service's test calls `JSONConformance.check(service:, scenarios:, on:)` with boto3 scenarios:
/// Python run with `client` (boto3's client for the service), `clients` (a function making another
/// service's client, e.g. `clients("ec2")`), `error_code` and `json`; every response is captured raw
/// and checked. For JSON 1.0/1.1 services every operation of the model is first probed with a body
/// that is not an object (refused before it runs, so nothing changes): each one netctld serves must
/// then answer successfully in at least one scenario.
enum JSONConformance {
    struct Scenario: Sendable {
        var name: String
        var python: String
    }

    struct Report {
        var served: [String]
        var succeeded: [String]
        var scenarioErrors: [String: String]
        var problems: [String]
        var checked: Int
    }

    static let checker = AWSModelConformanceTests.repository.appendingPathComponent("scripts/check-json-response.py")
        .path

    /// Runs the probe and the scenarios, and records an issue for each problem found.
    @discardableResult
    static func check(
        service: String, scenarios: [Scenario], on aws: AWSDaemon, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Report {
        let result = try aws.boto3(try harness(service: service, scenarios: scenarios))
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        let object = result.object
        let report = Report(
            served: object["served"] as? [String] ?? [], succeeded: object["succeeded"] as? [String] ?? [],
            scenarioErrors: object["scenarioErrors"] as? [String: String] ?? ["harness": "no report in \(result)"],
            problems: object["problems"] as? [String] ?? ["no problem list in \(result)"],
            checked: object["checked"] as? Int ?? 0)
        let unanswered = report.served.filter { !report.succeeded.contains($0) }
        #expect(
            unanswered == [], "served operations no scenario answers successfully: add calls to the scenarios",
            sourceLocation: sourceLocation)
        #expect(report.scenarioErrors == [:], sourceLocation: sourceLocation)
        #expect(
            report.problems == [], "\(report.problems.prefix(20).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        #expect(report.checked > report.served.count, "responses checked", sourceLocation: sourceLocation)
        return report
    }

    /// The Python run against the daemon: probe, scenarios, checks; prints one JSON report.
    static func harness(service: String, scenarios: [Scenario]) throws -> String {
        let scenarioTable = String(
            decoding: try JSONSerialization.data(
                withJSONObject: Dictionary(uniqueKeysWithValues: scenarios.map { ($0.name, $0.python) })),
            as: UTF8.self)
        return """
            import http.client, importlib.util, os, traceback, urllib.parse
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            spec = importlib.util.spec_from_file_location("check_json_response", \(try AWSModelConformanceTests.pythonString(checker)))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            checker = module.Checker(\(try AWSModelConformanceTests.pythonString(service)))
            captures = []
            def capture(http_response, model, **kwargs):
                captures.append({"operation": model.name, "status": http_response.status_code,
                                 "body": http_response.content, "headers": dict(http_response.headers)})
            def clients(name):
                return boto3.client(name, config=_config)
            client = clients(\(try AWSModelConformanceTests.pythonString(service)))
            client.meta.events.register("after-call." + client.meta.service_model.service_id.hyphenize(), capture)

            served = []
            metadata = checker.model.metadata
            if "targetPrefix" in metadata:
                credentials = boto3.session.Session().get_credentials()
                region = os.environ["AWS_DEFAULT_REGION"]
                endpoint = urllib.parse.urlsplit(os.environ["AWS_ENDPOINT_URL"])
                connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port)
                content_type = "application/x-amz-json-" + metadata.get("jsonVersion", "1.0")
                for name in checker.operation_names:
                    body = b"[]"
                    headers = {"Content-Type": content_type, "X-Amz-Target": metadata["targetPrefix"] + "." + name}
                    request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=body, headers=headers)
                    SigV4Auth(credentials, checker.model.signing_name, region).add_auth(request)
                    connection.request("POST", "/", body=body, headers=dict(request.headers.items()))
                    response = connection.getresponse()
                    content = response.read()
                    if b"UnknownOperationException" not in content:
                        served.append(name)
                        captures.append({"operation": name, "status": response.status, "body": content,
                                         "headers": dict(response.getheaders())})

            scenario_errors = {}
            probes = len(captures)
            for scenario, code in json.loads(\(try AWSModelConformanceTests.pythonString(scenarioTable))).items():
                try:
                    exec(code, {"client": client, "clients": clients, "error_code": error_code, "json": json})
                except Exception:
                    scenario_errors[scenario] = traceback.format_exc()
            succeeded = sorted({c["operation"] for c in captures[probes:] if c["status"] < 300})
            problems = []
            for c in captures:
                problems += checker.check(c["operation"], c["status"], c["body"], c["headers"])
            print(json.dumps({"served": served, "succeeded": succeeded, "scenarioErrors": scenario_errors,
                              "problems": problems, "checked": len(captures)}))
            """
    }
}
