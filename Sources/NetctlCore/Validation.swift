import Foundation
import NetctlAPI

/// Checks shared by every command: tags, names, CIDR syntax.
public enum Validation {
    public static let maximumTags = 50

    /// AWS's tag rules: at most 50 user tags, keys 1–128 characters, values up to 256, and the
    /// `aws:` prefix reserved. `name`, when given, becomes the `Name` tag.
    public static func tags(_ tags: Tags?, name: String?) throws(NetctlError) -> Tags {
        var result = tags ?? [:]
        for (key, value) in result { try tag(key: key, value: value, keyCode: .invalidTagKeyMalformed) }
        if let name {
            if let tagged = result["Name"], tagged != name {
                throw NetctlError(
                    .invalidParameterCombination,
                    "name '\(name)' and tag Name '\(tagged)' disagree. Pass one of them.")
            }
            result["Name"] = name
        }
        guard result.count <= maximumTags else {
            throw NetctlError(
                .tagLimitExceeded, "\(result.count) tags given; a resource can have at most \(maximumTags).")
        }
        return result
    }

    /// One tag's rules: key 1–128 characters without the reserved `aws:` prefix (in any case), value
    /// up to 256. `keyCode` is what a bad key fails with: AWS says `InvalidTagKey.Malformed` when
    /// tags come with a create, `InvalidParameterValue` in CreateTags and DeleteTags.
    public static func tag(key: String, value: String?, keyCode: ErrorCode) throws(NetctlError) {
        guard !key.isEmpty, key.count <= 128 else {
            throw NetctlError(keyCode, "Tag key '\(key)' must be 1 to 128 characters long.")
        }
        guard !key.lowercased().hasPrefix("aws:") else {
            throw NetctlError(
                keyCode,
                "Tag key '\(key)' uses the prefix 'aws:', which is reserved for AWS's own tags. Choose another key.")
        }
        if let value, value.count > 256 {
            throw NetctlError(
                .invalidParameterValue, "The value of tag '\(key)' is \(value.count) characters; the limit is 256.")
        }
    }

    /// A name must be usable as a reference: not empty, not an ID of its own kind, at most 256 characters.
    public static func name(_ name: String?, idPrefix: String) throws(NetctlError) -> String? {
        guard let name else { return nil }
        guard !name.isEmpty, name.count <= 256, name.trimmingCharacters(in: .whitespaces) == name else {
            throw NetctlError(
                .invalidParameterValue,
                "Name '\(name)' must be 1 to 256 characters without leading or trailing spaces.")
        }
        guard !name.hasPrefix(idPrefix + "-") else {
            throw NetctlError(
                .invalidParameterValue,
                "Name '\(name)' starts with '\(idPrefix)-' and would be mistaken for an ID. Choose another name.")
        }
        return name
    }

    /// Parses a CIDR for the named parameter; malformed input is `InvalidParameterValue`.
    public static func cidr(_ text: String, parameter: String) throws(NetctlError) -> IPv4CIDR {
        guard let cidr = IPv4CIDR(text) else {
            throw NetctlError(
                .invalidParameterValue,
                "Value (\(text)) for parameter \(parameter) is invalid. This is not a valid CIDR block: "
                    + "use a.b.c.d/n with four decimal octets and a prefix length from 0 to 32, e.g. 10.0.0.0/16.")
        }
        return cidr
    }
}
