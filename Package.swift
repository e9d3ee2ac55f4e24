// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "toasoan",
    products: [
        .executable(name: "toasoan", targets: ["toasoan"]),
        .library(name: "ToasoanKit", targets: ["ToasoanKit"]),
        .library(name: "ToasoanServer", targets: ["ToasoanServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Pages are rendered from swift-mustache's internal parse tree (`TemplateNode`), with
        // its rules; a new minor version is taken only after `CompiledTemplatesTests` pass on it.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", .upToNextMinor(from: "2.1.1")),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // The C CommonMark library from Debian (libcmark-dev). Only Markdown/MarkdownRenderer.swift imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The YAML parser from Debian (libyaml-dev): front matter, site.yml and issue files are
        // read from its events (Loading/YAMLNode.swift), without Yams' slower Swift layer over it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Linux calls Foundation does not expose (renameat2 for the atomic Output/ swap), and the
        // per-thread arena cmark allocates in (MarkdownArena.c).
        .target(name: "CSystemShims"),
        .target(
            name: "ToasoanKit",
            dependencies: [
                "CCmark",
                "CSystemShims",
                "CYAML",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // `toasoan serve`: the output folder over HTTP on loopback, rebuilt on every change.
        .target(
            name: "ToasoanServer",
            dependencies: [
                "ToasoanKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "toasoan",
            dependencies: [
                "ToasoanKit",
                "ToasoanServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // TCMalloc (Debian's libtcmalloc-minimal4) replaces the C library's malloc: a build
            // allocates millions of small blocks on every core (see README, Performance).
            linkerSettings: [.linkedLibrary(":libtcmalloc_minimal.so.4", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "ToasoanKitTests",
            dependencies: ["ToasoanKit", "ToasoanServer", "toasoan"],
            swiftSettings: swiftSettings
        ),
    ]
)
