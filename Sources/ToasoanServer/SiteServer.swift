import FlyingFox
public import Foundation
import Glibc

/// Serves the output folder over HTTP on 127.0.0.1 only, under the site's base path, as a
/// static host would: `/a/` is `a/index.html`, anything else is the site's 404 page with
/// status 404. Only files inside the output folder are sent: a path with `..` or a link
/// leading out of the folder is not found. HTML pages get the live-reload script.
public final class SiteServer: Sendable {
    private let outputFolder: String
    private let basePath: String
    private let status: BuildStatus
    private let server: HTTPServer

    /// `port` 0 takes any free port (see `port`).
    public init(outputFolder: URL, basePath: String, status: BuildStatus, port: UInt16) {
        self.outputFolder = outputFolder.standardizedFileURL.path
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
        self.status = status
        // 127.0.0.1 itself (FlyingFox's `.loopback` is IPv6's ::1).
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        server = HTTPServer(address: address, timeout: 30, logger: .disabled)
    }

    /// Listens until `stop()`; returns once listening has ended.
    public func run() async throws {
        await server.appendRoute("*") { [self] request in await self.respond(to: request) }
        try await server.run()
    }

    public func waitUntilListening() async throws {
        try await server.waitUntilListening(timeout: 10)
    }

    /// The address it listens on: `127.0.0.1` and the port.
    public var address: (host: String, port: UInt16)? {
        get async {
            guard case .ip4(let host, let port) = await server.listeningAddress else { return nil }
            return (host, port)
        }
    }

    public func stop() async {
        await server.stop(timeout: 1)
    }

    // MARK: - Answering

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Chỉ GET và HEAD\n".utf8))
        }
        // As sent, percent-decoded but not tidied: FlyingFox's `path` drops a trailing "/".
        let path = request.target.path(percentEncoded: false)
        if path == LiveReload.statusPath {
            let since = request.query.first { $0.name == "since" }.flatMap { Int($0.value) } ?? -1
            let snapshot = await status.wait(since: since, timeout: .seconds(20))
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8", .init("Cache-Control"): "no-store"],
                body: LiveReload.json(snapshot))
        }
        if basePath != "/", path == "/" || path + "/" == basePath {
            return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: basePath]))
        }
        switch file(for: path) {
        case .file(let file):
            return await send(file, status: .ok, head: request.method == .HEAD)
        case .folderWithoutSlash:
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: path + "/"]))
        case .missing:
            if let notFound = file(named: "404.html") {
                return await send(notFound, status: .notFound, head: request.method == .HEAD)
            }
            // No site yet (the first build failed): a bare page, so the browser can show why.
            let page = Data("<!DOCTYPE html>\n<html lang=\"vi\"><meta charset=\"utf-8\"><title>404</title><body><p>Không có trang này.</p></body></html>\n".utf8)
            let script = LiveReload.script(generation: await status.snapshot.generation)
            return HTTPResponse(
                statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .init("Cache-Control"): "no-store"],
                body: LiveReload.inject(script, into: page))
        }
    }

    enum Lookup: Equatable {
        case file(String)
        case folderWithoutSlash
        case missing
    }

    /// The file a request path names inside the output folder, checked to stay inside it.
    func file(for path: String) -> Lookup {
        guard path.hasPrefix(basePath) || path + "/" == basePath else { return .missing }
        var relative = String(path.dropFirst(min(basePath.count, path.count)))
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) || relative.contains("\0") || relative.contains("\\") {
            return .missing
        }
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        let candidate = outputFolder + "/" + relative
        var info = stat()
        guard stat(candidate, &info) == 0 else { return .missing }
        if info.st_mode & S_IFMT == S_IFDIR {
            return file(named: relative + "/index.html") == nil ? .missing : .folderWithoutSlash
        }
        return file(named: relative).map(Lookup.file) ?? .missing
    }

    /// `relative` inside the output folder when it is a regular file there, links resolved.
    private func file(named relative: String) -> String? {
        let candidate = outputFolder + "/" + relative
        guard let resolved = realpath(candidate, nil), let root = realpath(outputFolder, nil) else { return nil }
        defer {
            free(resolved)
            free(root)
        }
        let resolvedPath = String(cString: resolved)
        var info = stat()
        guard resolvedPath.hasPrefix(String(cString: root) + "/"), stat(resolvedPath, &info) == 0,
            info.st_mode & S_IFMT == S_IFREG
        else { return nil }
        return resolvedPath
    }

    private func send(_ file: String, status code: HTTPStatusCode, head: Bool) async -> HTTPResponse {
        guard var body = FileManager.default.contents(atPath: file) else {
            return HTTPResponse(statusCode: .notFound)
        }
        let type = Self.contentType(of: file)
        if type.hasPrefix("text/html") {
            body = LiveReload.inject(LiveReload.script(generation: await status.snapshot.generation), into: body)
        }
        var headers: HTTPHeaders = [.contentType: type, .init("Cache-Control"): "no-store"]
        if head {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: code, headers: headers)
        }
        return HTTPResponse(statusCode: code, headers: headers, body: body)
    }

    /// The media type of a file by its extension; text in UTF-8.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "xml": path.hasSuffix("feed.xml") ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "avif": "image/avif"
        case "ico": "image/x-icon"
        case "pdf": "application/pdf"
        case "mp4": "video/mp4"
        case "webm": "video/webm"
        case "mp3": "audio/mpeg"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        default: "application/octet-stream"
        }
    }
}
