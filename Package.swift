// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "netctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "netctld", targets: ["netctld"]),
        .executable(name: "netctl", targets: ["netctl"]),
        .library(name: "NetctlClient", targets: ["NetctlClient"]),
        .library(name: "NetctlAPI", targets: ["NetctlAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(
            url: "https://github.com/apple/swift-configuration", from: "1.4.0",
            traits: [.defaults, "YAML", "Reloading", "CommandLineArguments"]),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]),
        // libFuzzer's driver, for netctl-fuzz built by `make fuzz` (-sanitize=fuzzer links libFuzzer).
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "NetctlAPI", swiftSettings: strict),
        .target(
            name: "NetctlCore",
            dependencies: [
                "NetctlAPI", .product(name: "HashTreeCollections", package: "swift-collections"),
                // SHA-256 for ECR image digests.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // AWS's wire protocols (SigV4, EC2 Query, STS) over netctl's typed requests: no I/O, no state.
        .target(
            name: "NetctlAWS",
            dependencies: ["NetctlAPI", "NetctlCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "NetctlDaemon",
            dependencies: [
                "NetctlAPI", "NetctlCore", "NetctlAWS", "CSystemd",
                // The AWS endpoint's HTTP/1.1 server.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The registry's digests and token HMACs.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                // ByteBuffer to Data without a copy, for the JSON decoder.
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                // NIOLockedValueBox rather than Synchronization.Mutex for state shared between threads:
                // on Linux a contended Mutex is handed from thread to thread inside the kernel
                // (FUTEX_LOCK_PI), where ThreadSanitizer cannot see it, so `make sanitize` reported
                // races on state that was locked. NIOLock is a pthread mutex, which ThreadSanitizer
                // follows.
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        .target(
            name: "NetctlClient",
            dependencies: [
                "NetctlAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "netctld",
            dependencies: [
                "NetctlDaemon", "NetctlAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "netctl",
            dependencies: [
                "NetctlAPI", "NetctlClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "netctl-bench",
            dependencies: [
                "NetctlAPI", "NetctlClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                // Pipelined reads write JSON-RPC lines on a channel of their own.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                // The AWS-endpoint workloads: HTTP/1.1 client codecs, and HMAC-SHA256 for SigV4.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "netctl-fuzz", dependencies: ["NetctlDaemon", "CLibFuzzer"], swiftSettings: strict),
        .testTarget(
            name: "NetctlCoreTests",
            dependencies: [
                "NetctlCore", "NetctlAPI",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(name: "NetctlAPITests", dependencies: ["NetctlAPI"], swiftSettings: strict),
        // The bench's SigV4 signer against AWS's and botocore's signatures and netctld's own verifier,
        // and how its AWS rows read.
        .testTarget(
            name: "NetctlBenchTests",
            dependencies: [
                "netctl-bench", "NetctlAWS", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "NetctlAWSTests",
            dependencies: [
                "NetctlAWS", "NetctlAPI", "NetctlCore", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "NetctlDaemonTests",
            dependencies: [
                "NetctlDaemon", "NetctlCore", "NetctlAPI",
                // netctld's command, so netctld(8) can be checked against its flags.
                "netctld", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The hand-written row readers are checked against JSONDecoder on random rows.
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "IntegrationTests",
            // The executables are dependencies so `swift test` builds the binaries these tests run.
            dependencies: [
                "NetctlClient", "NetctlAPI", "netctld", "netctl",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "netctlTests",
            dependencies: ["netctl", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
    ]
)
