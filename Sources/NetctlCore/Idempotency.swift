import Foundation
import NetctlAPI

public struct IdempotencyKey: Sendable, Hashable, Codable {
    public var accountId: String
    public var region: String
    public var token: String
    public init(accountId: String, region: String, token: String) {
        self.accountId = accountId
        self.region = region
        self.token = token
    }
}

/// The first result of a mutating request made with a `clientToken`, replayed for retries.
public struct IdempotencyRecord: Sendable, Hashable, Codable {
    public var accountId: String
    public var region: String
    public var token: String
    public var method: String
    public var paramsHash: String
    /// The first result, as the JSON text that was sent.
    public var result: String
    public var createdAt: Date

    public init(
        accountId: String, region: String, token: String, method: String, paramsHash: String, result: String,
        createdAt: Date
    ) {
        self.accountId = accountId
        self.region = region
        self.token = token
        self.method = method
        self.paramsHash = paramsHash
        self.result = result
        self.createdAt = createdAt
    }

    public var key: IdempotencyKey { IdempotencyKey(accountId: accountId, region: region, token: token) }
}

public enum Idempotency {
    /// How long a token is remembered: AWS keeps them at least 24 hours; a week is a safe superset.
    public static let lifetime: TimeInterval = 7 * 24 * 3600
    public static let maximumTokenLength = 64

    public static func validate(token: String) throws(NetctlError) {
        guard !token.isEmpty, token.count <= maximumTokenLength, token.allSatisfy({ $0.isASCII }) else {
            throw NetctlError(
                .invalidParameterValue,
                "clientToken must be 1 to \(maximumTokenLength) ASCII characters; got \(token.count) characters.")
        }
    }

    /// A stable fingerprint of the method and its params, so a retry with other params is caught.
    /// FNV-1a over the canonical (sorted-key) JSON: equality is all that matters here.
    public static func fingerprint(method: String, params: JSONValue) -> String {
        var canonical = method + "\n"
        if let data = try? NetctlJSON.encoder.encode(params) { canonical += String(decoding: data, as: UTF8.self) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonical.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension State {
    /// The stored result of an earlier request with the same token, or nil for a new token.
    /// Same token with other params is `IdempotentParameterMismatch`.
    public func replay(token: String, method: String, paramsHash: String, scope: Scope, now: Date) throws(NetctlError)
        -> String?
    {
        let key = IdempotencyKey(accountId: scope.accountId, region: scope.region, token: token)
        guard let record = idempotency[key], now.timeIntervalSince(record.createdAt) < Idempotency.lifetime else {
            return nil
        }
        guard record.method == method, record.paramsHash == paramsHash else {
            throw NetctlError(
                .idempotentParameterMismatch,
                "The request uses the same client token as a previous, but non-identical request (\(record.method) at "
                    + "\(Timestamp.format(record.createdAt))). Use a new clientToken for a different request.")
        }
        return record.result
    }

    public mutating func remember(_ record: IdempotencyRecord) {
        addIdempotencyRecord(record)
    }

    /// Forgets tokens older than `Idempotency.lifetime`. Must run inside `transact`.
    public mutating func expireIdempotencyRecords(now: Date) {
        for (key, record) in idempotency where now.timeIntervalSince(record.createdAt) >= Idempotency.lifetime {
            removeIdempotencyRecord(key)
        }
    }
}
