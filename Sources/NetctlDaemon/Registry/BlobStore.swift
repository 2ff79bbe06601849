import Crypto
import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// The registry's bytes: blobs stored by content (`DATA_DIR/blobs/sha256/ab/abcdef…`) and upload
/// sessions being written (`DATA_DIR/uploads/UUID`). A blob appears under its digest only whole,
/// verified and on disk (fsync, then an atomic rename), so a crash or a cut connection leaves either
/// the blob or nothing. Manifests are not here: they live in the state as ECR images.
///
/// Blocking file I/O: call it from a thread pool, never from an event loop.
final class BlobStore: Sendable {
    let blobsDirectory: String
    let uploadsDirectory: String
    let readOnly: Bool
    /// A blob uploaded but named by no manifest yet is kept this long, so the manifest can follow.
    let unreferencedGrace: TimeInterval
    /// An upload nobody has touched for this long is dropped with its bytes.
    let uploadIdleTimeout: TimeInterval
    /// Blobs written before this were written by an earlier process, whose record of fresh uploads
    /// is lost: their grace counts from their file time.
    private let startedAt = Date()

    private struct Registry {
        var sessions: [String: UploadSession] = [:]
        /// Blobs written or confirmed for a push, not yet seen in a manifest: digest → when.
        var unclaimed: [String: Date] = [:]
        /// Blobs a manifest being put names, between its check and its commit.
        var pinned: [String: Int] = [:]
    }

    /// Sessions and the GC's protections; also held over a whole GC pass, so a manifest is either
    /// checked before the pass (its blobs are pinned) or after it (its missing blobs are reported).
    private let registry = NIOLockedValueBox(Registry())

    init(
        dataDirectory: String, readOnly: Bool, unreferencedGrace: TimeInterval = 3600,
        uploadIdleTimeout: TimeInterval = 3600
    ) {
        blobsDirectory = dataDirectory + "/blobs/sha256"
        uploadsDirectory = dataDirectory + "/uploads"
        self.readOnly = readOnly
        self.unreferencedGrace = unreferencedGrace
        self.uploadIdleTimeout = uploadIdleTimeout
    }

    /// Creates the directories and drops every upload left by an earlier run: sessions live in
    /// memory, so their files can no longer be resumed.
    func prepare() throws {
        guard !readOnly else { return }
        for directory in [blobsDirectory, uploadsDirectory] {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: uploadsDirectory)) ?? [] {
            unlink(uploadsDirectory + "/" + name)
        }
    }

    // MARK: Blobs

    static func isValidDigest(_ digest: String) -> Bool {
        guard digest.hasPrefix("sha256:") else { return false }
        let hex = digest.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Where a blob lives (whether or not it exists); nil for a digest that is not sha256 + 64 hex.
    func path(of digest: String) -> String? {
        guard Self.isValidDigest(digest) else { return nil }
        let hex = digest.dropFirst(7)
        return "\(blobsDirectory)/\(hex.prefix(2))/\(hex)"
    }

    /// The blob's size, or nil when it is not stored.
    func size(of digest: String) -> Int64? {
        guard let path = path(of: digest) else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Keeps `digests` from the GC until a manifest put that checked them has committed or failed.
    /// Returns the ones that are not stored (nothing is pinned then).
    func pin(_ digests: Set<String>) -> [String] {
        registry.withLockedValue { registry in
            let missing = digests.filter { size(of: $0) == nil }.sorted()
            guard missing.isEmpty else { return missing }
            for digest in digests { registry.pinned[digest, default: 0] += 1 }
            return []
        }
    }

    func unpin(_ digests: Set<String>) {
        registry.withLockedValue { registry in
            for digest in digests {
                let count = (registry.pinned[digest] ?? 1) - 1
                registry.pinned[digest] = count > 0 ? count : nil
            }
        }
    }

    /// Manifests now name these blobs: the grace of a fresh upload no longer applies.
    func claim(_ digests: some Sequence<String>) {
        registry.withLockedValue { registry in
            for digest in digests { registry.unclaimed[digest] = nil }
        }
    }

    /// Deletes every stored blob that `referenced` does not name, except those a push is still using
    /// (pinned, or uploaded less than the grace ago). `referenced` is read under the lock, so it must
    /// reflect every manifest committed before the call. Returns the digests deleted.
    @discardableResult
    func collectGarbage(referenced: () -> Set<String>, now: Date) -> [String] {
        guard !readOnly else { return [] }
        return registry.withLockedValue { registry in
            let referenced = referenced()
            registry.unclaimed = registry.unclaimed.filter { now.timeIntervalSince($0.value) < unreferencedGrace }
            var deleted: [String] = []
            let fileManager = FileManager.default
            for prefix in (try? fileManager.contentsOfDirectory(atPath: blobsDirectory)) ?? [] {
                let directory = blobsDirectory + "/" + prefix
                let names = (try? fileManager.contentsOfDirectory(atPath: directory)) ?? []
                for name in names {
                    let digest = "sha256:" + name
                    let path = directory + "/" + name
                    guard Self.isValidDigest(digest) else {
                        // A stray file (an editor's backup, a half-copied restore) is not a blob.
                        continue
                    }
                    if referenced.contains(digest) || registry.pinned[digest] != nil
                        || registry.unclaimed[digest] != nil
                    {
                        continue
                    }
                    // After a restart the grace is counted from the file's time: a blob written just
                    // before it may still get its manifest.
                    var info = stat()
                    if stat(path, &info) == 0 {
                        let written = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                        if written < startedAt.timeIntervalSince1970,
                            now.timeIntervalSince1970 - written < unreferencedGrace
                        {
                            continue
                        }
                    }
                    if unlink(path) == 0 { deleted.append(digest) }
                }
                rmdir(directory)  // only succeeds when empty
            }
            return deleted
        }
    }

    // MARK: Uploads

    enum UploadError: Error, Equatable {
        case readOnly
        case unknown
        case busy
        /// The chunk does not start where the upload ends; carries the upload's size.
        case outOfOrder(size: Int64)
        case digestMismatch(computed: String)
        case invalidDigest
        case io(String)
    }

    /// Starts an upload for `owner` (account, region and repository: another repository's upload
    /// is unknown to it).
    func startUpload(owner: String, now: Date) throws(UploadError) -> UploadSession {
        guard !readOnly else { throw .readOnly }
        let id = UUID().uuidString.lowercased()
        let path = uploadsDirectory + "/" + id
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot create \(path): \(String(cString: strerror(errno)))") }
        let session = UploadSession(id: id, owner: owner, path: path, descriptor: fd, now: now)
        registry.withLockedValue { $0.sessions[id] = session }
        return session
    }

    func session(_ id: String, owner: String) -> UploadSession? {
        registry.withLockedValue { registry in
            guard let session = registry.sessions[id], session.owner == owner, !session.isClosed else { return nil }
            return session
        }
    }

    /// Drops an upload and its bytes: cancelled, cut off mid-chunk, or stale.
    func abandon(_ session: UploadSession) {
        registry.withLockedValue { $0.sessions[session.id] = nil }
        session.close(removing: true)
    }

    /// Verifies the upload against `expected` (when given), makes it durable and moves it to its
    /// digest. Returns the digest and size, and whether the blob was already stored (then the
    /// upload's copy is dropped). The session is gone afterwards, whatever the outcome.
    func complete(_ session: UploadSession, expected: String?, now: Date) throws(UploadError)
        -> (digest: String, size: Int64, existed: Bool)
    {
        defer { abandon(session) }
        if let expected, !Self.isValidDigest(expected) { throw .invalidDigest }
        let (digest, size) = try session.finish()
        if let expected, expected != digest { throw .digestMismatch(computed: digest) }
        guard let target = path(of: digest) else { throw .io("digest \(digest) has no path") }
        let directory = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
        return try registry.locked { registry throws(UploadError) in
            registry.unclaimed[digest] = now
            if self.size(of: digest) != nil { return (digest, size, true) }
            if mkdir(directory, 0o700) != 0, errno != EEXIST {
                throw .io("cannot create \(directory): \(String(cString: strerror(errno)))")
            }
            guard rename(session.path, target) == 0 else {
                throw .io("cannot move the upload to \(target): \(String(cString: strerror(errno)))")
            }
            // The rename is durable only once the directory holding the new name is.
            let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 {
                fsync(fd)
                Glibc.close(fd)
            }
            return (digest, size, false)
        }
    }

    /// Drops uploads idle for longer than the timeout. Returns how many.
    @discardableResult
    func purgeStaleUploads(now: Date) -> Int {
        let stale = registry.withLockedValue { registry in
            let stale = registry.sessions.values.filter { now.timeIntervalSince($0.lastActivity) > uploadIdleTimeout }
            for session in stale { registry.sessions[session.id] = nil }
            return stale
        }
        for session in stale { session.close(removing: true) }
        return stale.count
    }

    var uploadCount: Int { registry.withLockedValue { $0.sessions.count } }
}

/// One upload: its file, the bytes written so far and their running SHA-256, so completing it
/// never reads the file back.
final class UploadSession: Sendable {
    let id: String
    /// Whose upload it is (account, region, repository).
    let owner: String
    let path: String

    private struct Progress {
        var descriptor: Int32
        var size: Int64 = 0
        var hasher = SHA256()
        var lastActivity: Date
        /// A request is writing to it: a second one at once is refused, not interleaved.
        var busy = false
        var closed = false
    }

    private let progress: NIOLockedValueBox<Progress>

    init(id: String, owner: String, path: String, descriptor: Int32, now: Date) {
        self.id = id
        self.owner = owner
        self.path = path
        progress = NIOLockedValueBox(Progress(descriptor: descriptor, lastActivity: now))
    }

    var size: Int64 { progress.withLockedValue { $0.size } }
    var lastActivity: Date { progress.withLockedValue { $0.lastActivity } }
    var isClosed: Bool { progress.withLockedValue { $0.closed } }

    /// Claims the session for one request. `start`, when the client names it (`Content-Range`,
    /// `partFirstByte`), must be where the upload ends.
    func begin(at start: Int64?, now: Date) throws(BlobStore.UploadError) {
        try progress.locked { progress throws(BlobStore.UploadError) in
            guard !progress.closed else { throw .unknown }
            guard !progress.busy else { throw .busy }
            if let start, start != progress.size { throw .outOfOrder(size: progress.size) }
            progress.busy = true
            progress.lastActivity = now
        }
    }

    func end(now: Date) {
        progress.withLockedValue {
            $0.busy = false
            $0.lastActivity = now
        }
    }

    /// Writes bytes at the end of the upload and adds them to the hash.
    func append(_ bytes: UnsafeRawBufferPointer) throws(BlobStore.UploadError) {
        try progress.locked { progress throws(BlobStore.UploadError) in
            guard !progress.closed else { throw .unknown }
            var offset = 0
            while offset < bytes.count {
                let written = write(progress.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .io("writing the upload failed: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
            progress.hasher.update(bufferPointer: bytes)
            progress.size += Int64(bytes.count)
        }
    }

    /// Flushes the file to disk and closes it: the digest and size of what was written.
    fileprivate func finish() throws(BlobStore.UploadError) -> (digest: String, size: Int64) {
        try progress.locked { progress throws(BlobStore.UploadError) in
            guard !progress.closed else { throw .unknown }
            guard fsync(progress.descriptor) == 0 else {
                throw .io("flushing the upload failed: \(String(cString: strerror(errno)))")
            }
            Glibc.close(progress.descriptor)
            progress.closed = true
            let digest = "sha256:" + progress.hasher.finalize().map { String(format: "%02x", $0) }.joined()
            return (digest, progress.size)
        }
    }

    /// Closes the file if open; with `removing`, deletes it (a renamed blob is no longer at `path`).
    func close(removing: Bool) {
        progress.withLockedValue { progress in
            if !progress.closed {
                Glibc.close(progress.descriptor)
                progress.closed = true
            }
        }
        if removing { unlink(path) }
    }
}

extension NIOLockedValueBox {
    /// `withLockedValue` keeping the body's error type (NIO's rethrows loses it).
    fileprivate func locked<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = withLockedValue { value in
            do throws(E) { return .success(try body(&value)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
