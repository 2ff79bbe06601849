import Foundation
import Testing

@testable import NetctlAWS

/// CloudWatch's generated shapes read from the query protocol and written as its XML, maps included.
struct CloudWatchQueryShapesTests {
    @Test func putMetricDataFromTheForm() throws {
        let query = QueryInput(parameters: [
            "Namespace": "Shop", "MetricData.member.1.MetricName": "Latency",
            "MetricData.member.1.Values.member.2": "20", "MetricData.member.1.Values.member.1": "10",
            "MetricData.member.1.Counts.member.1": "1", "MetricData.member.1.Counts.member.2": "3",
            "MetricData.member.1.Dimensions.member.1.Name": "Queue",
            "MetricData.member.1.Dimensions.member.1.Value": "orders",
            "MetricData.member.1.Timestamp": "2026-01-01T00:00:30.250000Z",
            "MetricData.member.2.MetricName": "Batch", "MetricData.member.2.StatisticValues.SampleCount": "2",
            "MetricData.member.2.StatisticValues.Sum": "3", "MetricData.member.2.StatisticValues.Minimum": "1",
            "MetricData.member.2.StatisticValues.Maximum": "2",
        ])
        let input = try CloudWatch.PutMetricDataInput(query: query, prefix: "")
        #expect(input.namespace == "Shop")
        let latency = try #require(input.metricData?.first)
        #expect(latency.values == [10, 20] && latency.counts == [1, 3])
        #expect(latency.dimensions?.first?.name == "Queue" && latency.dimensions?.first?.value == "orders")
        #expect(latency.timestamp.map { ($0.timeIntervalSince1970 * 1000).rounded() } == 1_767_225_630_250)
        #expect(input.metricData?.last?.statisticValues?.sampleCount == 2)
        #expect(throws: AWSError.self) {
            try CloudWatch.PutMetricDataInput(
                query: QueryInput(parameters: ["Namespace": "Shop", "MetricData.member.1.Value": "1"]), prefix: "")
        }
    }

    @Test func mapsReadAsEntriesAndWriteAsEntries() throws {
        let query = QueryInput(parameters: [
            "Entity.KeyAttributes.entry.2.key": "Type", "Entity.KeyAttributes.entry.2.value": "Service",
            "Entity.KeyAttributes.entry.1.key": "Name", "Entity.KeyAttributes.entry.1.value": "web",
        ])
        let entity = try #require(try query.structure("Entity", as: CloudWatch.Entity.self))
        #expect(entity.keyAttributes == ["Type": "Service", "Name": "web"])
        #expect(throws: AWSError.self) {
            try CloudWatch.Entity(query: QueryInput(parameters: ["KeyAttributes.entry.1.key": "Name"]), prefix: "")
        }

        var xml = XMLWriter()
        CloudWatch.Datapoint(
            timestamp: Date(timeIntervalSince1970: 1_767_225_600), sampleCount: 3, unit: "Count",
            extendedStatistics: ["p99": 7, "p50": 2.5]
        ).write(to: &xml)
        #expect(
            String(decoding: xml.bytes, as: UTF8.self)
                == "<Timestamp>2026-01-01T00:00:00.000Z</Timestamp><SampleCount>3.0</SampleCount><Unit>Count</Unit>"
                + "<ExtendedStatistics><entry><key>p50</key><value>2.5</value></entry>"
                + "<entry><key>p99</key><value>7.0</value></entry></ExtendedStatistics>")
    }

    @Test func queryCodesFromTheModel() {
        #expect(CloudWatch.queryErrorCodes["InvalidParameterValueException"] == "InvalidParameterValue")
        #expect(CloudWatch.queryErrorCodes["MissingRequiredParameterException"] == "MissingParameter")
        #expect(CloudWatch.queryErrorCodes["ResourceNotFound"] == "ResourceNotFound")
        #expect(CloudWatch.resultWrappers["DescribeAlarms"] == "DescribeAlarmsResult")
        #expect(CloudWatch.resultWrappers["PutMetricData"] == nil)
    }
}
