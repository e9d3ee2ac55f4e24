import Foundation

/// The script `toasoan serve` adds to every HTML page it sends (never to the files in the
/// output folder): it asks the server for the build status, reloads the page after a
/// rebuild, and shows the diagnostics of a failed build over the page until it is fixed.
enum LiveReload {
    static let statusPath = "/__toasoan/status"

    /// The script for a page sent while `generation` was the latest build.
    static func script(generation: Int) -> String {
        """
        <script data-toasoan-live-reload>
        (function () {
          var shown = \(generation), box = null;
          function overlay(lines) {
            if (!box) {
              box = document.createElement("div");
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 monospace;padding:2rem;white-space:pre-wrap";
              document.body.appendChild(box);
            }
            box.textContent = "toasoan: the last build failed; the page shows the last good build.\\n\\n" + lines.join("\\n");
          }
          function clear() { if (box) { box.remove(); box = null; } }
          function ask(since) {
            fetch("\(statusPath)?since=" + since, { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (status) {
                if (status.errors.length > 0) { overlay(status.errors); }
                else if (status.generation !== shown) { location.reload(); return; }
                else { clear(); }
                ask(status.generation);
              })
              .catch(function () { setTimeout(function () { ask(since); }, 1000); });
          }
          ask(-1);
        })();
        </script>

        """
    }

    /// `html` with `script` before its last `</body>` (or at its end).
    static func inject(_ script: String, into html: Data) -> Data {
        let marker = Data("</body>".utf8)
        guard let range = html.range(of: marker, options: .backwards) else { return html + Data(script.utf8) }
        var result = html
        result.insert(contentsOf: Data(script.utf8), at: range.lowerBound)
        return result
    }

    /// The status as JSON: `{"generation":3,"errors":["…"]}`.
    static func json(_ snapshot: BuildStatus.Snapshot) -> Data {
        let object: [String: Any] = ["generation": snapshot.generation, "errors": snapshot.errors]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    }
}
