import Foundation
import Testing

/// `make install-files` and `make uninstall` into a temporary DESTDIR, with the binaries this test run
/// built. install-files never runs swift (this process runs inside `swift test`, which holds .build's
/// lock), so `make install` = `make build` + this.
@Suite("make install-files and uninstall", .enabled(if: Make.path != nil, "make is not installed; skipping the install tests"))
struct InstallTests {
    /// What install-files puts under DESTDIR for PREFIX=/usr, with its mode.
    static let expected: [(path: String, mode: Int)] = [
        ("usr/bin/netctld", 0o755),
        ("usr/bin/netctl", 0o755),
        ("usr/share/man/man1/netctl.1", 0o644),
        ("usr/share/man/man5/netctld.yaml.5", 0o644),
        ("usr/share/man/man8/netctld.8", 0o644),
        ("etc/netctld/netctld.yaml.example", 0o644),
        ("etc/netctld/netctld.yaml", 0o644),
        ("lib/systemd/system/netctld.service", 0o644),
        ("lib/systemd/system/netctld.socket", 0o644),
        ("usr/lib/sysusers.d/netctl.conf", 0o644),
        ("usr/share/bash-completion/completions/netctl", 0o644),
        ("usr/share/zsh/site-functions/_netctl", 0o644),
        ("usr/share/fish/vendor_completions.d/netctl.fish", 0o644),
    ]

    /// Files copied verbatim from the source tree: installed path, source path.
    static let copies: [(installed: String, source: String)] = [
        ("usr/share/man/man1/netctl.1", "man/netctl.1"),
        ("usr/share/man/man5/netctld.yaml.5", "man/netctld.yaml.5"),
        ("usr/share/man/man8/netctld.8", "man/netctld.8"),
        ("etc/netctld/netctld.yaml.example", "etc/netctld.yaml"),
        ("etc/netctld/netctld.yaml", "etc/netctld.yaml"),
        ("lib/systemd/system/netctld.socket", "systemd/netctld.socket"),
        ("usr/lib/sysusers.d/netctl.conf", "systemd/netctl.sysusers.conf"),
    ]

    @Test("install-files puts every file in place with its mode, the unit rewritten for PREFIX")
    func layout() throws {
        let tree = try TemporaryDirectory()
        let result = try Make.run("install-files", destination: tree.path)
        #expect(result.status == 0, "make install-files failed:\n\(result.output)")
        let installed = Set(try Make.regularFiles(under: tree.path))
        let missing = Set(Self.expected.map(\.path)).subtracting(installed).sorted()
        let unexpected = installed.subtracting(Self.expected.map(\.path)).sorted()
        #expect(missing.isEmpty, "install-files did not install \(missing)")
        #expect(unexpected.isEmpty, "install-files installed files nobody expects (a leftover .tmp?): \(unexpected)")
        for (path, mode) in Self.expected {
            let attributes = try FileManager.default.attributesOfItem(atPath: tree.path + "/" + path)
            let actual = (attributes[.posixPermissions] as? Int ?? -1) & 0o7777
            #expect(actual == mode, "\(path) has mode \(String(actual, radix: 8)), expected \(String(mode, radix: 8))")
        }
        for (installed, source) in Self.copies {
            #expect(
                FileManager.default.contentsEqual(atPath: tree.path + "/" + installed, andPath: Make.repositoryRoot + "/" + source),
                "\(installed) differs from \(source)")
        }
        for binary in ["netctld", "netctl"] {
            #expect(
                FileManager.default.contentsEqual(
                    atPath: tree.path + "/usr/bin/" + binary, andPath: Binaries.directory.appendingPathComponent(binary).path),
                "usr/bin/\(binary) is not the built binary")
        }

        let unit = try String(contentsOfFile: tree.path + "/lib/systemd/system/netctld.service", encoding: .utf8)
        let execStart = unit.split(separator: "\n").filter { $0.hasPrefix("ExecStart=") }
        #expect(execStart == ["ExecStart=/usr/bin/netctld"], "the unit's ExecStart should point into PREFIX: \(execStart)")
        #expect(!unit.contains("/usr/local/bin"), "netctld.service still names /usr/local/bin")
    }

    @Test("the completion scripts come from the built netctl and know its subcommands")
    func completions() throws {
        let tree = try TemporaryDirectory()
        let result = try Make.run("install-files", destination: tree.path)
        #expect(result.status == 0, "make install-files failed:\n\(result.output)")
        let scripts = [
            "bash": "usr/share/bash-completion/completions/netctl",
            "zsh": "usr/share/zsh/site-functions/_netctl",
            "fish": "usr/share/fish/vendor_completions.d/netctl.fish",
        ]
        var texts: [String: String] = [:]
        for (shell, path) in scripts {
            let text = (try? String(contentsOfFile: tree.path + "/" + path, encoding: .utf8)) ?? ""
            texts[shell] = text
            #expect(!text.isEmpty, "the \(shell) completion script is empty or missing")
            // Comparisons on Bools, so that a failure does not print a whole script.
            for word in ["peer", "mesh", "route-table", "account-id"] {
                let mentioned = text.contains(word)
                #expect(mentioned, "the \(shell) completion script does not mention \(word)")
            }
        }
        let zshAutoloads = texts["zsh", default: ""].hasPrefix("#compdef netctl")
        #expect(zshAutoloads, "zsh only autoloads a site function that starts with #compdef netctl")
        let fishRegisters = texts["fish", default: ""].contains("complete -c 'netctl'")
        #expect(fishRegisters, "the fish script should register completions for the netctl command")

        // The bash script really completes: `netctl pe<TAB>` offers peer, `netctl peer <TAB>` its verbs.
        #expect(try Self.bashComplete(script: tree.path + "/" + scripts["bash"]!, words: ["netctl", "pe"]) == ["peer"])
        let verbs = try Self.bashComplete(script: tree.path + "/" + scripts["bash"]!, words: ["netctl", "peer", ""])
        #expect(Set(["create", "accept", "mesh", "delete"]).isSubset(of: Set(verbs)), "netctl peer <TAB> offered \(verbs)")
    }

    @Test("a second install keeps an edited netctld.yaml; uninstall removes the rest and keeps that edit")
    func existingConfiguration() throws {
        let tree = try TemporaryDirectory()
        #expect(try Make.run("install-files", destination: tree.path).status == 0)
        let configuration = tree.path + "/etc/netctld/netctld.yaml"
        let edited = "# edited by the administrator\nregion: eu-west-1\n"
        try edited.write(toFile: configuration, atomically: true, encoding: .utf8)

        let again = try Make.run("install-files", destination: tree.path)
        #expect(again.status == 0, "the second make install-files failed:\n\(again.output)")
        #expect(try String(contentsOfFile: configuration, encoding: .utf8) == edited, "install overwrote netctld.yaml")
        #expect(
            FileManager.default.contentsEqual(
                atPath: tree.path + "/etc/netctld/netctld.yaml.example", andPath: Make.repositoryRoot + "/etc/netctld.yaml"),
            "the example should still be refreshed")

        let uninstall = try Make.run("uninstall", destination: tree.path)
        #expect(uninstall.status == 0, "make uninstall failed:\n\(uninstall.output)")
        #expect(
            try Make.regularFiles(under: tree.path) == ["etc/netctld/netctld.yaml"],
            "uninstall should remove everything but the edited configuration")
        #expect(try String(contentsOfFile: configuration, encoding: .utf8) == edited)
        #expect(uninstall.output.contains("keeping"), "uninstall should say it kept the edited file:\n\(uninstall.output)")
    }

    @Test("uninstall after a fresh install leaves no file behind, an unedited netctld.yaml included")
    func uninstallEverything() throws {
        let tree = try TemporaryDirectory()
        #expect(try Make.run("install-files", destination: tree.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: tree.path + "/etc/netctld/netctld.yaml"))
        let uninstall = try Make.run("uninstall", destination: tree.path)
        #expect(uninstall.status == 0, "make uninstall failed:\n\(uninstall.output)")
        #expect(try Make.regularFiles(under: tree.path) == [], "uninstall left files behind")
    }

    @Test("install-files refuses a BIN_DIR without the binaries instead of building")
    func missingBinaries() throws {
        let tree = try TemporaryDirectory()
        let empty = try TemporaryDirectory()
        let result = try Make.run("install-files", destination: tree.path, binDirectory: empty.path)
        #expect(result.status != 0)
        #expect(result.output.contains("BIN_DIR"), "the failure should say what to pass:\n\(result.output)")
        #expect(try Make.regularFiles(under: tree.path) == [])
    }

    /// Sources the bash completion script and asks it to complete `words` (the last is the word
    /// being typed), as bash does on TAB; returns the offered words.
    static func bashComplete(script: String, words: [String]) throws -> [String] {
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let program = """
            source '\(script)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _netctl netctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        var environment = ProcessInfo.processInfo.environment
        // The script runs `netctl` for some completions: the one just built.
        environment["PATH"] = Binaries.directory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let result = try Make.capture("/bin/bash", ["-c", program], environment: environment)
        #expect(result.status == 0, "bash failed:\n\(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }
}

/// Runs the repository's Makefile.
enum Make {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { $0 + "/make" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// `make -C ROOT TARGET DESTDIR=destination PREFIX=/usr BIN_DIR=binDirectory`.
    static func run(_ target: String, destination: String, binDirectory: String = Binaries.directory.path) throws -> (
        status: Int32, output: String
    ) {
        var environment = ProcessInfo.processInfo.environment
        // Under `make test` this process inherits the outer make's flags and command-line variables.
        for name in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "DESTDIR", "PREFIX", "BIN_DIR"] {
            environment[name] = nil
        }
        return try capture(
            path ?? "make",
            ["-C", repositoryRoot, target, "DESTDIR=\(destination)", "PREFIX=/usr", "BIN_DIR=\(binDirectory)"],
            environment: environment)
    }

    /// Runs a program with stdout and stderr in one pipe, read to the end before waiting.
    static func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Every regular file below `root`, as a sorted list of relative paths.
    static func regularFiles(under root: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + path)
            return attributes[.type] as? FileAttributeType == .typeRegular
        }.sorted()
    }
}
