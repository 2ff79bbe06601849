import ArgumentParser
import NetctlAPI

/// Parses `Name=Value` dimensions.
func parseDimensions(_ texts: [String]) throws -> [MetricDimension]? {
    guard !texts.isEmpty else { return nil }
    return try texts.map { text in
        guard let equals = text.firstIndex(of: "=") else { throw ValidationError("--dimension '\(text)' must be NAME=VALUE") }
        return MetricDimension(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }
}
