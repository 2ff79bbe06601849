import Foundation
import Testing

/// `scripts/check-json-response.py` finds what botocore's JSON parser lets through.
@Suite struct JSONCheckerTests {
    @Test func theCheckerCatchesWhatBotocoreLetsThrough() throws {
        let captures: [[String: Any]] = [
            // Good answers: a success, a modelled error, a rest-json error with its header.
            [
                "operation": "DescribeLogGroups", "status": 200,
                "body": #"{"logGroups":[{"logGroupName":"a","creationTime":1}]}"#,
            ],
            [
                "operation": "CreateLogGroup", "status": 400,
                "body": #"{"__type":"ResourceAlreadyExistsException","message":"m"}"#,
            ],
            // One problem each.
            ["operation": "DescribeLogGroups", "status": 200, "body": #"{"logGroups":[{"creationTime":1.5}]}"#],
            ["operation": "DescribeLogGroups", "status": 200, "body": #"{"logGroups":[{"bogus":1}]}"#],
            ["operation": "DescribeLogGroups", "status": 200, "body": #"{"logGroups":[{"logGroupClass":"X"}]}"#],
            ["operation": "DescribeLogGroups", "status": 200, "body": #"{"nextToken":null}"#],
            ["operation": "CreateLogGroup", "status": 400, "body": #"{"__type":"NoSuchThing","message":"m"}"#],
            ["operation": "CreateLogGroup", "status": 400, "body": #"{"__type":"ResourceAlreadyExistsException"}"#],
        ]
        let directory = try TemporaryDirectory()
        let path = directory.path + "/captures.json"
        try JSONSerialization.data(withJSONObject: captures).write(to: URL(fileURLWithPath: path))
        let checked = try runProcess(
            AWSClients.python, [JSONConformance.checker, "logs", "--batch"],
            environment: ProcessInfo.processInfo.environment,
            stdin: path)
        #expect(checked.status == 1, "\(checked.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let problems = try #require(report["problems"] as? [String]).joined(separator: "\n")
        for expected in [
            "creationTime: 1.5 is not a whole number",
            "/logGroups[0]/bogus: not a member of LogGroup",
            "'X' is not one of LogGroupClass's values",
            "/nextToken: null",
            "error code 'NoSuchThing' is not an error of the logs model",
            "/message: missing or empty",
        ] {
            #expect(problems.contains(expected), "\(expected) not in:\n\(problems)")
        }
        #expect(problems.split(separator: "\n").count == 6, "\(problems)")
        #expect(report["checked"] as? Int == captures.count)
    }
}
