import Foundation
import NetctlDaemon

#if FUZZING
    import CLibFuzzer
#endif

/// The fuzz target over netctld's request path (framing, envelope, params, dispatch, writer, store):
/// every input is one connection's bytes, replayed by `RequestReplay` against an in-memory daemon.
///
/// `make fuzz` builds it with `-sanitize=fuzzer -DFUZZING` and libFuzzer drives it; a broken promise
/// aborts, which libFuzzer records as a crash. Built normally it replays the files (or directories of
/// files) it is given, prints what netctld answered, and exits 1 if any promise was broken:
/// `netctl-fuzz Tests/Fuzz/corpus/methods/vpc.create`.
@main
struct NetctlFuzz {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
        #else
            exit(replayFiles(Array(CommandLine.arguments.dropFirst())))
        #endif
    }

    static func replayFiles(_ arguments: [String]) -> Int32 {
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: netctl-fuzz FILE|DIRECTORY...\n".utf8))
            return 2
        }
        var failed = false
        for path in arguments.flatMap(files) {
            guard let input = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot be read")
                failed = true
                continue
            }
            let report = RequestReplay().replayBlocking(Array(input))
            print("\(path): \(report.responses.count) responses, \(report.violations.count) violations")
            for response in report.responses { print("  " + String(decoding: response.dropLast(), as: UTF8.self)) }
            for violation in report.violations { print("  VIOLATION: \(violation)") }
            failed = failed || !report.violations.isEmpty
        }
        return failed ? 1 : 0
    }

    /// A file, or the files under a directory (recursively, as libFuzzer reads a corpus) in name order.
    static func files(_ path: String) -> [String] {
        func isDirectory(_ path: String) -> Bool {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
        }
        guard isDirectory(path) else { return [path] }
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        return names.sorted().map { "\(directory)/\($0)" }.filter { !isDirectory($0) }
    }
}

#if FUZZING
    /// libFuzzer's callback. Also exported under the name libFuzzer's own main (linked, unused) refers to.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let report = RequestReplay().replayBlocking(input)
        guard report.violations.isEmpty else {
            FileHandle.standardError.write(Data(report.violations.map { "VIOLATION: \($0)\n" }.joined().utf8))
            abort()
        }
        return 0
    }
#endif
