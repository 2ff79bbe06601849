import Foundation
import Testing

/// Signature and key refusals as the JSON services send them (SEMANTICS-2.md §6.2): what boto3
/// reports for a JSON 1.1 service, where EC2 and STS answer with their own codes.
@Suite struct AWSJSONIdentityTests {
    @Test func theJSONServicesRefuseAsAWSDoes() async throws {
        let aws = try await AWSDaemon.start(
            configuration: """
                aws:
                  credentials:
                    - "AKIAWRITER:writer-secret:111122223333"
                    - "AKIAREADER:reader-secret:111122223333:readOnly"
                """)
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            import datetime
            from unittest import mock
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            import urllib.request, os
            def client(service, key="AKIAWRITER", secret="writer-secret"):
                return boto3.client(service, aws_access_key_id=key, aws_secret_access_key=secret, config=_config)
            logs = client("logs")
            codes = {}
            codes["wrongSecret"] = error_code(lambda: client("logs", secret="nope").describe_log_groups())
            codes["unknownKey"] = error_code(lambda: client("logs", key="AKIANOBODY").describe_log_groups())
            codes["readOnly"] = error_code(
                lambda: client("logs", "AKIAREADER", "reader-secret").create_log_group(logGroupName="x"))
            codes["readOnlyReads"] = error_code(
                lambda: client("logs", "AKIAREADER", "reader-secret").describe_log_groups())
            skewed = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
            with mock.patch("botocore.auth.get_current_datetime", return_value=skewed):
                codes["skewed"] = error_code(lambda: logs.describe_log_groups())

            # Raw requests: a Logs target signed for ECS's scope, and a target no service has.
            credentials = botocore.credentials.Credentials("AKIAWRITER", "writer-secret")
            def raw(target, scope):
                request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=b"{}",
                                     headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
                SigV4Auth(credentials, scope, os.environ["AWS_DEFAULT_REGION"]).add_auth(request)
                try:
                    urllib.request.urlopen(urllib.request.Request(
                        request.url, data=request.body, headers=dict(request.headers.items()), method="POST"))
                    return None
                except urllib.error.HTTPError as error:
                    return [error.code, json.loads(error.read())["__type"]]
            codes["otherScope"] = raw("Logs_20140328.DescribeLogGroups", "ecs")
            codes["unknownTarget"] = raw("NoSuchService_20200101.Anything", "logs")
            codes["unknownOperation"] = raw("Logs_20140328.NoSuchOperation", "logs")
            print(json.dumps(codes))
            """)
        #expect(result.status == 0, "\(result)")
        let codes = result.object
        #expect(codes["wrongSecret"] as? String == "InvalidSignatureException", "\(result)")
        #expect(codes["unknownKey"] as? String == "UnrecognizedClientException", "\(result)")
        #expect(codes["readOnly"] as? String == "AccessDeniedException", "\(result)")
        #expect(codes["readOnlyReads"] is NSNull, "a read-only key reads: \(result)")
        #expect(codes["skewed"] as? String == "InvalidSignatureException", "\(result)")
        #expect(codes["otherScope"] as? [AnyHashable] == [403, "InvalidSignatureException"], "\(result)")
        #expect(codes["unknownTarget"] as? [AnyHashable] == [400, "UnknownOperationException"], "\(result)")
        #expect(codes["unknownOperation"] as? [AnyHashable] == [400, "UnknownOperationException"], "\(result)")
    }
}
