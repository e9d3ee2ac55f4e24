import Foundation

/// A new empty folder under the system's temporary folder, named `toasoan-{purpose}-{UUID}`;
/// the test removes it.
func makeTemporaryFolder(_ purpose: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toasoan-\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
