import Foundation

/// A generated rest-json input whose members travel in the URI, the query string or headers: the
/// router fills them in after decoding the body.
protocol RESTInput: Sendable {
    /// The wire names of its query-string members, for the unknown-member check.
    static var queryMembers: Set<String> { get }
    mutating func bind(_ rest: RESTRequestValues) throws(AWSError)
}

/// What a rest-json request carries outside its body: the URI pattern's labels (percent-decoded),
/// the query string's parameters and the headers.
struct RESTRequestValues: Sendable {
    var labels: [String: String]
    var query: [String: [String]]
    var headers: [(name: String, value: String)]
    let invalidParameterCode: String

    init(
        labels: [String: String], query: String, headers: [(name: String, value: String)], invalidParameterCode: String
    )
        throws(AWSError)
    {
        self.labels = labels
        self.headers = headers
        self.invalidParameterCode = invalidParameterCode
        var parameters: [String: [String]] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = QueryInput.formDecode(Array(parts[0].utf8)),
                let value = QueryInput.formDecode(parts.count > 1 ? Array(parts[1].utf8) : [])
            else {
                throw AWSError(
                    code: invalidParameterCode,
                    message: "The query string is malformed: a percent escape or UTF-8 sequence is invalid.")
            }
            parameters[key, default: []].append(value)
        }
        self.query = parameters
    }

    func label(_ name: String) throws(AWSError) -> String? { labels[name] }

    func query(_ name: String) throws(AWSError) -> String? { query[name]?.last }

    func queryInt(_ name: String) throws(AWSError) -> Int? {
        guard let text = query[name]?.last else { return nil }
        guard let value = Int(text) else {
            throw AWSError(code: invalidParameterCode, message: "The value '\(text)' of \(name) is not an integer.")
        }
        return value
    }

    func queryBool(_ name: String) throws(AWSError) -> Bool? {
        guard let text = query[name]?.last else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw AWSError(code: invalidParameterCode, message: "The value '\(text)' of \(name) is not true or false.")
        }
    }

    /// A list member repeats its key: `tagKeys=a&tagKeys=b`.
    func queryList(_ name: String) throws(AWSError) -> [String]? { query[name] }

    func header(_ name: String) throws(AWSError) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func required<Value>(_ name: String, _ value: Value?) throws(AWSError) -> Value {
        guard let value else {
            throw AWSError(code: invalidParameterCode, message: "The request must contain the parameter \(name).")
        }
        return value
    }
}
